"""What the App answers, free of any web framework: a status, a body, its media type, headers and the
Content-Security-Policy it needs (khabar.serve.asgi sends it, with the other security headers)."""
from __future__ import annotations

from dataclasses import dataclass, field

CSP = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'self'; " \
      "frame-ancestors 'none'"
CSP_INLINE_STYLES = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'none'; " \
                    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
# the static report (khabar report) runs its own filter script, from the same origin only
CSP_REPORT = "default-src 'self'; script-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " \
             "form-action 'self'; frame-ancestors 'none'"


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str
    headers: dict = field(default_factory=dict)
    csp: str = CSP

    @classmethod
    def text(cls, status: int, message: str) -> "Response":
        return cls(status, message.encode("utf-8"), "text/plain; charset=utf-8")

    @classmethod
    def html(cls, body: bytes, status: int = 200, vary: bool = False, inline_styles: bool = False) -> "Response":
        return cls(status, body, "text/html; charset=utf-8", {"Vary": "Accept"} if vary else {},
                   CSP_INLINE_STYLES if inline_styles else CSP)
