"""The graph: every format parses with rdflib and pyoxigraph to the same quads, output is
deterministic, nothing sits in the default graph, and evidence offsets round-trip."""
from __future__ import annotations

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from khabar.cli import cli
from khabar.formats import FORMATS

RDFLIB_NAMES = {"nquads": "nquads", "trig": "trig", "jsonld": "json-ld", "turtle": "turtle",
                "ntriples": "nt", "rdfxml": "xml"}
DIP = "https://w3id.org/khabar/ontology#"


def _map(seeds_dir, out, *extra):
    result = CliRunner().invoke(cli, ["map", str(seeds_dir), "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out


def _ox_quads(path, fmt):
    quads = ox.parse(path=str(path), format=fmt.rdf_format)
    if fmt.datasets:
        return {(str(q.subject), str(q.predicate), str(q.object), str(q.graph_name)) for q in quads}
    return {(str(t.subject), str(t.predicate), str(t.object)) for t in quads}


def _rdflib_quads(path, fmt):
    ds = rdflib.Dataset()
    ds.parse(str(path), format=RDFLIB_NAMES[fmt.name])
    out = set()
    for s, p, o, g in ds.quads((None, None, None, None)):
        terms = tuple(ox.NamedNode(str(t)) if isinstance(t, rdflib.URIRef) else
                      ox.Literal(str(t), language=t.language) if t.language else
                      ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype or "http://www.w3.org/2001/XMLSchema#string")))
                      for t in (s, p, o))
        key = tuple(str(t) for t in terms)
        out.add(key + (str(ox.NamedNode(str(g.identifier if hasattr(g, "identifier") else g))),) if fmt.datasets else key)
    return out


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_each_format_parses_to_the_same_quads(seeds_dir, tmp_path, name, seeds_nq):
    fmt = FORMATS[name]
    out = _map(seeds_dir, tmp_path / f"seeds.{fmt.extensions[0]}")
    ox_quads = _ox_quads(out, fmt)
    reference = _ox_quads(seeds_nq, FORMATS["nquads"])
    if fmt.datasets:
        assert ox_quads == reference
    else:
        assert ox_quads == {q[:3] for q in reference}
    assert _rdflib_quads(out, fmt) == ox_quads


def test_same_input_same_bytes(seeds_dir, tmp_path):
    for ext in ("nq", "trig", "ttl", "jsonld"):
        a = _map(seeds_dir, tmp_path / f"a.{ext}").read_bytes()
        b = _map(seeds_dir, tmp_path / f"b.{ext}").read_bytes()
        assert a == b, ext


def test_nothing_in_the_default_graph_and_no_blank_nodes(seeds_nq):
    for q in ox.parse(path=str(seeds_nq), format=ox.RdfFormat.N_QUADS):
        assert isinstance(q.graph_name, ox.NamedNode)
        assert not isinstance(q.subject, ox.BlankNode) and not isinstance(q.object, ox.BlankNode)


def test_one_graph_per_article_plus_entities(seeds_nq, seeds_dir):
    graphs = {q.graph_name.value for q in ox.parse(path=str(seeds_nq), format=ox.RdfFormat.N_QUADS)}
    assert len(graphs) == len(list(seeds_dir.glob("*.txt"))) + 1
    assert "https://w3id.org/khabar/id/graph/entities" in graphs


def test_evidence_offsets_round_trip(seeds_nq):
    store = ox.Store()
    store.bulk_load(path=str(seeds_nq), format=ox.RdfFormat.N_QUADS)
    rows = list(store.query(f"""PREFIX dip: <{DIP}>
        SELECT ?text ?b ?e ?anchor WHERE {{
          ?a dip:articleText ?text . ?x dip:evidence ?m .
          ?m dip:beginIndex ?b ; dip:endIndex ?e ; dip:anchorOf ?anchor .
          FILTER(STRSTARTS(STR(?m), CONCAT(REPLACE(STR(?a), "/article/", "/mention/"), "/")))
        }}""", use_default_graph_as_union=True))
    assert rows, "no evidence in the seeds' graph"
    for text, b, e, anchor in rows:
        assert text.value[int(b.value):int(e.value)] == anchor.value


def test_base_iri_is_configurable(seeds_dir, tmp_path):
    out = _map(seeds_dir, tmp_path / "x.nq", "--base", "http://example.org/kb/")
    subjects = {q.subject.value for q in ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS)}
    assert all(s.startswith("http://example.org/kb/") for s in subjects)


def test_no_clock_time_unless_asked(seeds_dir, tmp_path):
    plain = _map(seeds_dir, tmp_path / "a.nq").read_text(encoding="utf-8")
    assert "generatedAtTime" not in plain
    stamped = _map(seeds_dir, tmp_path / "b.nq", "--timestamp").read_text(encoding="utf-8")
    assert stamped.count("generatedAtTime") == len(list(seeds_dir.glob("*.txt")))


def test_nquads_literals_are_written_as_pyoxigraph_writes_them():
    """The graphs are written as text: every character (surrogates aside) must be escaped exactly as
    pyoxigraph escapes it, or the bytes would differ from a serialisation of the same quads."""
    from khabar.rdf.quads import literal

    chars = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000]
    for start in range(0, len(chars), 4096):
        text = "".join(chars[start:start + 4096])
        assert literal(text) == str(ox.Literal(text))
    xsd = "http://www.w3.org/2001/XMLSchema#"
    assert literal('قال "لا"\n', "ar") == str(ox.Literal('قال "لا"\n', language="ar"))
    assert literal("2015-07", datatype=xsd + "gYearMonth") == str(ox.Literal("2015-07", datatype=ox.NamedNode(xsd + "gYearMonth")))
    assert literal("x", datatype=xsd + "string") == str(ox.Literal("x", datatype=ox.NamedNode(xsd + "string")))


def test_article_text_and_quads_agree(seeds_dir):
    """The N-Quads text of an article parses to quads that serialise back to the same bytes."""
    from khabar.extract import extract
    from khabar.rdf import IriScheme, article_nquads, entity_nquads, read_nquads
    from khabar.read import read_inputs

    iris = IriScheme()
    for article in read_inputs([seeds_dir]):
        x = extract(article)
        for text in (article_nquads(x, iris, "test"), entity_nquads(x.entities, iris)):
            quads = read_nquads(text)
            assert quads and ox.serialize(quads, format=ox.RdfFormat.N_QUADS) == text


@given(st.text(min_size=1, max_size=40).filter(lambda s: not any("\ud800" <= c <= "\udfff" for c in s)))
@settings(max_examples=300, deadline=None)
def test_a_names_slug_is_its_words_joined_and_percent_encoded(name):
    """name_slug writes what urllib's quote writes (unreserved characters kept, every other UTF-8
    byte percent-encoded), the words joined by "_", for any name."""
    from urllib.parse import quote

    from khabar.rdf.iris import name_slug

    assert name_slug(name) == quote("_".join(name.split()), safe="_-.")
    assert name_slug("الأمير  محمد بن سلمان") == quote("الأمير_محمد_بن_سلمان", safe="_-.")
