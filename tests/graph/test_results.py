"""One registry of result formats: `khabar query --format NAME` and the /sparql endpoint's `format=NAME`
(the worker's code, which stops pyoxigraph's serialiser at the row limit) give the same answer in the
same bytes, JSON, XML, CSV and TSV (all written by pyoxigraph); the media types are the registry's."""
from __future__ import annotations

import pytest
from click.testing import CliRunner
from pyoxigraph import QueryResultsFormat, parse_query_results

from khabar.cli import cli
from khabar.graph.results import FORMAT_PARAM, RESULT_FORMATS, SOLUTION_TYPES
from khabar.serve.sparql import Job, execute
from khabar.stores import open_source

MANY = 2007  # rows: more than pyoxigraph writes in one piece (8 KiB)
QUERIES = {
    "select": "@queries/who-said-what.rq",
    "many rows": f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o }} ORDER BY ?s ?p ?o LIMIT {MANY}",
    "ask": "ASK { ?s a <https://w3id.org/khabar/ontology#DirectQuote> }",
}
NAMES = [name for name, f in RESULT_FORMATS.items() if f.solutions is not None]


@pytest.fixture(scope="module")
def store(seeds_nq):
    return open_source(seeds_nq)


def query_text(query: str) -> str:
    from conftest import ROOT

    return (ROOT / query[1:]).read_text(encoding="utf-8") if query.startswith("@") else query


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("kind", list(QUERIES))
def test_the_cli_and_the_endpoint_write_the_same_bytes(store, seeds_nq, tmp_path, name, kind):
    text = query_text(QUERIES[kind])
    printed = CliRunner().invoke(cli, ["query", str(seeds_nq), text, "--format", name])
    assert printed.exit_code == 0, printed.output
    outcome = execute(store, Job(text, format=name, answer=str(tmp_path / "answer")), limit=10 * MANY)
    assert outcome.status == 200, outcome.body
    served = outcome.read()
    assert printed.stdout_bytes == served + (b"" if served.endswith(b"\n") else b"\n")  # the CLI ends a line
    assert outcome.content_type == RESULT_FORMATS[name].content_type == FORMAT_PARAM[name] + "; charset=utf-8"
    if kind == "many rows" and name != "csv":  # (pyoxigraph reads JSON, XML and TSV back, not CSV)
        rows = list(parse_query_results(served, format=SOLUTION_TYPES[FORMAT_PARAM[name]]))
        assert len(rows) == MANY


def test_the_registry_offers_what_pyoxigraph_writes():
    assert set(SOLUTION_TYPES.values()) == {QueryResultsFormat.JSON, QueryResultsFormat.XML,
                                            QueryResultsFormat.CSV, QueryResultsFormat.TSV}
    for name in NAMES:
        fmt = RESULT_FORMATS[name]
        assert SOLUTION_TYPES[fmt.media_type] == fmt.solutions
        assert fmt.solutions.media_type.startswith(fmt.media_type)
