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


XSD = "http://www.w3.org/2001/XMLSchema#"
KHABAR = "https://w3id.org/khabar/ontology#"
TRICKY_LITERALS = [("-3", "integer"), ("+5", "nonNegativeInteger"), ("+5", "integer"), ("007", "integer"),
                   ("99999", "nonNegativeInteger"), ("0", "nonNegativeInteger"), ("٣", "nonNegativeInteger"),
                   ("2015-02-30", "date"), ("2015-02-28", "date"), ("-0044-03-15", "date"), ("-0044", "gYear"), ("-0044-03", "gYearMonth"), ("2015-07-21T10:00:00", "dateTime"),
                   ("2015-02-30T10:00:00", "dateTime"), ("2015-13", "gYearMonth"), ("2015", "gYear"),
                   ("2015-07-21", "string"), ("1.5", "decimal")]


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
        elif kind == "number" and isinstance(q.object, ox.Literal):  # the edges of the written-term fast paths
            value, datatype = rng.choice(TRICKY_LITERALS)
            out[i] = ox.Quad(q.subject, q.predicate, ox.Literal(value, datatype=ox.NamedNode(XSD + datatype)),
                             q.graph_name)
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
    for trial in range(150):
        damaged = _damage(article, rng)
        fast, reference = both(damaged)
        if fast != reference:
            disagreements.append((trial, fast ^ reference))
    assert not disagreements, disagreements[:3]


def test_same_verdicts_on_each_tricky_literal_in_each_typed_place(seed_quads):
    """Every typed value the shapes check (dates, offsets) replaced in turn by each literal at the
    edge of the checks the fast engine decides on the written term: the same violations, or none."""
    entities = [q for q in seed_quads if q.graph_name.value.endswith("/entities")]
    graphs: dict[str, list] = {}
    for q in seed_quads:
        graphs.setdefault(q.graph_name.value, []).append(q)
    first = graphs[min(graphs)]  # the seeds carry no publication date: the first article gets one
    article_node = next(q.subject for q in first if q.object == ox.NamedNode(KHABAR + "Article"))
    first.append(ox.Quad(article_node, ox.NamedNode(KHABAR + "published"),
                         ox.Literal("2015-07-21", datatype=ox.NamedNode(XSD + "date")), first[0].graph_name))
    places: dict[str, tuple[str, int]] = {}  # predicate -> (graph, index) of its first typed value
    for name, quads in sorted(graphs.items()):
        for i, q in enumerate(quads):
            if isinstance(q.object, ox.Literal) and q.object.datatype.value.startswith(XSD) \
                    and q.object.datatype.value != XSD + "string":
                places.setdefault(q.predicate.value, (name, i))
    assert {p.rsplit("#", 1)[1] for p in places} >= {"beginIndex", "endIndex", "date", "published"}
    end_of = {q.subject: q.object for q in seed_quads if q.predicate.value.endswith("#endIndex")}
    disagreements = []
    for predicate, (name, i) in sorted(places.items()):
        article, q = graphs[name], graphs[name][i]
        values = [ox.Literal(v, datatype=ox.NamedNode(XSD + d)) for v, d in TRICKY_LITERALS]
        if q.subject in end_of:  # an offset equal to its mention's end: not less than it
            values.append(end_of[q.subject])
        for value in values:
            damaged = article[:i] + [ox.Quad(q.subject, q.predicate, value, q.graph_name)] + article[i + 1:]
            fast, reference = both(damaged + entities)
            if fast != reference:
                disagreements.append((predicate, str(value), fast ^ reference))
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
