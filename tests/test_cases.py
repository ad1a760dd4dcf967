"""Golden cases (tests/cases/NAME/): each article's events, statements and the entities they name,
compared as graphs with what a reader of the article expects (tests/cases/README.md)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import graph_diff, to_isomorphic

from khabar.rdf import IriScheme, entity_descriptions
from khabar.run import RunSettings, map_stream

CASES = Path(__file__).parent / "cases"
FACTS = """
PREFIX dip: <https://w3id.org/khabar/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
CONSTRUCT {
  ?e a ?etype ; dip:participant ?p ; dip:place ?place ; dip:date ?date ; dip:initiator ?caller .
  ?s a ?skind ; dip:speaker ?speaker ; dip:source ?source ; dip:text ?text .
  ?x a ?xtype ; owl:sameAs ?same .
} WHERE {
  { ?e a dip:Event, ?etype . FILTER(?etype != dip:Event)
    OPTIONAL { ?e dip:participant ?p } OPTIONAL { ?e dip:place ?place }
    OPTIONAL { ?e dip:date ?date } OPTIONAL { ?e dip:initiator ?caller } }
  UNION
  { ?s a dip:Statement, ?skind . FILTER(?skind != dip:Statement) ?s dip:speaker ?speaker ; dip:text ?text .
    OPTIONAL { ?s dip:source ?source } }
  UNION
  { ?article dip:mentions ?x . ?x a ?xtype . OPTIONAL { ?x owl:sameAs ?same } }
}
"""


def facts(folder: Path) -> Graph:
    [mapped] = map_stream(folder / "article.txt", RunSettings(engine=None))
    data = Dataset(default_union=True)
    data.parse(data=mapped.nquads + entity_descriptions(mapped.entities, IriScheme()), format="nquads")
    graph = Graph()
    for triple in data.query(FACTS):
        graph.add(triple)
    return graph


@pytest.mark.parametrize("case", sorted(p.name for p in CASES.iterdir() if (p / "article.txt").exists()))
def test_case(case):
    folder = CASES / case
    found = facts(folder)
    expected_path = folder / "expected.trig"
    if os.environ.get("KHABAR_WRITE_CASES"):
        expected_path.write_text(found.serialize(format="turtle"), encoding="utf-8")  # TriG's default graph
    expected = Graph()
    for triple in Dataset(default_union=True).parse(expected_path, format="trig").triples((None, None, None)):
        expected.add(triple)
    if to_isomorphic(found) != to_isomorphic(expected):
        _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(found))
        pytest.fail(f"{case}: missing\n{missing.serialize(format='nt')}\nextra\n{extra.serialize(format='nt')}")
