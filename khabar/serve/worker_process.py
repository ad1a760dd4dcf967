"""The query worker process (started by WorkerPool):
`python -m khabar.serve.worker_process SOURCE LIMIT BASE MEMORY_MB MAX_ANSWER`.

First it shuts itself off from the network (khabar.serve.sandbox: no socket can be opened), then it
opens the source, loads the query checker, and limits the memory it may map from then on to
MEMORY_MB more (khabar.serve.limits). It reads pickled Jobs framed on stdin and answers pickled
Outcomes on stdout (each answer written to the job's file); ("ready", identity) once it can take jobs.
"""
from __future__ import annotations

import pickle
import sys

from khabar.serve.limits import limit_address_space
from khabar.serve.reload import identity
from khabar.serve.sandbox import deny_network
from khabar.serve.sparql import Outcome, check_query, discard, execute
from khabar.serve.worker import FRAME_HEADER, write_frame, memory_message
from khabar.stores import open_source


def main(argv: list[str]) -> None:  # the worker process
    source, limit, base, memory_mb, max_answer = argv[0], int(argv[1]), argv[2], int(argv[3]), int(argv[4])
    deny_network()  # before anything starts a thread: every thread inherits the filter
    opened = identity(source)
    store = open_source(source)
    try:
        check_query("ASK {}")  # rdflib's grammar is built now, outside the memory a query may take
    except Exception:  # noqa: BLE001 - only here to warm the parser
        pass
    limit_address_space(memory_mb)
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing else may write into the channel
    write_frame(stdout, ("ready", opened))
    while True:
        header = stdin.read(FRAME_HEADER.size)
        if len(header) < FRAME_HEADER.size:
            return
        job = pickle.loads(stdin.read(FRAME_HEADER.unpack(header)[0]))
        try:
            outcome = execute(store, job, limit, base, max_answer)
        except MemoryError:
            discard(job.answer)
            outcome = Outcome.error(507, memory_message(memory_mb))
        except Exception as exc:  # the engine failed on this query: report it and keep serving
            discard(job.answer)
            outcome = Outcome.error(500, f"the query failed: {exc}")
        write_frame(stdout, outcome)


if __name__ == "__main__":
    try:
        main(sys.argv[1:])
    except KeyboardInterrupt:
        pass
