"""The processes a parallel run starts beside the main one, and how each behaves: named in `ps`
(khabar-reader, khabar-worker), deaf to Ctrl-C (the main process's to handle), ending with the
main process even when it is killed; and the reading process, which reads the inputs for all the
workers and sends groups of articles, pickled once, to the main process, which hands them on
unopened (so the main process, the one part that does not grow with the workers, stays light)."""
from __future__ import annotations

import multiprocessing
import os
import pickle
import select
import shutil
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from khabar.errors import KhabarError
from khabar.read.limits import DEFAULT_LIMITS, ReadLimits, read_at_most
from khabar.run.batches import BATCH, SPOOLING, Batch, Layout, groups
from khabar.run.reading import Input, read_articles


def become_helper(name: str, main: int, spool: str | None = None) -> None:
    """This process, a worker or the reader of the main process `main`: named `name`, deaf to
    Ctrl-C (SIGINT to the whole process group), which is the main process's to handle (it stops
    the run; a KeyboardInterrupt raised in a worker in the middle of taking a task or sending a
    result can leave one of the pool's locks held, and the run would never end), and ending with
    the main process (removing the folder `spool`, which the main process can no longer remove)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _name_process(name)
    _end_with(main, spool)


def _end_with(main: int, spool: str | None) -> None:
    """End this process when the main process `main` ends, even killed (a pool worker would
    otherwise wait for its next task for ever), removing `spool` first."""
    def watch() -> None:
        try:
            select.select([os.pidfd_open(main)], [], [])  # readable when the process has ended
        except (AttributeError, OSError):  # no pidfd here (not Linux 5.3+), or it has ended already
            while _alive(main):
                time.sleep(1)
        if spool and SPOOLING.acquire(timeout=10):  # held from now on: this process writes no more
            shutil.rmtree(spool, ignore_errors=True)
        os._exit(1)

    threading.Thread(target=watch, name="khabar-end-with-main", daemon=True).start()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)  # no signal sent: only whether there is such a process
    except ProcessLookupError:
        return False
    except PermissionError:  # there is, another user's
        pass
    return True


def _name_process(name: str) -> None:
    """The name `ps` and `top` show for this process (Linux; elsewhere it keeps its name)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(15, name.encode()[:15], 0, 0, 0)  # 15: PR_SET_NAME
    except (OSError, AttributeError):
        pass


def context():
    """forkserver: child processes start from a clean single-threaded process (forking a process
    that runs threads, as a library caller's may, can deadlock); spawn where there is no forkserver."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    chosen = multiprocessing.get_context(method)
    if method == "forkserver":
        chosen.set_forkserver_preload(["khabar.run.pool", "khabar.run.article"])
    return chosen


def _reader(send, inputs: list[Input], stdin: bytes | None, size: int, main: int, limits: ReadLimits) -> None:
    """The reading process."""
    become_helper("khabar-reader", main)
    read_into(send, inputs, stdin, size, limits)


def read_into(send, inputs: list[Input], stdin: bytes | None, size: int = BATCH,
              limits: ReadLimits = DEFAULT_LIMITS) -> None:
    """The inputs' groups of `size` articles sent down `send` in input order, each batch pickled
    once (the main process passes it on unopened), then ("done",); a reading bug is sent as
    ("error", what)."""
    try:
        for layout, batch in groups(read_articles(inputs, stdin, limits), size):
            send.send(("group", layout, pickle.dumps(batch, pickle.HIGHEST_PROTOCOL) if batch else None))
        send.send(("done",))
    except BrokenPipeError:
        pass  # the main process has stopped the run
    except Exception as exc:  # a reader bug: said by the main process, which stops the run
        send.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        send.close()


@contextmanager
def reading_process(chosen, inputs: Iterable[Input], size: int = BATCH,
                    limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Iterator[tuple[Layout, Batch | None]]]:
    """The inputs' groups of `size` articles as a reading process, started in the multiprocessing
    context `chosen`, sends them. Standard input is read here (up to its limit), as only this
    process has it."""
    inputs = list(inputs)
    reads_stdin = any(isinstance(item, (str, Path)) and str(item) == "-" for item in inputs)
    stdin = read_at_most(sys.stdin.buffer, limits.max_input_bytes) if reads_stdin else None
    receive, send = chosen.Pipe(duplex=False)
    reader = chosen.Process(target=_reader, args=(send, inputs, stdin, size, os.getpid(), limits),
                            name="khabar-reader", daemon=True)
    reader.start()
    send.close()

    def received() -> Iterator[tuple[Layout, Batch | None]]:
        while True:
            try:
                kind, *message = receive.recv()
            except (EOFError, OSError):  # OSError: it died in the middle of a message
                raise KhabarError("the reading process died (killed, or out of memory?): the inputs could not "
                                  "all be read, so the run stopped") from None
            if kind == "group":
                yield message[0], message[1]
            elif kind == "done":
                return
            else:
                raise KhabarError(f"reading the inputs failed: {message[0]}")

    try:
        yield received()
    finally:
        if reader.is_alive():
            reader.terminate()
        reader.join()
        receive.close()
