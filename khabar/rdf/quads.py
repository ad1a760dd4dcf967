"""Extraction model -> quads: one named graph per article, entity descriptions in the entities graph,
nothing in the default graph, no blank nodes."""
from __future__ import annotations

import hashlib
import re

from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, serialize

from khabar.model import Entity, Extraction, Span
from khabar.rdf.iris import IriScheme
from khabar.rdf.vocab import (DIP, EVENT_TYPE_NS, OWL_SAME_AS, PROV_GENERATED_AT, RDF_TYPE, RDFS_LABEL, SCHEMA_URL,
                              SPEECH_ACT_NS, WD_NS, xsd)

ENTITY_CLASSES = {
    "Person": (DIP.Person, DIP.Agent),
    "Organization": (DIP.Organization, DIP.Agent),
    "Country": (DIP.Country, DIP.Agent, DIP.Place),
    "City": (DIP.City, DIP.Place),
    "Region": (DIP.Region, DIP.Place),
    "Facility": (DIP.Facility, DIP.Place),
}
_IRI_UNSAFE = re.compile(r"[\x00-\x20<>\"{}|\\^`\ud800-\udfff]")


def _ar(text: str) -> Literal:
    return Literal(text, language="ar")


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=xsd("nonNegativeInteger"))


def safe_iri(url: str) -> NamedNode | None:
    """A URL as an IRI node, with the characters IRIs forbid percent-encoded; None if unusable."""
    encoded = _IRI_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8", "surrogatepass")), url.strip())
    try:
        return NamedNode(encoded)
    except ValueError:
        return None


def _published(value: str) -> Literal:
    return Literal(value, datatype=xsd("dateTime" if "T" in value else "date"))


def in_line_order(quads: list[Quad]) -> list[Quad]:
    """The quads without repeats, in the order of their N-Quads lines (one serialisation, not a
    string per quad)."""
    lines = serialize(quads, format=RdfFormat.N_QUADS).split(b"\n")
    out, previous = [], None
    for i in sorted(range(len(quads)), key=lines.__getitem__):
        if lines[i] != previous:
            out.append(quads[i])
            previous = lines[i]
    return out


def entity_quads(entities: dict[str, Entity], iris: IriScheme) -> list[Quad]:
    graph = NamedNode(iris.entities_graph)
    quads: list[Quad] = []
    for entity in entities.values():
        node = NamedNode(iris.entity(entity))
        for cls in ENTITY_CLASSES[entity.type]:
            quads.append(Quad(node, RDF_TYPE, cls, graph))
        quads.append(Quad(node, RDFS_LABEL, _ar(entity.label_ar), graph))
        if entity.label_en:
            quads.append(Quad(node, RDFS_LABEL, Literal(entity.label_en, language="en"), graph))
        if entity.qid:
            quads.append(Quad(node, OWL_SAME_AS, NamedNode(WD_NS + entity.qid), graph))
        if entity.role:
            quads.append(Quad(node, DIP.role, _ar(entity.role), graph))
        if entity.iso2:
            quads.append(Quad(node, DIP.iso3166Code, Literal(entity.iso2), graph))
        if entity.country and entity.country in entities and entity.country != entity.key:
            quads.append(Quad(node, DIP.country, NamedNode(iris.entity(entities[entity.country])), graph))
    return in_line_order(quads)


def article_quads(extraction: Extraction, iris: IriScheme, version: str, generated_at: str | None = None) -> list[Quad]:
    """Every quad of one article's named graph, sorted. No clock time unless `generated_at` is given."""
    art = extraction.article
    graph = NamedNode(iris.graph(art.article_id))
    a = NamedNode(iris.article(art.article_id))
    out: list[Quad] = []

    def add(s, p, o):
        out.append(Quad(s, p, o, graph))

    def evidence(subject: NamedNode, span: Span):
        m = NamedNode(iris.mention(art.article_id, span.begin, span.end))
        add(subject, DIP.evidence, m)
        add(m, RDF_TYPE, DIP.Mention)
        add(m, DIP.beginIndex, _int(span.begin))
        add(m, DIP.endIndex, _int(span.end))
        add(m, DIP.anchorOf, Literal(span.text))

    add(a, RDF_TYPE, DIP.Article)
    add(a, DIP.articleId, Literal(art.article_id))
    if art.url and (url := safe_iri(art.url)) is not None:
        add(a, SCHEMA_URL, url)
    if art.published:
        add(a, DIP.published, _published(art.published))
    if art.title:
        add(a, DIP.title, _ar(art.title))
    add(a, DIP.articleText, Literal(art.text))
    add(a, DIP.inputName, Literal(art.input_name))
    if art.record_index is not None:
        add(a, DIP.recordIndex, _int(art.record_index))
    add(a, DIP.contentHash, Literal("sha256:" + hashlib.sha256(art.text.encode("utf-8", "surrogatepass")).hexdigest()))
    add(a, DIP.khabarVersion, Literal(version))
    if generated_at:
        add(a, PROV_GENERATED_AT, Literal(generated_at, datatype=xsd("dateTime")))

    entity_node = {key: NamedNode(iris.entity(e)) for key, e in extraction.entities.items()}
    for key in extraction.entities:
        add(a, DIP.mentions, entity_node[key])
    for mention in extraction.mentions:
        evidence(entity_node[mention.entity], mention.span)

    event_nodes = []
    for event in extraction.events:
        node = NamedNode(iris.event(event, art.article_id, [entity_node[p].value for p in event.participants]))
        event_nodes.append(node)
        add(node, RDF_TYPE, DIP.Event)
        add(node, RDF_TYPE, getattr(DIP, event.type))
        add(node, DIP.eventType, NamedNode(EVENT_TYPE_NS + event.type))
        add(node, DIP.reportedIn, a)
        add(node, DIP.trigger, _ar(event.trigger.text))
        for p in event.participants:
            add(node, DIP.participant, entity_node[p])
        if event.place:
            add(node, DIP.place, entity_node[event.place])
        if event.initiator:
            add(node, DIP.initiator, entity_node[event.initiator])
        if event.date:
            add(node, DIP.date, Literal(event.date.lexical, datatype=xsd(event.date.datatype)))
        evidence(node, event.trigger)

    for st in extraction.statements:
        node = NamedNode(iris.statement(art.article_id, st.content.begin, st.content.end))
        add(node, RDF_TYPE, DIP.Statement)
        add(node, RDF_TYPE, DIP.DirectQuote if st.direct else DIP.ReportedSpeech)
        add(node, DIP.speaker, entity_node[st.speaker])
        add(node, DIP.text, _ar(st.content.text))
        add(node, DIP.reportedIn, a)
        if st.cue:
            add(node, DIP.cue, _ar(st.cue.text))
        if st.speech_act:
            add(node, DIP.speechAct, NamedNode(SPEECH_ACT_NS + st.speech_act))
        if st.source:
            add(node, DIP.source, entity_node[st.source])
        if st.during is not None:
            add(node, DIP.during, event_nodes[st.during])
        evidence(node, st.content)
    return in_line_order(out)
