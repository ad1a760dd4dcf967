"""SPARQL on a remote endpoint (Oxigraph, Virtuoso or any SPARQL 1.1 store) through SPARQLWrapper,
with the same QueryResult as a local query (khabar.query) so that it renders the same."""
from __future__ import annotations

import contextlib

from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat

from khabar.errors import KhabarError
from khabar.query import QueryResult


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
