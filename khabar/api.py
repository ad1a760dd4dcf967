"""The Python API for people who do not write SPARQL: map articles, then read back plain rows.

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

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pyoxigraph import Literal, NamedNode, Quad, Store

from khabar.model import ENTITY_TYPES, Failure
from khabar.query import QueryResult, run_query
from khabar.rdf import DEFAULT_BASE
from khabar.rdf.vocab import DIP_NS, EVENT_TYPE_NS, OWL_NS, RDF_NS, RDFS_NS, SCHEMA_NS, SPEECH_ACT_NS, WD_NS, XSD_NS
from khabar.run import Executor, Input, RunCounts, RunSettings, map_stream

if TYPE_CHECKING:  # pragma: no cover
    import pandas
    import rdflib

_PREFIXES = (f"PREFIX dip: <{DIP_NS}>\nPREFIX rdfs: <{RDFS_NS}>\nPREFIX rdf: <{RDF_NS}>\n")
_TYPE, _LABEL = RDF_NS + "type", RDFS_NS + "label"


@dataclass(frozen=True, slots=True)
class EntityRow:
    """A person, organisation or place (``dip:Agent`` / ``dip:Place``) as described in the graph."""

    iri: str
    type: str | None  # Person, Organization, Country, City, Region or Facility
    label_ar: str | None
    label_en: str | None = None
    wikidata: str | None = None  # the Wikidata Q-id (owl:sameAs wd:Q...)
    role: str | None = None
    country: str | None = None  # IRI of the country it belongs to
    iso_code: str | None = None  # ISO 3166-1 alpha-2, for countries

    @property
    def label(self) -> str:
        """The Arabic label, else the English one, else the IRI."""
        return self.label_ar or self.label_en or self.iri


@dataclass(frozen=True, slots=True)
class EventRow:
    """A ``dip:Event``. An event reported by several articles is one row with several articles."""

    iri: str
    type: str  # Meeting, PhoneCall, PressConference, Visit, Summit or Interview
    date: str | None  # lexical form: 2022-09-14, 2022-09 (gYearMonth), 2022 (gYear) or --09-14 (gMonthDay)
    date_type: str | None  # date, gYearMonth, gYear or gMonthDay
    participants: tuple[str, ...]  # entity IRIs, sorted
    places: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()  # article IRIs (dip:reportedIn)
    triggers: tuple[str, ...] = ()  # the words that name the event
    initiators: tuple[str, ...] = ()
    participant_labels: tuple[str, ...] = ()  # the participants' labels (Arabic, else English, else the IRI), in order
    place_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StatementRow:
    """A ``dip:Statement``: who said what, where in which article."""

    iri: str
    speaker: str  # entity IRI
    kind: str  # "direct" (dip:DirectQuote) or "reported" (dip:ReportedSpeech)
    text: str
    article: str | None  # article IRI
    begin: int | None  # code-point offsets of the text in the article's text (end exclusive)
    end: int | None
    speech_act: str | None = None  # statement, assertion, appeal, warning, ...
    cue: str | None = None  # the verb of saying
    source: str | None = None  # IRI of the medium credited
    during: str | None = None  # IRI of the event it was said during
    speaker_label: str | None = None  # the speaker's label (Arabic, else English)
    source_label: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """A ``dip:Article`` with its full text (the offsets count code points in ``text``)."""

    iri: str
    article_id: str
    text: str
    title: str | None = None
    published: str | None = None  # 2015-07-21 or 2015-07-21T02:51:32
    url: str | None = None

    @property
    def newspaper(self) -> str | None:
        """The newspaper's web site, from the URL ('okaz.com.sa'); the graph names no publisher."""
        return newspaper_of(self.url)


@dataclass(frozen=True, slots=True)
class MentionRow:
    """Where an article names an entity: ``text[begin:end] == anchor``."""

    article: str
    entity: str
    begin: int
    end: int
    anchor: str
    entity_label: str | None = None  # the entity's label (Arabic, else English)


def newspaper_of(url: str | None) -> str | None:
    """The host of an http(s) URL without a leading 'www.': 'https://www.okaz.com.sa/x' -> 'okaz.com.sa'."""
    from urllib.parse import urlsplit

    if not url or not url.lower().startswith(("http://", "https://")):
        return None
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.") or None


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

    def _select(self, sparql: str) -> list[list[Any]]:
        return [[_value(t) for t in row] for row in run_query(self.store, _PREFIXES + sparql).rows]

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
        for s, p, o in self._select(sparql):
            values = table[s][p]
            if o not in values:
                values.append(o)
        return table

    def _labels(self, sparql: str) -> dict[str, dict[str, str]]:
        out: dict[str, dict[str, str]] = defaultdict(dict)
        for s, lang, text in self._select(sparql):
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
        dtypes = dict(self._select("SELECT DISTINCT ?e (DATATYPE(?d) AS ?t) WHERE { ?e a dip:Event ; dip:date ?d }"))
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
        spans = {s: (b, e) for s, b, e in self._select(
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
        rows = self._select(
            "SELECT DISTINCT ?a ?x ?b ?e ?anchor WHERE { GRAPH ?g { ?a a dip:Article ; dip:mentions ?x . "
            "?x dip:evidence ?m . ?m dip:beginIndex ?b ; dip:endIndex ?e ; dip:anchorOf ?anchor } }")
        label = self._label_of()
        for a, x, b, e, anchor in sorted(rows, key=lambda r: (r[0], r[2], r[3], r[1])):
            yield MentionRow(a, x, b, e, anchor, label(x))

    def to_frames(self) -> dict[str, pandas.DataFrame]:
        """The tables of ``khabar export --tables`` as pandas DataFrames: ``events``,
        ``statements``, ``entities``, ``mentions`` and ``articles`` (see docs/tables.md). Needs pandas
        (``pip install 'khabar[tables]'``)."""
        from khabar.tables import to_frames

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
