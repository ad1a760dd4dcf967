"""The one error the serve layers raise for a request they will not answer: an HTTP status and a message."""
from __future__ import annotations


class Refused(Exception):
    """A request the endpoint will not run; carries the HTTP status (and headers such as Retry-After)."""

    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}
