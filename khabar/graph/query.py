"""SPARQL over a pyoxigraph store: plain triple patterns see the union of all named graphs,
`GRAPH ?g { ... }` asks per article.

:func:`answer` gives pyoxigraph's own result (written out by :mod:`khabar.graph.results`);
:func:`run_query` holds it as a :class:`QueryResult` of lists, for Python code.
"""
from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import QueryBoolean, QuerySolutions, QueryTriples, Store, Triple

from khabar.errors import KhabarError

Answer = QuerySolutions | QueryBoolean | QueryTriples | list[Triple]
"""What a query answers: solutions (SELECT), a boolean (ASK) or triples (CONSTRUCT, DESCRIBE)."""


@dataclass
class QueryResult:
    kind: str  # select | ask | construct
    variables: list[str]
    rows: list[list[object]]  # pyoxigraph terms (None where a variable is unbound)
    boolean: bool | None = None
    triples: list | None = None

    @classmethod
    def of(cls, result: Answer) -> QueryResult:
        """A query's answer held whole."""
        if isinstance(result, QueryBoolean):
            return cls("ask", [], [], boolean=bool(result))
        if isinstance(result, QuerySolutions):
            variables = [v.value for v in result.variables]
            return cls("select", variables, [[solution[v] for v in variables] for solution in result])
        return cls("construct", [], [], triples=list(result))


def answer(store: Store, query: str) -> Answer:
    """Run a query on `store`; raises KhabarError when it does not parse."""
    try:
        return store.query(query, use_default_graph_as_union=True)
    except SyntaxError as exc:
        raise KhabarError(f"the query does not parse: {exc}") from None


def run_query(store: Store, query: str) -> QueryResult:
    """Run a query on `store` and hold its answer whole."""
    return QueryResult.of(answer(store, query))
