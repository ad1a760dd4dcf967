"""The knowledge graph read back as plain Python: a khabar graph in a pyoxigraph store, with its
entities, events, statements, articles and mentions as rows (:mod:`khabar.graph.rows`).

::

    from khabar.graph import KnowledgeGraph

    kg = KnowledgeGraph.open("out/store")            # any khabar graph file or store works the same
    for event in kg.events():                        # small frozen dataclasses, read back by SPARQL
        print(event.type, event.date, event.participant_labels)
    kg.select("SELECT ?a WHERE { ?a a dip:Article }")  # rows of plain values
    frames = kg.to_frames()                          # pandas DataFrames (pip install 'khabar[tables]')

Everything it hands out is read from its store, so a graph mapped by :func:`khabar.map_articles`
and one opened from a file give the same rows.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyoxigraph import Literal, NamedNode, Quad, Store

from khabar.graph.query import QueryResult, run_query
from khabar.graph.rows import ArticleRow, EntityRow, EventRow, MentionRow, StatementRow
from khabar.graph.tables import to_frames
from khabar.model import ENTITY_TYPES, Failure
from khabar.rdf.vocab import DIP_NS, EVENT_TYPE_NS, OWL_NS, RDF_NS, RDFS_NS, SCHEMA_NS, SPEECH_ACT_NS, WD_NS, XSD_NS

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import rdflib

    from khabar.run import RunCounts

SELECT_PROLOGUE = f"PREFIX dip: <{DIP_NS}>\nPREFIX rdfs: <{RDFS_NS}>\nPREFIX rdf: <{RDF_NS}>\n"
_TYPE = RDF_NS + "type"


def _value(term) -> Any:
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.datatype.value in (XSD_NS + "nonNegativeInteger", XSD_NS + "integer"):
            try:
                return int(term.value)
            except ValueError:
                return term.value
        return term.value
    return term.value if isinstance(term, NamedNode) else str(term)


def _after(value: str | None, prefix: str) -> str | None:
    if value is None:
        return None
    return value[len(prefix):] if value.startswith(prefix) else value


class KnowledgeGraph:
    """A khabar graph in a pyoxigraph store, with plain-Python views of it.

    Attributes:
        store: the pyoxigraph ``Store`` (query it directly with SPARQL if you like).
        failures: the inputs that could not be mapped (empty for an opened graph).
        summary: the mapping counts (None for an opened graph).
    """

    def __init__(self, store: Store, failures: Iterable[Failure] = (), summary: RunCounts | None = None):
        self.store = store
        self.failures: list[Failure] = list(failures)
        self.summary = summary
        self._rdflib = None

    @classmethod
    def open(cls, source: str | Path | Store) -> KnowledgeGraph:
        """Open a khabar graph file (.nq .trig .ttl .nt .jsonld .rdf), a store folder (read-only)
        or an existing pyoxigraph ``Store``. Raises :class:`khabar.errors.KhabarError` when the
        source cannot be read."""
        if isinstance(source, Store):
            return cls(source)
        from khabar.stores import open_source

        return cls(open_source(source))

    def __len__(self) -> int:
        return len(self.store)

    def __repr__(self) -> str:
        return f"<KnowledgeGraph {len(self)} quads, {len(self.failures)} failures>"

    # -- SPARQL and RDF -------------------------------------------------------------------------
    def query(self, sparql: str) -> QueryResult:
        """Run a SPARQL query; plain patterns see all article graphs together. Returns a
        ``QueryResult`` (``.variables`` and ``.rows`` of pyoxigraph terms, or ``.boolean``)."""
        return run_query(self.store, sparql)

    def select(self, sparql: str) -> list[list[Any]]:
        """Run a SELECT query (the prefixes dip:, rdfs: and rdf: are declared) and give its rows as lists
        of plain values: IRIs and literals as strings, integers as ints, unbound as None.

        >>> kg = KnowledgeGraph(Store())
        >>> kg.select("SELECT ?n WHERE { BIND(2 AS ?n) }")
        [[2]]
        """
        return [[_value(t) for t in row] for row in run_query(self.store, SELECT_PROLOGUE + sparql).rows]

    def quads(self) -> list[Quad]:
        """Every quad, article graphs sorted by name and the entities graph last; sorted within
        a graph, so the same graph always gives the same order."""
        graphs = sorted({q.graph_name for q in self.store.quads_for_pattern(None, None, None)}, key=str)
        graphs.sort(key=lambda g: str(g).endswith("/graph/entities>"))
        out: list[Quad] = []
        for g in graphs:
            out += sorted(self.store.quads_for_pattern(None, None, None, g), key=str)
        return out

    def write(self, path: str | Path, format: str | None = None) -> Path:
        """Write the graph to a file; the format comes from ``format`` or the file extension
        (.nq .trig .jsonld .ttl .nt .rdf). Returns the path written."""
        from khabar.formats import format_for, write_quads

        fmt = format_for(format, path)
        write_quads(self.quads(), path, fmt)
        return Path(path)

    def rdflib(self) -> rdflib.Dataset:
        """The graph as an rdflib ``Dataset`` (built on first use, then kept)."""
        if self._rdflib is None:
            import rdflib
            from pyoxigraph import RdfFormat, serialize

            dataset = rdflib.Dataset()
            dataset.parse(data=serialize(self.quads(), format=RdfFormat.N_QUADS).decode("utf-8"), format="nquads")
            self._rdflib = dataset
        return self._rdflib

    # -- plain rows -----------------------------------------------------------------------------
    def _properties(self, sparql: str) -> dict[str, dict[str, list]]:
        """{subject: {predicate: [values]}} from a query selecting ?s ?p ?o."""
        table: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for s, p, o in self.select(sparql):
            values = table[s][p]
            if o not in values:
                values.append(o)
        return table

    def _labels(self, sparql: str) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = defaultdict(dict)
        for s, lang, text in self.select(sparql):
            out[s].setdefault(lang, text)
        return out

    def _entity_labels(self) -> dict[str, dict[str, str]]:
        """{entity IRI: {language: label}} for every entity described in the graph."""
        values = " ".join(f"dip:{t}" for t in ENTITY_TYPES)
        return self._labels(f"SELECT DISTINCT ?x (LANG(?l) AS ?lang) ?l WHERE {{ VALUES ?c {{ {values} }} "
                            "?x a ?c ; rdfs:label ?l } ORDER BY ?x ?lang ?l")

    def _label_of(self) -> Callable[[str | None], str | None]:
        """A function giving an entity's label: Arabic, else English, else None."""
        labels = self._entity_labels()

        def label(iri: str | None) -> str | None:
            found = labels.get(iri) if iri else None
            return (found.get("ar") or found.get("en")) if found else None
        return label

    def entities(self) -> Iterator[EntityRow]:
        """Every entity described in the graph, sorted by IRI."""
        values = " ".join(f"dip:{t}" for t in ENTITY_TYPES)
        props = self._properties(f"SELECT DISTINCT ?x ?p ?o WHERE {{ VALUES ?c {{ {values} }} ?x a ?c ; ?p ?o }}")
        labels = self._entity_labels()
        for iri in sorted(props):
            p = props[iri]
            types = {_after(t, DIP_NS) for t in p.get(_TYPE, [])}
            same = [_after(v, WD_NS) for v in p.get(OWL_NS + "sameAs", []) if v.startswith(WD_NS)]
            yield EntityRow(
                iri=iri, type=next((t for t in ENTITY_TYPES if t in types), None),
                label_ar=labels[iri].get("ar"), label_en=labels[iri].get("en"),
                wikidata=min(same) if same else None, role=_first(p, DIP_NS + "role"),
                country=_first(p, DIP_NS + "country"), iso_code=_first(p, DIP_NS + "iso3166Code"))

    def events(self) -> Iterator[EventRow]:
        """Every event, sorted by date (year-less dates after dated ones, undated last), type and IRI."""
        props = self._properties("SELECT DISTINCT ?e ?p ?o WHERE { ?e a dip:Event ; ?p ?o }")
        dtypes = dict(self.select("SELECT DISTINCT ?e (DATATYPE(?d) AS ?t) WHERE { ?e a dip:Event ; dip:date ?d }"))
        label = self._label_of()
        rows = []
        for iri, p in props.items():
            participants, places = _all(p, DIP_NS + "participant"), _all(p, DIP_NS + "place")
            rows.append(EventRow(
                iri=iri, type=_after(_first(p, DIP_NS + "eventType"), EVENT_TYPE_NS) or "Event",
                date=_first(p, DIP_NS + "date"), date_type=_after(dtypes.get(iri), XSD_NS),
                participants=participants, places=places,
                articles=_all(p, DIP_NS + "reportedIn"), triggers=_all(p, DIP_NS + "trigger"),
                initiators=_all(p, DIP_NS + "initiator"),
                participant_labels=tuple(label(x) or x for x in participants),
                place_labels=tuple(label(x) or x for x in places)))
        yield from sorted(rows, key=lambda e: (_date_order(e.date), e.type, e.iri))

    def statements(self) -> Iterator[StatementRow]:
        """Every statement, sorted by article and position."""
        props = self._properties("SELECT DISTINCT ?s ?p ?o WHERE { ?s a dip:Statement ; ?p ?o }")
        spans = {s: (b, e) for s, b, e in self.select(
            "SELECT ?s ?b ?e WHERE { ?s a dip:Statement ; dip:evidence ?m . ?m dip:beginIndex ?b ; dip:endIndex ?e }")}
        label = self._label_of()
        rows = []
        for iri, p in props.items():
            begin, end = spans.get(iri, (None, None))
            speaker, source = _first(p, DIP_NS + "speaker") or "", _first(p, DIP_NS + "source")
            rows.append(StatementRow(
                iri=iri, speaker=speaker,
                kind="direct" if DIP_NS + "DirectQuote" in p.get(_TYPE, []) else "reported",
                text=_first(p, DIP_NS + "text") or "", article=_first(p, DIP_NS + "reportedIn"),
                begin=begin, end=end, speech_act=_after(_first(p, DIP_NS + "speechAct"), SPEECH_ACT_NS),
                cue=_first(p, DIP_NS + "cue"), source=source,
                during=_first(p, DIP_NS + "during"), speaker_label=label(speaker), source_label=label(source)))
        yield from sorted(rows, key=lambda s: (s.article or "", s.begin if s.begin is not None else -1, s.end or 0, s.iri))

    def articles(self) -> Iterator[ArticleRow]:
        """Every article with its text, sorted by IRI."""
        props = self._properties("SELECT DISTINCT ?a ?p ?o WHERE { ?a a dip:Article ; ?p ?o }")
        for iri in sorted(props):
            p = props[iri]
            yield ArticleRow(iri=iri, article_id=_first(p, DIP_NS + "articleId") or "",
                             text=_first(p, DIP_NS + "articleText") or "", title=_first(p, DIP_NS + "title"),
                             published=_first(p, DIP_NS + "published"), url=_first(p, SCHEMA_NS + "url"))

    def mentions(self) -> Iterator[MentionRow]:
        """Every place where an article names an entity, sorted by article and position."""
        rows = self.select(
            "SELECT DISTINCT ?a ?x ?b ?e ?anchor WHERE { GRAPH ?g { ?a a dip:Article ; dip:mentions ?x . "
            "?x dip:evidence ?m . ?m dip:beginIndex ?b ; dip:endIndex ?e ; dip:anchorOf ?anchor } }")
        label = self._label_of()
        for a, x, b, e, anchor in sorted(rows, key=lambda r: (r[0], r[2], r[3], r[1])):
            yield MentionRow(a, x, b, e, anchor, label(x))

    def to_frames(self) -> dict[str, pandas.DataFrame]:
        """The tables of ``khabar export --tables`` as pandas DataFrames: ``events``,
        ``statements``, ``entities``, ``mentions`` and ``articles`` (see docs/tables.md). Needs pandas
        (``pip install 'khabar[tables]'``)."""
        return to_frames(self)


def _date_order(date: str | None) -> tuple[int, str]:
    """Dates with a year first (in order), then year-less ones (--MM-DD), then undated."""
    if date is None:
        return (2, "")
    return (1, date) if date.startswith("--") else (0, date)


def _first(props: dict[str, list], key: str):
    values = props.get(key)
    return min(values, key=str) if values else None


def _all(props: dict[str, list], key: str) -> tuple:
    return tuple(sorted(props.get(key, ()), key=str))
