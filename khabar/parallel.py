"""Map a stream of articles on N processes, results in input order, memory bounded.

The main process reads the inputs and writes the output; workers extract, build and validate each
article and hand back its named graph as N-Quads bytes. Results come back in input order, so the
output is byte-identical whatever the number of workers.
"""
from __future__ import annotations

import gc
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field

from khabar.model import Article, Entity, Failure
from khabar.validate import Violation

BATCH = 32  # articles per task
WINDOW = 3  # tasks in flight per worker
PILE = 50_000  # objects left over after a batch (reference cycles) before the collector runs


@dataclass(frozen=True)
class MapSettings:
    base: str
    engine: str | None  # None: no validation
    generated_at: str | None = None


@dataclass
class ArticleOutput:
    article: Article | None  # None on the way back from a worker: the main process puts its own copy back
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
    # the lexicons and shapes live for the whole run: keep the garbage collector from scanning
    # their hundreds of thousands of objects again and again (about 15% of the mapping time)
    gc.freeze()


def map_one(article: Article) -> ArticleOutput | Failure:
    from khabar.mapping import map_article, mapping_failed

    iris, check, generated_at = _worker
    try:
        mapped = map_article(article, iris, check, generated_at)
    except Exception as exc:  # an extraction bug must not lose the other articles
        return mapping_failed(article, exc)
    x = mapped.extraction
    return ArticleOutput(None, mapped.nquads, mapped.quad_count,
                         x.entities, len(x.events), len(x.statements), mapped.violations)


def _map_batch(batch: list[Article]) -> list[ArticleOutput | Failure]:
    """The batch's articles mapped with the cyclic garbage collector paused: an article's objects
    are freed by reference counting as soon as it is done (they form no cycles), so collections in
    the middle of an article only scan its live objects again, about 8% of the mapping time. Should
    objects pile up after all, they are collected between batches."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return [map_one(a) for a in batch]
    finally:
        if gc.get_count()[0] > PILE:
            gc.collect()
        if enabled:
            gc.enable()


def _map_batch_on(settings: MapSettings, batch: list[Article]) -> list[ArticleOutput | Failure]:
    """A task for a Dask worker: set the worker up once, then map the batch."""
    global _worker_settings
    if _worker is None or _worker_settings != settings:
        _init(settings)
        _worker_settings = settings
    return _map_batch(batch)


_worker_settings: MapSettings | None = None


def _groups(articles: Iterable[Article | Failure]) -> Iterator[list[Article | Failure]]:
    """The stream in groups of BATCH articles (failures ride along, a group stays bounded)."""
    group: list[Article | Failure] = []
    count = 0
    for item in articles:
        group.append(item)
        count += isinstance(item, Article)
        if count == BATCH or len(group) >= 4 * BATCH:
            yield group
            group, count = [], 0
    if group:
        yield group


def _in_order(articles: Iterable[Article | Failure], in_flight: int,
              submit: Callable[[list[Article]], Callable[[], list]]) -> Iterator[ArticleOutput | Failure]:
    """Each group's articles submitted as one task as soon as it is read, at most `in_flight` tasks
    at once (a sliding window: the workers never wait for the slowest task of a round); results
    yielded in input order. `submit` takes a batch and gives back a function that waits for its results."""
    pending: deque[tuple[list, Callable[[], list] | None]] = deque()

    def oldest() -> Iterator[ArticleOutput | Failure]:
        group, wait = pending.popleft()
        results = iter(wait() if wait else ())
        for item in group:
            yield item if isinstance(item, Failure) else _with_article(next(results), item)

    for group in _groups(articles):
        todo = [a for a in group if isinstance(a, Article)]
        pending.append((group, submit(todo) if todo else None))
        if len(pending) >= in_flight:
            yield from oldest()
    while pending:
        yield from oldest()


def _with_article(result: ArticleOutput | Failure, article: Article) -> ArticleOutput | Failure:
    if isinstance(result, ArticleOutput):
        result.article = article
    return result


def _mapped_here(batch: list[Article]) -> Callable[[], list]:
    """A batch mapped in this process at once, handed over as `_in_order` takes a submitted task."""
    results = _map_batch(batch)
    return lambda: results


def map_articles(articles: Iterable[Article | Failure], settings: MapSettings,
                 jobs: int = 1) -> Iterator[ArticleOutput | Failure]:
    """Each article mapped (failures passed through), in input order."""
    if jobs <= 1:
        _init(settings)
        yield from _in_order(articles, 1, _mapped_here)
        return
    # forkserver: workers start from a clean single-threaded process (forking a process that runs
    # threads, as a library caller's may, can deadlock); spawn where there is no forkserver
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["khabar.parallel", "khabar.mapping"])
    # a ProcessPoolExecutor rather than a multiprocessing.Pool: the Pool's worker-minding thread
    # wakes whenever a result waits in the pipe and spins while it is read (about a tenth of the
    # main process's time), and a worker that dies leaves its task waiting for ever; here the
    # pending tasks fail at once and the run stops with a message
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init, initargs=(settings,))
    try:
        yield from _in_order(articles, WINDOW * jobs, lambda batch: pool.submit(_map_batch, batch).result)
    except BrokenProcessPool:
        from khabar.errors import KhabarError

        raise KhabarError("a worker process died (killed, or out of memory?): the articles in its hands "
                          "could not be mapped, so the run stopped") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def map_articles_dask(articles: Iterable[Article | Failure], settings: MapSettings,
                      scheduler: str) -> Iterator[ArticleOutput | Failure]:
    """The same on a Dask cluster: `scheduler` is a scheduler address (tcp://host:8786) or
    local:N for a LocalCluster of N single-threaded worker processes on this machine."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        from khabar.errors import KhabarError

        raise KhabarError("--scheduler needs Dask: pip install 'khabar[dask]'") from None
    cluster = None
    if scheduler.startswith("local:"):
        workers = int(scheduler.split(":", 1)[1] or 1)
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        client = Client(cluster)
    else:
        client = Client(scheduler)
    try:
        workers = max(1, len(client.scheduler_info().get("workers", {})))

        yield from _in_order(articles, WINDOW * workers,
                             lambda batch: client.submit(_map_batch_on, settings, batch, pure=False).result)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
