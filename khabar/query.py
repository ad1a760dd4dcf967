"""SPARQL over a store or a graph file, with results as a table, CSV, TSV or JSON.

Plain triple patterns see the union of all named graphs; `GRAPH ?g { ... }` asks per article.
"""
from __future__ import annotations

import contextlib
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


# -- a remote SPARQL endpoint, through SPARQLWrapper ----------------------------------------------

def run_endpoint_query(url: str, query: str, http=None, union_default_graph: bool = False) -> QueryResult:
    """Run a query on a SPARQL endpoint (GET for short queries, else a form POST: never a POST of
    application/sparql-query, which hangs Virtuoso) and return the same QueryResult as a local query.
    `http` is a khabar.stores.endpoint.HttpSettings (auth, time-out, retries); `union_default_graph`
    asks Oxigraph to let plain triple patterns see all graphs, as local queries do."""
    import warnings

    from SPARQLWrapper import BASIC, GET, JSON, POST, TURTLE, SPARQLWrapper, URLENCODED

    from khabar.stores.endpoint import HttpSettings

    http = http or HttpSettings()
    sw = SPARQLWrapper(url, agent="khabar")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sw.setQuery(query)
    kind = sw.queryType
    if kind not in ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE"):
        raise KhabarError(f"khabar query runs SELECT, ASK, CONSTRUCT or DESCRIBE, not {kind}; use khabar load to write")
    graph_form = kind in ("CONSTRUCT", "DESCRIBE")
    sw.setReturnFormat(TURTLE if graph_form else JSON)
    if graph_form:
        sw.addCustomHttpHeader("Accept", "application/n-triples, text/turtle;q=0.9")
    sw.setMethod(GET if len(query) < 1500 else POST)
    sw.setRequestMethod(URLENCODED)
    sw.timeout = http.timeout  # not setTimeout(): it drops the fraction, and 0 means no time-out at all
    if union_default_graph:
        sw.addParameter("union-default-graph", "")
    if http.user is not None and http.auth == "basic":
        sw.setHTTPAuth(BASIC)
        sw.setCredentials(http.user, http.password)
    with _digest_opener(url, http):
        body, media_type = _ask(sw, url, http)
    return _from_response(kind, body, media_type, url)


@contextlib.contextmanager
def _digest_opener(url: str, http):
    """SPARQLWrapper's own Digest support knows one realm ("SPARQL") and installs its opener for
    good; instead, answer any realm of this host, and only while this query runs."""
    if http.user is None or http.auth != "digest":
        yield
        return
    import urllib.request

    from khabar.stores.endpoint import Http

    before = urllib.request._opener  # noqa: SLF001 (urlopen's global opener, put back below)
    urllib.request.install_opener(Http(http, urls=[url]).opener)
    try:
        yield
    finally:
        urllib.request.install_opener(before)


def _ask(sw, url: str, http) -> tuple[bytes, str]:
    import http.client as http_client
    import time
    import urllib.error

    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    from khabar.stores.endpoint import EndpointError

    for attempt in range(http.retries + 1):
        last = attempt == http.retries
        try:
            reply = sw.query()
            return reply.response.read(), reply.info().get("content-type", "")
        except urllib.error.HTTPError as exc:
            status, detail = exc.code, exc.reason
        except SPARQLWrapperException as exc:
            status, detail = _status_of(exc), " ".join(str(exc).split())[:300]
        except (urllib.error.URLError, http_client.HTTPException, OSError) as exc:
            status, detail = None, getattr(exc, "reason", None) or exc
            if isinstance(detail, TimeoutError):
                detail = f"no answer within {http.timeout:g} s"
        if (status is None or status >= 500) and not last:
            time.sleep(http.backoff * 2 ** attempt)
            continue
        tries = f" after {attempt + 1} tries" if attempt else ""
        raise EndpointError(f"query on {url} failed{tries}: "
                            + (f"HTTP {status}: " if status else "") + str(detail), status)
    raise AssertionError("unreachable")


def _status_of(exc) -> int | None:
    from SPARQLWrapper import SPARQLExceptions as E

    return {E.QueryBadFormed: 400, E.Unauthorized: 401, E.EndPointNotFound: 404, E.URITooLong: 414,
            E.EndPointInternalError: 500}.get(type(exc))


def _from_response(kind: str, body: bytes, media_type: str, url: str) -> QueryResult:
    import json

    from pyoxigraph import parse

    from khabar.stores.endpoint import EndpointError

    if kind in ("CONSTRUCT", "DESCRIBE"):
        fmt = RdfFormat.from_media_type(media_type.split(";")[0].strip() or "text/turtle")
        if fmt is None:
            raise EndpointError(f"{url} answered the query as {media_type!r}, not RDF")
        try:
            return QueryResult("construct", [], [], triples=[q.triple for q in parse(body, format=fmt)])
        except SyntaxError as exc:
            raise EndpointError(f"{url} answered with {media_type} that does not parse: {exc}") from None
    try:
        data = json.loads(body)
    except ValueError:
        raise EndpointError(f"{url} did not answer with SPARQL JSON results ({media_type or 'no type'}): "
                            f"{body[:200]!r}") from None
    if "boolean" in data:
        return QueryResult("ask", [], [], boolean=bool(data["boolean"]))
    bindings = data.get("results", {}).get("bindings", [])
    if kind == "ASK":  # Virtuoso 7 answers some ASKs as one row of ?__ASK_RETVAL 1, or no row at all
        return QueryResult("ask", [], [], boolean=any(v.get("value") not in ("0", "false")
                                                      for b in bindings for v in b.values()))
    variables = list(data.get("head", {}).get("vars", []))
    rows = [[_term(b.get(v)) for v in variables] for b in bindings]
    return QueryResult("select", variables, rows)


def _term(binding: dict | None):
    """A SPARQL JSON results term as a pyoxigraph term (Virtuoso still writes "typed-literal")."""
    if binding is None:
        return None
    kind, value = binding.get("type"), binding.get("value", "")
    if kind == "uri":
        return NamedNode(value)
    if kind == "bnode":
        import re

        return BlankNode(re.sub(r"[^A-Za-z0-9_]", "_", value) or "b")
    if kind in ("literal", "typed-literal"):
        if binding.get("xml:lang"):
            return Literal(value, language=binding["xml:lang"])
        if binding.get("datatype"):
            return Literal(value, datatype=NamedNode(binding["datatype"]))
        return Literal(value)
    return Literal(str(value))
