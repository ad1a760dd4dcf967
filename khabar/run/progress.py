"""A progress line on a terminal: articles done (of the total when known), rate, failures, ETA."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, enabled: bool, total: int | None = None, every: float = 0.5):
        self.enabled = enabled and sys.stderr.isatty()
        self.total, self.every = total, every
        self.start = self.last = time.monotonic()
        self.done = self.failed = 0

    def update(self, failed: bool = False) -> None:
        self.done += 1
        self.failed += failed
        now = time.monotonic()
        if self.enabled and now - self.last >= self.every:
            self.last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.start, 1e-9)
        of = f"/{self.total}" if self.total else ""
        eta = f", ETA {int((self.total - self.done) / rate)} s" if self.total and rate else ""
        sys.stderr.write(f"\r{self.done}{of} articles, {rate:,.0f}/s, {self.failed} failed{eta}   ")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 78 + "\r")
            sys.stderr.flush()
