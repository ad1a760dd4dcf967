"""Map a stream of articles on N processes, results in input order, memory bounded.

The main process reads the inputs and writes the output; workers extract, build and validate each
article and hand back its named graph as N-Quads bytes. Results come back in input order, so the
output is byte-identical whatever the number of workers.
"""
from __future__ import annotations

import itertools
import multiprocessing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from pyoxigraph import RdfFormat, serialize

from khabar.model import Article, Entity, Failure
from khabar.validate import Violation

BATCH = 32  # articles per task
WINDOW = 4  # tasks in flight per worker


@dataclass(frozen=True)
class MapSettings:
    base: str
    engine: str | None  # None: no validation
    generated_at: str | None = None


@dataclass
class ArticleOutput:
    article: Article
    nquads: bytes
    quads: int
    entities: dict[str, Entity]
    events: int
    statements: int
    violations: list[Violation] = field(default_factory=list)


_worker: tuple | None = None


def _init(settings: MapSettings) -> None:
    global _worker
    from khabar.extract.knowledge import load_knowledge
    from khabar.rdf import IriScheme
    from khabar.validate import validator

    load_knowledge()
    check = validator(settings.engine) if settings.engine else False
    _worker = (IriScheme(settings.base), check, settings.generated_at)


def map_one(article: Article) -> ArticleOutput | Failure:
    from khabar.mapping import map_article

    iris, check, generated_at = _worker
    try:
        mapped = map_article(article, iris, check, generated_at)
    except Exception as exc:  # an extraction bug must not lose the other articles
        return Failure(article.input_name, article.record_index, f"mapping failed: {type(exc).__name__}: {exc}", "map")
    x = mapped.extraction
    return ArticleOutput(article, serialize(mapped.quads, format=RdfFormat.N_QUADS), len(mapped.quads),
                         x.entities, len(x.events), len(x.statements), mapped.violations)


def _map_batch(batch: list[Article]) -> list[ArticleOutput | Failure]:
    return [map_one(a) for a in batch]


def map_articles(articles: Iterable[Article | Failure], settings: MapSettings,
                 jobs: int = 1) -> Iterator[ArticleOutput | Failure]:
    """Each article mapped (failures passed through), in input order."""
    if jobs <= 1:
        _init(settings)
        for item in articles:
            yield item if isinstance(item, Failure) else map_one(item)
        return
    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    stream = iter(articles)
    with context.Pool(jobs, initializer=_init, initargs=(settings,)) as pool:
        while True:
            window = list(itertools.islice(stream, BATCH * WINDOW * jobs))
            if not window:
                break
            todo = [a for a in window if isinstance(a, Article)]
            batches = [todo[i:i + BATCH] for i in range(0, len(todo), BATCH)]
            results = iter(r for batch in pool.imap(_map_batch, batches) for r in batch)
            for item in window:
                yield item if isinstance(item, Failure) else next(results)
