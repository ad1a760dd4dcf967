"""Queries run in worker processes with a deadline: a query still running at its deadline has its
worker killed and replaced, so a cartesian product cannot hold the server (or a CPU) for long.

A worker is `python -m khabar.serve.worker_process SOURCE LIMIT`: it opens the source itself (a store
folder read-only, or a graph file loaded in memory) and answers jobs framed on stdin/stdout.
"""
from __future__ import annotations

import os
import pickle
import queue
import select
import struct
import subprocess
import sys
import threading
import time

from khabar.serve.sparql import Job, Outcome, Refused

_HEADER = struct.Struct(">Q")


def _write(stream, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _read_exact(fd: int, size: int, deadline: float | None) -> bytes | None:
    """`size` bytes from fd; None at the deadline; EOFError if the other side closed."""
    chunks, got = [], 0
    while got < size:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return None
        chunk = os.read(fd, min(size - got, 1 << 20))
        if not chunk:
            raise EOFError("the worker closed its output")
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


class _Worker:
    def __init__(self, source: str, limit: int):
        self.process = subprocess.Popen([sys.executable, "-m", "khabar.serve.worker_process", source, str(limit)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.ready = False

    def send(self, job: Job) -> None:
        _write(self.process.stdin, job)

    def receive(self, deadline: float | None):
        """The next message, or None at the deadline."""
        header = _read_exact(self.process.stdout.fileno(), _HEADER.size, deadline)
        if header is None:
            return None
        body = _read_exact(self.process.stdout.fileno(), _HEADER.unpack(header)[0], None)
        return pickle.loads(body)

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5)
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass


class WorkerPool:
    """`size` worker processes; `run(job, timeout)` answers or raises Refused (503 on time-out or when busy)."""

    def __init__(self, source: str, size: int = 2, limit: int = 10000):
        self.source, self.limit = source, limit
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self.source, self.limit)
        with self._lock:
            self._all.add(worker)
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._all.discard(worker)
            if self._closed:
                return
        self._idle.put(self._spawn())

    def wait_ready(self, timeout: float = 60) -> None:
        """Block until every idle worker has opened the source; Refused(500) if one could not."""
        deadline = time.monotonic() + timeout
        workers = []
        while True:
            try:
                workers.append(self._idle.get_nowait())
            except queue.Empty:
                break
        try:
            for w in workers:
                if not self._ready(w, deadline):
                    raise Refused(500, "a query worker could not open the source")
        finally:
            for w in workers:
                self._idle.put(w)

    @staticmethod
    def _ready(worker: _Worker, deadline: float) -> bool:
        if not worker.ready:
            try:
                worker.ready = worker.receive(deadline) == "ready"
            except (EOFError, OSError, pickle.UnpicklingError):
                pass
        return worker.ready

    def run(self, job: Job, timeout: float) -> Outcome:
        deadline = time.monotonic() + timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            raise Refused(503, f"all query workers are busy; try again later (time-out {timeout:g} s)") from None
        try:
            outcome = None
            if self._ready(worker, deadline):
                worker.send(job)
                outcome = worker.receive(deadline)
        except (EOFError, OSError, pickle.UnpicklingError):
            self._retire(worker)
            raise Refused(500, "the query worker stopped unexpectedly") from None
        if outcome is None:
            died = worker.process.poll() is not None
            self._retire(worker)
            if died:
                raise Refused(500, "the query worker stopped unexpectedly")
            raise Refused(503, f"the query was stopped after {timeout:g} s (time-out); narrow it down or add a LIMIT")
        self._idle.put(worker)
        return outcome

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()
