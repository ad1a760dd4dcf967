"""The one HTML kit (khabar.html): the server's pages and the report share one stylesheet and one
layout; class names come from the ontology; refused queries are explained in Arabic; the highlighter,
the sentence cutter and the link rule."""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from pyoxigraph import RdfFormat, Store

from conftest import ROOT
from report.test_report import report  # noqa: F401 (the seeds' report, built once for this module too)
from serve.test_serve import BASE, PUTIN, call, start, stop

from khabar.html.kit import STYLESHEET, safe_href
from khabar.html.labels import Labels
from khabar.html.text import Span, highlight, quote, sentence_around
from khabar.report import build_report
from khabar.serve import ServeConfig
from khabar.serve.data import Data
from khabar.serve.pages import Pages

ARABIC = re.compile(r"[\u0600-\u06FF]")


@pytest.fixture(scope="module")
def server(seeds_nq):
    srv, thread = start(ServeConfig(str(seeds_nq), port=0, timeout=5, log=False))
    yield srv
    stop(srv, thread)


def layout(page: str) -> list[str]:
    """The page's frame: what is around <main>, without the page's own title, links, alternates and
    scripts, nor the footer's extra links and note (the server's SPARQL links, the report's offline note)."""
    page = re.sub(r"<main>.*</main>", "<main></main>", page, flags=re.S)
    page = re.sub(r"<nav>.*</nav>", "<nav></nav>", page, flags=re.S)
    page = re.sub(r"<title>.*</title>", "<title></title>", page)
    page = re.sub(r'<a href="[^"]*">[^<]*</a>', "<a></a>", page)
    page = re.sub(r'<span class="sep"> · </span>(?:<a></a>|[^<]*)', "", page)
    page = re.sub(r'(href|src)="[^"]*"', r'\1=""', page)
    page = re.sub(r"<script[^>]*></script>|<link rel=\"alternate\"[^>]*>", "", page)
    page = re.sub(r'<body class="[^"]*">', "<body>", page)
    return [line.strip() for line in page.splitlines() if line.strip()]


def test_server_pages_and_the_report_share_one_stylesheet_and_one_layout(server, report):  # noqa: F811
    served = call(server, "/static/khabar.css")
    assert served.status == 200
    assert served.body == (report / "assets" / "khabar.css").read_bytes() == STYLESHEET.read_bytes()
    pages = {"server home": call(server, "/").text, "server entity": call(server, f"{PUTIN}.html").text,
             "report index": (report / "index.html").read_text(encoding="utf-8"),
             "report entity": (report / "entities" / "Q7747.html").read_text(encoding="utf-8")}
    skeletons = {name: layout(page) for name, page in pages.items()}
    first = skeletons["server home"]
    assert any('<header class="site">' in line for line in first) and any("<footer>" in line for line in first)
    for name, skeleton in skeletons.items():
        assert skeleton == first, name
    for page in pages.values():  # the same footer: the licence (none stated here) and the version
        footer = page[page.index("<footer>"):page.index("</footer>")]
        assert "لم يُذكر ترخيص لهذه البيانات" in footer and "khabar " in footer


def test_the_title_names_the_site_once(server, report):  # noqa: F811
    assert re.search(r"<title>([^<]*)</title>", call(server, "/").text)[1] == "خبر"
    for page in (call(server, f"{PUTIN}.html").text, (report / "index.html").read_text(encoding="utf-8")):
        assert re.search(r"<title>([^<]*)</title>", page)[1].count("خبر") == 1


def relabelled_ontology(tmp_path: Path) -> Labels:
    """Labels read from a copy of the ontology whose Arabic name of dip:Person is changed."""
    source = (ROOT / "ontology" / "khabar.ttl").read_text(encoding="utf-8")
    assert source.count('rdfs:label "person"@en , "شخص"@ar') == 1
    copy = tmp_path / "khabar.ttl"
    copy.write_text(source.replace('rdfs:label "person"@en , "شخص"@ar', 'rdfs:label "person"@en , "إنسان فرد"@ar'),
                    encoding="utf-8")
    return Labels.read(copy)


def test_class_names_on_the_pages_come_from_the_ontology(tmp_path, seeds_nq):
    store = Store()
    store.bulk_load(path=str(seeds_nq), format=RdfFormat.N_QUADS)
    kinds = re.compile(r"<dt>النوع</dt><dd>([^<]*)</dd>")
    shipped = Pages(Data(store, BASE)).entity(BASE + "entity/Q7747", PUTIN).decode("utf-8")
    changed = Pages(Data(store, BASE), relabelled_ontology(tmp_path)).entity(BASE + "entity/Q7747", PUTIN).decode("utf-8")
    assert kinds.search(shipped)[1] == "شخص" and kinds.search(changed)[1] == "إنسان فرد"

    from khabar import KnowledgeGraph

    build_report(KnowledgeGraph.open(seeds_nq), tmp_path / "report", labels=relabelled_ontology(tmp_path))
    entity = (tmp_path / "report" / "entities" / "Q7747.html").read_text(encoding="utf-8")
    assert '<span class="badge ent-Person">إنسان فرد</span>' in entity
    legend = (tmp_path / "report" / "network.html").read_text(encoding="utf-8")
    assert 'class="k-Person"/></svg> إنسان فرد</span>' in legend


@pytest.mark.parametrize("query, status, detail", [
    ("SELECT ?x WHERE { ?x ?y }}", 400, "does not parse"),
    ("DROP ALL", 403, "read-only"),
])
def test_a_refused_query_is_explained_in_arabic_on_the_query_page(server, query, status, detail):
    reply = call(server, "/query?" + urlencode({"query": query}))
    assert reply.status == status
    error = re.search(r'<p class="error" role="alert">(.*?)</p>', reply.text, re.S)[1]
    arabic, english = error.split('<span class="detail" dir="ltr" lang="en">')
    arabic = re.sub(r"<[^>]+>", "", arabic)
    assert arabic.strip().startswith(str(status)) and len(ARABIC.findall(arabic)) > 10, arabic
    assert not re.search("[A-Za-z]", arabic), arabic  # the explanation is Arabic; the engine's English follows it
    assert detail in html.unescape(english)


def test_one_highlighter_marks_what_was_said_and_never_nests_links():
    text = "قال <الوزير> إن الحوار ضروري"
    said = Span(4, len(text), "st st-direct", "قول", element="mark")
    minister = Span(4, 12, "ent ent-Person", href="/id/entity/Q1")
    inner = Span(5, 11, "ent", href="javascript:ignored-inside-a-link")
    out = str(highlight(text, [said, minister, inner]))
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    assert '<mark class="st st-direct" title="قول"><a href="/id/entity/Q1"' in out
    assert out.count("<a ") == 1 and "javascript" not in out and "&lt;" in out and "<الوزير>" not in out


def test_the_sentence_ends_where_the_extraction_ends_it():
    text = "قال الوزير إن النمو بلغ 1.65 في المئة وإن شركة إيه.بي.تي ربحت. ثم غادر"
    begin = text.index("النمو")
    before, said, after = sentence_around(text, begin, begin + len("النمو"))
    assert before == "قال الوزير إن " and after == " بلغ 1.65 في المئة وإن شركة إيه.بي.تي ربحت."
    assert str(quote(text, begin, begin + 3, expected="something else")) == "<mark>something else</mark>"


@pytest.mark.parametrize("url, kept", [
    ("/id/entity/Q7747", True), ("entities/Q7747.html", True), ("../index.html", True), ("https://example.org/a", True),
    ("javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False), (" javascript:alert(1)", False),
    ("data:text/html,x", False), ("//evil.example/", False), ("\\\\evil.example\\", False), ("", False),
])
def test_links_only_to_local_paths_and_http_iris(url, kept):
    assert (safe_href(url) == url) is kept
