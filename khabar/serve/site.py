"""The home page and the query page (/query: a form sent by GET, so it works without JavaScript)."""
from __future__ import annotations

import json
from urllib.parse import urlencode

from pyoxigraph import NamedNode, RdfFormat, parse

from khabar.resources import queries_path
from khabar.serve.data import Data, value
from khabar.serve.html import Linker, esc, ltr, page, table
from khabar.serve.sparql import Job, Refused

DEFAULT_QUERY = """PREFIX dip: <https://w3id.org/khabar/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?speaker ?text WHERE {
  ?s a dip:DirectQuote ; dip:speaker/rdfs:label ?speaker ; dip:text ?text .
  FILTER(lang(?speaker) = "ar")
} LIMIT 20"""


def examples() -> list[tuple[str, str, str]]:
    """(name, first comment line, query text) for each queries/*.rq."""
    out = []
    for path in sorted(queries_path().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0].lstrip("# ").strip() if text.startswith("#") else path.stem
        out.append((path.stem, first, text))
    return out


def home(data: Data) -> bytes:
    link = Linker(data.base)
    stats = data.stats()
    counts = dict(stats["classes"])
    dip = "https://w3id.org/khabar/ontology#"
    summary = table(["", "العدد"], [[esc(name), ltr(counts.get(dip + cls, 0))] for cls, name in [
        ("Article", "المقالات"), ("Event", "الأحداث"), ("Statement", "التصريحات"), ("Person", "الأشخاص"),
        ("Organization", "المنظمات"), ("Country", "الدول")]] + [[esc("الثلاثيات"), ltr(stats["triples"])]])
    articles = data.select("""SELECT ?a ?title ?date WHERE { ?a a dip:Article OPTIONAL { ?a dip:title ?title }
                              OPTIONAL { ?a dip:published ?date } } ORDER BY DESC(?date) ?a""", 100)
    speakers = data.select("""SELECT ?p (COUNT(?s) AS ?n) WHERE { ?s a dip:Statement ; dip:speaker ?p }
                              GROUP BY ?p ORDER BY DESC(?n) ?p""", 20)
    body = ("<p>خبر: ما تورده الأخبار العربية عن الدبلوماسية — من التقى من ومتى، ومن قال ماذا — بيانات مترابطة.</p>"
            + summary
            + "<h2>أكثر المتحدثين</h2>"
            + table(["المتحدث", "التصريحات"], [[link.link(r["p"].value, data.label(r["p"].value) or None),
                                                ltr(r["n"].value)] for r in speakers])
            + "<h2>المقالات</h2>"
            + table(["العنوان", "التاريخ"], [[link.link(r["a"].value, data.article_title(r["a"].value)),
                                           ltr(value(r["date"]))] for r in articles])
            + '<h2>للمطورين</h2><ul class="items"><li><a href="/query">صفحة الاستعلام</a></li>'
            + '<li>نقطة SPARQL: <a href="/sparql">/sparql</a></li>'
            + '<li><a href="/.well-known/void">وصف مجموعة البيانات (VoID)</a> · <a href="/dump.nq">تنزيل N-Quads</a></li>'
            + '<li><a href="/ontology">الأنطولوجيا</a></li></ul>')
    return page("خبر", body, licence=data.licence)


def query_page(data: Data, run, params: dict, timeout: float, limit: int) -> tuple[int, bytes]:
    """The form, the examples and (when a query was sent) its results as a table; `run(job)` answers a Job."""
    link = Linker(data.base)
    query = params.get("query", [""])[0]
    status, results = 200, ""
    if query.strip():
        try:
            outcome = run(Job(query, accept="application/sparql-results+json, application/n-triples"))
            body = outcome.read()
            if outcome.status != 200:
                raise Refused(outcome.status, body.decode("utf-8", "replace"))
            results = _results(outcome, body, link, limit)
        except Refused as exc:
            status, results = exc.status, f'<p class="error" dir="ltr">{esc(exc.message)}</p>'
    listing = "".join(f'<li><a href="/query?{esc(urlencode({"query": text}))}">{esc(name)}</a>'
                      f' <span class="meta">{esc(title)}</span></li>' for name, title, text in examples())
    body = ('<form method="get" action="/query"><label for="q">استعلام SPARQL (تُرى كل الرسوم معاً؛ '
            'استعمل <bdi dir="ltr">GRAPH ?g</bdi> للسؤال عن مقالة بعينها)</label>'
            f'<textarea id="q" name="query" dir="ltr" spellcheck="false">{esc(query or DEFAULT_QUERY)}</textarea>'
            '<button type="submit">نفّذ</button></form>'
            + (f'<h2>النتائج</h2>{results}' if query.strip() else "")
            + f'<h2>أمثلة</h2><ul class="items">{listing}</ul>'
            + f'<p class="note">المهلة {timeout:g} ثانية، وأقصى عدد للنتائج {limit}.'
            ' نقطة SPARQL للبرامج: <a href="/sparql">/sparql</a></p>')
    return status, page("استعلام", body, licence=data.licence)


def _cell(term: dict, link: Linker) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        return link.link(term["value"])
    if term["type"] == "literal":
        text = esc(term["value"])
        return f'<span lang="{esc(term["xml:lang"])}">{text}</span>' if "xml:lang" in term else text
    return ltr(term.get("value", ""))


def _results(outcome, body: bytes, link: Linker, limit: int) -> str:
    note = f'<p class="note">اقتُطعت النتائج عند {limit}.</p>' if outcome.truncated else ""
    if outcome.content_type.startswith("application/n-triples"):
        triples = list(parse(body, format=RdfFormat.N_TRIPLES))
        cells = [[link.link(t.subject.value), link.link(t.predicate.value),
                  link.link(t.object.value) if isinstance(t.object, NamedNode) else esc(t.object.value)]
                 for t in triples]
        return note + table(["subject", "predicate", "object"], cells, "لا نتائج")
    doc = json.loads(body)
    if "boolean" in doc:
        return f'<p class="boolean">{"نعم (true)" if doc["boolean"] else "لا (false)"}</p>'
    names = doc["head"]["vars"]
    cells = [[_cell(b.get(v), link) for v in names] for b in doc["results"]["bindings"]]
    count = f'<p class="meta">{len(cells)} صف</p>'
    return note + count + table(names, cells, "لا نتائج")
