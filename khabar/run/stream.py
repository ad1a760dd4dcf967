"""map_stream: the one way to run a mapping, whoever asks (the CLI, the Python API, the benchmarks)."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from pyoxigraph import Quad

from khabar.model import Article, Failure
from khabar.rdf import entity_lines, read_nquads
from khabar.run.article import MappedArticle
from khabar.run.counts import RunCounts
from khabar.run.executors import Executor, make_executor
from khabar.run.reading import Input
from khabar.run.settings import RunSettings


class MapStream:
    """The items of a run, in input order: each a MappedArticle or a Failure, counted in `counts`
    as it is taken (read = mapped + failed once the stream is done). `entity_quads()`, after the
    last item, gives the entities graph (`entity_nquads()`: as text). Close it (or use it in a
    `with` block) to stop an executor's processes before the end."""

    def __init__(self, inputs: Iterable[Input], settings: RunSettings, executor: Executor) -> None:
        self.settings = settings
        self.counts = RunCounts()
        self._items = executor.results(inputs, settings)

    def __iter__(self) -> Iterator[MappedArticle | Failure]:
        return self

    def __next__(self) -> MappedArticle | Failure:
        item = next(self._items)
        self.counts.count(item)
        return item

    def entity_nquads(self) -> bytes:
        """The entities graph as sorted N-Quads: every entity the mapped articles name (counted in
        `counts.quads`). Once, after the last item."""
        lines = entity_lines(dict(sorted(self.counts.entities.items())), self.settings.iris)
        self.counts.quads += len(lines)
        return b"".join(lines)

    def entity_quads(self) -> list[Quad]:
        """The same graph as quads."""
        return read_nquads(self.entity_nquads())

    def close(self) -> None:
        """Stop the run now: the executor's workers and reader end and their files are removed."""
        self._items.close()

    def __enter__(self) -> MapStream:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def map_stream(inputs: Input | Iterable[Input], settings: RunSettings | None = None,
               executor: str | Executor = "serial") -> MapStream:
    """Map the inputs' articles: paths (text files, JSON / JSON Lines, .zip archives, folders, '-'
    for standard input), dict records with the SaudiNewsNet fields, Article objects, or an iterable
    of these. `executor`: a name in EXECUTORS (made with its defaults) or an executor object
    (Processes(jobs=4), Dask("tcp://host:8786")).

    >>> from khabar.run import RunSettings, map_stream
    >>> run = map_stream([{"id": "1", "content": "قال الرئيس الروسي فلاديمير بوتين إن الحوار ضروري."}],
    ...                  RunSettings(engine=None))
    >>> [type(item).__name__ for item in run]
    ['MappedArticle']
    >>> run.counts.line().split(";")[0]
    '1 read = 1 mapped + 0 failed'
    """
    if isinstance(inputs, (str, Path, dict, Article)):
        inputs = [inputs]
    if isinstance(executor, str):
        executor = make_executor(executor)
    return MapStream(inputs, settings or RunSettings(), executor)
