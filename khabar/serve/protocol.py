"""The SPARQL 1.1 Protocol's side of a request, free of any web framework: the parameters of a query
request (GET, POST form, POST application/sparql-query) checked and made a Job, or Refused with the
status the protocol or this read-only endpoint gives (400, 403, 411, 413, 415)."""
from __future__ import annotations

from urllib.parse import parse_qs

from pyoxigraph import NamedNode

from khabar.serve.conneg import negotiate
from khabar.serve.errors import Refused
from khabar.serve.response import Response
from khabar.serve.sparql import Job


def sparql_job(params: dict, accept: str | None) -> Job | Response:
    """The query a SPARQL protocol request asks for, or the answer to one that asks none (a browser is
    sent to the query page); Refused for a request the protocol or this endpoint does not allow."""
    for name in ("default-graph-uri", "named-graph-uri"):
        for iri in params.get(name, []):
            try:
                NamedNode(iri)
            except ValueError:
                raise Refused(400, f"{name} is not an absolute IRI: {iri!r}") from None
    if "update" in params:
        raise Refused(403, "this endpoint is read-only: SPARQL Update is not accepted")
    queries = params.get("query", [])
    if not queries:
        if negotiate(accept, ["application/sparql-results+json", "text/html"]) == "text/html":
            return Response(303, b"", "text/plain; charset=utf-8", {"Location": "/query"})
        raise Refused(400, "missing query: send a SPARQL query in the 'query' parameter")
    if len(queries) > 1:
        raise Refused(400, "more than one 'query' parameter")
    fmt = (params.get("format") or [None])[0]
    return Job(queries[0], accept, fmt or None, params.get("default-graph-uri", []), params.get("named-graph-uri", []))


def body_length(headers, max_body: int) -> int:
    """The length of a POST body, checked before it is read."""
    if headers.get("transfer-encoding"):
        raise Refused(411, "send the body with a Content-Length (chunked bodies are not accepted)")
    length_header = headers.get("content-length")
    if length_header is None:
        raise Refused(411, "a POST needs a Content-Length")
    try:
        length = int(length_header)
    except ValueError:
        raise Refused(400, "bad Content-Length") from None
    if length < 0:
        raise Refused(400, "bad Content-Length")
    if length > max_body:
        raise Refused(413, f"the request body is too large ({length} bytes; at most {max_body})")
    return length


def post_params(params: dict, content_type: str | None, raw: bytes) -> dict:
    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the request body is not UTF-8") from None
    kind = (content_type or "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        form = parse_qs(body, keep_blank_values=True)
        both = sorted(name for name in ("query", "update") if name in form and name in params)
        if both:
            raise Refused(400, f"'{both[0]}' is in both the URL and the body; send it once")
        return {**params, **form}
    if kind == "application/sparql-query":
        if "query" in params:
            raise Refused(400, "'query' is in the URL and the body is a query too; send it once")
        return {**params, "query": [body]}
    if kind == "application/sparql-update":
        raise Refused(403, "this endpoint is read-only: SPARQL Update is not accepted")
    raise Refused(415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")
