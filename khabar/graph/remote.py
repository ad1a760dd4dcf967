"""SPARQL on a remote endpoint (Oxigraph, Virtuoso, khabar serve or any SPARQL 1.1 store), sent by
:class:`khabar.stores.endpoint.Http` (its time-out, authentication and retries), answered as the same
pyoxigraph objects as a local query, so that it is written out the same."""
from __future__ import annotations

import json
import re
import urllib.parse
import warnings

from pyoxigraph import QueryResultsFormat, QuerySolutions, RdfFormat, parse, parse_query_results
from SPARQLWrapper import SPARQLWrapper

from khabar.errors import KhabarError
from khabar.graph.query import Answer
from khabar.stores.endpoint import EndpointError, Http

QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")
LONGEST_GET = 1500  # characters of query sent in the URL; a longer one goes in a form POST
SOLUTIONS_ACCEPT = "application/sparql-results+json, application/json;q=0.9"
TRIPLES_ACCEPT = "application/n-triples, text/turtle;q=0.9"


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE, or the update operation the text starts with (INSERT, DROP, ...)."""
    reader = SPARQLWrapper("http://localhost/")  # only its reading of the query form: nothing is sent
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader.setQuery(query)
    return reader.queryType


def remote_answer(url: str, query: str, http: Http, union_default_graph: bool = False) -> Answer:
    """Run a query on the SPARQL endpoint `url`: a GET for a short query, else a form POST (never a POST
    of application/sparql-query, which hangs Virtuoso). `union_default_graph` asks Oxigraph to let plain
    triple patterns see all graphs, as local queries do. Raises EndpointError when the endpoint fails."""
    form = query_form(query)
    if form not in QUERY_FORMS:
        raise KhabarError(f"khabar query runs SELECT, ASK, CONSTRUCT or DESCRIBE, not {form}; use khabar load to write")
    triples = form in ("CONSTRUCT", "DESCRIBE")
    params = {"query": query} | ({"union-default-graph": ""} if union_default_graph else {})
    encoded = urllib.parse.urlencode(params)
    headers = {"Accept": TRIPLES_ACCEPT if triples else SOLUTIONS_ACCEPT}
    if len(query) < LONGEST_GET:
        reply = http.send("GET", f"{url}?{encoded}", headers=headers)
    else:
        reply = http.send("POST", url, encoded.encode("ascii"),
                          headers | {"Content-Type": "application/x-www-form-urlencoded"})
    media_type = reply.headers.get("content-type", "").split(";")[0].strip()
    if triples:
        return _triples(reply.body, media_type, url)
    result = _solutions(reply.body, media_type, url)
    if form == "ASK" and isinstance(result, QuerySolutions):
        # Virtuoso 7 answers some ASKs as one row of ?__ASK_RETVAL 1, or no row at all
        found = any(t.value not in ("0", "false") for s in result for t in s if t is not None)
        return parse_query_results(json.dumps({"head": {}, "boolean": found}), format=QueryResultsFormat.JSON)
    return result


def _triples(body: bytes, media_type: str, url: str) -> list:
    fmt = RdfFormat.from_media_type(media_type or "text/turtle")
    if fmt is None:
        raise EndpointError(f"{url} answered the query as {media_type!r}, not RDF")
    try:
        return [q.triple for q in parse(body, format=fmt)]
    except SyntaxError as exc:
        raise EndpointError(f"{url} answered with {media_type} that does not parse: {exc}") from None


def _solutions(body: bytes, media_type: str, url: str) -> Answer:
    try:
        return parse_query_results(body, format=QueryResultsFormat.JSON)
    except SyntaxError:
        pass
    try:  # Virtuoso writes "typed-literal" and blank nodes as nodeID://...: read them as SPARQL 1.1 says
        data = json.loads(body)
        for binding in data.get("results", {}).get("bindings", []):
            for term in binding.values():
                if term.get("type") == "typed-literal":
                    term["type"] = "literal"
                elif term.get("type") == "bnode":
                    term["value"] = re.sub(r"[^A-Za-z0-9_]", "_", term.get("value", "")) or "b"
        return parse_query_results(json.dumps(data), format=QueryResultsFormat.JSON)
    except (ValueError, SyntaxError, AttributeError):
        raise EndpointError(f"{url} did not answer with SPARQL JSON results ({media_type or 'no type'}): "
                            f"{body[:200]!r}") from None
