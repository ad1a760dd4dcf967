"""The report in a real browser: Debian's chromium driven by Playwright (no browser is downloaded).

Every page renders from file:// and over HTTP without console errors or requests elsewhere, is
right to left, fits a phone's width, shows the seeds' counts; the timeline filter works (and the
page works without JavaScript); a node of the network opens its entity's page. Screenshots go to
$KHABAR_SCREENSHOTS (or a temporary folder) for a person to look at.
"""
from __future__ import annotations

import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner

from khabar import KnowledgeGraph
from khabar.cli import cli
from khabar.report import build_report

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 800}
MACRON = "entities/Q3052772.html"

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium "
                                "(apt-get install --no-install-recommends chromium; .ci/run does it)")


@pytest.fixture(scope="module")
def site(seeds_nq, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("browser-report") / "site"
    result = CliRunner().invoke(cli, ["report", str(seeds_nq), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def kg(seeds_nq) -> KnowledgeGraph:
    return KnowledgeGraph.open(seeds_nq)


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS, timeout=30_000)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("KHABAR_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots")) / "report"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Tab:
    """A page with its console errors and requests recorded."""

    def __init__(self, browser, viewport=DESKTOP, javascript=True):
        self.context = browser.new_context(viewport=viewport, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))

    def open(self, url: str):
        self.page.goto(url, wait_until="load", timeout=30_000)
        return self.page

    def visible_events(self) -> int:
        return self.page.locator("li.event:visible").count()

    def close(self):
        self.context.close()


@pytest.fixture
def tab(browser):
    t = Tab(browser)
    yield t
    t.close()


PAGES = ["index.html", "timeline.html", "network.html", "speakers.html", "articles.html", "entities.html", MACRON,
         "articles/000_8083c612faa065c9.html"]


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_every_page_renders_right_to_left_offline(browser, site, shots, viewport):
    tab = Tab(browser, viewport)
    try:
        for name in PAGES:
            page = tab.open((site / name).as_uri())
            assert page.evaluate("document.documentElement.dir") == "rtl"
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            assert page.evaluate("document.documentElement.lang") == "ar"
            assert page.evaluate("getComputedStyle(document.body).fontFamily"), name
            overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name} is wider than the screen by {overflow}px"
            page.screenshot(path=str(shots / f"{name.replace('/', '_')}-{viewport['width']}.png"), full_page=True)
        assert tab.errors == []
        assert all(url.startswith("file://") for url in tab.requests), tab.requests
    finally:
        tab.close()


def test_counts_on_the_seeds(tab, site, kg):
    page = tab.open((site / "index.html").as_uri())
    assert page.locator("#count-articles").inner_text() == "5"
    assert int(page.locator("#count-events").inner_text()) == len(list(kg.events()))
    assert int(page.locator("#count-statements").inner_text()) == len(list(kg.statements()))
    assert int(page.locator("#count-speakers").inner_text()) == len({s.speaker for s in kg.statements()})
    page = tab.open((site / MACRON).as_uri())
    n = sum(1 for s in kg.statements() if s.speaker.endswith("/Q3052772"))
    assert page.locator("h1").inner_text() == "إيمانويل ماكرون"
    assert page.locator("li.quote").count() == n and page.locator("li.quote mark").count() == n
    assert page.locator("li.quote mark").first.is_visible()
    assert page.locator("svg.chart rect").count() >= 1
    assert tab.errors == []


def test_timeline_filter(tab, site, kg, shots):
    events = list(kg.events())
    page = tab.open((site / "timeline.html").as_uri())
    assert page.locator("#filters").is_visible()
    assert tab.visible_events() == len(events)
    page.select_option("#filter-type", "PhoneCall")
    calls = sum(1 for e in events if e.type == "PhoneCall")
    assert 0 < calls < len(events)
    assert tab.visible_events() == calls
    assert page.locator("#shown").inner_text() == str(calls)
    assert sum(int(n) for n in page.locator("section.period:visible h2 .n").all_inner_texts()) == calls
    assert page.evaluate("location.hash") == "#type=PhoneCall"
    page.select_option("#filter-participant", "Q7747")  # Putin
    both = sum(1 for e in events if e.type == "PhoneCall" and any(p.endswith("/Q7747") for p in e.participants))
    assert tab.visible_events() == both
    page.screenshot(path=str(shots / "timeline-filtered.png"), full_page=True)
    page.click("#filter-reset")
    page.wait_for_function(f"document.querySelectorAll('li.event:not([hidden])').length === {len(events)}")
    # a link with the filter in its fragment opens the filtered timeline (entity pages link so)
    page = tab.open((site / "timeline.html").as_uri() + "#participant=Q157")
    hollande = sum(1 for e in events if any(p.endswith("/Q157") for p in e.participants))
    assert 0 < hollande < len(events) and tab.visible_events() == hollande
    assert tab.errors == []


def test_timeline_without_javascript_shows_everything(browser, site, kg):
    tab = Tab(browser, javascript=False)
    try:
        page = tab.open((site / "timeline.html").as_uri())
        assert not page.locator("#filters").is_visible()
        assert page.locator("noscript").count() == 1
        assert tab.visible_events() == len(list(kg.events()))
    finally:
        tab.close()


def test_network_node_opens_the_entity_page(tab, site):
    page = tab.open((site / "network.html").as_uri())
    assert page.locator("svg.network line.edge").count() >= 1
    page.locator('svg.network a[href="entities/Q7747.html"] circle').click()
    page.wait_for_url("**/entities/Q7747.html")
    assert page.locator("h1").inner_text() == "فلاديمير بوتين"
    assert tab.errors == []


def test_served_over_http(tab, site):
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = partial(Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        for name in ("index.html", "timeline.html", MACRON):
            page = tab.open(base + name)
            assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
            if name == "timeline.html":
                page.select_option("#filter-type", "Meeting")
                assert tab.visible_events() == page.locator("li.event[data-type=Meeting]").count() > 0
        assert tab.errors == []
        assert all(url.startswith(base) for url in tab.requests), tab.requests
    finally:
        server.shutdown()
        thread.join(5)
        server.server_close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_network_of_300_parties_is_legible(browser, tmp_path, shots, viewport):
    """In a real browser: no two labels of the picture overlap, none is cut by the picture's edge,
    none is turned, the text is drawn at a readable size (the picture scrolls sideways on a phone
    rather than shrink), and the legend shows."""
    from test_report import crowded_graph

    build_report(crowded_graph(300), tmp_path / "site")
    tab = Tab(browser, viewport)
    try:
        page = tab.open((tmp_path / "site" / "network.html").as_uri())
        boxes = page.evaluate("""() => Array.from(document.querySelectorAll('svg.network text')).map(t => {
            const r = t.getBoundingClientRect();
            return {x: r.left, y: r.top, w: r.width, h: r.height, turned: t.getAttribute('transform'),
                    size: parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a};
        })""")
        frame = page.evaluate("(() => { const r = document.querySelector('svg.network').getBoundingClientRect();"
                              " return {x: r.left, y: r.top, w: r.width, h: r.height}; })()")
        assert len(boxes) == 30
        for i, a in enumerate(boxes):
            assert a["turned"] is None
            assert a["size"] >= 10, f"labels drawn at {a['size']:.1f}px"
            assert frame["x"] - 1 <= a["x"] and a["x"] + a["w"] <= frame["x"] + frame["w"] + 1, "a label is cut"
            assert frame["y"] - 1 <= a["y"] and a["y"] + a["h"] <= frame["y"] + frame["h"] + 1, "a label is cut"
            for b in boxes[i + 1:]:
                apart = (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"]
                         or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])
                assert apart, f"labels overlap: {a} {b}"
        assert page.locator("#network-legend").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 1
        page.screenshot(path=str(shots / f"network-300-{viewport['width']}.png"), full_page=True)
        assert tab.errors == []
    finally:
        tab.close()
