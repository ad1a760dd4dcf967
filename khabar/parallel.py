"""Map the inputs' articles on N processes, results in input order, memory bounded.

With workers, a reading process reads the inputs (and keeps their accounting) and sends groups of
articles, pickled once, to the main process, which hands them to the workers unopened and writes
what comes back: the main process, the one part that does not grow with the workers, stays light.
Workers extract, build and validate each article and hand back its named graph as N-Quads bytes
(through a file, see `_map_batch_into`), with the entities it met for the first time. Results come
back in input order, so the output is byte-identical whatever the number of workers.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import select
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from khabar.errors import KhabarError, OutputError, no_room
from khabar.mapping import MapSummary, map_article, mapping_failed, read_accounted
from khabar.model import Article, Entity, Failure
from khabar.read.limits import DEFAULT_LIMITS, ReadLimits, read_at_most
from khabar.scratch import run_folder
from khabar.validate import Violation

BATCH = 32  # articles per task
WINDOW = 3  # tasks in flight per worker
# a Dask task costs its scheduler and client a few milliseconds, whatever its size: Dask gets fewer,
# bigger tasks (about a third of a second of work each), and fewer of them in flight
DASK_BATCH = 256
DASK_WINDOW = 2
PILE = 50_000  # objects left over after a batch (reference cycles) before the collector runs


@dataclass(frozen=True)
class MapSettings:
    base: str
    engine: str | None  # None: no validation
    generated_at: str | None = None
    limits: ReadLimits = DEFAULT_LIMITS
    article_timeout: float | None = None  # seconds to map one article (None: no limit)
    text: str = "full"  # what of each article's text its graph holds: full or none


# A group of the input stream: its items in input order (a failure, or None for the next article
# of the batch) and the batch of articles to map: a list, or the list pickled by the reading process
Layout = list[Failure | None]
Batch = list[Article] | bytes


@dataclass
class ArticleOutput:
    input_name: str
    nquads: bytes
    quads: int
    entities: dict[str, Entity]
    events: list[str]  # their IRIs
    statements: int
    violations: list[Violation] = field(default_factory=list)


_worker: tuple | None = None


_fatal: OutputError | None = None  # what stops every article of this process (no room for the model's dump)


def _init(settings: MapSettings) -> None:
    global _worker
    from khabar.mapping import prepare_extraction
    from khabar.rdf import IriScheme
    from khabar.validate import validator

    global _fatal
    try:
        prepare_extraction()  # not in the first article's time budget
    except OutputError as exc:  # no room in TMPDIR for the model's dump: the run stops, said once
        _fatal = exc
    check = validator(settings.engine) if settings.engine else False
    _worker = (IriScheme(settings.base), check, settings.generated_at, settings.article_timeout, settings.text)
    # the lexicons and shapes live for the whole run: keep the garbage collector from scanning
    # their hundreds of thousands of objects again and again (about 15% of the mapping time)
    gc.freeze()


def _init_worker(settings: MapSettings, main: int, spool: str) -> None:
    """A pool worker, handing its results over in the folder `spool`."""
    _helper("khabar-worker", main, spool)
    _init(settings)


def _helper(name: str, main: int, spool: str | None = None) -> None:
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
        if spool and _SPOOLING.acquire(timeout=10):  # held from now on: this process writes no more
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


def map_one(article: Article) -> ArticleOutput | Failure:
    iris, check, generated_at, timeout, text = _worker
    if _fatal is not None:
        raise _fatal
    try:
        mapped = map_article(article, iris, check, generated_at, timeout=timeout, text=text)
    except OutputError:
        raise  # no room to write: no article can be mapped, the run stops with one line
    except Exception as exc:  # an extraction bug must not lose the other articles
        return mapping_failed(article, exc)
    x = mapped.extraction
    return ArticleOutput(article.input_name, mapped.nquads, mapped.quad_count,
                         x.entities, mapped.events, len(x.statements), mapped.violations)


def _map_batch(batch: Batch) -> list[ArticleOutput | Failure]:
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
        return [map_one(a) for a in batch]
    finally:
        if gc.get_count()[0] > PILE:
            gc.collect()
        if enabled:
            gc.enable()


def _map_batch_on(settings: MapSettings, batch: Batch,
                  spool: str | None = None) -> list[ArticleOutput | Failure] | str:
    """A task for a Dask worker: set the worker up once, then map the batch; its results are the
    task's, or, given a `spool` folder (a cluster on this machine), written to a file there whose
    name is the task's result (so that the scheduler and client never carry them)."""
    global _worker_settings
    if _worker is None or _worker_settings != settings:
        _init(settings)
        _worker_settings = settings
    results = _map_batch(batch)
    return _spool(results, spool) if spool else results


_worker_settings: MapSettings | None = None


def _groups(articles: Iterable[Article | Failure], size: int = BATCH) -> Iterator[tuple[Layout, list[Article]]]:
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


def _in_order(groups: Iterable[tuple[Layout, Batch | None]], in_flight: int,
              submit: Callable[[Batch], Callable[[], list]]) -> Iterator[ArticleOutput | Failure]:
    """Each group's batch submitted as one task as soon as it is read, at most `in_flight` tasks
    at once (a sliding window: the workers never wait for the slowest task of a round); results
    yielded in input order, failures in their places. `submit` takes a batch and gives back a
    function that waits for its results."""
    pending: deque[tuple[Layout, Callable[[], list] | None]] = deque()

    def oldest() -> Iterator[ArticleOutput | Failure]:
        layout, wait = pending.popleft()
        results = iter(wait() if wait else ())
        for slot in layout:
            yield slot if slot is not None else next(results)

    for layout, batch in groups:
        pending.append((layout, submit(batch) if batch else None))
        if len(pending) >= in_flight:
            yield from oldest()
    while pending:
        yield from oldest()


def _mapped_here(batch: Batch) -> Callable[[], list]:
    """A batch mapped in this process at once, handed over as `_in_order` takes a submitted task."""
    results = _map_batch(batch)
    return lambda: results


def _reader(send, inputs: list[str], stdin: bytes | None, size: int, main: int, limits: ReadLimits) -> None:
    """The reading process."""
    _helper("khabar-reader", main)
    _read_into(send, inputs, stdin, size, limits)


def _read_into(send, inputs: list[str], stdin: bytes | None, size: int = BATCH,
               limits: ReadLimits = DEFAULT_LIMITS) -> None:
    """The inputs' groups of `size` articles sent down `send` in input order, each batch pickled
    once (the main process passes it on unopened), then the accounting of what was read."""
    summary = MapSummary()
    try:
        for layout, batch in _groups(read_accounted(inputs, summary, stdin, limits), size):
            send.send(("group", layout, pickle.dumps(batch, pickle.HIGHEST_PROTOCOL) if batch else None))
        send.send(("done", summary.read, summary.failed))
    except BrokenPipeError:
        pass  # the main process has stopped the run
    except Exception as exc:  # a reader bug: said by the main process, which stops the run
        send.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        send.close()


@contextmanager
def _reading_process(context, inputs: Iterable[str | Path], summary: MapSummary, size: int = BATCH,
                     limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Iterator[tuple[Layout, Batch | None]]]:
    """The inputs' groups of `size` articles as a reading process sends them; its accounting added
    to `summary` at the end. Standard input is read here (up to its limit), as only this process has it."""
    inputs = [str(item) for item in inputs]
    stdin = read_at_most(sys.stdin.buffer, limits.max_input_bytes) if "-" in inputs else None
    receive, send = context.Pipe(duplex=False)
    reader = context.Process(target=_reader, args=(send, inputs, stdin, size, os.getpid(), limits),
                             name="khabar-reader", daemon=True)
    reader.start()
    send.close()

    def groups() -> Iterator[tuple[Layout, Batch | None]]:
        while True:
            try:
                kind, *message = receive.recv()
            except (EOFError, OSError):  # OSError: it died in the middle of a message
                raise KhabarError("the reading process died (killed, or out of memory?): the inputs could not "
                                  "all be read, so the run stopped") from None
            if kind == "group":
                yield message[0], message[1]
            elif kind == "done":
                summary.read += message[0]
                summary.failed += message[1]
                return
            else:
                raise KhabarError(f"reading the inputs failed: {message[0]}")

    try:
        yield groups()
    finally:
        if reader.is_alive():
            reader.terminate()
        reader.join()
        receive.close()


def _context():
    """forkserver: child processes start from a clean single-threaded process (forking a process
    that runs threads, as a library caller's may, can deadlock); spawn where there is no forkserver."""
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["khabar.parallel", "khabar.mapping"])
    return context


def map_articles(inputs: Iterable[str | Path], settings: MapSettings, summary: MapSummary,
                 jobs: int = 1) -> Iterator[ArticleOutput | Failure]:
    """Each article of the inputs mapped (failures passed through), in input order; `summary`
    counts what was read."""
    if jobs <= 1:
        _init(settings)
        yield from _in_order(_groups(read_accounted(inputs, summary, limits=settings.limits)), 1, _mapped_here)
        return
    context = _context()
    # a ProcessPoolExecutor rather than a multiprocessing.Pool: the Pool's worker-minding thread
    # wakes whenever a result waits in the pipe and spins while it is read (about a tenth of the
    # main process's time), and a worker that dies leaves its task waiting for ever; here the
    # pending tasks fail and the run stops with a message
    with run_folder() as folder:
        spool = str(folder)
        pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                                   initargs=(settings, os.getpid(), spool))
        try:
            with _reading_process(context, inputs, summary, limits=settings.limits) as groups:
                yield from _in_order(groups, WINDOW * jobs,
                                     lambda batch: _spooled(pool.submit(_map_batch_into, batch, spool)))
        except BrokenProcessPool:
            raise KhabarError("a worker process died (killed, or out of memory?): the articles in its hands "
                              "could not be mapped, so the run stopped") from None
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


_sent: set[str] = set()  # the keys of the entities this worker has sent to the main process


def _map_batch_into(batch: Batch, spool: str) -> str:
    """A pool task: the batch mapped and its results written to a new file in `spool`, whose name
    is the task's result. Results sent through the pool's pipe (a megabyte for a batch) could be
    cut short by a worker's death, and the pool would wait for the rest of the message for ever;
    a file name is written to the pipe in one piece.

    Each entity is sent once by a worker, with the first article it meets it in: a worker takes
    its tasks in input order, so the first article of all that name an entity is the first of
    its worker's that do, and its copy is the one the main process keeps."""
    results = _map_batch(batch)
    for result in results:
        if isinstance(result, ArticleOutput):
            result.entities = {key: entity for key, entity in result.entities.items() if key not in _sent}
            _sent.update(result.entities)
    return _spool(results, spool)


# Held while this process writes a file in the folder of results. When the main process dies,
# each worker takes it for good, then removes the folder; the last to take it removes it with no
# worker left writing, so the folder is gone when the last worker ends (a worker writing while
# another removes the folder could otherwise leave it behind, with its file).
_SPOOLING = threading.Lock()


def _spool(results: list, spool: str) -> str:
    """The results written to a new file in the folder `spool`, and its name."""
    with _SPOOLING:
        handle, path = tempfile.mkstemp(dir=spool, suffix=".pickle")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(results, out, pickle.HIGHEST_PROTOCOL)
    return path


def _spooled(task: Future) -> Callable[[], list]:
    """A function that waits for a task that spooled its results (a pool's or a Dask future) and
    reads them (then removes them)."""
    def wait() -> list:
        try:
            path = Path(task.result())
        except OSError as exc:  # a worker could not write its results
            raise no_room(exc, f"the run's files in {tempfile.gettempdir()}") or exc from None
        try:
            return pickle.loads(path.read_bytes())
        finally:
            path.unlink()
    return wait


def map_articles_dask(inputs: Iterable[str | Path], settings: MapSettings, summary: MapSummary,
                      scheduler: str) -> Iterator[ArticleOutput | Failure]:
    """The same on a Dask cluster: `scheduler` is a scheduler address (tcp://host:8786) or
    local:N for a LocalCluster of N single-threaded worker processes on this machine."""
    try:
        import dask
        from distributed import Client, LocalCluster
    except ImportError:
        raise KhabarError("--scheduler needs Dask: pip install 'khabar[dask]'") from None
    with ExitStack() as stack:
        spool = None
        if scheduler.startswith("local:"):
            folder = stack.enter_context(run_folder())
            spool = str(folder)  # the workers share this machine's files
            with dask.config.set({"temporary-directory": str(folder / "dask")}):  # not dask-scratch-space in TMPDIR
                cluster = LocalCluster(n_workers=int(scheduler.split(":", 1)[1] or 1), threads_per_worker=1,
                                       processes=True, dashboard_address=None, silence_logs=40)
            stack.callback(cluster.close)
            client = Client(cluster)
        else:
            client = Client(scheduler)
        stack.callback(client.close)

        def submit(batch: Batch) -> Callable[[], list]:
            if spool is None:
                return client.submit(_map_batch_on, settings, batch, pure=False).result
            return _spooled(client.submit(_map_batch_on, settings, batch, spool, pure=False))

        workers = max(1, len(client.scheduler_info().get("workers", {})))
        with _reading_process(_context(), inputs, summary, DASK_BATCH, settings.limits) as groups:
            yield from _in_order(groups, DASK_WINDOW * workers, submit)
