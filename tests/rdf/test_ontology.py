"""The ontology realises the contract: every term the graph uses is defined, labelled in English and
Arabic and commented; the JSON-LD context maps them; the shapes and the code use the same IRIs."""
from __future__ import annotations

import json
import re

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from conftest import ROOT, SHARED
from khabar.rdf import vocab

DIP = rdflib.Namespace(vocab.DIP_NS)


@pytest.fixture(scope="module")
def onto():
    return rdflib.Graph().parse(ROOT / "ontology" / "khabar.ttl", format="turtle")


def dip_terms(graph):
    return {s for s in graph.subjects() if isinstance(s, rdflib.URIRef) and str(s).startswith(vocab.DIP_NS)}


def test_every_term_is_labelled_in_english_and_arabic_and_commented(onto):
    terms = dip_terms(onto)
    assert len(terms) > 40
    for term in terms:
        langs = {label.language for label in onto.objects(term, RDFS.label)}
        assert {"en", "ar"} <= langs, term
        assert any(True for _ in onto.objects(term, RDFS.comment)), term


def test_every_term_the_code_writes_is_defined(onto):
    defined = dip_terms(onto)
    for name, node in vars(vocab.DIP).items():
        if not name.startswith("_"):
            assert rdflib.URIRef(node.value) in defined, name


def test_contract_terms_are_defined(onto):
    contract = (SHARED / "ONTOLOGY-CONTRACT.md")
    if not contract.exists():
        pytest.skip(f"{contract} not found")
    used = set(re.findall(r"dip:([A-Za-z]+)", contract.read_text(encoding="utf-8")))
    assert used
    for name in used:
        assert DIP[name] in dip_terms(onto), name


def test_class_hierarchy_of_the_contract(onto):
    for sub, sup in [("Person", "Agent"), ("Organization", "Agent"), ("Country", "Agent"), ("Country", "Place"),
                     ("DirectQuote", "Statement"), ("ReportedSpeech", "Statement"), ("Meeting", "Event")]:
        assert (DIP[sub], RDFS.subClassOf, DIP[sup]) in onto


def test_concept_schemes_cover_event_types_and_speech_acts(onto):
    from khabar.extract.knowledge import read_tsv

    concepts = {str(c) for c in onto.subjects(RDF.type, SKOS.Concept)}
    for row in read_tsv(ROOT / "mappers" / "lexicons" / "speech_cues.tsv"):
        assert vocab.SPEECH_ACT_NS + row["act"] in concepts, row["act"]
    for row in read_tsv(ROOT / "mappers" / "lexicons" / "event_triggers.tsv"):
        assert vocab.EVENT_TYPE_NS + row["type"] in concepts, row["type"]


def test_ontology_metadata(onto):
    ontology = next(onto.subjects(RDF.type, OWL.Ontology))
    for p in (OWL.versionInfo, rdflib.URIRef("http://purl.org/dc/terms/license"),
              rdflib.URIRef("http://purl.org/vocab/vann/preferredNamespacePrefix")):
        assert onto.value(ontology, p) is not None, p


def test_jsonld_context_reads_a_statement():
    context = json.loads((ROOT / "ontology" / "context.jsonld").read_text(encoding="utf-8"))
    doc = {"@context": context["@context"], "@id": "http://example.org/s", "@type": "Statement",
           "speaker": "http://example.org/putin", "text": "نحن مستعدون"}
    g = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    assert (rdflib.URIRef("http://example.org/s"), DIP.speaker, rdflib.URIRef("http://example.org/putin")) in g
    assert (rdflib.URIRef("http://example.org/s"), DIP.text, rdflib.Literal("نحن مستعدون", lang="ar")) in g
