"""The run engine: articles in, named graphs out, on whichever executor.

    inputs -> read_articles (reading.py: articles and failures, repeats caught)
           -> groups of articles (batches.py) -> an executor maps each batch (executors.py:
              Serial here; Processes, pool.py; Dask, cluster.py), each article by an ArticleMapper
              (article.py: extract, N-Quads, validate) -> back in input order
           -> MapStream (stream.py): MappedArticle | Failure, counted once in RunCounts (counts.py)

`map_stream(inputs, settings, executor)` is the one entry; RunSettings (settings.py) says how.
Around it: each article's time budget (deadline.py), the run's folder in TMPDIR for what helper
processes hand over (folder.py), and the progress line `khabar map` draws (progress.py).
"""
from khabar.run.article import MappedArticle
from khabar.run.cluster import Dask
from khabar.run.counts import RunCounts
from khabar.run.executors import EXECUTORS, Executor, Serial, make_executor
from khabar.run.pool import Processes
from khabar.run.reading import Input, read_articles
from khabar.run.settings import NONCONFORMING, RunSettings
from khabar.run.stream import MapStream, map_stream

__all__ = ["EXECUTORS", "NONCONFORMING", "Dask", "Executor", "Input", "MapStream", "MappedArticle", "Processes",
           "RunCounts", "RunSettings", "Serial", "make_executor", "map_stream", "read_articles"]
