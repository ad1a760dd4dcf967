"""The seeds' graph conforms, and every shape rejects a crafted bad graph with a plain message."""
from __future__ import annotations

import pytest
import rdflib

from khabar.validate import validate_graph

PREFIXES = """
@prefix dip: <https://w3id.org/khabar/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix : <http://example.org/> .
"""
GOOD = """
:art a dip:Article ; dip:articleId "a1" ; dip:published "2015-07-21"^^xsd:date .
:putin a dip:Person , dip:Agent ; rdfs:label "بوتين"@ar .
:macron a dip:Person , dip:Agent ; rdfs:label "ماكرون"@ar .
:paris a dip:City , dip:Place ; rdfs:label "باريس"@ar .
:ev a dip:Event , dip:Meeting ; dip:participant :putin , :macron ; dip:reportedIn :art ;
    dip:place :paris ; dip:date "2015-11-26"^^xsd:date ; dip:evidence :m1 .
:m1 a dip:Mention ; dip:beginIndex "3"^^xsd:nonNegativeInteger ; dip:endIndex "7"^^xsd:nonNegativeInteger ;
    dip:anchorOf "لقاء" .
:st a dip:Statement , dip:DirectQuote ; dip:speaker :putin ; dip:text "نحن مستعدون"@ar ; dip:reportedIn :art .
"""


def graph(ttl: str) -> rdflib.Graph:
    return rdflib.Graph().parse(data=PREFIXES + ttl, format="turtle")


def test_good_graph_conforms():
    assert validate_graph(graph(GOOD)) == []


def test_seeds_graph_conforms(seeds_nq):
    ds = rdflib.Dataset()
    ds.parse(str(seeds_nq), format="nquads")
    merged = rdflib.Graph()
    for q in ds.quads((None, None, None, None)):
        merged.add(q[:3])
    assert validate_graph(merged) == []


BAD = {
    "statement without speaker": (GOOD.replace("dip:speaker :putin ;", ""), "exactly one dip:speaker"),
    "statement with two speakers": (GOOD.replace("dip:speaker :putin ;", "dip:speaker :putin , :macron ;"), "exactly one dip:speaker"),
    "statement text not Arabic": (GOOD.replace('"نحن مستعدون"@ar', '"we are ready"@en'), "Arabic"),
    "statement without article": (GOOD.replace("dip:text \"نحن مستعدون\"@ar ; dip:reportedIn :art", "dip:text \"نحن مستعدون\"@ar"), "exactly one article"),
    "statement both kinds": (GOOD.replace("dip:Statement , dip:DirectQuote", "dip:Statement , dip:DirectQuote , dip:ReportedSpeech"), "exactly one of dip:DirectQuote"),
    "statement no kind": (GOOD.replace("dip:Statement , dip:DirectQuote", "dip:Statement"), "exactly one of dip:DirectQuote"),
    "event without type": (GOOD.replace("dip:Event , dip:Meeting", "dip:Event"), "exactly one event type"),
    "event with two types": (GOOD.replace("dip:Event , dip:Meeting", "dip:Event , dip:Meeting , dip:Visit"), "exactly one event type"),
    "event without participant": (GOOD.replace("dip:participant :putin , :macron ;", ""), "at least one participant"),
    "event bad date": (GOOD.replace('"2015-11-26"^^xsd:date', '"26/11/2015"'), "xsd:date, xsd:gYearMonth"),
    "event place not a place": (GOOD.replace("dip:place :paris", "dip:place :putin"), "must be a place"),
    "agent without Arabic label": (GOOD.replace('rdfs:label "بوتين"@ar', 'rdfs:label "Putin"@en'), "Arabic label"),
    "offsets reversed": (GOOD.replace('"3"^^xsd', '"9"^^xsd'), "smaller than"),
    "offsets not integers": (GOOD.replace('"3"^^xsd:nonNegativeInteger', '"three"'), "integer dip:beginIndex"),
    "negative offset": (GOOD.replace('"3"^^xsd:nonNegativeInteger', '"-3"^^xsd:integer'), "integer dip:beginIndex"),
    "mention without anchor": (GOOD.replace('dip:anchorOf "لقاء" ', ''), "dip:anchorOf"),
    "article without id": (GOOD.replace('dip:articleId "a1" ;', ''), "dip:articleId"),
    "article bad published": (GOOD.replace('"2015-07-21"^^xsd:date', '"yesterday"'), "dip:published"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_each_shape_rejects_a_bad_graph(case):
    ttl, expected = BAD[case]
    violations = validate_graph(graph(ttl))
    assert violations, f"{case}: accepted"
    assert any(expected in v.message for v in violations), [v.message for v in violations]


def test_offsets_read_back_from_a_store_conform(seeds_nq):
    """Oxigraph gives xsd:nonNegativeInteger back as xsd:integer: a store's dump still conforms."""
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(seeds_nq), format=ox.RdfFormat.N_QUADS)
    dump = ox.serialize(store, format=ox.RdfFormat.N_QUADS).decode()
    assert "XMLSchema#integer" in dump
    merged = rdflib.Graph()
    ds = rdflib.Dataset()
    ds.parse(data=dump, format="nquads")
    for q in ds.quads((None, None, None, None)):
        merged.add(q[:3])
    assert validate_graph(merged) == []
