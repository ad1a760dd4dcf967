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

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from pyoxigraph import Quad, Store

from khabar.errors import KhabarError
from khabar.graph import KnowledgeGraph
from khabar.mapping import FirstReads, MapSummary, duplicate, map_article, mapping_failed
from khabar.model import Article, Failure
from khabar.rdf import DEFAULT_BASE, IriScheme, entity_quads
from khabar.validate import validator

Input = Union[str, Path, dict, Article]


@dataclass
class _Accounting:
    summary: MapSummary = field(default_factory=MapSummary)
    failures: list[Failure] = field(default_factory=list)
    first_reads: FirstReads = field(default_factory=FirstReads)


def _articles(inputs: Iterable[Input], acct: _Accounting) -> Iterator[Article]:
    from khabar.read import read_inputs
    from khabar.read.records import record_to_article

    for index, item in enumerate(inputs):
        if isinstance(item, Article):
            items: Iterable[Article | Failure] = [item]
        elif isinstance(item, dict):
            items = [record_to_article(item, "<records>", index)]
        elif isinstance(item, (str, Path)):
            items = read_inputs([item])
        else:
            raise KhabarError(f"cannot map a {type(item).__name__}: give paths, dict records or Article objects")
        for article in items:
            acct.summary.read += 1
            if isinstance(article, Failure):
                acct.summary.failed += 1
                acct.failures.append(article)
                continue
            first = acct.first_reads.repeat(article)
            if first is not None:
                acct.summary.failed += 1
                acct.failures.append(duplicate(article, first))
                continue
            yield article


def map_articles(inputs: Input | Iterable[Input], base: str = DEFAULT_BASE, validate: bool = True) -> KnowledgeGraph:
    """Map articles to a :class:`KnowledgeGraph` held in an in-memory pyoxigraph store.

    Args:
        inputs: a path (a text file, a JSON / JSON Lines file, a .zip or a folder), a dict record
            with the SaudiNewsNet fields (``source``, ``url``, ``date_extracted``, ``title``,
            ``author``, ``content``; also ``id``, ``published``), an :class:`khabar.Article`, or
            an iterable of any of these.
        base: the base IRI of the minted resources.
        validate: check each article against the SHACL shapes; an article that does not conform
            is left out of the graph and listed in ``.failures`` (stage ``"validate"``).

    Returns:
        the graph; inputs that could not be read or mapped are in ``.failures`` (nothing is
        raised for a bad article), and ``.summary`` counts them.

    Raises:
        KhabarError: for a base that is not an IRI or an input of an unknown kind.
    """
    try:
        iris = IriScheme(base)
    except ValueError as exc:
        raise KhabarError(str(exc)) from None
    if isinstance(inputs, (str, Path, dict, Article)):
        inputs = [inputs]
    check = validator("fast") if validate else False
    acct = _Accounting()
    store = Store()
    batch: list[Quad] = []
    for article in _articles(inputs, acct):
        try:
            mapped = map_article(article, iris, check)
        except Exception as exc:  # an extraction bug must not lose the other articles
            acct.summary.failed += 1
            acct.failures.append(mapping_failed(article, exc))
            continue
        if mapped.violations:
            acct.summary.failed += 1
            acct.summary.nonconforming += 1
            acct.failures.append(Failure(article.input_name, article.record_index,
                                         f"does not conform to the shapes: {mapped.violations[0]}", "validate"))
            continue
        x = mapped.extraction
        acct.summary.add(mapped.quad_count, mapped.events, len(x.statements), x.entities, True)
        batch += mapped.quads
        if len(batch) > 200_000:
            store.bulk_extend(batch)
            batch = []
    entities = entity_quads(dict(sorted(acct.summary.entities.items())), iris)
    acct.summary.quads += len(entities)
    store.bulk_extend(batch + entities)
    return KnowledgeGraph(store, acct.failures, acct.summary)
