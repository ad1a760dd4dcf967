"""The query worker process: `python -m khabar.serve.worker_process SOURCE LIMIT` (started by WorkerPool).

Reads pickled Jobs framed on stdin, answers pickled Outcomes on stdout; "ready" once the source is open.
"""
from __future__ import annotations

import pickle
import sys

from khabar.serve.sparql import Outcome, execute
from khabar.serve.worker import _HEADER, _write
from khabar.stores import open_source


def main(argv: list[str]) -> None:  # the worker process
    source, limit = argv[0], int(argv[1])
    store = open_source(source)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the channel
    _write(stdout, "ready")
    while True:
        header = stdin.read(_HEADER.size)
        if len(header) < _HEADER.size:
            return
        job = pickle.loads(stdin.read(_HEADER.unpack(header)[0]))
        try:
            outcome = execute(store, job, limit)
        except Exception as exc:  # the engine failed on this query: report it and keep serving
            outcome = Outcome(500, "text/plain; charset=utf-8", f"the query failed: {exc}\n".encode())
        _write(stdout, outcome)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:
        pass
