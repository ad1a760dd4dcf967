"""Linking with open data: Wikidata ids, ISO country codes, CAMEO/PLOVER codes, and a question that
joins khabar's graph with a Wikidata extract loaded beside it in the same store."""
from __future__ import annotations

import pyoxigraph as ox
import pytest

from conftest import ROOT
from khabar.graph import run_query


@pytest.fixture(scope="module")
def linked(seeds_nq):
    store = ox.Store()
    store.bulk_load(path=str(seeds_nq), format=ox.RdfFormat.N_QUADS)
    store.bulk_load(path=str(ROOT / "ontology" / "khabar.ttl"), format=ox.RdfFormat.TURTLE,
                    to_graph=ox.NamedNode("https://w3id.org/khabar/ontology"))
    store.bulk_load(path=str(ROOT / "docs" / "examples" / "wikidata-positions.trig"), format=ox.RdfFormat.TRIG)
    return store


def rows(store, name):
    result = run_query(store, (ROOT / "queries" / name).read_text(encoding="utf-8"))
    return [[t.value if t is not None else None for t in row] for row in result.rows]


def test_speakers_with_the_offices_they_held(linked):
    found = {(speaker, position) for speaker, position, _ in rows(linked, "speaker-positions.rq")}
    assert ("فلاديمير بوتين", "President of Russia") in found
    assert ("إيمانويل ماكرون", "President of the French Republic") in found


def test_events_carry_cameo_and_plover_codes(linked):
    table = rows(linked, "events-cameo.rq")
    assert table
    codes = {(t, c) for _, t, c, _, _ in table}
    assert ("PhoneCall", "041") in codes and ("Meeting", "040") in codes


def test_countries_carry_iso_codes(linked):
    result = run_query(linked, """PREFIX dip: <https://w3id.org/khabar/ontology#>
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT ?code WHERE { ?c dip:iso3166Code ?code ; owl:sameAs <http://www.wikidata.org/entity/Q142> }""")
    assert [r[0].value for r in result.rows] == ["FR"]
