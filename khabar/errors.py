"""Errors the library raises; only the CLI turns them into messages and exit codes."""
from __future__ import annotations


class KhabarError(Exception):
    """A problem with the user's input or request, described in plain words."""


class InputError(KhabarError):
    """An input cannot be read at all (missing, unreadable, unknown kind)."""


class FormatError(KhabarError):
    """An unknown or unsuitable RDF format."""


class ValidationFailed(KhabarError):
    """A graph does not conform to the shapes."""
