"""The Dask executor: the same batches mapped on a Dask cluster, a scheduler's address
(tcp://host:8786) or local:N for a LocalCluster of N single-threaded worker processes here."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass

from khabar.errors import KhabarError
from khabar.model import Failure
from khabar.run.article import ArticleMapper, MappedArticle
from khabar.run.batches import Batch, Results, freeze_for_the_run, in_order, map_batch, spool, spooled
from khabar.run.processes import context, reading_process
from khabar.run.reading import Input
from khabar.run.settings import RunSettings
from khabar.run.folder import run_folder

# a Dask task costs its scheduler and client a few milliseconds, whatever its size: Dask gets fewer,
# bigger tasks (about a third of a second of work each), and fewer of them in flight
DASK_BATCH = 256
DASK_WINDOW = 2


@dataclass(frozen=True)
class Dask:
    """Map on a Dask cluster: `scheduler` is tcp://HOST:8786, or local:N (a cluster started here)."""

    scheduler: str = "local:1"

    def results(self, inputs: Iterable[Input], settings: RunSettings) -> Iterator[MappedArticle | Failure]:
        try:
            import dask
            from distributed import Client, LocalCluster
        except ImportError:
            raise KhabarError("--scheduler needs Dask: pip install 'khabar[dask]'") from None
        with ExitStack() as stack:
            folder = None
            if self.scheduler.startswith("local:"):
                scratch = stack.enter_context(run_folder())
                folder = str(scratch)  # the workers share this machine's files
                with dask.config.set({"temporary-directory": str(scratch / "dask")}):  # not dask-scratch-space in TMPDIR
                    cluster = LocalCluster(n_workers=int(self.scheduler.split(":", 1)[1] or 1), threads_per_worker=1,
                                           processes=True, dashboard_address=None, silence_logs=40)
                stack.callback(cluster.close)
                client = Client(cluster)
            else:
                client = Client(self.scheduler)
            stack.callback(client.close)

            def submit(batch: Batch) -> Callable[[], Results]:
                if folder is None:
                    return client.submit(_map_batch_on, settings, batch, pure=False).result
                return spooled(client.submit(_map_batch_on, settings, batch, folder, pure=False))

            workers = max(1, len(client.scheduler_info().get("workers", {})))
            with reading_process(context(), inputs, DASK_BATCH, settings.limits) as grouped:
                yield from in_order(grouped, DASK_WINDOW * workers, submit)


_mapper: ArticleMapper | None = None  # this Dask worker's, for the settings it was made for


def _map_batch_on(settings: RunSettings, batch: Batch, folder: str | None = None) -> Results | str:
    """A task for a Dask worker: set the worker up once, then map the batch; its results are the
    task's, or, given a `folder` (a cluster on this machine), written to a file there whose
    name is the task's result (so that the scheduler and client never carry them)."""
    global _mapper
    if _mapper is None or _mapper.settings != settings:
        _mapper = ArticleMapper(settings)
        freeze_for_the_run()
    results = map_batch(batch, _mapper)
    return spool(results, folder) if folder else results
