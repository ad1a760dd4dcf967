"""A time budget for one article, so that no article can stall a run.

In the main thread of a process (the CLI's serial run, and each `--jobs` worker, whose tasks run in
its main thread) the budget is an interval timer: SIGALRM interrupts the work wherever Python code
runs, at the cost of two system calls an article. A single call into C that does not return (one
regular expression search, say) is interrupted only when it returns. In other threads (a Dask
worker's, a library caller's) there are no signals: the budget is checked between the stages of
the work (`Deadline.check`), so a stage that runs long is stopped only after it.
"""
from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class ArticleTimeout(Exception):
    """Mapping one article took longer than its time budget."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"mapping took longer than the time budget of {seconds:g} s for one article")
        self.seconds = seconds


class _Ring(BaseException):
    """Raised by the timer in the middle of the work: a BaseException, so that no `except Exception`
    in the work swallows it; `within` turns it into ArticleTimeout."""


class Deadline:
    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self.ends = time.monotonic() + seconds if seconds else None

    def check(self) -> None:
        """Raise ArticleTimeout when the budget is spent (between stages, where there is no timer)."""
        if self.ends is not None and time.monotonic() > self.ends:
            raise ArticleTimeout(self.seconds)


@contextmanager
def within(seconds: float | None) -> Iterator[Deadline]:
    """Run the block within `seconds` (None: no limit); past them, ArticleTimeout is raised."""
    deadline = Deadline(seconds)
    if not seconds or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield deadline
        return
    armed = [True]

    def ring(signum, frame):
        if armed[0]:  # not once the block is over (a signal may be handled a little late)
            raise _Ring

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield deadline
    except _Ring:
        raise ArticleTimeout(seconds) from None
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
