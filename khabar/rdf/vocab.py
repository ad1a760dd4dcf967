"""Namespaces and terms of the khabar ontology (ontology/khabar.ttl) as pyoxigraph NamedNodes."""
from __future__ import annotations

from pyoxigraph import NamedNode

DIP_NS = "https://w3id.org/khabar/ontology#"
EVENT_TYPE_NS = "https://w3id.org/khabar/ontology/event-type/"
SPEECH_ACT_NS = "https://w3id.org/khabar/ontology/speech-act/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
OWL_NS = "http://www.w3.org/2002/07/owl#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SCHEMA_NS = "https://schema.org/"
WD_NS = "http://www.wikidata.org/entity/"

PREFIXES = {
    "dip": DIP_NS, "rdf": RDF_NS, "rdfs": RDFS_NS, "owl": OWL_NS, "xsd": XSD_NS,
    "schema": SCHEMA_NS, "wd": WD_NS, "prov": "http://www.w3.org/ns/prov#", "evtype": EVENT_TYPE_NS, "act": SPEECH_ACT_NS,
}


class _Namespace:
    def __init__(self, base: str, terms: str):
        self._base = base
        for term in terms.split():
            setattr(self, term, NamedNode(base + term))

    def __getattr__(self, name: str):  # only reached for unknown terms
        raise AttributeError(f"term {name!r} is not in the namespace {self._base}")


DIP = _Namespace(DIP_NS, """
    Article Agent Person Organization Country Place City Region Facility
    Event Meeting PhoneCall PressConference Visit Summit Interview
    Statement DirectQuote ReportedSpeech Mention
    articleId published mentions participant place reportedIn date speaker text cue speechAct
    source during evidence beginIndex endIndex anchorOf initiator eventType trigger role country
    inputName recordIndex contentHash khabarVersion articleText title iso3166Code
""")
RDF_TYPE = NamedNode(RDF_NS + "type")
RDFS_LABEL = NamedNode(RDFS_NS + "label")
OWL_SAME_AS = NamedNode(OWL_NS + "sameAs")
SCHEMA_URL = NamedNode(SCHEMA_NS + "url")
PROV_GENERATED_AT = NamedNode("http://www.w3.org/ns/prov#generatedAtTime")


def xsd(name: str) -> NamedNode:
    return NamedNode(XSD_NS + name)
