"""The input stream cut into batches of articles, each mapped as one task, and the results put
back in input order with the failures in their places, whichever executor maps the batches.

A worker hands a batch's results back through a file in the run's folder (`spool`), a few
megabytes at a time, rather than through a pipe a dying worker could leave half written."""
from __future__ import annotations

import gc
import os
import pickle
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from pathlib import Path

from khabar.errors import no_room
from khabar.model import Article, Failure
from khabar.run.article import MappedArticle

BATCH = 32  # articles per task
PILE = 50_000  # objects left over after a batch (reference cycles) before the collector runs

# A group of the input stream: its items in input order (a failure, or None for the next article
# of the batch) and the batch of articles to map: a list, or the list pickled by the reading process
Layout = list[Failure | None]
Batch = list[Article] | bytes
Results = list[MappedArticle | Failure]


def groups(articles: Iterable[Article | Failure], size: int = BATCH) -> Iterator[tuple[Layout, list[Article]]]:
    """The stream in groups of `size` articles (failures ride along, a group stays bounded)."""
    layout: Layout = []
    batch: list[Article] = []
    for item in articles:
        if isinstance(item, Failure):
            layout.append(item)
        else:
            layout.append(None)
            batch.append(item)
        if len(batch) == size or len(layout) >= 4 * size:
            yield layout, batch
            layout, batch = [], []
    if layout:
        yield layout, batch


def in_order(grouped: Iterable[tuple[Layout, Batch | None]], in_flight: int,
             submit: Callable[[Batch], Callable[[], Results]]) -> Iterator[MappedArticle | Failure]:
    """Each group's batch submitted as one task as soon as it is read, at most `in_flight` tasks
    at once (a sliding window: the workers never wait for the slowest task of a round); results
    yielded in input order, failures in their places. `submit` takes a batch and gives back a
    function that waits for its results."""
    pending: deque[tuple[Layout, Callable[[], Results] | None]] = deque()

    def oldest() -> Iterator[MappedArticle | Failure]:
        layout, wait = pending.popleft()
        results = iter(wait() if wait else ())
        for slot in layout:
            yield slot if slot is not None else next(results)

    for layout, batch in grouped:
        pending.append((layout, submit(batch) if batch else None))
        if len(pending) >= in_flight:
            yield from oldest()
    while pending:
        yield from oldest()


def map_batch(batch: Batch, mapper: Callable[[Article], MappedArticle | Failure]) -> Results:
    """The batch's articles (unpickled first when the reading process sent them) mapped with the
    cyclic garbage collector paused: an article's objects are freed by reference counting as soon
    as it is done (they form no cycles), so collections in the middle of an article only scan its
    live objects again, about 8% of the mapping time. Should objects pile up after all, they are
    collected between batches."""
    if isinstance(batch, bytes):
        batch = pickle.loads(batch)
    enabled = gc.isenabled()
    gc.disable()
    try:
        return [mapper(a) for a in batch]
    finally:
        if gc.get_count()[0] > PILE:
            gc.collect()
        if enabled:
            gc.enable()


def freeze_for_the_run() -> None:
    """The lexicons and shapes live for the whole run: keep the garbage collector from scanning
    their hundreds of thousands of objects again and again (about 15% of the mapping time)."""
    gc.freeze()


# Held while this process writes a file in the folder of results. When the main process dies,
# each worker takes it for good, then removes the folder; the last to take it removes it with no
# worker left writing, so the folder is gone when the last worker ends (a worker writing while
# another removes the folder could otherwise leave it behind, with its file).
SPOOLING = threading.Lock()


def spool(results: list, folder: str) -> str:
    """The results written to a new file in `folder`, and its name."""
    with SPOOLING:
        handle, path = tempfile.mkstemp(dir=folder, suffix=".pickle")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(results, out, pickle.HIGHEST_PROTOCOL)
    return path


def spooled(task: Future) -> Callable[[], Results]:
    """A function that waits for a task that spooled its results (a pool's or a Dask future) and
    reads them (then removes them)."""
    def wait() -> Results:
        try:
            path = Path(task.result())
        except OSError as exc:  # a worker could not write its results
            raise no_room(exc, f"the run's files in {tempfile.gettempdir()}") or exc from None
        try:
            return pickle.loads(path.read_bytes())
        finally:
            path.unlink()
    return wait
