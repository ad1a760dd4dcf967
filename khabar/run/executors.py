"""Who maps the batches: the executors, registered by name in EXECUTORS.

Each is a frozen dataclass (its options) with `results(inputs, settings)`, which yields every
input item mapped (a MappedArticle) or failed (a Failure), in input order: the output is the same
bytes whichever executor made it."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Protocol

from khabar.errors import KhabarError
from khabar.model import Failure
from khabar.run.article import ArticleMapper, MappedArticle
from khabar.run.batches import Batch, Results, freeze_for_the_run, groups, in_order, map_batch
from khabar.run.cluster import Dask
from khabar.run.pool import Processes
from khabar.run.reading import Input, read_articles
from khabar.run.settings import RunSettings


class Executor(Protocol):
    """Maps a run's inputs: `results` yields each input item mapped or failed, in input order."""

    def results(self, inputs: Iterable[Input], settings: RunSettings) -> Iterator[MappedArticle | Failure]: ...


@dataclass(frozen=True)
class Serial:
    """Read and map in this process, one batch at a time (the article time-out is a timer here
    only when this is the main thread; see khabar.run.deadline). `freeze`: move the objects this process
    holds out of the garbage collector's sight for good (batches.freeze_for_the_run: about 15%
    quicker), for a process that maps and ends, such as the CLI's; not for a library caller's."""

    freeze: bool = False

    def results(self, inputs: Iterable[Input], settings: RunSettings) -> Iterator[MappedArticle | Failure]:
        mapper = ArticleMapper(settings)
        if self.freeze:
            freeze_for_the_run()

        def mapped_here(batch: Batch):
            results: Results = map_batch(batch, mapper)
            return lambda: results

        yield from in_order(groups(read_articles(inputs, limits=settings.limits)), 1, mapped_here)


EXECUTORS: dict[str, type] = {"serial": Serial, "processes": Processes, "dask": Dask}


def make_executor(name: str, **options) -> Executor:
    """The executor registered as `name`, made with `options` (Processes: jobs; Dask: scheduler)."""
    if name not in EXECUTORS:
        raise KhabarError(f"unknown executor {name!r}; known: {', '.join(EXECUTORS)}")
    return EXECUTORS[name](**options)
