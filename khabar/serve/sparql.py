"""The SPARQL side, run in the query worker: check a query (khabar.serve.policy), run it and write its
answer once, in the negotiated format, with pyoxigraph's serialisers, into a file that the server
streams to the client (solutions as they are read: khabar.graph.results.write_solutions).

The store is opened read-only as well, so an update that got past the check would still fail.
An answer stops at `limit` rows or triples (truncated) and may not grow past `max_answer` bytes (507).
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field

from pyoxigraph import NamedNode, QueryBoolean, QueryTriples, RdfFormat, serialize

from khabar.graph.results import FORMAT_PARAM, GRAPH_TYPES, SOLUTION_TYPES, content_type, write_solutions
from khabar.rdf.vocab import PREFIXES
from khabar.serve.conneg import negotiate
from khabar.serve.errors import Refused
from khabar.serve.policy import check_query

__all__ = ["Job", "Outcome", "Refused", "check_query", "execute"]


class AnswerTooLarge(Exception):
    """The answer grew past the byte limit."""


@dataclass
class Job:
    query: str
    accept: str | None = None
    format: str | None = None           # a short name from FORMAT_PARAM, overriding Accept
    default_graphs: list[str] = field(default_factory=list)
    named_graphs: list[str] = field(default_factory=list)
    answer: str | None = None           # the file the worker writes the answer into (set by the pool)


@dataclass
class Outcome:
    status: int
    content_type: str
    body: bytes                         # an error message (or a small answer) when there is no `path`
    truncated: bool = False
    rows: int = 0
    path: str | None = None             # the file holding the answer, `size` bytes; removed once read
    size: int = 0

    @classmethod
    def error(cls, status: int, message: str) -> "Outcome":
        return cls(status, "text/plain; charset=utf-8", (message.rstrip("\n") + "\n").encode("utf-8"))

    def read(self) -> bytes:
        """The whole answer (for the HTML query page; bounded by the answer limit); removes its file."""
        if self.path is None:
            return self.body
        try:
            with open(self.path, "rb") as f:
                return f.read()
        finally:
            discard(self.path)


def discard(path: str | None) -> None:
    """Remove an answer file, if it is still there."""
    if path:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass


class _Capped:
    """A binary file that refuses to grow past `cap` bytes (and may be cut back: seek, then truncate)."""

    def __init__(self, out, cap: int):
        self.out, self.cap, self.size = out, cap, 0

    def write(self, data: bytes) -> None:
        if self.size + len(data) > self.cap:
            raise AnswerTooLarge
        self.out.write(data)
        self.size += len(data)

    def tell(self) -> int:
        return self.size

    def seek(self, offset: int) -> None:
        self.out.seek(offset)
        self.size = offset

    def truncate(self) -> None:
        self.out.truncate()


def _choose(job: Job, types: dict) -> str | None:
    if job.format:
        wanted = FORMAT_PARAM.get(job.format.lower(), job.format.lower())
        return wanted if wanted in types else None
    return negotiate(job.accept, list(types))


def _not_acceptable(types: dict) -> Outcome:
    return Outcome.error(406, "no acceptable result format; offered: " + ", ".join(types))


def execute(store, job: Job, limit: int, base: str | None = None, max_answer: int = 1 << 62) -> Outcome:
    """Check and run one query; its answer goes into the file `job.answer` (at most `limit` rows or
    triples, at most `max_answer` bytes). Relative IRIs in the query are resolved against `base`."""
    try:
        check_query(job.query)
    except Refused as exc:
        return Outcome.error(exc.status, exc.message)
    options = {"default_graph": [NamedNode(g) for g in job.default_graphs]} if job.default_graphs \
        else {"use_default_graph_as_union": True}
    if job.named_graphs:
        options["named_graphs"] = [NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(job.query, base_iri=base, **options)
    except SyntaxError as exc:
        return Outcome.error(400, f"the query does not parse: {exc}")
    kinds = GRAPH_TYPES if isinstance(result, QueryTriples) else SOLUTION_TYPES
    media = _choose(job, kinds)
    if media is None:
        return _not_acceptable(kinds)
    try:
        with open(job.answer, "wb") as f:
            out = _Capped(f, max_answer)
            if isinstance(result, QueryBoolean):
                out.write(result.serialize(format=SOLUTION_TYPES[media]))
                truncated, rows = False, 1
            elif isinstance(result, QueryTriples):
                truncated, rows = _write_triples(result, GRAPH_TYPES[media], out, limit)
            else:
                rows, truncated = write_solutions(result, SOLUTION_TYPES[media], out, limit)
    except AnswerTooLarge:
        discard(job.answer)
        return Outcome.error(507, f"the answer is larger than {max_answer:,} bytes, the most this endpoint sends "
                                  "(--max-answer); ask for fewer rows or shorter values")
    except BaseException:
        discard(job.answer)
        raise
    return Outcome(200, content_type(media), b"", truncated, rows, path=job.answer, size=out.size)


def _write_triples(result, fmt: RdfFormat, out: _Capped, limit: int) -> tuple[bool, int]:
    """At most `limit` triples, serialised together (Turtle groups them). Their text is counted as they
    are read, so an answer far past the byte limit is stopped before it is held."""
    triples, held, truncated = [], 0, False
    for triple in result:
        if len(triples) >= limit:
            truncated = True
            break
        held += len(triple.subject.value) + len(triple.predicate.value) + len(triple.object.value)
        if held > out.cap:
            raise AnswerTooLarge
        triples.append(triple)
    out.write(serialize(triples, format=fmt, prefixes=PREFIXES if fmt == RdfFormat.TURTLE else None) or b"")
    return truncated, len(triples)
