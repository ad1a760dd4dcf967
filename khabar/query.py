"""SPARQL over a store or a graph file, with results as a table, CSV, TSV or JSON.

Plain triple patterns see the union of all named graphs; `GRAPH ?g { ... }` asks per article.
"""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass

from pyoxigraph import (BlankNode, Literal, NamedNode, QueryBoolean, Triple,
                        QueryTriples, RdfFormat, Store)

from khabar.errors import KhabarError
from khabar.rdf.vocab import PREFIXES

RESULT_FORMATS = ("table", "csv", "tsv", "json")


@dataclass
class QueryResult:
    kind: str  # select | ask | construct
    variables: list[str]
    rows: list[list[object]]
    boolean: bool | None = None
    triples: list | None = None


def run_query(store: Store, query: str) -> QueryResult:
    try:
        result = store.query(query, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise KhabarError(f"the query does not parse: {exc}") from None
    if isinstance(result, QueryBoolean):
        return QueryResult("ask", [], [], boolean=bool(result))
    if isinstance(result, QueryTriples):
        return QueryResult("construct", [], [], triples=list(result))
    variables = [v.value for v in result.variables]
    rows = [[solution[v] for v in variables] for solution in result]
    return QueryResult("select", variables, rows)


def _plain(term) -> str:
    if term is None:
        return ""
    if isinstance(term, (NamedNode, Literal)):
        return term.value
    return str(term)


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else (2 if unicodedata.east_asian_width(ch) in "WF" else 1) for ch in text)


def render(result: QueryResult, fmt: str = "table") -> str:
    if result.kind == "ask":
        if fmt == "json":
            return '{"head": {}, "boolean": %s}\n' % ("true" if result.boolean else "false")
        return ("true" if result.boolean else "false") + "\n"
    if result.kind == "construct":
        from pyoxigraph import serialize

        rdf = {"json": RdfFormat.JSON_LD, "xml": RdfFormat.RDF_XML, "tsv": RdfFormat.N_TRIPLES,
               "csv": RdfFormat.N_TRIPLES}.get(fmt, RdfFormat.TURTLE)
        triples = sorted(result.triples, key=str)
        return serialize(triples, format=rdf, prefixes=PREFIXES if rdf == RdfFormat.TURTLE else None).decode("utf-8")
    if fmt == "table":
        return _table(result)
    return _serialize_solutions(result, fmt)


def _serialize_solutions(result: QueryResult, fmt: str) -> str:
    import csv
    import json

    if fmt in ("csv", "tsv"):
        out = io.StringIO()
        writer = csv.writer(out, delimiter="," if fmt == "csv" else "\t", lineterminator="\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_plain(t) for t in row])
        return out.getvalue()
    if fmt == "json":
        bindings = [{v: json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
        return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=1) + "\n"
    raise KhabarError(f"unknown result format {fmt!r}; known: {', '.join(RESULT_FORMATS)}")


def json_term(t) -> dict:
    """A term as SPARQL 1.1 JSON results write it."""
    if isinstance(t, NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, Literal):
        d = {"type": "literal", "value": t.value}
        if t.language:
            d["xml:lang"] = t.language
        elif t.datatype.value not in ("http://www.w3.org/2001/XMLSchema#string", "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"):
            d["datatype"] = t.datatype.value
        return d
    if isinstance(t, Triple):
        return {"type": "triple", "value": {"subject": json_term(t.subject), "predicate": json_term(t.predicate),
                                            "object": json_term(t.object)}}
    raise TypeError(f"unexpected term {t!r}")


def _table(result: QueryResult) -> str:
    cells = [[_shorten(_plain(t)) for t in row] for row in result.rows]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(result.variables)]
    def line(values):
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()
    out = [line(result.variables), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


def _shorten(text: str, size: int = 90) -> str:
    text = " ".join(text.split())
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and " " not in text:
            return f"{prefix}:{text[len(ns):]}"
    return text if len(text) <= size else text[: size - 1] + "…"
