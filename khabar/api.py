"""The Python API for people who do not write SPARQL: map articles, then read back plain rows
(:class:`khabar.graph.KnowledgeGraph`).

::

    import khabar

    kg = khabar.map_articles(["seeds/"])             # paths, dict records or Article objects
    for event in kg.events():                        # small frozen dataclasses, read back by SPARQL
        print(event.type, event.date, event.participants)
    kg.write("out/seeds.trig")
    frames = kg.to_frames()                          # pandas DataFrames (pip install 'khabar[tables]')

    kg = khabar.KnowledgeGraph.open("out/store")     # any khabar graph file or store works the same

Everything :class:`KnowledgeGraph` hands out is read from its pyoxigraph store, so a graph mapped
here and one opened from a file give the same rows.
"""
from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import Quad, Store

from khabar.graph import KnowledgeGraph
from khabar.model import Failure
from khabar.rdf import DEFAULT_BASE
from khabar.run import Executor, Input, RunSettings, map_stream


def map_articles(inputs: Input | Iterable[Input], base: str = DEFAULT_BASE, validate: bool = True,
                 nonconforming: str = "keep", executor: str | Executor = "serial") -> KnowledgeGraph:
    """Map articles to a :class:`KnowledgeGraph` held in an in-memory pyoxigraph store (through
    :func:`khabar.run.map_stream`, as the CLI does).

    Args:
        inputs: a path (a text file, a JSON / JSON Lines file, a .zip or a folder), a dict record
            with the SaudiNewsNet fields (``source``, ``url``, ``date_extracted``, ``title``,
            ``author``, ``content``; also ``id``, ``published``), an :class:`khabar.Article`, or
            an iterable of any of these.
        base: the base IRI of the minted resources.
        validate: check each article against the SHACL shapes.
        nonconforming: what an article that does not conform becomes: ``"keep"`` (in the graph,
            counted in ``.summary.nonconforming``; the default, as in ``khabar map``) or ``"drop"``
            (left out of the graph and listed in ``.failures``, stage ``"validate"``).
        executor: who maps: ``"serial"`` (this process), ``"processes"``, ``"dask"``, or an
            executor object such as ``khabar.run.Processes(jobs=4)``.

    Returns:
        the graph; inputs that could not be read or mapped are in ``.failures`` (nothing is
        raised for a bad article), and ``.summary`` counts them.

    Raises:
        KhabarError: for a base that is not an IRI or an input of an unknown kind.
    """
    settings = RunSettings(base=base, engine="fast" if validate else None, nonconforming=nonconforming)
    store = Store()
    failures: list[Failure] = []
    batch: list[Quad] = []
    with map_stream(inputs, settings, executor) as run:
        for item in run:
            if isinstance(item, Failure):
                failures.append(item)
                continue
            batch += item.quads
            if len(batch) > 200_000:
                store.bulk_extend(batch)
                batch = []
        store.bulk_extend(batch + run.entity_quads())
    return KnowledgeGraph(store, failures, run.counts)
