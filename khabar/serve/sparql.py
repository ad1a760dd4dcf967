"""The SPARQL side: what a request may ask (read-only, no SERVICE) and how results are written.

`check_query` runs in the server before a query reaches a worker; `execute` runs in the worker.
The store is opened read-only as well, so an update that got past the check would still fail.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from pyoxigraph import NamedNode, QueryBoolean, QueryResultsFormat, QueryTriples, RdfFormat, parse_query_results, serialize

from khabar.query import json_term
from khabar.rdf.vocab import PREFIXES
from khabar.serve.conneg import negotiate

SOLUTION_TYPES = {
    "application/sparql-results+json": QueryResultsFormat.JSON,
    "application/json": QueryResultsFormat.JSON,
    "application/sparql-results+xml": QueryResultsFormat.XML,
    "application/xml": QueryResultsFormat.XML,
    "text/csv": QueryResultsFormat.CSV,
    "text/tab-separated-values": QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": RdfFormat.TURTLE,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/ld+json": RdfFormat.JSON_LD,
}
FORMAT_PARAM = {"json": "application/sparql-results+json", "xml": "application/sparql-results+xml",
                "csv": "text/csv", "tsv": "text/tab-separated-values", "ttl": "text/turtle", "turtle": "text/turtle",
                "nt": "application/n-triples", "jsonld": "application/ld+json"}

# Comments, strings and IRIs are removed before looking for keywords, so that "SERVICE" or "DROP"
# inside a literal or an IRI is not mistaken for one.
_NOISE = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^'\\]|\\.|'(?!''))*\'\'\''''
                    r'''|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*''')
_WORD = re.compile(r"(?<![\w:?$])([A-Za-z]+)(?![\w:])")
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"}
_QUERY_WORDS = {"SELECT", "CONSTRUCT", "DESCRIBE", "ASK"}


class Refused(Exception):
    """A request the endpoint will not run; carries the HTTP status."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def _keywords(query: str) -> list[str]:
    return [w.upper() for w in _WORD.findall(_NOISE.sub(" ", query))]


def check_query(query: str, allow_service: bool = False) -> None:
    """Refuse updates and (unless allowed) federated SERVICE calls; parse errors are left to the engine."""
    if not query.strip():
        raise Refused(400, "empty query: send a SPARQL query in the 'query' parameter")
    words = _keywords(query)
    first = next((w for w in words if w in _QUERY_WORDS | _UPDATE_WORDS), None)
    if first in _UPDATE_WORDS:
        raise Refused(403, f"this endpoint is read-only: SPARQL Update ({first}) is not accepted")
    if not allow_service and "SERVICE" in words:
        raise Refused(403, "federated queries (SERVICE) are not allowed on this endpoint")


@dataclass
class Job:
    query: str
    accept: str | None = None
    format: str | None = None           # a short name from FORMAT_PARAM, overriding Accept
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    status: int
    content_type: str
    body: bytes
    truncated: bool = False
    rows: int = 0




def _choose(job: Job, types: dict) -> str | None:
    if job.format:
        wanted = FORMAT_PARAM.get(job.format.lower(), job.format.lower())
        return wanted if wanted in types else None
    return negotiate(job.accept, list(types))


def _not_acceptable(types: dict) -> Outcome:
    return Outcome(406, "text/plain; charset=utf-8",
                   ("no acceptable result format; offered: " + ", ".join(types) + "\n").encode())


def execute(store, job: Job, limit: int) -> Outcome:
    """Run one query and write its results; stops reading solutions or triples past `limit`."""
    options = {"default_graph": [NamedNode(g) for g in job.default_graphs]} if job.default_graphs \
        else {"use_default_graph_as_union": True}
    if job.named_graphs:
        options["named_graphs"] = [NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(job.query, **options)
    except SyntaxError as exc:
        return Outcome(400, "text/plain; charset=utf-8", f"the query does not parse: {exc}\n".encode())
    if isinstance(result, QueryBoolean):
        media = _choose(job, SOLUTION_TYPES)
        if media is None:
            return _not_acceptable(SOLUTION_TYPES)
        return Outcome(200, _content_type(media), result.serialize(format=SOLUTION_TYPES[media]), rows=1)
    if isinstance(result, QueryTriples):
        media = _choose(job, GRAPH_TYPES)
        if media is None:
            return _not_acceptable(GRAPH_TYPES)
        triples, truncated = _take(result, limit)
        fmt = GRAPH_TYPES[media]
        body = serialize(triples, format=fmt, prefixes=PREFIXES if fmt == RdfFormat.TURTLE else None) or b""
        return Outcome(200, _content_type(media), body, truncated, len(triples))
    media = _choose(job, SOLUTION_TYPES)
    if media is None:
        return _not_acceptable(SOLUTION_TYPES)
    variables = [v.value for v in result.variables]
    solutions, truncated = _take(result, limit)
    doc = {"head": {"vars": variables}, "results": {"bindings": [
        {v: json_term(s[v]) for v in variables if s[v] is not None} for s in solutions]}}
    body = json.dumps(doc, ensure_ascii=False).encode("utf-8")
    fmt = SOLUTION_TYPES[media]
    if fmt != QueryResultsFormat.JSON:
        body = parse_query_results(body, format=QueryResultsFormat.JSON).serialize(format=fmt)
    return Outcome(200, _content_type(media), body, truncated, len(solutions))


def _take(iterator, limit: int) -> tuple[list, bool]:
    items = []
    for item in iterator:
        if len(items) >= limit:
            return items, True
        items.append(item)
    return items, False


def _content_type(media: str) -> str:
    if media == "application/json":
        media = "application/sparql-results+json"
    elif media == "application/xml":
        media = "application/sparql-results+xml"
    return media + "; charset=utf-8"
