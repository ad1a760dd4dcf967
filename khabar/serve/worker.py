"""Queries run in worker processes with a deadline: a query still running at its deadline has its
worker killed and replaced, so a cartesian product cannot hold the server (or a CPU) for long.

A worker is `python -m khabar.serve.worker_process SOURCE LIMIT BASE MEMORY_MB MAX_ANSWER`: it cannot
open sockets, opens the source itself (a store folder read-only, or a graph file loaded in memory),
may map only MEMORY_MB more memory for a query, and answers jobs framed on stdin/stdout, each answer
written to a file in the pool's folder that the server streams to the client and removes. A worker
that dies is replaced (its last words, in its log, tell a memory limit from a too deep query); one
left holding much more memory than when it started (a large answer) is replaced after answering.
"""
from __future__ import annotations

import itertools
import os
import pickle
import queue
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time

from khabar.serve.errors import Refused
from khabar.serve.limits import resident_mib
from khabar.serve.policy import TOO_DEEP
from khabar.serve.sparql import Job, Outcome, discard

FRAME_HEADER = struct.Struct(">Q")
RECYCLE_MIB = 64  # a worker holding this much more than when it was ready is replaced


def memory_message(memory_mb: int) -> str:
    return (f"the query needed more than {memory_mb} MB of memory, the most one query may take here "
            "(--query-memory), and was stopped; narrow it down or add a LIMIT")


def write_frame(stream, obj) -> None:
    data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(FRAME_HEADER.pack(len(data)) + data)
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
    def __init__(self, argv: list[str], log: str, generation: int):
        self.log, self.generation = log, generation
        with open(log, "wb") as err:
            env = {**os.environ, "MALLOC_ARENA_MAX": "2"}  # fewer malloc arenas: less address space per thread
            self.process = subprocess.Popen([sys.executable, "-m", "khabar.serve.worker_process", *argv],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err, env=env)
        self.ready = False
        self.opened = None       # the identity of the store folder it opened (khabar.serve.reload)
        self.idle_mib = 0.0

    def send(self, job: Job) -> None:
        write_frame(self.process.stdin, job)

    def receive(self, deadline: float | None):
        """The next message, or None at the deadline."""
        header = _read_exact(self.process.stdout.fileno(), FRAME_HEADER.size, deadline)
        if header is None:
            return None
        body = _read_exact(self.process.stdout.fileno(), FRAME_HEADER.unpack(header)[0], None)
        return pickle.loads(body)

    def last_words(self) -> str:
        try:
            with open(self.log, "rb") as f:
                f.seek(max(0, os.path.getsize(self.log) - 4096))
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5)
        for stream in (self.process.stdin, self.process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        discard(self.log)


class WorkerPool:
    """`size` worker processes; `run(job, timeout)` answers or raises Refused (503 on time-out or when busy)."""

    def __init__(self, source: str, size: int = 2, limit: int = 10000, base: str | None = None,
                 memory_mb: int = 512, max_answer: int = 64 << 20):
        self.source, self.limit, self.memory_mb = source, limit, memory_mb
        self.argv = [source, str(limit), base or "", str(memory_mb), str(max_answer)]
        self.folder = tempfile.mkdtemp(prefix="khabar-serve-")  # answers and worker logs
        self.generation = 0
        self._names = itertools.count()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        for _ in range(size):
            self._idle.put(self._spawn())

    def _spawn(self) -> _Worker:
        worker = _Worker(self.argv, os.path.join(self.folder, f"worker-{next(self._names)}.log"), self.generation)
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

    def renew(self) -> None:
        """The source was replaced: from now on queries go to workers started after this call."""
        with self._lock:
            self.generation += 1

    def _take_idle(self) -> list:
        """Every worker now waiting in the idle queue, taken out of it."""
        taken = []
        while True:
            try:
                taken.append(self._idle.get_nowait())
            except queue.Empty:
                return taken

    def wait_ready(self, timeout: float = 60) -> None:
        """Block until every idle worker has opened the source; Refused(500) if one could not."""
        deadline = time.monotonic() + timeout
        workers = self._take_idle()
        try:
            for w in workers:
                if not self._ready(w, deadline):
                    words = w.last_words().strip().splitlines()
                    raise Refused(500, "a query worker could not start" + (f": {words[-1]}" if words else ""))
        finally:
            for w in workers:
                self._idle.put(w)

    @staticmethod
    def _ready(worker: _Worker, deadline: float) -> bool:
        if not worker.ready:
            try:
                message = worker.receive(deadline)
            except (EOFError, OSError, pickle.UnpicklingError):
                return False
            if isinstance(message, tuple) and message[0] == "ready":
                worker.ready, worker.opened = True, message[1]
                worker.idle_mib = resident_mib(worker.process.pid)
        return worker.ready

    def _take(self, timeout: float, light: bool = True) -> _Worker:
        """An idle worker of the current generation (older generations are replaced on the way): for a
        light query a ready one first, so that it does not wait for a worker still starting while another
        is ready; for a heavy one (a client that used much query time lately) one still starting first,
        so that the ready ones stay for light queries (a heavy query stopped at its time-out has its
        worker replaced: the client's next query waits for that one, not a plain ask)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise Refused(503, f"all query workers are busy; try again later (time-out {timeout:g} s)",
                              {"Retry-After": str(max(1, round(timeout)))}) from None
            if worker.generation != self.generation:
                self._retire(worker)
                continue
            if self._ready(worker, time.monotonic()) != light:  # is another idle one what this query wants?
                others = self._take_idle()
                wanted = next((w for w in others if w.generation == self.generation
                               and self._ready(w, time.monotonic()) == light), None)
                if wanted is not None:
                    others.remove(wanted)
                    others.append(worker)
                    worker = wanted
                for w in others:
                    self._idle.put(w)
            return worker

    def run(self, job: Job, timeout: float, light: bool = True) -> Outcome:
        deadline = time.monotonic() + timeout
        worker = self._take(timeout, light)
        job.answer = os.path.join(self.folder, f"{next(self._names)}.answer")
        outcome, timed_out = None, False
        try:
            if self._ready(worker, deadline):
                worker.send(job)
                outcome = worker.receive(deadline)
                timed_out = outcome is None
            else:  # not ready by the deadline: still starting, or it died starting
                timed_out = worker.process.poll() is None
        except (EOFError, OSError, pickle.UnpicklingError):  # it died on this query
            pass
        if outcome is None:
            discard(job.answer)
            if self._closed:  # its worker was stopped with the pool
                raise Refused(503, "the server is stopping; try again later", {"Retry-After": "10"})
            if timed_out:
                self._retire(worker)
                raise Refused(503, f"the query was stopped after {timeout:g} s (time-out); narrow it down or add a LIMIT")
            try:
                worker.process.wait(5)  # its output closed as it exited: let it finish exiting
            except subprocess.TimeoutExpired:
                pass
            words = worker.last_words()
            self._retire(worker)
            if "memory allocation" in words or "MemoryError" in words or "Cannot allocate memory" in words:
                raise Refused(507, memory_message(self.memory_mb))
            if "overflowed its stack" in words:
                raise Refused(400, TOO_DEEP)
            raise Refused(500, "the query worker stopped unexpectedly")
        if resident_mib(worker.process.pid) > worker.idle_mib + RECYCLE_MIB:
            self._retire(worker)  # give back what this answer made it hold
        else:
            self._idle.put(worker)
        return outcome

    def close(self) -> None:
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            w.kill()
        shutil.rmtree(self.folder, ignore_errors=True)
