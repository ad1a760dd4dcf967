"""/sparql writes each answer once, with pyoxigraph's own result serialisers, stopped at the row limit
(khabar.graph.results.write_solutions): the bytes are those of the query with `LIMIT n` serialised
by pyoxigraph, every document cut short is well formed (read back by json, ElementTree, csv and
pyoxigraph), the byte limit still holds, and a real `khabar serve` answers in the bytes `khabar query`
prints."""
from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from pyoxigraph import (DefaultGraph, Literal, NamedNode, Quad, QueryResultsFormat, Store, parse_query_results)

from conftest import stop_process

from khabar.cli import cli
from khabar.graph.results import RESULT_FORMATS, write_solutions
from khabar.serve.sparql import Job, execute

pytestmark = pytest.mark.usefixtures("time_limit")
TEST_SECONDS = 60

FORMATS = {name: f.solutions for name, f in RESULT_FORMATS.items() if f.solutions is not None}
# What could be taken for where a solution begins, in one format or another, inside values.
PIECES = ['"', "\\", "},{", ",{", "[{", "{", "<result>", "</results>", "\n", "\r\n", ",", "\t", '""', "\\\\",
          '"}},{"s":{"type":"', "سلام", "a"]
ROWS = 60
EX = "http://example.org/"
ROWS_QUERY = f"SELECT ?s ?o ?n WHERE {{ ?s <{EX}p> ?o OPTIONAL {{ ?s <{EX}n> ?n }} }} ORDER BY ?s"
EMPTY_ROWS_QUERY = f"SELECT ?unbound WHERE {{ ?s <{EX}p> ?o }}"


@pytest.fixture(scope="module")
def store() -> Store:
    """ROWS subjects, each with a literal made of PIECES, of 0 to 3,000 characters (so that where the
    solutions begin falls everywhere in pyoxigraph's 8 KiB pieces), in Arabic every third."""
    rng, store = random.Random(15), Store()
    for i in range(ROWS):
        text = "".join(rng.choice(PIECES) for _ in range(rng.choice([0, 1, 5, 40, 300, 1500])))
        subject = NamedNode(f"{EX}{i:03d}")
        store.add(Quad(subject, NamedNode(f"{EX}p"), Literal(text, language="ar" if i % 3 == 0 else None), DefaultGraph()))
        if i % 4 == 0:
            store.add(Quad(subject, NamedNode(f"{EX}n"), Literal(i), DefaultGraph()))
    return store


def written(store: Store, query: str, fmt: QueryResultsFormat, limit: int) -> tuple[bytes, int, bool]:
    out = io.BytesIO()
    rows, truncated = write_solutions(store.query(query), fmt, out, limit)
    return out.getvalue(), rows, truncated


def read_rows(body: bytes, name: str) -> list:
    """The solutions of a document, read by a parser of its own format (pyoxigraph's for TSV)."""
    if name == "json":
        return json.loads(body)["results"]["bindings"]
    if name == "xml":
        return ET.fromstring(body).findall("{http://www.w3.org/2005/sparql-results#}results/"
                                           "{http://www.w3.org/2005/sparql-results#}result")
    if name == "csv":
        return list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))[1:]
    return list(parse_query_results(body, format=QueryResultsFormat.TSV))


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("query", [ROWS_QUERY, EMPTY_ROWS_QUERY], ids=["values", "empty rows"])
def test_every_limit_gives_the_bytes_of_the_query_with_that_limit(store, name, query):
    fmt = FORMATS[name]
    for limit in range(1, ROWS + 2):
        body, rows, truncated = written(store, query, fmt, limit)
        assert body == store.query(f"{query} LIMIT {limit}").serialize(format=fmt), (name, limit)
        assert (rows, truncated) == (min(limit, ROWS), limit < ROWS), (name, limit)
        assert len(read_rows(body, name)) == rows, (name, limit)


def test_a_limit_below_one_is_refused(store):
    with pytest.raises(ValueError, match="at least one"):
        written(store, ROWS_QUERY, QueryResultsFormat.JSON, 0)


@pytest.mark.parametrize("name", FORMATS)
def test_the_byte_limit_holds_for_the_answer_as_cut(store, tmp_path, name):
    """An answer of exactly --max-answer bytes is sent; one byte less and it is 507, no file left."""
    limit = ROWS // 2
    size = len(store.query(f"{ROWS_QUERY} LIMIT {limit}").serialize(format=FORMATS[name]))
    answer = tmp_path / "answer"
    fits = execute(store, Job(ROWS_QUERY, format=name, answer=str(answer)), limit, max_answer=size)
    assert (fits.status, fits.size, fits.truncated, fits.rows) == (200, size, True, limit)
    assert len(read_rows(fits.read(), name)) == limit
    too_large = execute(store, Job(ROWS_QUERY, format=name, answer=str(answer)), limit, max_answer=size - 1)
    assert too_large.status == 507 and b"--max-answer" in too_large.body and not answer.exists()


@pytest.fixture(scope="module")
def endpoint(seeds_nq):
    """A real `khabar serve` on the seeds, at most 7 rows an answer."""
    khabar = Path(sys.executable).parent / "khabar"
    process = subprocess.Popen([str(khabar), "serve", str(seeds_nq), "--port", "0", "--limit", "7", "--workers", "1"],
                               stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        assert "serving" in line, line
        yield line.split(" at ")[1].split("/ ")[0]
    finally:
        stop_process(process)


WHO_SAID = "@queries/who-said-what.rq"  # more than 7 rows on the seeds, in order
ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/khabar/ontology#Article> }"


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize("query", [WHO_SAID, ARTICLES], ids=["who said what, cut", "one row"])
def test_the_endpoint_sends_the_bytes_khabar_query_prints(seeds_nq, endpoint, name, query):
    from conftest import ROOT

    text = (ROOT / query[1:]).read_text(encoding="utf-8") if query.startswith("@") else query
    reply = httpx.get(f"{endpoint}/sparql", params={"query": text}, headers={"Accept": RESULT_FORMATS[name].media_type},
                      timeout=30)
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"] == RESULT_FORMATS[name].content_type
    cut = reply.headers.get("Khabar-Truncated") == "true"
    printed = CliRunner().invoke(cli, ["query", str(seeds_nq), text + (" LIMIT 7" if cut else ""), "--format", name])
    assert printed.exit_code == 0, printed.output
    assert printed.stdout_bytes == reply.content + (b"" if reply.content.endswith(b"\n") else b"\n")
    rows = len(read_rows(reply.content, name))
    assert (cut, rows) == ((True, 7) if query == WHO_SAID else (False, 1))
