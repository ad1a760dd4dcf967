"""The process-pool executor: the inputs' articles mapped on N worker processes of this machine,
a reading process reading for them all, results in input order (so the output is the same bytes
whatever N). Workers hand back each article's named graph as N-Quads bytes, with the entities
they met for the first time, through files in the run's own folder (see batches.spool)."""
from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

from khabar.errors import KhabarError
from khabar.model import Failure
from khabar.run.article import ArticleMapper, MappedArticle
from khabar.run.batches import Batch, freeze_for_the_run, in_order, map_batch, spool, spooled
from khabar.run.processes import become_helper, context, reading_process
from khabar.run.reading import Input
from khabar.run.settings import RunSettings
from khabar.run.folder import run_folder

WINDOW = 3  # tasks in flight per worker


@dataclass(frozen=True)
class Processes:
    """Map on `jobs` worker processes (forkserver), with a reading process beside them."""

    jobs: int = os.cpu_count() or 1

    def results(self, inputs: Iterable[Input], settings: RunSettings) -> Iterator[MappedArticle | Failure]:
        # a ProcessPoolExecutor rather than a multiprocessing.Pool: the Pool's worker-minding thread
        # wakes whenever a result waits in the pipe and spins while it is read (about a tenth of the
        # main process's time), and a worker that dies leaves its task waiting for ever; here the
        # pending tasks fail and the run stops with a message
        chosen = context()
        with run_folder() as folder:
            pool = ProcessPoolExecutor(self.jobs, mp_context=chosen, initializer=_start_worker,
                                       initargs=(settings, os.getpid(), str(folder)))
            try:
                with reading_process(chosen, inputs, limits=settings.limits) as grouped:
                    yield from in_order(grouped, WINDOW * self.jobs,
                                        lambda batch: spooled(pool.submit(_map_batch_into, batch, str(folder))))
            except BrokenProcessPool:
                raise KhabarError("a worker process died (killed, or out of memory?): the articles in its hands "
                                  "could not be mapped, so the run stopped") from None
            finally:
                pool.shutdown(wait=True, cancel_futures=True)


_mapper: ArticleMapper | None = None  # this worker's
_sent: set[str] = set()  # the keys of the entities this worker has sent to the main process


def _start_worker(settings: RunSettings, main: int, folder: str) -> None:
    """A pool worker of the main process `main`, handing its results over in `folder`."""
    global _mapper
    become_helper("khabar-worker", main, folder)
    _mapper = ArticleMapper(settings)
    freeze_for_the_run()


def _map_batch_into(batch: Batch, folder: str) -> str:
    """A pool task: the batch mapped and its results written to a new file in `folder`, whose name
    is the task's result. Results sent through the pool's pipe (a megabyte for a batch) could be
    cut short by a worker's death, and the pool would wait for the rest of the message for ever;
    a file name is written to the pipe in one piece.

    Each entity is sent once by a worker, with the first article it meets it in: a worker takes
    its tasks in input order, so the first article of all that name an entity is the first of
    its worker's that do, and its copy is the one the main process keeps."""
    results = map_batch(batch, _mapper)
    for index, result in enumerate(results):
        if isinstance(result, MappedArticle):
            new = {key: entity for key, entity in result.entities.items() if key not in _sent}
            _sent.update(new)
            results[index] = dataclasses.replace(result, entities=new)
    return spool(results, folder)
