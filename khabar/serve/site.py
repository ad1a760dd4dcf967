"""The home page and the query page (/query: a form sent by GET, so it works without JavaScript)."""
from __future__ import annotations

import json

from pyoxigraph import Literal, NamedNode, RdfFormat, parse

from khabar.html.labels import ontology_labels
from khabar.html.messages import refused
from khabar.resources import queries_path
from khabar.serve.data import Data, value
from khabar.serve.html import page
from khabar.serve.sparql import Job, Refused

DEFAULT_QUERY = """PREFIX dip: <https://w3id.org/khabar/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?speaker ?text WHERE {
  ?s a dip:DirectQuote ; dip:speaker/rdfs:label ?speaker ; dip:text ?text .
  FILTER(lang(?speaker) = "ar")
} LIMIT 20"""
COUNTED = [("Article", "المقالات"), ("Event", "الأحداث"), ("Statement", "التصريحات"), ("Person", "الأشخاص"),
           ("Organization", "المنظمات"), ("Country", "الدول")]


def examples() -> list[tuple[str, str, str]]:
    """(name, first comment line, query text) for each queries/*.rq."""
    out = []
    for path in sorted(queries_path().glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        first = text.splitlines()[0].lstrip("# ").strip() if text.startswith("#") else path.stem
        out.append((path.stem, first, text))
    return out


def _page(data: Data, template: str, title: str, key: str, **values) -> bytes:
    return page(template, title, data, ontology_labels(), key, **values)


def home(data: Data) -> bytes:
    stats = data.stats()
    counts = dict(stats["classes"])
    dip = "https://w3id.org/khabar/ontology#"
    articles = data.select("""SELECT ?a ?title ?date WHERE { ?a a dip:Article OPTIONAL { ?a dip:title ?title }
                              OPTIONAL { ?a dip:published ?date } } ORDER BY DESC(?date) ?a""", 100)
    speakers = data.select("""SELECT ?p (COUNT(?s) AS ?n) WHERE { ?s a dip:Statement ; dip:speaker ?p }
                              GROUP BY ?p ORDER BY DESC(?n) ?p""", 20)
    return _page(data, "home.html", "خبر", "home", label=data.label,
                 counts=[(name, counts.get(dip + cls, 0)) for cls, name in COUNTED] + [("الثلاثيات", stats["triples"])],
                 speakers=[(r["p"].value, r["n"].value) for r in speakers],
                 articles=[(r["a"].value, value(r["date"])) for r in articles])


def query_page(data: Data, run, params: dict, timeout: float, limit: int) -> tuple[int, bytes]:
    """The form, the examples and (when a query was sent) its results as a table; `run(job)` answers a Job.
    A refused query is explained in Arabic, the engine's own words after it."""
    query = params.get("query", [""])[0]
    status, results = 200, {}
    if query.strip():
        try:
            outcome = run(Job(query, accept="application/sparql-results+json, application/n-triples"))
            body = outcome.read()
            if outcome.status != 200:
                raise Refused(outcome.status, body.decode("utf-8", "replace"))
            results = _results(outcome, body)
        except Refused as exc:
            status = exc.status
            results = {"error": {"status": exc.status, "explanation": refused(exc.status, exc.message),
                                 "detail": exc.message.strip()}}
    values = {"error": None, "boolean": None, "truncated": False, "graph": False, "head": [], "rows": []} | results
    return status, _page(data, "query.html", "استعلام", "query", query=query, default_query=DEFAULT_QUERY,
                         examples=examples(), timeout=timeout, limit=limit, **values)


def _term(term) -> dict:
    """A term of a triple as a cell (the shape of a SPARQL JSON binding)."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, Literal):
        return {"type": "literal", "value": term.value, "lang": term.language}
    return {"type": "bnode", "value": term.value}


def _results(outcome, body: bytes) -> dict:
    if outcome.content_type.startswith("application/n-triples"):
        triples = parse(body, format=RdfFormat.N_TRIPLES)
        return {"graph": True, "truncated": outcome.truncated, "head": ["subject", "predicate", "object"],
                "rows": [[_term(t.subject), _term(t.predicate), _term(t.object)] for t in triples]}
    doc = json.loads(body)
    if "boolean" in doc:
        return {"boolean": doc["boolean"]}
    names = doc["head"]["vars"]
    rows = [[_cell(b.get(v)) for v in names] for b in doc["results"]["bindings"]]
    return {"truncated": outcome.truncated, "head": names, "rows": rows}


def _cell(binding: dict | None) -> dict | None:
    if binding is None:
        return None
    return {"type": binding["type"], "value": binding.get("value", ""), "lang": binding.get("xml:lang")}
