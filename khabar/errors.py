"""Errors the library raises; only the CLI turns them into messages and exit codes."""
from __future__ import annotations

import errno


class KhabarError(Exception):
    """A problem with the user's input or request, described in plain words."""

    exit_code = 2  # the CLI's exit status for it


class OutputError(KhabarError):
    """An output file could not be written (the disk is full, a file size limit or quota was
    reached); the file it was to replace is left as it was."""

    exit_code = 3


class InputError(KhabarError):
    """An input cannot be read at all (missing, unreadable, unknown kind)."""


class FormatError(KhabarError):
    """An unknown or unsuitable RDF format."""


class ValidationFailed(KhabarError):
    """A graph does not conform to the shapes."""


NO_ROOM = {errno.ENOSPC, errno.EFBIG, errno.EDQUOT}  # disk full, file size limit (ulimit -f), quota


def no_room(exc: BaseException, what: str) -> OutputError | None:
    """The OutputError to raise for `exc` when it says there is no room to write `what`, else None."""
    if isinstance(exc, OSError) and exc.errno in NO_ROOM:
        return OutputError(f"cannot write {what}: {exc.strerror} (disk full, or a file size limit or quota "
                           "reached)")
    return None
