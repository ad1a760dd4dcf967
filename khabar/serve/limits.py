"""What one query and one client may take, independent of the HTTP layer (so another server can reuse it).

- `limit_address_space(mb)`: run in a query worker once its store is open; from then on the worker
  may map at most `mb` MB more memory, so a query that builds a huge value fails alone (RLIMIT_AS).
- `resident_mib(pid)`: a process's resident memory, to replace a worker that kept what a large
  answer made it allocate.
- `Admission`: the queries running at once, by client address: each address runs at most
  `per_client` queries and waits with at most `per_client` more (429 with Retry-After beyond that);
  the others wait their turn, oldest first, in a queue of at most `queue` (503 with Retry-After when it
  is full or the wait passes `wait` seconds). A client looping heavy queries holds one worker, not all.
  `spare` of the slots are kept for light clients: those that used under LIGHT_SECONDS of query time
  lately (it decays by half every HALF_LIFE seconds), so a plain query stays fast while heavy ones
  from other clients fill the rest.
"""
from __future__ import annotations

import math
import resource
import threading
import time
from collections import Counter
from contextlib import contextmanager
from itertools import count
from pathlib import Path

from khabar.serve.errors import Refused

LIGHT_SECONDS = 1.0  # query time a client may have used lately and still take a spare slot
HALF_LIFE = 30.0     # seconds over which what a client used counts half


def _status_kib(pid: int | str, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise OSError(f"no {field} for process {pid}")


def limit_address_space(mb: int) -> int:
    """Let this process map at most `mb` MB beyond what it maps now; returns the limit in bytes."""
    limit = _status_kib("self", "VmSize") * 1024 + mb * (1 << 20)
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    return limit


def resident_mib(pid: int) -> float:
    """Resident memory of a process in MiB (0 when it is gone)."""
    try:
        return _status_kib(pid, "VmRSS") / 1024
    except OSError:
        return 0.0


class Admission:
    """Slots for queries (one per worker), shared fairly between client addresses."""

    def __init__(self, slots: int, per_client: int = 1, queue: int = 32, wait: float = 10.0, spare: int = 1):
        self.slots, self.per_client, self.queue, self.wait = slots, per_client, queue, wait
        self.spare = min(spare, slots - 1)
        self._used: dict[str, tuple[float, float]] = {}  # client -> (seconds used, when), decaying
        self.retry_after = str(max(1, math.ceil(wait)))
        self._cond = threading.Condition()
        self._running: Counter[str] = Counter()
        self._waiting: list[tuple[int, str]] = []  # (ticket, client), oldest first
        self._tickets = count()
        self._closed = False

    def _busy(self, message: str, status: int = 503) -> Refused:
        return Refused(status, message, {"Retry-After": self.retry_after})

    def used(self, client: str, now: float | None = None) -> float:
        """Seconds of query time `client` used lately (halved every HALF_LIFE seconds)."""
        seconds, when = self._used.get(client, (0.0, 0.0))
        now = time.monotonic() if now is None else now
        return seconds * 0.5 ** ((now - when) / HALF_LIFE)

    def _next(self) -> tuple[int, str] | None:
        """The oldest waiting entry whose client may run one more query now: a slot is free, and it is
        not a spare one unless the client is light."""
        running = sum(self._running.values())
        if running >= self.slots:
            return None
        spare_only = running >= self.slots - self.spare
        now = time.monotonic()
        return next((entry for entry in self._waiting if self._running[entry[1]] < self.per_client
                     and (not spare_only or self.used(entry[1], now) < LIGHT_SECONDS)), None)

    @contextmanager
    def slot(self, client: str):
        """Hold a slot for `client` while the block runs, which is told whether the client is light (used
        under LIGHT_SECONDS of query time lately); Refused (429/503, Retry-After) when no slot comes."""
        with self._cond:
            if self._closed:
                raise self._busy("the server is stopping")
            mine = sum(1 for _, c in self._waiting if c == client)
            if self._running[client] >= self.per_client and mine >= self.per_client:
                raise self._busy(f"too many queries from {client} at once (at most {self.per_client} running and "
                                 f"{self.per_client} waiting); wait for an answer before sending more", 429)
            if len(self._waiting) >= self.queue:
                raise self._busy(f"the endpoint is busy ({self.queue} queries waiting); try again later")
            entry = (next(self._tickets), client)
            self._waiting.append(entry)
            deadline = time.monotonic() + self.wait
            try:
                while self._next() != entry:
                    if self._closed:
                        raise self._busy("the server is stopping")
                    left = deadline - time.monotonic()
                    if left <= 0:
                        raise self._busy(f"the endpoint is busy: no query worker was free within {self.wait:g} s; "
                                         "try again later")
                    self._cond.wait(left)
            finally:
                self._waiting.remove(entry)
                self._cond.notify_all()
            self._running[client] += 1
        started = time.monotonic()
        try:
            yield self.used(client, started) < LIGHT_SECONDS
        finally:
            with self._cond:
                self._running[client] -= 1
                if not self._running[client]:
                    del self._running[client]
                now = time.monotonic()
                self._used[client] = (self.used(client, now) + now - started, now)
                if len(self._used) > 10000:  # forget the lightest
                    for name in sorted(self._used, key=lambda c: self.used(c, now))[:5000]:
                        del self._used[name]
                self._cond.notify_all()

    def close(self) -> None:
        """Turn away (503) the queries still waiting and any that come: the server is stopping."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
