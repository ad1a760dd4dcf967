"""The HTML pages in a real browser: Debian's chromium driven by Playwright (no browser is downloaded).

Checks what only a browser can: the computed direction is right to left, the quoted words are
visible, the query form works without JavaScript, the crafted article's <script> never runs, and
every request stays on the server (no external assets). Screenshots go to $KHABAR_SCREENSHOTS (or a
temporary folder) for a person to look at.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from test_serve import CRAFTED_ARTICLE, PUTIN, build_store, start, stop

from khabar.serve import ServeConfig

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run"]
PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium is not installed at /usr/bin/chromium "
                                "(apt-get install --no-install-recommends chromium; .ci/run does it)")


@pytest.fixture(scope="module")
def server(tmp_path_factory, seeds_nq):
    store = build_store(tmp_path_factory.mktemp("browser"), seeds_nq)
    srv, thread = start(ServeConfig(str(store), port=0, timeout=5, log=False))
    yield srv
    stop(srv, thread)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=FLAGS, timeout=30_000)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("KHABAR_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1, java_script_enabled=True)
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.requests = requests
    yield page
    context.close()
    outside = [u for u in requests if not u.startswith(server.url + "/")]
    assert not outside, f"the page fetched something from elsewhere: {outside}"


def test_entity_page_is_right_to_left_with_visible_quotes(page, server, shots):
    response = page.goto(server.url + PUTIN, wait_until="load")  # 303 -> .html
    assert response.ok and page.url.endswith(PUTIN + ".html")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    assert page.locator("h1").inner_text() == "فلاديمير بوتين"
    mark = page.locator("li mark").first
    assert mark.is_visible() and len(mark.inner_text()) > 3
    background = mark.evaluate("m => getComputedStyle(m).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("a[href^='/id/statement/']").count() >= 5
    assert page.locator("a[href='http://www.wikidata.org/entity/Q7747']").count() == 1
    # a phone-wide page: nothing wider than the screen but the scrollable tables
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    page.screenshot(path=str(shots / "entity-putin-phone.png"), full_page=False)
    page.set_viewport_size({"width": 1100, "height": 900})
    page.screenshot(path=str(shots / "entity-putin-desktop.png"), full_page=False)


def test_query_page_form_runs_a_query_and_shows_a_table(page, server, shots):
    page.goto(server.url + "/query", wait_until="load")
    page.fill("textarea[name=query]", """PREFIX dip: <https://w3id.org/khabar/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?speaker (COUNT(?s) AS ?statements) WHERE { ?s a dip:Statement ; dip:speaker/rdfs:label ?speaker .
  FILTER(lang(?speaker) = "ar") } GROUP BY ?speaker ORDER BY DESC(?statements)""")
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/query?query=" in page.url
    headers = page.locator("table th").all_inner_texts()
    assert headers == ["speaker", "statements"]
    rows = page.locator("table tbody tr")
    assert rows.count() >= 3
    assert "فلاديمير بوتين" in page.locator("table").inner_text()
    page.screenshot(path=str(shots / "query-phone.png"), full_page=False)


def test_query_page_works_without_javascript(browser, server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "/query", wait_until="load")
    page.get_by_role("link", name="who-said-what", exact=True).click()  # an example: a plain link that runs it
    page.wait_for_load_state("load")
    assert page.locator("table tbody tr").count() >= 1
    context.close()


def test_a_script_in_an_article_does_not_run_and_shows_as_text(page, server, shots):
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url + CRAFTED_ARTICLE + ".html", wait_until="load")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() != "pwned" and not dialogs
    assert page.evaluate("document.querySelectorAll('script, img').length") == 0
    text = page.locator(".article-text").inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert "<img src=x onerror=alert(1)>" in page.locator("h1").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    assert page.locator(".article-text mark").first.is_visible()
    page.screenshot(path=str(shots / "article-crafted-phone.png"), full_page=True)
    # the same words on the entity page, inside a <mark>, are text too
    page.goto(server.url + PUTIN + ".html", wait_until="load")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert any("</textarea><script>" in t for t in page.locator("mark").all_inner_texts())


def test_ontology_page_renders_offline(page, server, shots):
    page.set_viewport_size({"width": 1200, "height": 900})  # pyLODE's layout is not made for phones
    page.set_extra_http_headers({"Accept": "text/html"})
    page.goto(server.url + "/ontology", wait_until="load")
    assert "khabar ontology" in page.title()
    assert page.locator("text=DirectQuote").first.is_visible()
    page.screenshot(path=str(shots / "ontology.png"), full_page=False)


def test_english_examples_read_left_to_right_and_the_title_is_not_doubled(page, server):
    page.goto(server.url + "/", wait_until="load")
    assert page.title() == "خبر"
    page.set_viewport_size({"width": 1600, "height": 900})  # each title on one line
    page.goto(server.url + "/query", wait_until="load")
    titles = page.locator("ul.items li span.meta")
    assert titles.count() >= 3
    for i in range(titles.count()):
        text = titles.nth(i).inner_text()
        if not text.endswith("."):
            continue
        # where the first letter and the full stop are drawn: left to right, the stop last (in an Arabic
        # page without an LTR isolate the stop is drawn at the left end of the English words)
        first, stop = titles.nth(i).evaluate("""el => { const t = el.firstChild;
            const x = i => { const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
                             return r.getBoundingClientRect(); };
            return [x(0), x(t.length - 1)].map(r => [r.x, r.y]); }""")
        assert first[1] == stop[1], text  # one line
        assert first[0] < stop[0], text
