"""khabar serve end to end: a real server on a free loopback port, spoken to over HTTP.

The store holds the five seed articles and one crafted article whose text, title and URL try to
inject markup and script. Every route is exercised: content negotiation, 303s, 404s, path traversal,
the SPARQL protocol (read-only, no SERVICE, time-out and row limit on a cartesian product, body size),
security headers, escaping, VoID, the dump and the ontology; SPARQLWrapper is the independent client.
"""
from __future__ import annotations

import csv
import http.client
import io
import json
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pytest
from click.testing import CliRunner
from pyoxigraph import Literal, NamedNode, QueryResultsFormat, RdfFormat, Store, parse, parse_query_results

from conftest import ROOT

from khabar.cli import cli
from khabar.serve import Server, ServeConfig

BASE = "https://w3id.org/khabar/id/"
PUTIN = "/id/entity/Q7747"
CRAFTED_ARTICLE = "/id/article/crafted"
ARTICLES = "SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE { ?a a <https://w3id.org/khabar/ontology#Article> }"
CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CARTESIAN_ROWS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"
TIMEOUT, LIMIT, MAX_BODY = 2.0, 500, 32 * 1024
CRAFTED_TEXT = """بوتين يلتقي ماكرون <script>window.__pwned = 1</script>
التقى الرئيس الروسي فلاديمير بوتين نظيره الفرنسي إيمانويل ماكرون في باريس يوم الاثنين. <script>window.__pwned = 1; document.title = "pwned"</script>
وقال بوتين: «نريد السلام <b>الآن</b> </textarea><script>window.__pwned = 2</script>».
"""
CRAFTED_SIDECAR = {"title": "<img src=x onerror=alert(1)> بوتين وماكرون",
                   "published": "2017-05-29"}


def build_store(tmp: Path, seeds_nq: Path) -> Path:
    """The seeds plus the crafted article, loaded into a store folder with the CLI."""
    (tmp / "in").mkdir()
    (tmp / "in" / "crafted.txt").write_text(CRAFTED_TEXT, encoding="utf-8")
    (tmp / "in" / "crafted.json").write_text(json.dumps(CRAFTED_SIDECAR, ensure_ascii=False), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["map", str(tmp / "in" / "crafted.txt"), "-o", str(tmp / "crafted.nq")])
    assert result.exit_code == 0, result.output
    with (tmp / "crafted.nq").open("a", encoding="utf-8") as graph:  # a URL khabar map refuses, from another source
        graph.write(f"<{BASE}article/crafted> <https://schema.org/url> <javascript:alert(1)> <{BASE}graph/crafted> .\n")
    result = runner.invoke(cli, ["load", str(seeds_nq), str(tmp / "crafted.nq"), "--store", str(tmp / "store")])
    assert result.exit_code == 0, result.output
    return tmp / "store"


def start(config: ServeConfig):
    server = Server(config)
    server.app.pool.wait_ready()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread


def stop(server, thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(5)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory, seeds_nq) -> Path:
    return build_store(tmp_path_factory.mktemp("serve"), seeds_nq)


@pytest.fixture(scope="module")
def server(store_dir):
    srv, thread = start(ServeConfig(str(store_dir), port=0, timeout=TIMEOUT, limit=LIMIT, max_body=MAX_BODY, log=False))
    yield srv
    stop(srv, thread)


class Reply:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


def call(server, path: str, method: str = "GET", accept: str | None = None, body: bytes | None = None,
         headers: dict | None = None, timeout: float = 30) -> Reply:
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        all_headers = dict(headers or {})
        if accept is not None:
            all_headers["Accept"] = accept
        conn.request(method, path, body=body, headers=all_headers)
        response = conn.getresponse()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        conn.close()


def sparql(server, query: str, accept: str | None = "application/sparql-results+json", **params) -> Reply:
    return call(server, "/sparql?" + urlencode({"query": query, **params}), accept=accept)


def count(server, query: str = ARTICLES) -> int:
    reply = sparql(server, query)
    assert reply.status == 200, reply.text
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


def triples(body: bytes, fmt: RdfFormat) -> set:
    return {(t.subject, t.predicate, t.object) for t in parse(body, format=fmt)}


# -- resources under the base -----------------------------------------------------------------------

@pytest.mark.parametrize("accept, ext", [
    ("text/turtle", "ttl"), ("application/n-triples", "nt"), ("application/ld+json", "jsonld"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "html"), (None, "ttl"), ("*/*", "ttl"),
    ("application/ld+json;q=0.5, text/turtle;q=0.9", "ttl"),
])
def test_a_resource_iri_redirects_to_the_negotiated_document(server, accept, ext):
    reply = call(server, PUTIN, accept=accept)
    assert reply.status == 303
    assert reply.header("Location") == f"{PUTIN}.{ext}"
    assert "Accept" in reply.header("Vary")


def test_nothing_acceptable_is_406(server):
    assert call(server, PUTIN, accept="image/png").status == 406


@pytest.mark.parametrize("ext, fmt, media", [("ttl", RdfFormat.TURTLE, "text/turtle"),
                                             ("nt", RdfFormat.N_TRIPLES, "application/n-triples"),
                                             ("jsonld", RdfFormat.JSON_LD, "application/ld+json")])
def test_the_description_is_the_subject_triples_in_each_format(server, store_dir, ext, fmt, media):
    reply = call(server, f"{PUTIN}.{ext}")
    assert reply.status == 200 and reply.header("Content-Type").startswith(media)
    got = triples(reply.body, fmt)
    putin = NamedNode(BASE + "entity/Q7747")
    assert {s for s, _, _ in got} == {putin}
    assert (putin, NamedNode("http://www.w3.org/2002/07/owl#sameAs"), NamedNode("http://www.wikidata.org/entity/Q7747")) in got
    assert (putin, NamedNode("http://www.w3.org/2000/01/rdf-schema#label"), Literal("فلاديمير بوتين", language="ar")) in got
    store = Store.read_only(str(store_dir))
    expected = {(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(putin, None, None, None)}
    assert got == expected


def test_graph_iris_give_the_graph(server):
    reply = call(server, "/id/graph/crafted.nt")
    assert reply.status == 200
    assert len(triples(reply.body, RdfFormat.N_TRIPLES)) == count(
        server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://w3id.org/khabar/id/graph/crafted> { ?s ?p ?o } }")


def test_percent_encoded_iris_dereference(server, store_dir):
    store = Store.read_only(str(store_dir))
    minted = sorted(q.subject.value for q in store.quads_for_pattern(None, None, None, None)
                    if q.subject.value.startswith(BASE) and "%" in q.subject.value)
    assert minted, "the seeds should mint at least one IRI from an Arabic name"
    path = "/id/" + minted[0][len(BASE):]
    assert call(server, path + ".ttl").status == 200
    assert call(server, path.lower() + ".ttl").status == 200  # lower-case escapes mean the same IRI
    assert call(server, path + ".html").status == 200


@pytest.mark.parametrize("path", ["/id/entity/Q0", "/id/entity/Q0.ttl", "/id/", "/id/entity", "/nope", "/static/app.py",
                                  "/id/article/crafted.xml"])
def test_unknown_paths_are_404(server, path):
    assert call(server, path).status == 404


@pytest.mark.parametrize("path", ["/id/../../etc/passwd", "/static/../app.py", "/id/%2e%2e/%2E%2E/etc/passwd",
                                  "/static/%2e%2e/app.py", "/id/entity/./Q7747", "/id/entity/Q7747%00.ttl",
                                  "/static/..%5capp.py"])
def test_path_traversal_is_refused(server, path):
    reply = call(server, path)
    assert reply.status == 400 and "bad path" in reply.text


# -- HTML --------------------------------------------------------------------------------------------

def test_entity_page(server):
    reply = call(server, f"{PUTIN}.html")
    assert reply.status == 200 and reply.header("Content-Type") == "text/html; charset=utf-8"
    html = reply.text
    assert '<html lang="ar" dir="rtl">' in html and 'name="viewport"' in html
    assert "فلاديمير بوتين" in html and "Vladimir Putin" in html
    assert 'href="http://www.wikidata.org/entity/Q7747"' in html
    assert "<mark>" in html and 'href="/id/statement/' in html and 'href="/id/event/' in html
    assert 'href="/id/article/000_8083c612faa065c9"' in html


def test_event_statement_and_graph_pages(server):
    event = call(server, "/id/event/Meeting/2017-05-29/03c289e34df78cc6.html")
    assert event.status == 200 and "لقاء" in event.text and "2017-05-29" in event.text
    assert 'href="/id/entity/Q7747"' in event.text and "<mark>يلتقي</mark>" in event.text
    statement = call(server, "/id/statement/crafted/217-287.html")
    assert statement.status == 200 and "اقتباس مباشر" in statement.text and "<mark>" in statement.text
    assert call(server, "/id/graph/crafted.html").status == 200


def test_html_escapes_everything_from_the_data(server):
    for path in (f"{CRAFTED_ARTICLE}.html", f"{PUTIN}.html", "/id/statement/crafted/217-287.html", "/"):
        html = call(server, path).text
        assert "<script" not in html.lower(), path
        assert "<img" not in html and "<b>" not in html, path
        assert 'href="javascript:' not in html.lower(), path
    article = call(server, f"{CRAFTED_ARTICLE}.html").text
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in article
    assert "&lt;img src=x onerror=alert(1)&gt;" in article
    assert "javascript:alert(1)" in article  # shown as text, not as a link


def test_article_page_marks_the_recognised_spans(server):
    html = call(server, "/id/article/000_8083c612faa065c9.html").text
    assert 'class="article-text"' in html
    text = html[html.index('class="article-text"'):html.index("</article>")]
    assert len(re.findall(r'<a href="/id/entity/Q7747" class="ent ent-Person" title="[^"]+">', text)) >= 3
    assert '<mark class="st st-direct"' in text and 'class="hl-event"' in text


def test_home_page(server):
    html = call(server, "/").text
    assert '<html lang="ar" dir="rtl">' in html
    assert 'href="/query"' in html and 'href="/sparql"' in html and 'href="/.well-known/void"' in html
    assert 'href="/id/article/000_8083c612faa065c9"' in html


def test_query_page_runs_a_query_by_get_and_lists_the_examples(server):
    page = call(server, "/query")
    assert page.status == 200 and "<textarea" in page.text and 'method="get"' in page.text
    for example in sorted((ROOT / "queries").glob("*.rq")):
        assert f">{example.stem}</a>" in page.text
    reply = call(server, "/query?" + urlencode({"query": (ROOT / "queries" / "who-said-what.rq").read_text(encoding="utf-8")}))
    assert reply.status == 200
    assert "<th>speaker</th>" in reply.text and "<td>" in reply.text and "فلاديمير بوتين" in reply.text
    bad = call(server, "/query?" + urlencode({"query": "SELECT <script> WHERE"}))
    assert bad.status == 400 and 'class="error"' in bad.text and "<script>" not in bad.text
    refused = call(server, "/query?" + urlencode({"query": "DROP ALL"}))
    assert refused.status == 403 and "read-only" in refused.text


def test_stylesheet_is_served_by_the_package(server):
    reply = call(server, "/static/khabar.css")
    assert reply.status == 200 and reply.header("Content-Type").startswith("text/css") and b"mark" in reply.body


# -- headers -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("path, method", [
    ("/", "GET"), ("/query", "GET"), (PUTIN, "GET"), (f"{PUTIN}.ttl", "GET"), (f"{PUTIN}.html", "HEAD"),
    ("/sparql?query=ASK%7B%7D", "GET"), ("/sparql", "POST"), ("/.well-known/void", "GET"), ("/dump.nq", "HEAD"),
    ("/ontology", "GET"), ("/ontology.html", "GET"), ("/static/khabar.css", "GET"), ("/nope", "GET"),
    ("/id/../x", "GET"), ("/", "PUT"), ("/", "DELETE"),
])
def test_security_headers_on_every_response(server, path, method):
    reply = call(server, path, method=method)
    assert "default-src 'self'" in reply.header("Content-Security-Policy"), (path, reply.status)
    assert "script-src 'none'" in reply.header("Content-Security-Policy")
    assert reply.header("X-Content-Type-Options") == "nosniff"
    assert reply.header("Referrer-Policy") == "no-referrer"


def test_head_has_headers_and_no_body_and_writes_are_405(server):
    head = call(server, f"{PUTIN}.html", method="HEAD")
    assert head.status == 200 and head.body == b"" and int(head.header("Content-Length")) > 1000
    for method in ("PUT", "DELETE", "PATCH"):
        assert call(server, "/sparql", method=method, body=b"x").status == 405


def test_binds_to_loopback_by_default():
    assert ServeConfig("x").host == "127.0.0.1"


# -- SPARQL protocol ---------------------------------------------------------------------------------

@pytest.mark.parametrize("accept, media", [
    (None, "application/sparql-results+json"), ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"), ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"), ("application/json", "application/sparql-results+json"),
])
def test_select_results_by_accept(server, accept, media):
    reply = sparql(server, ARTICLES, accept=accept)
    assert reply.status == 200 and reply.header("Content-Type").startswith(media)
    fmt = {"application/sparql-results+json": QueryResultsFormat.JSON, "application/sparql-results+xml": QueryResultsFormat.XML,
           "text/csv": QueryResultsFormat.CSV, "text/tab-separated-values": QueryResultsFormat.TSV}[media]
    if fmt == QueryResultsFormat.CSV:
        rows = list(csv.reader(io.StringIO(reply.text)))
        assert rows == [["n"], ["6"]]
    else:
        [solution] = list(parse_query_results(reply.body, format=fmt))
        assert solution["n"].value == "6"


@pytest.mark.parametrize("accept, fmt", [("text/turtle", RdfFormat.TURTLE), ("application/n-triples", RdfFormat.N_TRIPLES),
                                         ("application/ld+json", RdfFormat.JSON_LD), (None, RdfFormat.TURTLE)])
def test_construct_and_describe_by_accept(server, accept, fmt):
    query = "CONSTRUCT { ?a a <http://e/A> } WHERE { ?a a <https://w3id.org/khabar/ontology#Article> }"
    reply = sparql(server, query, accept=accept)
    assert reply.status == 200
    assert len(triples(reply.body, fmt)) == 6
    describe = sparql(server, f"DESCRIBE <{BASE}entity/Q7747>", accept=accept)
    assert describe.status == 200 and len(triples(describe.body, fmt)) > 5


def test_ask_and_post_forms(server):
    assert json.loads(sparql(server, "ASK { ?s ?p ?o }").body)["boolean"] is True
    form = call(server, "/sparql", method="POST", body=urlencode({"query": ARTICLES}).encode(),
                headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert form.status == 200 and form.text.split() == ["n", "6"]
    direct = call(server, "/sparql", method="POST", body=ARTICLES.encode(),
                  headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert direct.status == 200 and direct.text.split() == ["n", "6"]
    odd = call(server, "/sparql", method="POST", body=b"x", headers={"Content-Type": "text/plain"})
    assert odd.status == 415


def test_triple_patterns_see_the_union_and_dataset_parameters_narrow_it(server):
    assert count(server) == 6
    reply = sparql(server, ARTICLES, **{"default-graph-uri": BASE + "graph/crafted"})
    assert json.loads(reply.body)["results"]["bindings"][0]["n"]["value"] == "1"
    per_graph = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a <https://w3id.org/khabar/ontology#Article> } }"
    assert count(server, per_graph) == 6


@pytest.mark.parametrize("how", ["query-insert", "query-drop", "query-load", "query-clear", "update-param",
                                 "post-update", "post-form-update", "query-with-prologue"])
def test_updates_are_refused(server, how):
    before = count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    insert = "INSERT DATA { GRAPH <http://e/g> { <http://e/s> <http://e/p> <http://e/o> } }"
    if how.startswith("query-"):
        text = {"query-insert": insert, "query-drop": "DROP ALL", "query-load": "LOAD <http://example.org/x.ttl>",
                "query-clear": "CLEAR DEFAULT", "query-with-prologue": "PREFIX ex: <http://e/> # SELECT\n DELETE WHERE { ?s ?p ?o }"}[how]
        reply = sparql(server, text)
    elif how == "update-param":
        reply = call(server, "/sparql?" + urlencode({"update": insert}))
    elif how == "post-update":
        reply = call(server, "/sparql", method="POST", body=insert.encode(), headers={"Content-Type": "application/sparql-update"})
    else:
        reply = call(server, "/sparql", method="POST", body=urlencode({"update": insert}).encode(),
                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status in (400, 403) and "read-only" in reply.text
    assert count(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") == before


def test_service_is_refused_but_the_word_in_a_literal_is_not(server):
    reply = sparql(server, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert reply.status == 400 and "SERVICE" in reply.text
    lower = sparql(server, "SELECT * WHERE { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert lower.status == 400
    ok = sparql(server, 'SELECT ?s WHERE { ?s ?p "SERVICE" } # SERVICE in a comment')
    assert ok.status == 200


def test_a_bad_query_is_400(server):
    reply = sparql(server, "SELECT WHERE {")
    assert reply.status == 400 and "does not parse" in reply.text
    assert call(server, "/sparql", accept="application/sparql-results+json").status == 400
    assert call(server, "/sparql", accept="text/html").header("Location") == "/query"


def test_a_cartesian_product_is_stopped_at_the_time_out_and_the_server_keeps_serving(server):
    started = time.monotonic()
    reply = sparql(server, CARTESIAN_COUNT)
    took = time.monotonic() - started
    assert reply.status == 503 and "time-out" in reply.text
    assert TIMEOUT - 0.2 <= took < TIMEOUT + 3, took
    # the killed worker is replaced; meanwhile the other one answers at once
    started = time.monotonic()
    assert count(server) == 6 and time.monotonic() - started < TIMEOUT
    assert call(server, f"{PUTIN}.ttl").status == 200


def test_the_row_limit_cuts_a_cartesian_product(server):
    started = time.monotonic()
    reply = sparql(server, CARTESIAN_ROWS)
    assert reply.status == 200 and time.monotonic() - started < TIMEOUT
    assert len(json.loads(reply.body)["results"]["bindings"]) == LIMIT
    assert reply.header("Khabar-Truncated") == "true" and reply.header("Khabar-Result-Limit") == str(LIMIT)
    construct = sparql(server, "CONSTRUCT { ?a <http://e/p> ?d } WHERE { ?a ?b ?c . ?d ?e ?f }", accept="application/n-triples")
    assert len(construct.text.splitlines()) == LIMIT and construct.header("Khabar-Truncated") == "true"
    small = sparql(server, ARTICLES)
    assert small.header("Khabar-Truncated") == ""


def test_request_body_size_is_limited(server):
    big = urlencode({"query": "ASK { ?s ?p ?o } #" + "x" * MAX_BODY}).encode()
    reply = call(server, "/sparql", method="POST", body=big, headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 413
    host, port = server.server_address[:2]
    # no Content-Length at all (what follows the headers would be the next request), or a chunked body
    for framing in (b"\r\n", b"Transfer-Encoding: chunked\r\n\r\n6\r\nASK {}\r\n0\r\n\r\n"):
        with socket.create_connection((host, port), timeout=10) as raw:
            raw.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\n" + framing)
            assert raw.recv(100).split(b" ")[1] == b"411"


def test_an_independent_client_sparqlwrapper(server):
    from SPARQLWrapper import JSON, XML, SPARQLWrapper, TURTLE

    endpoint = SPARQLWrapper(server.url + "/sparql")
    endpoint.setQuery("""PREFIX dip: <https://w3id.org/khabar/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?text WHERE { ?s dip:speaker ?p ; dip:text ?text . ?p rdfs:label "فلاديمير بوتين"@ar }""")
    endpoint.setReturnFormat(JSON)
    texts = [b["text"]["value"] for b in endpoint.query().convert()["results"]["bindings"]]
    assert len(texts) >= 5 and any("<script>" in t for t in texts)
    endpoint.setReturnFormat(XML)
    assert endpoint.query().convert().getElementsByTagName("result").length == len(texts)
    endpoint.setMethod("POST")
    endpoint.setQuery(f"DESCRIBE <{BASE}entity/Q7747>")
    endpoint.setReturnFormat(TURTLE)
    assert "Vladimir Putin" in endpoint.query().convert().decode("utf-8")


# -- VoID, dump, ontology ----------------------------------------------------------------------------

def test_void_description(server):
    reply = call(server, "/.well-known/void")
    assert reply.status == 200 and reply.header("Content-Type").startswith("text/turtle")
    store = Store()
    store.load(reply.body, format=RdfFormat.TURTLE)

    def one(query):
        return next(iter(store.query("PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcat: <http://www.w3.org/ns/dcat#> "
                                     "PREFIX dcterms: <http://purl.org/dc/terms/> " + query)))
    ds = one("SELECT ?d ?t ?e ?ep ?dump WHERE { ?d a void:Dataset, dcat:Dataset ; void:triples ?t ; void:entities ?e ; "
             "void:sparqlEndpoint ?ep ; void:dataDump ?dump FILTER NOT EXISTS { ?x dcterms:license ?l } }")  # none unless stated
    assert int(ds["t"].value) == count(server, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    assert int(ds["e"].value) > 100
    assert ds["ep"].value == server.url + "/sparql" and ds["dump"].value == server.url + "/dump.nq"
    links = one("SELECT ?n WHERE { ?l a void:Linkset ; void:linkPredicate <http://www.w3.org/2002/07/owl#sameAs> ; void:triples ?n }")
    assert int(links["n"].value) == count(server, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?o WHERE "
                                                  "{ ?s <http://www.w3.org/2002/07/owl#sameAs> ?o } }") > 0
    persons = one("SELECT ?n WHERE { ?d void:classPartition [ void:class <https://w3id.org/khabar/ontology#Person> ; void:entities ?n ] }")
    assert int(persons["n"].value) > 0
    assert len(list(store.query("SELECT ?e WHERE { ?d <http://rdfs.org/ns/void#exampleResource> ?e }"))) >= 3
    jsonld = call(server, "/.well-known/void", accept="application/ld+json")
    assert jsonld.header("Content-Type").startswith("application/ld+json") and triples(jsonld.body, RdfFormat.JSON_LD)
    html = call(server, "/.well-known/void", accept="text/html")
    assert html.header("Content-Type").startswith("text/html") and 'dir="rtl"' in html.text


def test_dump_streams_every_quad(server, store_dir):
    reply = call(server, "/dump.nq")
    assert reply.status == 200 and reply.header("Content-Type") == "application/n-quads"
    quads = set(parse(reply.body, format=RdfFormat.N_QUADS))
    assert quads == set(Store.read_only(str(store_dir)))


def test_ontology_as_turtle_and_html(server):
    source = (ROOT / "ontology" / "khabar.ttl").read_bytes()
    for path, accept in (("/ontology", "text/turtle"), ("/ontology", None), ("/ontology.ttl", "text/html")):
        reply = call(server, path, accept=accept)
        assert reply.status == 200 and reply.body == source and reply.header("Content-Type").startswith("text/turtle")
    html = call(server, "/ontology", accept="text/html,*/*;q=0.8")
    assert html.status == 200 and html.body == (ROOT / "docs" / "ontology.html").read_bytes()
    assert "pyLODE" in html.text
    csp = html.header("Content-Security-Policy")
    assert "style-src 'self' 'unsafe-inline'" in csp and "script-src 'none'" in csp
    assert call(server, "/ontology/event-type/Meeting").header("Location") == "/ontology"


def test_ontology_builtin_page_when_pylode_output_is_missing(server):
    from khabar.serve import ontology

    html = ontology.builtin_html(server.app.data).decode("utf-8")
    assert '<html lang="ar" dir="rtl">' in html
    for term in ("Statement", "DirectQuote", "speaker", "beginIndex"):
        assert f">{term}</bdi>" in html


def test_the_shipped_ontology_docs_are_pylode_output_of_the_current_ontology():
    sys.path.insert(0, str(ROOT / "docs"))
    from build_ontology_docs import OUTPUT, build, normalised

    assert normalised(build()) == normalised(OUTPUT.read_text(encoding="utf-8")), "run `make docs`"


# -- the command -------------------------------------------------------------------------------------

def test_serve_command_user_mistakes_exit_2_without_traceback(tmp_path, store_dir):
    runner = CliRunner()
    missing = runner.invoke(cli, ["serve", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output and "no such" in missing.output
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        (tmp_path / "x.nq").write_text("", encoding="utf-8")
        busy = runner.invoke(cli, ["serve", str(tmp_path / "x.nq"), "--port", str(taken.getsockname()[1])])
        assert busy.exit_code == 2 and "cannot listen" in busy.output and "Traceback" not in busy.output
    bad_base = runner.invoke(cli, ["serve", str(tmp_path / "x.nq"), "--base", "not an iri"])
    assert bad_base.exit_code == 2 and "Traceback" not in bad_base.output


def test_serve_command_runs_and_stops_cleanly(seeds_nq):
    """`khabar serve FILE` as its own process: a graph file is served from memory; SIGTERM stops it and its workers."""
    khabar = Path(sys.executable).parent / "khabar"
    process = subprocess.Popen([str(khabar), "serve", str(seeds_nq), "--port", "0", "--base", BASE],
                               stderr=subprocess.PIPE, text=True)
    try:
        line = process.stderr.readline()
        assert "serving" in line, line
        url = line.split(" at ")[1].split("/ ")[0]
        host, port = url.removeprefix("http://").split(":")
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        conn.request("GET", "/sparql?" + urlencode({"query": ARTICLES}), headers={"Accept": "text/csv"})
        assert conn.getresponse().read().decode().split() == ["n", "5"]
        conn.close()
        under_way = []  # a query running when SIGTERM comes is answered at once: the server is stopping

        def ask():
            running = http.client.HTTPConnection(host, int(port), timeout=30)
            running.request("GET", "/sparql?" + urlencode({"query": CARTESIAN_COUNT}))
            reply = running.getresponse()
            under_way.append((reply.status, reply.read()))

        asking = threading.Thread(target=ask)
        asking.start()
        time.sleep(1)
    finally:
        stopping = time.monotonic()
        process.terminate()
        process.wait(10)
    asking.join(10)
    assert under_way and under_way[0][0] == 503 and b"stopping" in under_way[0][1], under_way
    assert time.monotonic() - stopping < 5 and process.returncode is not None
    deadline = time.monotonic() + 10  # (a loaded machine may take a moment to end them)
    while _processes_with(f"khabar.serve.worker_process\0{seeds_nq}\0") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _processes_with(f"khabar.serve.worker_process\0{seeds_nq}\0"), "query workers outlived the server"


def test_any_asgi_server_runs_the_app_uvicorn_factory_from_the_environment(seeds_nq):
    """`uvicorn --factory khabar.serve:create_app` (uvicorn's own command, on a socket handed to it)
    with the settings in the environment: it serves the seeds, names the configured address, and
    SIGTERM ends it with its query workers."""
    listening = socket.create_server(("127.0.0.1", 0))
    port = listening.getsockname()[1]
    env = {**os.environ, "KHABAR_STORE": str(seeds_nq), "KHABAR_PUBLIC_URL": "https://kg.example.org",
           "KHABAR_WORKERS": "1", "KHABAR_LOG": "false"}
    process = subprocess.Popen([sys.executable, "-m", "uvicorn", "--factory", "khabar.serve:create_app",
                                "--fd", str(listening.fileno()), "--no-proxy-headers", "--log-level", "warning"],
                               env=env, pass_fds=[listening.fileno()])
    listening.close()
    try:
        deadline, status = time.monotonic() + 60, None
        while status != 200:
            assert process.poll() is None and time.monotonic() < deadline, "uvicorn never served the app"
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/sparql?" + urlencode({"query": ARTICLES}), headers={"Accept": "text/csv"})
                reply = conn.getresponse()
                status, body = reply.status, reply.read()
                conn.close()
            except OSError:
                time.sleep(0.2)
        assert body.decode().split() == ["n", "5"]
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        conn.request("GET", "/.well-known/void.nt")
        void = conn.getresponse().read().decode()
        assert "<https://kg.example.org/sparql>" in void and "127.0.0.1" not in void
    finally:
        process.terminate()
        process.wait(20)
    deadline = time.monotonic() + 10
    while _processes_with(f"khabar.serve.worker_process\0{seeds_nq}\0") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _processes_with(f"khabar.serve.worker_process\0{seeds_nq}\0"), "query workers outlived uvicorn"


def test_create_app_checks_its_settings_and_reads_them_from_the_environment(seeds_nq):
    from khabar.serve import create_app
    from khabar.serve.asgi import environment_settings

    for bad, message in [({"base": "not an iri"}, "base IRI"), ({"licence": "javascript:alert(1)"}, "--license"),
                         ({"public_url": "ftp://kg.example.org"}, "--public-url")]:
        with pytest.raises(ValueError, match=message):
            create_app(seeds_nq, **bad)
    environ = {"KHABAR_STORE": "out/store", "KHABAR_TIMEOUT": "2.5", "KHABAR_WORKERS": "2", "KHABAR_LOG": "false",
               "KHABAR_PUBLIC_URL": "https://kg.example.org", "KHABAR_LIMIT": "7"}
    assert environment_settings(environ, {"limit": 5}) == ("out/store", {
        "timeout": 2.5, "workers": 2, "log": False, "public_url": "https://kg.example.org", "limit": 5})
    with pytest.raises(ValueError, match="KHABAR_STORE"):
        environment_settings({"KHABAR_TIMEOUT": "2"}, {})


def test_a_client_that_never_ends_its_request_is_let_go(server, monkeypatch):
    from khabar.serve import server as serving

    monkeypatch.setattr(serving, "REQUEST_SECONDS", 0.5)
    host, port = server.server_address[:2]
    with socket.create_connection((host, port), timeout=10) as slow:
        slow.sendall(b"GET /sparql?query=ASK")
        started = time.monotonic()
        assert slow.recv(100) == b""  # closed, without an answer
        assert time.monotonic() - started < 5
    assert count(server) == 6  # the others are served on


def test_a_client_that_trickles_its_post_body_is_cut_off(server, monkeypatch):
    """A POST body that does not come whole in BODY_SECONDS is answered 408 and the connection closed;
    the other clients are served on meanwhile."""
    from khabar.serve import asgi

    monkeypatch.setattr(asgi, "BODY_SECONDS", 1)
    host, port = server.server_address[:2]
    body = urlencode({"query": "ASK {}"}).encode()
    with socket.create_connection((host, port), timeout=10) as slow:
        slow.sendall(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                     b"Content-Length: %d\r\n\r\n" % len(body) + body[:3])
        started = time.monotonic()
        answer = b""
        while chunk := slow.recv(4096):  # the server answers, then closes
            answer += chunk
            if time.monotonic() - started > 8:
                break
        assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
        assert b"connection: close" in answer.lower()
        assert 0.9 < time.monotonic() - started < 5
    assert count(server) == 6
    reply = call(server, "/sparql", "POST", body=body, accept="application/sparql-results+json",
                 headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert reply.status == 200  # a whole body in time is answered


def test_a_kept_alive_connection_gets_each_answer_at_once(server):
    """Nagle's algorithm is off on the server's connections (TCP_NODELAY), so an answer's body, written
    after its headers, does not wait for the client's delayed ACK (40 ms) on a kept-alive connection."""
    host, port = server.server_address[:2]
    conn = http.client.HTTPConnection(host, port, timeout=10)
    try:
        times = []
        for _ in range(10):
            started = time.perf_counter()
            conn.request("GET", PUTIN + ".ttl")
            response = conn.getresponse()
            assert response.status == 200 and response.read()
            times.append(time.perf_counter() - started)
        sockets = [c.transport.get_extra_info("socket") for c in list(server.uvicorn.server_state.connections)]
        assert sockets and all(s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) for s in sockets)
    finally:
        conn.close()
    assert min(times[1:]) < 0.03, times


ARENAS_SCRIPT = """
import ctypes, os, sys, tempfile, threading
from khabar.serve.server import limit_malloc_arenas
if sys.argv[1] == "limited":
    assert limit_malloc_arenas()
held, together = [], threading.Barrier(16)
def allocate():  # each thread alive until all have allocated, so no arena is handed on from one that ended
    held.append([bytes(2000 + i) for i in range(2000)])  # past pymalloc's small objects: glibc's malloc
    together.wait()
threads = [threading.Thread(target=allocate) for _ in range(16)]
for t in threads:
    t.start()
for t in threads:
    t.join()
libc = ctypes.CDLL(None)
libc.fopen.restype = ctypes.c_void_p
path = os.path.join(tempfile.mkdtemp(), "malloc.xml")
out = libc.fopen(path.encode(), b"w")
libc.malloc_info(0, ctypes.c_void_p(out))
libc.fclose(ctypes.c_void_p(out))
print(open(path).read().count("<heap nr="))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux") or not hasattr(os, "confstr")
                    or "glibc" not in (os.confstr("CS_GNU_LIBC_VERSION") or ""), reason="glibc's malloc only")
def test_the_servers_threads_share_two_malloc_arenas():
    """khabar serve has glibc's malloc share MALLOC_ARENAS arenas among its threads (store reads, queries
    waiting), instead of one a thread up to 8 a core, each keeping what was freed in it."""
    env = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"}

    def arenas(mode: str) -> int:
        done = subprocess.run([sys.executable, "-c", ARENAS_SCRIPT, mode], capture_output=True, text=True, env=env,
                              timeout=60)
        assert done.returncode == 0, done.stderr
        return int(done.stdout)

    from khabar.serve.server import MALLOC_ARENAS

    assert arenas("limited") <= MALLOC_ARENAS < arenas("default")


def _processes_with(fragment: str) -> list[str]:
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            text = cmdline.read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if fragment in text:
            found.append(cmdline.parent.name)
    return found


def test_the_static_report_is_served_at_report(tmp_path, store_dir, seeds_nq):
    report = tmp_path / "report"
    result = CliRunner().invoke(cli, ["report", str(seeds_nq), "-o", str(report)])
    assert result.exit_code == 0, result.output
    (tmp_path / "secret.txt").write_text("not for the web", encoding="utf-8")
    srv, thread = start(ServeConfig(str(store_dir), port=0, log=False, report=str(report)))
    try:
        index = call(srv, "/report/")
        assert index.status == 200 and 'dir="rtl"' in index.text
        assert "script-src 'self'" in index.header("Content-Security-Policy")
        timeline = call(srv, "/report/timeline.html")
        assert timeline.status == 200
        script = call(srv, "/report/assets/report.js")
        assert script.status == 200 and "javascript" in script.header("Content-Type")
        assert call(srv, "/report/../secret.txt").status in (400, 404)
        assert call(srv, "/report/%2e%2e/secret.txt").status in (400, 404)
        assert call(srv, "/report/nothing.html").status == 404
    finally:
        stop(srv, thread)
    srv, thread = start(ServeConfig(str(store_dir), port=0, log=False))
    try:
        assert call(srv, "/report/").status == 404
    finally:
        stop(srv, thread)
