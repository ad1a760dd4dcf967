"""What a SPARQL request may ask, decided on the parsed query, never on its text.

Every query is parsed with rdflib's SPARQL 1.1 grammar (a second parser, beside the engine's) before
the engine sees it, in the query worker:
- only a query form (SELECT, CONSTRUCT, DESCRIBE, ASK) runs; an update is refused (403);
- a query with a SERVICE pattern anywhere (any spelling, escape, nesting or SILENT; a variable as the
  service) is refused (400);
- a query rdflib cannot parse is refused (400) even if the engine could, so nothing unchecked runs;
- a query nested too deeply for the parser is refused (400);
- a carriage return without a line feed is refused (400): the engine ends a comment there, rdflib
  does not, and the two parsers must read the same query.
The worker that runs the engine cannot open a socket at all (khabar.serve.sandbox), so even a query
that got past this check could not reach the network.
"""
from __future__ import annotations

from khabar.serve.errors import Refused

SERVICE_REFUSED = ("federated queries (SERVICE) are not allowed: this endpoint never calls another service; "
                   "run the query against the graph alone")
READ_ONLY = "this endpoint is read-only: SPARQL Update is not accepted"
LONE_CR = "a carriage return without a line feed is not accepted in a query: end its lines with LF or CRLF"
TOO_DEEP = "the query is nested too deeply for this endpoint; flatten its groups or expressions"


def check_query(text: str) -> None:
    """Raise Refused unless `text` is a read-only query without SERVICE."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery

    if not text.strip():
        raise Refused(400, "empty query: send a SPARQL query in the 'query' parameter")
    if "\r" in text.replace("\r\n", "\n"):  # the engine ends a comment at CR, rdflib only at LF: they
        raise Refused(400, LONE_CR)  # would read the rest of the line differently, so neither may see it
    try:
        tree = parseQuery(text)
    except RecursionError:
        raise Refused(400, TOO_DEEP) from None
    except ParseBaseException as exc:
        if _is_update(text):
            raise Refused(403, READ_ONLY) from None
        raise Refused(400, f"the query does not parse: {exc}") from None
    except Exception as exc:  # rdflib fails on some input in other ways (bad escapes, IRIs)
        raise Refused(400, f"the query does not parse: {exc}") from None
    if "ServiceGraphPattern" in _pattern_names(tree):
        raise Refused(400, SERVICE_REFUSED)


def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # noqa: BLE001 - anything that does not parse as an update is not one
        return False
    return True


def _pattern_names(tree) -> set[str]:
    """The names of every grammar node in a parse tree (CompValues, nested in lists and ParseResults)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    names, stack = set(), [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            names.add(node.name)
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or hasattr(node, "asList"):
            stack.extend(node)
        elif isinstance(node, dict):
            stack.extend(node.values())
    return names
