"""khabar load/query --endpoint against a real Oxigraph server (PyPI `oxigraph`, started here on a
free loopback port), and against tiny local HTTP servers that fail on purpose: 500s, refused
connections, answers that never come, Basic and Digest authentication.

Loading by the Graph Store Protocol and by SPARQL Update gives the same quads as the embedded store;
loading again replaces; queries render exactly as local ones; a load cut short by a stopped server
names what was loaded and what was not, and resumes from its state file.
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Store, parse

from conftest import ROOT, stop_process

from khabar.cli import cli
from khabar.stores import endpoint as endpoint_module
from khabar.stores.endpoint import Http, probe_server

GRAPH = "https://w3id.org/khabar/id/graph/"
PER_GRAPH = ("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"" + GRAPH
             + "\")) } GROUP BY ?g ORDER BY ?g")
OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def run(*args):
    result = CliRunner().invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output, result.output
    return result


# -- a real Oxigraph server -----------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Oxigraph:
    """`oxigraph serve` on 127.0.0.1 (in memory, or with a store folder that survives a restart)."""

    def __init__(self, tmp: Path, location: Path | None = None):
        binary = OXIGRAPH if OXIGRAPH.exists() else shutil.which("oxigraph")
        if not binary:
            pytest.fail("the Oxigraph server is missing: pip install oxigraph==0.5.13 (it is in requirements.lock)")
        self.binary, self.tmp, self.location = str(binary), tmp, location
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> Oxigraph:
        args = [self.binary, "serve", "--bind", f"127.0.0.1:{self.port}"]
        if self.location:
            args += ["--location", str(self.location)]
        log = (self.tmp / f"oxigraph-{self.port}.log").open("ab")
        self.process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"oxigraph exited with {self.process.returncode}: "
                            + (self.tmp / f"oxigraph-{self.port}.log").read_text(errors="replace"))
            try:
                with urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=1):
                    return self
            except OSError:
                time.sleep(0.05)
        self.stop()
        pytest.fail("oxigraph did not answer within 15 s")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            stop_process(self.process)

    def quads(self) -> set[Quad]:
        request = urllib.request.Request(f"{self.url}/store", headers={"Accept": "application/n-quads"})
        with urllib.request.urlopen(request, timeout=10) as r:
            return set(parse(r.read(), format=RdfFormat.N_QUADS))


@pytest.fixture
def oxigraph(tmp_path):
    server = Oxigraph(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def embedded(seeds_nq, tmp_path_factory) -> Path:
    store = tmp_path_factory.mktemp("embedded") / "store"
    assert run("load", seeds_nq, "--store", store).exit_code == 0
    return store


XSD = "http://www.w3.org/2001/XMLSchema#"


def seeds_quads(path: Path) -> set[Quad]:
    """The quads of a file as Oxigraph stores them: it keeps xsd:nonNegativeInteger values (the
    mention offsets) as xsd:integer, in the server as in the embedded store."""
    def stored(q: Quad) -> Quad:
        o = q.object
        if isinstance(o, Literal) and o.datatype.value == XSD + "nonNegativeInteger":
            return Quad(q.subject, q.predicate, Literal(o.value, datatype=NamedNode(XSD + "integer")), q.graph_name)
        return q
    return {stored(q) for q in parse(path=str(path), format=RdfFormat.N_QUADS)}


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


# -- loading --------------------------------------------------------------------------------------

@pytest.mark.parametrize("protocol", ["gsp", "update"])
def test_load_gives_the_quads_and_counts_of_the_embedded_store(oxigraph, seeds_nq, embedded, protocol):
    result = run("load", seeds_nq, "--endpoint", oxigraph.url, "--protocol", protocol, "--batch-size", 100)
    assert result.exit_code == 0, result.output
    expected = seeds_quads(seeds_nq)
    how = "the Graph Store Protocol" if protocol == "gsp" else "SPARQL Update"
    assert f"loaded 6 graphs ({len(expected)} triples) into {oxigraph.url} by {how}" in result.output
    assert oxigraph.quads() == expected  # every quad, Arabic literals and language tags included
    ontology = "<https://w3id.org/khabar/ontology>"  # the embedded store holds the ontology too (an endpoint: the files only)
    assert {q for q in Store.read_only(str(embedded)) if str(q.graph_name) != ontology} == expected
    remote = run("query", "--endpoint", oxigraph.url, PER_GRAPH, "--format", "csv")
    local = run("query", embedded, PER_GRAPH, "--format", "csv")
    assert remote.exit_code == 0, remote.output
    assert remote.output == local.output and len(csv_rows(remote.output)) == 7


def test_reloading_replaces_each_graph(oxigraph, seeds_nq, tmp_path):
    for protocol in ("gsp", "update", "gsp"):
        assert run("load", seeds_nq, "--endpoint", oxigraph.url, "--protocol", protocol).exit_code == 0
        assert oxigraph.quads() == seeds_quads(seeds_nq)
    # an article graph that shrank is replaced, not merged; the entities graph is added to
    lines = seeds_nq.read_text(encoding="utf-8").splitlines(keepends=True)
    article = f"<{GRAPH}000_8083c612faa065c9> ."
    kept = [line for line in lines if not line.rstrip().endswith(article) or "#text>" not in line]
    assert len(kept) < len(lines)
    smaller = tmp_path / "smaller.nq"
    smaller.write_text("".join(kept), encoding="utf-8")
    for protocol in ("gsp", "update"):
        assert run("load", smaller, "--endpoint", oxigraph.url, "--protocol", protocol).exit_code == 0
        assert oxigraph.quads() == seeds_quads(smaller)


def test_auto_finds_oxigraph_and_falls_back_to_update_without_gsp(oxigraph, seeds_nq):
    assert probe_server(oxigraph.url, Http()) == "oxigraph"
    # a store whose GSP URL answers 404 to PUT: auto mode loads by SPARQL Update instead
    result = run("load", seeds_nq, "--gsp-url", f"{oxigraph.url}/no-gsp-here", "--update-url", f"{oxigraph.url}/update")
    assert result.exit_code == 0, result.output
    assert "by SPARQL Update" in result.output
    assert oxigraph.quads() == seeds_quads(seeds_nq)
    refused = run("load", seeds_nq, "--gsp-url", f"{oxigraph.url}/no-gsp-here", "--protocol", "gsp")
    assert refused.exit_code == 2 and "HTTP 404" in refused.output and "000_8083c612faa065c9" in refused.output


def test_state_file_skips_graphs_loaded_with_the_same_content(oxigraph, seeds_nq, tmp_path):
    state = tmp_path / "state.jsonl"
    first = run("load", seeds_nq, "--endpoint", oxigraph.url, "--state", state)
    assert first.exit_code == 0 and "loaded 6 graphs" in first.output
    records = [json.loads(line) for line in state.read_text(encoding="utf-8").splitlines()]
    assert [r["graph"] for r in records][:2] == [f"{GRAPH}000_8083c612faa065c9", f"{GRAPH}001_e9e0676646816828"]
    assert all(r["store"] == oxigraph.url and len(r["sha256"]) == 64 for r in records)
    again = run("load", seeds_nq, "--endpoint", oxigraph.url, "--state", state)
    assert "loaded 0 graphs" in again.output and "skipped 6 already loaded" in again.output
    # changed content is loaded again; a file that is not a state file is refused, not appended to
    lines = seeds_nq.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = tmp_path / "changed.nq"
    changed.write_text("".join(lines[1:]), encoding="utf-8")
    assert "loaded 1 graph " in run("load", changed, "--endpoint", oxigraph.url, "--state", state).output
    bad = run("load", seeds_nq, "--endpoint", oxigraph.url, "--state", seeds_nq)
    assert bad.exit_code == 2 and f"{seeds_nq} line 1 is not a khabar load state record" in bad.output
    assert seeds_nq.read_text(encoding="utf-8") == "".join(lines)


def test_a_server_stopped_mid_load_reports_what_was_loaded_and_a_rerun_resumes(seeds_nq, tmp_path, monkeypatch):
    server = Oxigraph(tmp_path, location=tmp_path / "db").start()
    state = tmp_path / "state.jsonl"
    puts: list[str] = []
    send = endpoint_module.Http.send

    def send_and_stop_the_server_before_the_fourth_graph(self, method, url, *args, **kwargs):
        if method == "PUT":
            puts.append(url)
            if len(puts) == 4:
                server.stop()
        return send(self, method, url, *args, **kwargs)

    monkeypatch.setattr(endpoint_module.Http, "send", send_and_stop_the_server_before_the_fourth_graph)
    try:
        started = time.monotonic()
        failed = run("load", seeds_nq, "--endpoint", server.url, "--server", "oxigraph", "--state", state,
                     "--retries", 2, "--backoff", 0.01, "--timeout", 2)
        assert time.monotonic() - started < 10
        assert failed.exit_code == 2
        out = failed.output
        assert f"cannot load graph <{GRAPH}003_a943bc839e91a427>" in out and "Connection refused" in out
        assert "failed after 3 tries" in out
        loaded, not_loaded = out.split("loaded in this run: ")[1].split("not loaded: ")
        assert loaded.startswith("3 graphs") and all(f"{GRAPH}00{i}_" in loaded for i in range(3))
        assert not_loaded.startswith("3 graphs")
        for name in ("003_a943bc839e91a427", "004_22ded2db1dc09820", "entities"):
            assert GRAPH + name in not_loaded
        assert len(state.read_text(encoding="utf-8").splitlines()) == 3
        assert "--state" in out and "again" in out

        server.start()  # the same port and store folder
        puts.clear()
        resumed = run("load", seeds_nq, "--endpoint", server.url, "--server", "oxigraph", "--state", state)
        assert resumed.exit_code == 0, resumed.output
        assert "loaded 3 graphs" in resumed.output and "skipped 3 already loaded" in resumed.output
        assert [u.rsplit("%2F", 1)[1] for u in puts] == ["003_a943bc839e91a427", "004_22ded2db1dc09820"]
        assert server.quads() == seeds_quads(seeds_nq)
    finally:
        server.stop()


def test_triple_formats_are_refused_with_the_file_named(oxigraph, seeds_dir, tmp_path):
    ttl = tmp_path / "seeds.ttl"
    assert run("map", seeds_dir / "000_8083c612faa065c9.txt", "-o", ttl, "-q").exit_code == 0
    result = run("load", ttl, "--endpoint", oxigraph.url)
    assert result.exit_code == 2 and f"{ttl} is Turtle, which has no named graphs" in result.output


def test_usage_errors(seeds_nq, tmp_path):
    for args in (["load", seeds_nq], ["load", seeds_nq, "--store", tmp_path / "s", "--endpoint", "http://127.0.0.1:1"],
                 ["load", seeds_nq, "--endpoint", "ftp://x"], ["load", seeds_nq, "--store", tmp_path / "s", "--state", "x"],
                 ["query", "--endpoint", "http://127.0.0.1:1"], ["query", "--endpoint", "http://127.0.0.1:1", "a", "b"],
                 ["load", seeds_nq, "--endpoint", "http://127.0.0.1:1", "--user", "dba"]):
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)


# -- querying -------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json"])
def test_endpoint_queries_render_exactly_as_local_ones(oxigraph, seeds_nq, embedded, fmt):
    assert run("load", seeds_nq, "--endpoint", oxigraph.url).exit_code == 0
    for query in ("@" + str(ROOT / "queries" / "who-said-what.rq"), "@" + str(ROOT / "queries" / "stats.rq"),
                  "ASK { ?s a <https://w3id.org/khabar/ontology#DirectQuote> }",
                  "CONSTRUCT { ?a a <http://e/A> ; <http://e/t> ?t } WHERE { ?a a <https://w3id.org/khabar/ontology#Article> ; <https://w3id.org/khabar/ontology#articleId> ?t }"):
        remote = run("query", "--endpoint", oxigraph.url, query, "--format", fmt)
        local = run("query", embedded, query, "--format", fmt)
        assert remote.exit_code == 0, remote.output
        assert remote.output == local.output, query
        assert remote.output.strip()
    who = run("query", "--endpoint", oxigraph.url, "@" + str(ROOT / "queries" / "who-said-what.rq"), "--format", "json")
    assert len(json.loads(who.output)["results"]["bindings"]) > 10


def test_a_long_query_goes_in_a_form_post_and_answers_as_a_local_one(oxigraph, seeds_nq, embedded):
    from khabar.graph.remote import LONGEST_GET

    assert run("load", seeds_nq, "--endpoint", oxigraph.url).exit_code == 0
    ids = ", ".join(f'"{i:016x}"' for i in range(120))
    query = ("SELECT ?id WHERE { ?a <https://w3id.org/khabar/ontology#articleId> ?id "
             f"FILTER(?id NOT IN ({ids})) }} ORDER BY ?id")
    assert len(query) > LONGEST_GET
    remote = run("query", "--endpoint", oxigraph.url, query, "--format", "csv")
    assert remote.exit_code == 0, remote.output
    assert remote.output == run("query", embedded, query, "--format", "csv").output
    assert len(remote.output.splitlines()) == 6  # the header and the five seeds


def test_query_by_url_of_another_store(seeds_nq, tmp_path):
    """khabar serve is a read-only SPARQL store of its own: reach it by --query-url."""
    from khabar.serve import Server, ServeConfig

    server = Server(ServeConfig(str(seeds_nq), port=0))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        result = run("query", "--query-url", url, PER_GRAPH, "--format", "csv")
        assert result.exit_code == 0, result.output
        assert result.stdout == run("query", seeds_nq, PER_GRAPH, "--format", "csv").stdout  # the server logs on stderr
        update = run("query", "--query-url", url, "DROP ALL")
        assert update.exit_code == 2 and "not DROP" in update.output
    finally:
        server.shutdown()
        server.server_close()


# -- servers that fail ----------------------------------------------------------------------------

class Misbehaving(BaseHTTPRequestHandler):
    """mode: "500" always; "hang" never answers; "basic"/"digest" want credentials, then 204."""

    def log_message(self, *args):
        pass

    def handle_one(self):
        server = self.server
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        server.requests.append((self.command, self.path, dict(self.headers), body))
        if server.mode == "500":
            return self.answer(500, b"Internal Server Error: the disk is on fire")
        if server.mode == "hang":
            server.release.wait(30)
            return
        if server.mode == "basic":
            if self.headers.get("Authorization") == "Basic ZGJhOnNlY3JldA==":  # dba:secret
                return self.answer(204)
            return self.answer(401, b"who are you", {"WWW-Authenticate": 'Basic realm="khabar"'})
        if server.mode == "digest":
            if digest_ok(self.command, self.headers.get("Authorization", "")):
                return self.answer(204 if self.command != "GET" else 200, self.ask_json())
            return self.answer(401, b"", {"WWW-Authenticate": 'Digest realm="SPARQL Endpoint", nonce="n0nce", '
                                                             'qop="auth", algorithm=MD5, opaque="0p"'})

    def ask_json(self):
        return b'{"head": {}, "boolean": true}' if self.command == "GET" else b""

    do_GET = do_PUT = do_POST = handle_one

    def answer(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        if body.startswith(b"{"):
            self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def digest_ok(method: str, header: str) -> bool:
    """RFC 2617 qop=auth, MD5, user dba, password secret."""
    if not header.startswith("Digest "):
        return False
    fields = dict(part.strip().split("=", 1) for part in header[7:].split(","))
    f = {k: v.strip('"') for k, v in fields.items()}
    md5 = lambda s: hashlib.md5(s.encode()).hexdigest()  # noqa: E731
    ha1, ha2 = md5("dba:SPARQL Endpoint:secret"), md5(f"{method}:{f.get('uri')}")
    expected = md5(f"{ha1}:n0nce:{f.get('nc')}:{f.get('cnonce')}:auth:{ha2}")
    return f.get("username") == "dba" and f.get("response") == expected


@contextmanager
def misbehaving(mode: str):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Misbehaving)
    server.daemon_threads = True
    server.mode, server.requests, server.release = mode, [], threading.Event()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()


def test_a_server_answering_500_gets_retries_then_a_clear_error(seeds_nq):
    with misbehaving("500") as (server, url):
        started = time.monotonic()
        result = run("load", seeds_nq, "--endpoint", url, "--server", "oxigraph", "--retries", 2, "--backoff", 0.01)
        assert time.monotonic() - started < 5
        assert len(server.requests) == 3 and {r[0] for r in server.requests} == {"PUT"}
        assert result.exit_code == 2
        assert f"cannot load graph <{GRAPH}000_8083c612faa065c9> from {seeds_nq}" in result.output
        assert "HTTP 500 Internal Server Error after 3 tries: Internal Server Error: the disk is on fire" in result.output
        assert "loaded in this run: 0 graphs" in result.output and "not loaded: 6 graphs" in result.output
        query = run("query", "--endpoint", url, "--server", "oxigraph", "ASK {}", "--retries", 1)
        assert query.exit_code == 2 and "HTTP 500" in query.output and "after 2 tries" in query.output
        probe = run("load", seeds_nq, "--endpoint", url)
        assert probe.exit_code == 2 and f"cannot tell which store is at {url}" in probe.output


def test_a_refused_connection_gets_retries_then_a_clear_error(seeds_nq):
    url = f"http://127.0.0.1:{free_port()}"
    result = run("load", seeds_nq, "--endpoint", url, "--server", "virtuoso", "--retries", 1, "--backoff", 0.01)
    assert result.exit_code == 2
    assert "failed after 2 tries" in result.output and "Connection refused" in result.output
    assert f"{url}/sparql-graph-crud?graph=" in result.output
    query = run("query", "--endpoint", url, "ASK {}", "--retries", 0)
    assert query.exit_code == 2 and "Connection refused" in query.output


def test_a_server_that_never_answers_times_out(seeds_nq):
    with misbehaving("hang") as (server, url):
        started = time.monotonic()
        result = run("load", seeds_nq, "--endpoint", url, "--server", "oxigraph", "--timeout", 0.3,
                     "--retries", 1, "--backoff", 0.01)
        assert time.monotonic() - started < 5
        assert result.exit_code == 2 and "no answer within 0.3 s" in result.output
        assert len(server.requests) == 2
        started = time.monotonic()
        query = run("query", "--query-url", f"{url}/sparql", "ASK {}", "--timeout", 0.3, "--retries", 0)
        assert time.monotonic() - started < 5
        assert query.exit_code == 2 and "no answer within 0.3 s" in query.output


def test_basic_auth_is_sent_and_a_refusal_explained(seeds_nq):
    with misbehaving("basic") as (server, url):
        gsp = f"{url}/store"
        assert run("load", seeds_nq, "--gsp-url", gsp, "--user", "dba", "--password", "secret").exit_code == 0
        assert len(server.requests) == 6
        wrong = run("load", seeds_nq, "--gsp-url", gsp, "--user", "dba", "--password", "nope", "--retries", 0)
        assert wrong.exit_code == 2 and "HTTP 401" in wrong.output and "check --user/--password" in wrong.output
        anonymous = run("load", seeds_nq, "--gsp-url", gsp)
        assert anonymous.exit_code == 2 and "the store wants credentials" in anonymous.output


def test_digest_auth_for_loads_and_queries(seeds_nq):
    with misbehaving("digest") as (server, url):
        loaded = run("load", seeds_nq, "--gsp-url", f"{url}/store", "--auth", "digest", "--user", "dba",
                     "--password", "secret")
        assert loaded.exit_code == 0, loaded.output
        writes = [r for r in server.requests if r[0] in ("PUT", "POST")]  # PUT per article, POST for the entities
        assert len(writes) == 12 and sum("Authorization" in r[2] for r in writes) == 6  # a challenge, then the answer
        asked = run("query", "--query-url", f"{url}/sparql", "ASK {}", "--auth", "digest", "--user", "dba",
                    "--password", "secret")
        assert asked.exit_code == 0 and asked.output == "true\n", asked.output
        wrong = run("load", seeds_nq, "--gsp-url", f"{url}/store", "--auth", "digest", "--user", "dba",
                    "--password", "nope", "--retries", 0)
        assert wrong.exit_code == 2 and "HTTP 401" in wrong.output


# -- the bulk path --------------------------------------------------------------------------------

def test_oxigraph_bulk_load_of_shards_matches_the_embedded_store(seeds_dir, tmp_path):
    """The README's bulk path: khabar map --shard-size, then `oxigraph load --location` (offline)."""
    assert run("map", seeds_dir, "-o", tmp_path / "out" / "corpus.nq", "--shard-size", 5, "-q").exit_code == 0
    shards = sorted((tmp_path / "out").glob("corpus-*.nq"))
    assert [s.name for s in shards] == ["corpus-00000.nq", "corpus-00001.nq"]  # the entities graph in the last
    binary = OXIGRAPH if OXIGRAPH.exists() else shutil.which("oxigraph")
    assert binary, "pip install oxigraph (in requirements.lock)"
    done = subprocess.run([str(binary), "load", "--location", str(tmp_path / "db"), "--file", *map(str, shards)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    counted = subprocess.run([str(binary), "query", "--location", str(tmp_path / "db"), "--query", PER_GRAPH,
                              "--results-format", "csv"], capture_output=True, text=True, timeout=120)
    assert counted.returncode == 0, counted.stderr
    assert run("load", *shards, "--store", tmp_path / "store").exit_code == 0
    embedded = run("query", tmp_path / "store", PER_GRAPH, "--format", "csv").output
    assert csv_rows(counted.stdout) == csv_rows(embedded) and len(csv_rows(embedded)) == 7
