"""khabar report: the static site's structure, its counts on the seeds (checked against SPARQL),
offline links, escaping of hostile text, the highlighted article text, dates and determinism."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from click.testing import CliRunner

from khabar import KnowledgeGraph, map_articles
from khabar.cli import cli
from khabar.report import build_report
from khabar.report.dates import date_label, date_range, range_label, sort_key
from khabar.html.text import Span, highlight, sentence_around
from khabar.report.pages import time_buckets

DIP = "PREFIX dip: <https://w3id.org/khabar/ontology#>\n"
TOP_PAGES = ("index.html", "timeline.html", "network.html", "speakers.html", "articles.html", "entities.html")


class Page(HTMLParser):
    """Collects links, sources, ids and the text of elements with ids."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.tags: list[tuple[str, dict]] = []
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def by_id(path: Path, ident: str) -> str:
    m = re.search(rf'id="{ident}"[^>]*>([^<]*)<', path.read_text(encoding="utf-8"))
    assert m, ident
    return m[1]


def count(kg, query: str) -> int:
    return int(kg.query(DIP + query).rows[0][0].value)


@pytest.fixture(scope="module")
def report(seeds_nq, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "site"
    result = CliRunner().invoke(cli, ["report", str(seeds_nq), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "5 articles" in result.output
    return out


def test_structure_and_offline_links(report, seeds_nq):
    for name in TOP_PAGES + ("assets/khabar.css", "assets/report.js"):
        assert (report / name).is_file(), name
    assert len(list((report / "articles").glob("*.html"))) == 5
    kg = KnowledgeGraph.open(seeds_nq)
    assert len(list((report / "entities").glob("*.html"))) == len(list(kg.entities()))
    pages = sorted(report.rglob("*.html"))
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert '<html lang="ar" dir="rtl">' in text and 'name="viewport"' in text, path
        for link in parse(path).links:
            parts = urlsplit(link)
            if parts.scheme == "data":  # the inline (empty) icon: no request at all
                continue
            if parts.scheme in ("http", "https"):  # only links out (Wikidata, the article's URL), never assets
                assert not link.endswith((".css", ".js")), link
                continue
            assert not parts.scheme and not link.startswith("/"), (path, link)
            if parts.path:
                assert (path.parent / unquote(parts.path)).resolve().is_file(), (path, link)
    for tag, attrs in (t for path in pages for t in parse(path).tags):
        if tag in ("script", "link", "img"):
            assert urlsplit(attrs.get("src") or attrs.get("href") or "").scheme in ("", "data"), attrs


def test_counts_on_the_seeds(report, seeds_nq):
    kg = KnowledgeGraph.open(seeds_nq)
    index = report / "index.html"
    assert by_id(index, "count-articles") == "5"
    assert int(by_id(index, "count-events")) == count(kg, "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a dip:Event }")
    assert int(by_id(index, "count-statements")) == count(kg, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a dip:Statement }")
    assert int(by_id(index, "count-speakers")) == count(kg, "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?s dip:speaker ?p }")
    assert int(by_id(index, "count-entities")) == count(kg, "SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE { ?a dip:mentions ?x }")
    assert int(by_id(index, "count-direct")) == count(kg, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a dip:DirectQuote }")
    timeline = (report / "timeline.html").read_text(encoding="utf-8")
    assert timeline.count('<li class="event"') == int(by_id(index, "count-events"))
    speakers = (report / "speakers.html").read_text(encoding="utf-8")
    assert speakers.count("<tr><td class=\"n\">") == int(by_id(index, "count-speakers"))
    # the busiest speaker of the seeds is Macron, and his page has all his statements
    top = re.search(r'id="top-speakers">\s*<li><a class="ent[^"]*" href="entities/([^"]+)\.html">([^<]+)</a>', (index).read_text(encoding="utf-8"))
    assert top and top[2] == "إيمانويل ماكرون"
    macron = report / "entities" / f"{top[1]}.html"
    n = count(kg, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s dip:speaker <https://w3id.org/khabar/id/entity/Q3052772> }")
    assert int(by_id(macron, "entity-statements")) == n
    assert macron.read_text(encoding="utf-8").count('<li class="quote') == n
    assert macron.read_text(encoding="utf-8").count("<mark>") == n
    network = (report / "network.html").read_text(encoding="utf-8")
    assert network.count('class="edge"') == len(re.findall(r'<tr><td><a class="ent', network))
    assert 'href="entities/Q3052772.html" class="node' in network


def test_article_pages_keep_the_text_and_mark_every_span(report, seeds_nq):
    kg = KnowledgeGraph.open(seeds_nq)
    mentions = list(kg.mentions())
    for article in kg.articles():
        page = (report / "articles" / f"{article.iri.rsplit('/', 1)[1]}.html").read_text(encoding="utf-8")
        body = re.search(r'<article class="article-text" id="text">(.*?)</article>', page, re.S)[1]
        assert html.unescape(re.sub(r"<[^>]+>", "", body)) == article.text
        n_mentions = sum(1 for m in mentions if m.article == article.iri)
        assert body.count('class="ent ') >= n_mentions  # a crossing span may be split in two
        n_statements = sum(1 for s in kg.statements() if s.article == article.iri)
        assert len(re.findall(r'class="st st-(?:direct|reported)"', body)) >= n_statements


def test_hostile_text_is_escaped(tmp_path):
    evil = '<script>alert("x")</script>'
    # a javascript: URL is refused when read (tests/product/test_hostile_publish.py); this one tries to leave its attribute
    records = [{"id": "evil<1>", "title": f"{evil} عنوان", "url": 'http://example.org/"onmouseover="alert(1)',
                "content": f'قال الرئيس الفرنسي إيمانويل ماكرون: "{evil} نحن مستعدون للحوار" وأضاف <b>مهم</b>.',
                "date_extracted": "2015-07-21"}]
    kg = map_articles(records)
    assert not kg.failures and list(kg.statements()), "the crafted article should give a statement"
    build_report(kg, tmp_path / "site")
    for path in (tmp_path / "site").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<b>مهم" not in text, path
        assert 'href="javascript:' not in text and 'onmouseover="' not in text, path
    article = next((tmp_path / "site" / "articles").glob("*.html")).read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in article


def test_report_refuses_a_folder_that_is_not_a_report(seeds_nq, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(seeds_nq), "-o", str(tmp_path)])
    assert result.exit_code == 2 and "not empty" in result.output and "Traceback" not in result.output
    assert (tmp_path / "notes.txt").exists()


def test_same_graph_same_bytes(report, seeds_nq, tmp_path):
    result = CliRunner().invoke(cli, ["report", str(seeds_nq), "-o", str(tmp_path / "again")])
    assert result.exit_code == 0
    first = {p.relative_to(report): p.read_bytes() for p in report.rglob("*") if p.is_file()}
    second = {p.relative_to(tmp_path / "again"): p.read_bytes() for p in (tmp_path / "again").rglob("*") if p.is_file()}
    assert first == second
    # and a second run over an earlier report replaces it
    assert CliRunner().invoke(cli, ["report", str(seeds_nq), "-o", str(tmp_path / "again")]).exit_code == 0


def test_partial_dates():
    import datetime as dt

    assert date_range("2022") == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert date_range("2024-02") == (dt.date(2024, 2, 1), dt.date(2024, 2, 29))
    assert date_range("2022-09-14") == (dt.date(2022, 9, 14),) * 2
    assert date_range("--04-04") is None and date_range(None) is None
    assert range_label("2022-09") == "2022-09-01 – 2022-09-30" and range_label("2022-09-14") == ""
    assert date_label("2022-09") == "سبتمبر 2022" and "بلا سنة" in date_label("--04-04")
    ordered = sorted([None, "--04-04", "2024-04", "2022", "2022-09", "2022-09-03"], key=sort_key)
    assert ordered == ["2022", "2022-09", "2022-09-03", "2024-04", "--04-04", None]


def test_time_buckets():
    assert time_buckets(["2015-07-20", "2015-07-22", "2015-07-22"]) == [
        ("2015-07-20", 1), ("2015-07-21", 0), ("2015-07-22", 2)]
    assert time_buckets(["2015-01-03", "2015-04-09"]) == [("2015-01", 1), ("2015-02", 0), ("2015-03", 0), ("2015-04", 1)]
    assert time_buckets(["2015", "2017-01-02"]) == [("2015", 1), ("2016", 0), ("2017", 1)]


def test_highlight_nests_crossing_spans_and_never_nests_links():
    text = "ab<cd>ef"
    spans = [Span(0, 5, "x"), Span(3, 8, "y", href="#y"), Span(4, 6, "z", href="#z")]
    out = str(highlight(text, spans))
    assert html.unescape(re.sub(r"<[^>]+>", "", out)) == text
    depth = 0
    for tag in re.findall(r"</?(?:span|a)\b", out):
        depth += -1 if tag.startswith("</") else 1
        assert depth >= 0
    assert depth == 0 and "&lt;" in out and "&gt;" in out and "<cd>" not in out
    assert not re.search(r"<a [^>]*>[^<]*<a ", out)


def test_sentence_around():
    text = "جملة أولى. قال الوزير إن الحوار ضروري للجميع. جملة أخيرة"
    begin = text.index("الحوار")
    before, quoted, after = sentence_around(text, begin, begin + len("الحوار ضروري"))
    assert (before, quoted, after) == ("قال الوزير إن ", "الحوار ضروري", " للجميع.")


# -- the timeline opens at the articles' own period ----------------------------------------------------
DAY_RECORDS = [
    {"id": "a1", "url": "https://www.okaz.com.sa/1", "date_extracted": "2015-07-24", "title": "لقاء تاريخي",
     "content": "وكان الملك عبدالله بن عبدالعزيز قد التقى الرئيس الأمريكي باراك أوباما عام 2014 في روضة خريم."},
    {"id": "a2", "url": "https://www.okaz.com.sa/2", "date_extracted": "2015-07-24", "title": "اتصال",
     "content": "تلقى خادم الحرمين الشريفين الملك سلمان بن عبدالعزيز اتصالا هاتفيا اليوم من الرئيس الفرنسي فرانسوا هولاند."},
    {"id": "a3", "url": "https://www.okaz.com.sa/3", "date_extracted": "2015-07-23", "title": "لقاء",
     "content": "التقى وزير الخارجية عادل الجبير نظيره الأمريكي جون كيري في واشنطن أمس الأربعاء."},
]


def test_timeline_opens_at_the_articles_period_and_puts_older_dates_in_their_own_section(tmp_path):
    """A day's articles that also tell of a meeting the year before: the timeline used to open at
    the oldest date, the day's own events below it. It opens at the days the articles were
    published; the older dates follow. (An event of 1945 is history recalled, no event at all.)"""
    kg = map_articles(DAY_RECORDS)
    assert sorted(e.date[:4] for e in kg.events()) == ["2014", "2015", "2015"]  # what the page is built from
    build_report(kg, tmp_path / "site")
    page = (tmp_path / "site" / "timeline.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="period">\s*<h2>(.*?)<span.*?</h2>(.*?)</section>', page, re.DOTALL)
    headings = [html.unescape(h).strip() for h, _ in sections]
    dates_in = [re.findall(r'<time datetime="([^"]+)"', body) for _, body in sections]
    assert headings[0].startswith("فترة المقالات") and "23 يوليو 2015" in headings[0] and "24 يوليو 2015" in headings[0]
    assert sorted(dates_in[0]) == ["2015-07-22", "2015-07-24"]  # the day's own events first ("أمس": the 22nd)
    assert headings[1].startswith("تواريخ أقدم") and dates_in[1] == ["2014"]
    assert len(sections) == 2


# -- the network picture stays legible with many parties ------------------------------------------------
def crowded_graph(parties: int = 300) -> KnowledgeGraph:
    """A real store holding `parties` people (some with long names) in events with each other: a few
    busy ones, many with one or two events, as in a month of news."""
    from pyoxigraph import Literal, NamedNode, Quad, Store

    base, dip = "https://w3id.org/khabar/id/", "https://w3id.org/khabar/ontology#"
    rdf_type, label = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), \
        NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    entities, article_graph = NamedNode(base + "graph/entities"), NamedNode(base + "graph/crowd")
    article = NamedNode(base + "article/crowd")
    quads = [Quad(article, rdf_type, NamedNode(dip + "Article"), article_graph),
             Quad(article, NamedNode(dip + "articleId"), Literal("crowd"), article_graph),
             Quad(article, NamedNode(dip + "articleText"), Literal("نص"), article_graph)]
    people = [NamedNode(f"{base}person/p{i:03d}") for i in range(parties)]
    for i, p in enumerate(people):
        name = (f"مدير عام الهيئة الوطنية للتخطيط والتنمية المستدامة رقم {i}" if i % 7 == 3 else f"الشخص رقم {i}")
        quads += [Quad(p, rdf_type, NamedNode(dip + "Person"), entities), Quad(p, label, Literal(name, language="ar"), entities)]
    pairs = [(i, (i * 7 + 1) % parties) for i in range(parties)] + [(h, j) for h in range(5) for j in range(5, 60, 3)]
    for k, (a, b) in enumerate(pairs):
        if a == b:
            continue
        event = NamedNode(f"{base}event/Meeting/e{k}")
        quads += [Quad(event, rdf_type, NamedNode(dip + "Event"), article_graph),
                  Quad(event, NamedNode(dip + "eventType"), NamedNode(dip.rstrip("#") + "/event-type/Meeting"), article_graph),
                  Quad(event, NamedNode(dip + "participant"), people[a], article_graph),
                  Quad(event, NamedNode(dip + "participant"), people[b], article_graph),
                  Quad(event, NamedNode(dip + "reportedIn"), article, article_graph)]
    store = Store()
    store.extend(quads)
    return KnowledgeGraph(store)


def test_network_of_300_parties_draws_the_busiest_whole_and_flat_and_lists_the_rest(tmp_path):
    """The picture used to draw 60 nodes with rotated labels cut at 20 characters and no key to
    line width or circle size. It draws the busiest 30, every label whole and horizontal (long ones
    on two lines), with a legend, and lists the others beneath it."""
    kg = crowded_graph(300)
    build_report(kg, tmp_path / "site")
    page = (tmp_path / "site" / "network.html").read_text(encoding="utf-8")
    svg = page[page.index("<svg class=\"network\""):page.index("</svg>", page.index("<svg class=\"network\""))]
    assert svg.count('class="node ') == 30
    assert "rotate(" not in svg and "…" not in svg
    drawn = re.findall(r'<text[^>]*>(.*?)</text>', svg)
    labels = {" ".join(re.findall(r"<tspan[^>]*>(.*?)</tspan>", t)) for t in drawn}
    assert len(labels) == 30 and any(label.startswith("مدير عام الهيئة الوطنية للتخطيط والتنمية المستدامة") for label in labels)
    assert any(t.count("<tspan") >= 2 for t in drawn)  # a long name on two lines, not cut
    legend = page[page.index('id="network-legend"'):page.index("</figcaption>")]
    assert "سُمك الخط" in legend and "k-Person" in legend
    others = page[page.index('id="network-others"'):]
    assert "270" in others and others.count('class="ent') >= 270
