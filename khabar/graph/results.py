"""The formats of a query's answer, in one registry: the CLI's `query --format`, the `/sparql`
endpoint's content negotiation (`Accept`, `?format=`) and the pages' documents all read it.

Solutions and booleans are written by pyoxigraph's own serialisers (`QueryResultsFormat`); triples
by its RDF serialisers. The CLI's `table` is khabar's own, for reading in a terminal.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from pyoxigraph import (BlankNode, Literal, NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat,
                        Triple, serialize)

from khabar.errors import KhabarError
from khabar.formats import FORMATS
from khabar.graph.query import Answer
from khabar.rdf.vocab import PREFIXES


@dataclass(frozen=True)
class ResultFormat:
    """One way to write an answer: `name` is what the CLI's --format and /sparql's format= say."""

    name: str
    media_type: str  # without parameters
    extension: str
    solutions: QueryResultsFormat | None  # how SELECT and ASK answers are written (None: khabar's table)
    triples: RdfFormat  # how CONSTRUCT and DESCRIBE answers are written under this name
    also: tuple[str, ...] = ()  # other media types that ask for it
    aliases: tuple[str, ...] = ()  # other names for it

    @property
    def content_type(self) -> str:
        return self.media_type + "; charset=utf-8"


def _solutions(name: str, fmt: QueryResultsFormat, triples: str, *also: str) -> ResultFormat:
    return ResultFormat(name, fmt.media_type.split(";")[0], fmt.file_extension, fmt, FORMATS[triples].rdf_format, also)


def _graph(rdf: str, *aliases: str) -> ResultFormat:
    fmt = FORMATS[rdf]
    return ResultFormat(fmt.extensions[0], fmt.media_type, fmt.extensions[0], None, fmt.rdf_format, (), aliases)


# The CLI's formats: a SELECT or ASK answer as a table, JSON, XML, CSV or TSV; under the same name a
# CONSTRUCT answer as Turtle, JSON-LD, RDF/XML or N-Triples.
RESULT_FORMATS: dict[str, ResultFormat] = {f.name: f for f in (
    ResultFormat("table", "text/plain", "txt", None, RdfFormat.TURTLE),
    _solutions("json", QueryResultsFormat.JSON, "jsonld", "application/json"),
    _solutions("xml", QueryResultsFormat.XML, "rdfxml", "application/xml"),
    _solutions("csv", QueryResultsFormat.CSV, "ntriples"),
    _solutions("tsv", QueryResultsFormat.TSV, "ntriples"),
)}
# The formats of a graph (a CONSTRUCT answer, a resource's description), by extension.
GRAPH_FORMATS: dict[str, ResultFormat] = {f.name: f for f in (
    _graph("turtle", "turtle"), _graph("ntriples"), _graph("jsonld"))}

# What /sparql offers, by media type, in the order of preference for ties.
SOLUTION_TYPES: dict[str, QueryResultsFormat] = {
    media: f.solutions for f in RESULT_FORMATS.values() if f.solutions for media in (f.media_type, *f.also)}
GRAPH_TYPES: dict[str, RdfFormat] = {f.media_type: f.triples for f in GRAPH_FORMATS.values()}
# /sparql's ?format= names and the media type each stands for.
FORMAT_PARAM: dict[str, str] = {
    name: f.media_type for f in (*RESULT_FORMATS.values(), *GRAPH_FORMATS.values()) if f.name != "table"
    for name in (f.name, *f.aliases)}
# The documents a resource is described in: extension -> (media type, RDF format or None for HTML).
DOCUMENTS: dict[str, tuple[str, RdfFormat | None]] = {
    **{f.extension: (f.media_type, f.triples) for f in GRAPH_FORMATS.values()}, "html": ("text/html", None)}


def content_type(media: str) -> str:
    """The Content-Type to send for an offered media type (an alias becomes the format's own type)."""
    for f in RESULT_FORMATS.values():
        if media in f.also:
            return f.content_type
    return media + "; charset=utf-8"


def render(result: Answer, fmt: str = "table") -> str:
    """An answer as text in one of RESULT_FORMATS (a CONSTRUCT's triples sorted, so the text is stable)."""
    if fmt not in RESULT_FORMATS:
        raise KhabarError(f"unknown result format {fmt!r}; known: {', '.join(RESULT_FORMATS)}")
    form = RESULT_FORMATS[fmt]
    if isinstance(result, (QuerySolutions, QueryBoolean)):
        if form.solutions is not None:
            text = result.serialize(format=form.solutions).decode("utf-8")
            return text if text.endswith("\n") else text + "\n"
        if isinstance(result, QueryBoolean):
            return ("true" if result else "false") + "\n"
        return _table(result)
    triples = sorted(result, key=str)
    rdf = form.triples
    return serialize(triples, format=rdf, prefixes=PREFIXES if rdf == RdfFormat.TURTLE else None).decode("utf-8")


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


def _plain(term) -> str:
    if term is None:
        return ""
    if isinstance(term, (NamedNode, Literal)):
        return term.value
    return str(term)


def _width(text: str) -> int:
    return sum(0 if unicodedata.combining(ch) else (2 if unicodedata.east_asian_width(ch) in "WF" else 1) for ch in text)


def _table(result: QuerySolutions) -> str:
    variables = [v.value for v in result.variables]
    cells = [[_shorten(_plain(solution[v])) for v in variables] for solution in result]
    widths = [max([_width(v)] + [_width(r[i]) for r in cells]) for i, v in enumerate(variables)]

    def line(values):
        return " | ".join(v + " " * (w - _width(v)) for v, w in zip(values, widths)).rstrip()
    out = [line(variables), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out) + "\n"


def _shorten(text: str, size: int = 90) -> str:
    text = " ".join(text.split())
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns) and " " not in text:
            return f"{prefix}:{text[len(ns):]}"
    return text if len(text) <= size else text[: size - 1] + "…"
