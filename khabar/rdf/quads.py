"""Extraction model -> quads: one named graph per article, entity descriptions in the entities graph,
nothing in the default graph, no blank nodes.

Graphs are written as N-Quads text with string formatting (terms escaped exactly as pyoxigraph
writes them: tested), lines sorted and each once; `read_nquads` turns the text into pyoxigraph
quads where terms are wanted (validation, stores). Writing the text is several times cheaper than
building a pyoxigraph term for every part of every quad.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from pyoxigraph import NamedNode, Quad, RdfFormat, parse

from khabar.model import Entity, Extraction, Span
from khabar.rdf.escape import escaped
from khabar.rdf.iris import IriScheme
from khabar.rdf.vocab import (DIP, EVENT_TYPE_NS, OWL_SAME_AS, PROV_GENERATED_AT, RDF_TYPE, RDFS_LABEL, SCHEMA_URL,
                              SPEECH_ACT_NS, WD_NS, XSD_NS)

# what an IRI may not hold as it stands: controls, space, the delimiters IRIs exclude, lone surrogates
# and the bidirectional formatting characters (RFC 3987 section 4.1: LRM, RLM, LRE-RLO, PDF, and the
# isolates LRI-PDI); and what a reader sees as white space or nothing (no-break and the other Unicode
# spaces, zero-width marks, private use, non-characters), which parsers that split on white space
# (rdflib) reject inside an IRI. Percent-encoded as the IRI-to-URI mapping encodes them
_IRI_UNSAFE = re.compile("[\x00-\x20<>\"{}|\\\\^`\x7f-\xa0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u2069"
                         "\u3000\ud800-\udfff\ue000-\uf8ff\ufdd0-\ufdef\ufeff\ufff0-\uffff]")


def literal(text: str, language: str | None = None, datatype: str | None = None) -> str:
    """A literal in N-Quads syntax (a datatype is an IRI; none or xsd:string: a plain literal)."""
    quoted = '"' + escaped(text) + '"'
    if language:
        return f"{quoted}@{language}"
    return f"{quoted}^^<{datatype}>" if datatype and datatype != XSD_NS + "string" else quoted


def _ar(text: str) -> str:
    return literal(text, "ar")


def _int(value: int) -> str:
    return f'"{value}"^^<{XSD_NS}nonNegativeInteger>'


def safe_iri(url: str) -> str | None:
    """A URL as an IRI in N-Quads syntax, the characters IRIs forbid percent-encoded; None if unusable."""
    encoded = _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogatepass")), url.strip())
    try:
        return str(NamedNode(encoded))
    except ValueError:
        return None


def _published(value: str) -> str:
    return literal(value, datatype=XSD_NS + ("dateTime" if "T" in value else "date"))


class _Terms:
    """The ontology's terms in N-Quads syntax, each written once."""

    def __getattr__(self, name: str) -> str:
        value = str(getattr(DIP, name))
        setattr(self, name, value)
        return value


_T = _Terms()
_TYPE, _LABEL, _SAME_AS, _URL, _GENERATED_AT = (str(node) for node in (RDF_TYPE, RDFS_LABEL, OWL_SAME_AS, SCHEMA_URL,
                                                                      PROV_GENERATED_AT))
ENTITY_CLASSES = {
    "Person": (_T.Person, _T.Agent),
    "Organization": (_T.Organization, _T.Agent),
    "Country": (_T.Country, _T.Agent, _T.Place),
    "City": (_T.City, _T.Place),
    "Region": (_T.Region, _T.Place),
    "Facility": (_T.Facility, _T.Place),
    "Place": (_T.Place,),  # a place the recogniser found that no list knows: its kind is unknown
}


def _sorted_lines(lines: list[str]) -> list[bytes]:
    """The lines each once, UTF-8, sorted (UTF-8's byte order is the code points' order). Each line
    is encoded on its own: most are ASCII (IRIs), which encode as a copy, where the joined text,
    Arabic somewhere in it, would be widened and encoded character by character."""
    return sorted(set(map(str.encode, lines)))


def read_nquads(data: bytes) -> list[Quad]:
    """N-Quads bytes as pyoxigraph quads, in their order."""
    return list(parse(data, format=RdfFormat.N_QUADS))


def _entity_lines(entity: Entity, country: Entity | None, iris: IriScheme) -> list[str]:
    """An entity's description in the entities graph (`country`: its country, when described too)."""
    node, graph = f"<{iris.entity(entity)}>", f"<{iris.entities_graph}> .\n"
    lines = [f"{node} {_TYPE} {cls} {graph}" for cls in ENTITY_CLASSES[entity.type]]
    lines.append(f"{node} {_LABEL} {_ar(entity.label_ar)} {graph}")
    if entity.label_en:
        lines.append(f"{node} {_LABEL} {literal(entity.label_en, 'en')} {graph}")
    if entity.qid:
        lines.append(f"{node} {_SAME_AS} <{WD_NS}{entity.qid}> {graph}")
    if entity.role:
        lines.append(f"{node} {_T.role} {_ar(entity.role)} {graph}")
    if entity.iso2:
        lines.append(f"{node} {_T.iso3166Code} {literal(entity.iso2)} {graph}")
    if country is not None and country.key != entity.key:
        lines.append(f"{node} {_T.country} <{iris.entity(country)}> {graph}")
    return lines


def _country(entity: Entity, entities: dict[str, Entity]) -> Entity | None:
    return entities.get(entity.country) if entity.country else None


def entity_nquads(entities: dict[str, Entity], iris: IriScheme) -> bytes:
    """The entities graph's description of these entities, as sorted N-Quads."""
    return b"".join(entity_lines(entities, iris))


def entity_lines(entities: dict[str, Entity], iris: IriScheme) -> list[bytes]:
    """`entity_nquads` as its lines (each ends with a newline): as many as the graph has quads."""
    return _sorted_lines([line for e in entities.values() for line in _entity_lines(e, _country(e, entities), iris)])


def entity_quads(entities: dict[str, Entity], iris: IriScheme) -> list[Quad]:
    """The same as quads, sorted."""
    return read_nquads(entity_nquads(entities, iris))


def entity_descriptions(entities: dict[str, Entity], iris: IriScheme) -> bytes:
    """The same N-Quads in no particular order, each entity's written once and remembered (an
    entity comes back in article after article): for checking an article with the entities it uses."""
    return b"".join(_entity_text(e, _country(e, entities), iris) for e in entities.values())


@lru_cache(maxsize=4096)
def _entity_text(entity: Entity, country: Entity | None, iris: IriScheme) -> bytes:
    return "".join(_entity_lines(entity, country, iris)).encode("utf-8")


def event_iris(extraction: Extraction, iris: IriScheme, entity_iri: dict[str, str] | None = None) -> list[str]:
    """The IRIs of an extraction's events, in order. An event reported by two articles (the same
    type, parties and date) has one IRI: counts of events are counts of these."""
    if entity_iri is None:
        entity_iri = {key: iris.entity(extraction.entities[key]) for e in extraction.events for key in e.participants}
    art_id = extraction.article.article_id
    return [iris.event(e, art_id, [entity_iri[p] for p in e.participants]) for e in extraction.events]


TEXT_CHOICES = ("full", "none")  # what of an article's text its graph holds (dip:articleText)


def article_nquads(extraction: Extraction, iris: IriScheme, version: str, generated_at: str | None = None,
                   text: str = "full") -> bytes:
    """One article's named graph as sorted N-Quads. No clock time unless `generated_at` is given.
    `text`: "full" writes the article's text (dip:articleText), "none" leaves it out (offsets still
    count into it: the text as read from the source, whose dip:contentHash the graph keeps)."""
    return article_graph(extraction, iris, version, generated_at, text)[0]


def article_graph(extraction: Extraction, iris: IriScheme, version: str, generated_at: str | None = None,
                  text: str = "full") -> tuple[bytes, int]:
    """`article_nquads`, and how many quads it holds.

    Each triple is written once without the graph, which every line ends with: the triples sort
    as the lines do (no triple's text is the start of another's: each ends with a whole term and a
    space), and the graph is put between them as they are joined."""
    if text not in TEXT_CHOICES:
        raise ValueError(f"unknown text choice {text!r}; known: {', '.join(TEXT_CHOICES)}")
    art = extraction.article
    a = f"<{iris.article(art.article_id)}>"
    lines: list[str] = []

    def add(s: str, p: str, o: str) -> None:
        lines.append(f"{s} {p} {o} ")

    def evidence(subject: str, span: Span) -> None:
        m = f"<{iris.mention(art.article_id, span.begin, span.end)}>"
        add(subject, _T.evidence, m)
        add(m, _TYPE, _T.Mention)
        add(m, _T.beginIndex, _int(span.begin))
        add(m, _T.endIndex, _int(span.end))
        add(m, _T.anchorOf, literal(span.text))

    add(a, _TYPE, _T.Article)
    add(a, _T.articleId, literal(art.article_id))
    if art.url and (url := safe_iri(art.url)) is not None:
        add(a, _URL, url)
    if art.published:
        add(a, _T.published, _published(art.published))
    if art.title:
        add(a, _T.title, _ar(art.title))
    if text == "full":
        add(a, _T.articleText, literal(art.text))
    add(a, _T.inputName, literal(art.recorded_name))
    if art.record_index is not None:
        add(a, _T.recordIndex, _int(art.record_index))
    add(a, _T.contentHash, literal("sha256:" + hashlib.sha256(art.text.encode("utf-8", "surrogatepass")).hexdigest()))
    add(a, _T.khabarVersion, literal(version))
    if generated_at:
        add(a, _GENERATED_AT, literal(generated_at, datatype=XSD_NS + "dateTime"))

    entity_iri = {key: iris.entity(e) for key, e in extraction.entities.items()}
    entity_node = {key: f"<{iri}>" for key, iri in entity_iri.items()}
    for key in extraction.entities:
        add(a, _T.mentions, entity_node[key])
    for mention in extraction.mentions:
        evidence(entity_node[mention.entity], mention.span)

    event_nodes = []
    for event, iri in zip(extraction.events, event_iris(extraction, iris, entity_iri)):
        node = f"<{iri}>"
        event_nodes.append(node)
        add(node, _TYPE, _T.Event)
        add(node, _TYPE, getattr(_T, event.type))
        add(node, _T.eventType, f"<{EVENT_TYPE_NS}{event.type}>")
        add(node, _T.reportedIn, a)
        add(node, _T.trigger, _ar(event.trigger.text))
        for p in event.participants:
            add(node, _T.participant, entity_node[p])
        if event.place:
            add(node, _T.place, entity_node[event.place])
        if event.initiator:
            add(node, _T.initiator, entity_node[event.initiator])
        if event.date:
            add(node, _T.date, literal(event.date.lexical, datatype=XSD_NS + event.date.datatype))
        evidence(node, event.trigger)

    said_by: dict[tuple[int, int], int] = {}  # the same words said by several (a dual or plural cue)
    for st in extraction.statements:
        words = (st.content.begin, st.content.end)
        said_by[words] = said_by.get(words, 0) + 1
        node = f"<{iris.statement(art.article_id, *words, said_by[words])}>"
        add(node, _TYPE, _T.Statement)
        add(node, _TYPE, _T.DirectQuote if st.direct else _T.ReportedSpeech)
        add(node, _T.speaker, entity_node[st.speaker])
        add(node, _T.text, _ar(st.content.text))
        add(node, _T.reportedIn, a)
        if st.cue:
            add(node, _T.cue, _ar(st.cue.text))
        if st.speech_act:
            add(node, _T.speechAct, f"<{SPEECH_ACT_NS}{st.speech_act}>")
        if st.source:
            add(node, _T.source, entity_node[st.source])
        if st.during is not None:
            add(node, _T.during, event_nodes[st.during])
        evidence(node, st.content)
    triples = _sorted_lines(lines)
    graph = f"<{iris.graph(art.article_id)}> .\n".encode()
    return graph.join(triples) + graph, len(triples)


def article_quads(extraction: Extraction, iris: IriScheme, version: str, generated_at: str | None = None,
                  text: str = "full") -> list[Quad]:
    """Every quad of one article's named graph, sorted."""
    return read_nquads(article_nquads(extraction, iris, version, generated_at, text))
