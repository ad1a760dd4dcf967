"""The fast validator gives pyshacl's verdicts: the same violations (focus node, path, message) on the
shape suite, on the seeds' graph, and on many randomly damaged copies of it."""
from __future__ import annotations

import random

import pyoxigraph as ox
import pytest
import rdflib

from khabar.validate import validate_graph
from khabar.validate.fast import UnsupportedShapes, compile_shapes, validate_fast
from test_shapes import BAD, GOOD, PREFIXES


def verdicts(violations):
    return {(v.focus, v.path, v.message) for v in violations}


def both(quads):
    """The fast engine's verdicts and pyshacl's; the fast engine reading the same graph as N-Quads
    text (the way `khabar map` hands it over) must find exactly what it finds in the quads."""
    graph = rdflib.Graph()
    graph.parse(data=ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES).decode(), format="nt")
    fast = validate_fast(quads)
    assert validate_fast(ox.serialize(quads, format=ox.RdfFormat.N_QUADS)) == fast
    return verdicts(fast), verdicts(validate_graph(graph))


def quads_of(ttl: str):
    g = ox.NamedNode("http://example.org/g")
    return [ox.Quad(t.subject, t.predicate, t.object, g)
            for t in ox.parse((PREFIXES + ttl).encode(), format=ox.RdfFormat.TURTLE)]


@pytest.mark.parametrize("case", ["good"] + sorted(BAD))
def test_same_verdicts_on_the_shape_suite(case):
    ttl = GOOD if case == "good" else BAD[case][0]
    fast, reference = both(quads_of(ttl))
    assert fast == reference


@pytest.fixture(scope="module")
def seed_quads(seeds_nq):
    return list(ox.parse(path=str(seeds_nq), format=ox.RdfFormat.N_QUADS))


def test_same_verdicts_on_the_seeds(seed_quads):
    fast, reference = both(seed_quads)
    assert fast == reference == set()


def _damage(quads, rng):
    """Drop, duplicate or corrupt a few triples the shapes care about."""
    out = list(quads)
    for _ in range(rng.randint(1, 6)):
        i = rng.randrange(len(out))
        q = out[i]
        kind = rng.choice(["drop", "retype", "lang", "number", "extra", "escapes"])
        if kind == "drop":
            out.pop(i)
        elif kind == "retype" and isinstance(q.object, ox.Literal):
            out[i] = ox.Quad(q.subject, q.predicate, ox.Literal(q.object.value + "x"), q.graph_name)
        elif kind == "lang" and isinstance(q.object, ox.Literal):
            out[i] = ox.Quad(q.subject, q.predicate, ox.Literal(q.object.value, language="en"), q.graph_name)
        elif kind == "number" and isinstance(q.object, ox.Literal):
            out[i] = ox.Quad(q.subject, q.predicate, ox.Literal("-3", datatype=ox.NamedNode(
                "http://www.w3.org/2001/XMLSchema#integer")), q.graph_name)
        elif kind == "escapes" and isinstance(q.object, ox.Literal):  # characters N-Quads text escapes
            out[i] = ox.Quad(q.subject, q.predicate, ox.Literal('1"\n\\\t\x01' + q.object.value,
                                                                datatype=q.object.datatype), q.graph_name)
        elif kind == "extra":
            other = out[rng.randrange(len(out))]
            out.append(ox.Quad(q.subject, q.predicate, other.object, q.graph_name))
    return out


def test_same_verdicts_on_damaged_graphs(seed_quads):
    rng = random.Random(42)
    article = [q for q in seed_quads if "000_8083c612faa065c9" in q.graph_name.value or "entities" in q.graph_name.value]
    disagreements = []
    for trial in range(60):
        damaged = _damage(article, rng)
        fast, reference = both(damaged)
        if fast != reference:
            disagreements.append((trial, fast ^ reference))
    assert not disagreements, disagreements[:3]


def test_unknown_features_are_refused():
    shapes = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:S a sh:NodeShape ; sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE {}" ] .
    """, format="turtle")
    with pytest.raises(UnsupportedShapes):
        compile_shapes(shapes)


def test_same_verdicts_on_a_store_dump(seed_quads):
    store = ox.Store()
    store.extend(seed_quads)
    fast, reference = both(list(store))
    assert fast == reference == set()
