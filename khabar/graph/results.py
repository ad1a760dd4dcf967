"""The formats of a query's answer, in one registry: the CLI's `query --format`, the `/sparql`
endpoint's content negotiation (`Accept`, `?format=`) and the pages' documents all read it.

Solutions and booleans are written by pyoxigraph's own serialisers (`QueryResultsFormat`); triples
by its RDF serialisers. The CLI's `table` is khabar's own, for reading in a terminal. `write_solutions`
lets pyoxigraph's serialiser write at most a number of solutions (the /sparql endpoint's row limit).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode, QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat, serialize

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


# At most `limit` solutions, written once by pyoxigraph. Its serialiser writes the whole answer, 8 KiB
# at a time; each piece is scanned for where solutions begin (a scan per format, below), and the
# solution `limit + 1`, if it comes, is cut off with what follows, and the document closed.

class _Enough(Exception):
    """Solution `limit + 1` has begun: the answer is complete without it."""


def _tsv(state: bool, data: bytes) -> tuple[int, bool]:
    """TSV: a solution begins at the byte after a line's end (the head's first; a newline in a value is
    written as an escape). The state: whether the bytes so far end a line."""
    if not data:
        return 0, state
    ends = data.endswith(b"\n")
    return state + data.count(b"\n") - ends, ends


def _csv(state: tuple[bool, bool], data: bytes) -> tuple[int, tuple[bool, bool]]:
    """CSV: as TSV, but a value holding a newline, a comma or a quote is quoted ("" for a quote), so
    only the newlines outside quotes end lines. The state: (inside quotes, the bytes so far end a line)."""
    quoted, ended = state
    if not data:
        return 0, state
    parts = data.split(b'"')
    newlines = b"".join(parts[1::2] if quoted else parts[::2]).count(b"\n")
    quoted ^= len(parts) % 2 == 0
    ends = not quoted and data.endswith(b"\n")
    return ended + newlines - ends, (quoted, ends)


def _json(state: tuple[bool, bool, bytes], data: bytes) -> tuple[int, tuple[bool, bool, bytes]]:
    """JSON: a solution begins at a `{` after `[` or `,` outside strings (a term's object comes after a
    `:`). A backslash is only ever in a string, where it escapes the next byte. The state: (inside a
    string, the next byte escaped, the last byte outside strings)."""
    inside, escaped, before = state
    if escaped:
        if not data:
            return 0, state
        data = data[1:]
    plain = data.replace(b"\\\\", b"").replace(b'\\"', b"")  # the quotes left open or close strings
    parts = plain.split(b'"')
    text = before + b"".join(parts[1::2] if inside else parts[::2])
    inside ^= len(parts) % 2 == 0
    return text.count(b",{") + text.count(b"[{"), (inside, plain.endswith(b"\\"), text[-1:])


def _xml(state: bytes, data: bytes) -> tuple[int, bytes]:
    """XML: a solution begins at `<result>` (a `<` in a value is `&lt;`). The state: the last 7 bytes."""
    text = state + data
    return text.count(b"<result>"), text[-7:]


# Per format: the scan, its state at the start, how many bytes before the end of a solution's mark the
# solution begins, and what closes the document once the rest is cut off.
_SCANS = {
    QueryResultsFormat.JSON: (_json, (False, False, b""), 2, b"]}}"),  # cut at the `,` before the `{`
    QueryResultsFormat.XML: (_xml, b"", len(b"<result>"), b"</results></sparql>"),
    QueryResultsFormat.CSV: (_csv, (False, False), 1, b""),
    QueryResultsFormat.TSV: (_tsv, False, 1, b""),
}


class _Solutions:
    """The file pyoxigraph's serialiser writes into: passes its bytes on to `out` up to solution
    `limit + 1`, then cuts that one off (with `out.seek` and `out.truncate`) and closes the document."""

    def __init__(self, out, fmt: QueryResultsFormat, limit: int):
        self.out, self.limit = out, limit
        self.scan, self.state, self.mark, self.tail = _SCANS[fmt]
        self.rows, self.written, self.truncated, self.failed = 0, out.tell(), False, None

    def write(self, data) -> int:
        data = bytes(data)
        if self.truncated or self.failed:  # pyoxigraph flushes what it still holds: already done
            return len(data)
        try:
            count, state = self.scan(self.state, data)
            if self.rows + count > self.limit:
                self._cut(data, self.limit + 1 - self.rows)
            self.out.write(data)
        except _Enough:
            raise
        except BaseException as exc:
            self.failed = exc
            raise
        self.rows, self.state, self.written = self.rows + count, state, self.written + len(data)
        return len(data)

    def flush(self) -> None:  # each write has gone on already
        pass

    def _cut(self, data: bytes, nth: int) -> None:
        """Solution number `nth` of `data` begins: keep what comes before it, close the document."""
        low, high = 1, len(data)  # the shortest prefix of `data` holding its mark
        while low < high:
            middle = (low + high) // 2
            if self.scan(self.state, data[:middle])[0] >= nth:
                high = middle
            else:
                low = middle + 1
        end = self.written + low - self.mark
        if end >= self.written:
            self.out.write(data[:end - self.written])
        else:
            self.out.seek(end)
            self.out.truncate()
        self.out.write(self.tail)
        self.rows, self.truncated = self.limit, True
        raise _Enough


def write_solutions(result: QuerySolutions, fmt: QueryResultsFormat, out, limit: int) -> tuple[int, bool]:
    """Write at most `limit` (at least 1) of `result`'s solutions in `fmt`, with pyoxigraph's serialiser,
    into the binary file `out` (one that can seek back and truncate); the same bytes as serialising
    those solutions alone. Returns (solutions written, whether more were left out). An error from
    `out.write` (a size limit) goes up unchanged.

    >>> import io
    >>> from pyoxigraph import Store
    >>> out = io.BytesIO()
    >>> write_solutions(Store().query("SELECT ?n WHERE { VALUES ?n { 1 2 3 } }"), QueryResultsFormat.TSV, out, 2)
    (2, True)
    >>> out.getvalue()
    b'?n\\n1\\n2\\n'
    """
    if limit < 1:
        raise ValueError("write_solutions writes at least one solution (limit >= 1)")
    solutions = _Solutions(out, fmt, limit)
    try:
        result.serialize(solutions, format=fmt)
    except BaseException:
        if solutions.failed is not None:
            raise solutions.failed from None
        if not solutions.truncated:
            raise
    return solutions.rows, solutions.truncated
