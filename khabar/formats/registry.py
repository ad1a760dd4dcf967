"""The output formats khabar writes, all through pyoxigraph's streaming serialisers.

Dataset formats (N-Quads, TriG, JSON-LD) keep one named graph per article; triple formats
(Turtle, N-Triples, RDF/XML) merge all graphs into one, dropping repeated triples.
"""
from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from khabar.errors import FormatError
from khabar.rdf.vocab import PREFIXES


@dataclass(frozen=True)
class RdfOutputFormat:
    name: str
    rdf_format: RdfFormat
    extensions: tuple[str, ...]

    @property
    def datasets(self) -> bool:
        return self.rdf_format.supports_datasets

    @property
    def media_type(self) -> str:
        return self.rdf_format.media_type


FORMATS: dict[str, RdfOutputFormat] = {f.name: f for f in (
    RdfOutputFormat("nquads", RdfFormat.N_QUADS, ("nq",)),
    RdfOutputFormat("trig", RdfFormat.TRIG, ("trig",)),
    RdfOutputFormat("jsonld", RdfFormat.JSON_LD, ("jsonld", "json")),
    RdfOutputFormat("turtle", RdfFormat.TURTLE, ("ttl",)),
    RdfOutputFormat("ntriples", RdfFormat.N_TRIPLES, ("nt",)),
    RdfOutputFormat("rdfxml", RdfFormat.RDF_XML, ("rdf", "owl")),
)}
_ALIASES = {"nq": "nquads", "ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "xml": "rdfxml"}


def format_for(name: str | None = None, path: str | Path | None = None) -> RdfOutputFormat:
    """The format named, else the one the file extension says; N-Quads for standard output."""
    if name:
        key = _ALIASES.get(name.lower(), name.lower())
        if key not in FORMATS:
            raise FormatError(f"unknown format {name!r}; known formats: {', '.join(FORMATS)}")
        return FORMATS[key]
    if path is None or str(path) == "-":
        return FORMATS["nquads"]
    suffix = Path(path).suffix.lower().lstrip(".")
    for fmt in FORMATS.values():
        if suffix in fmt.extensions:
            return fmt
    raise FormatError(f"cannot tell the format of {path} from its extension; use --format "
                      f"({', '.join(FORMATS)})")


def _merged_triples(quads: Iterable[Quad]) -> Iterator[Triple]:
    seen: set[int] = set()
    for q in quads:
        triple = q.triple
        h = hash(triple)
        if h in seen:
            continue
        seen.add(h)
        yield triple


def serialize_quads(quads: Iterable[Quad], out: BinaryIO, fmt: RdfOutputFormat) -> None:
    if fmt.datasets:
        serialize(quads, out, fmt.rdf_format, prefixes=PREFIXES if fmt.name == "trig" else None)
    else:
        prefixes = PREFIXES if fmt.name in ("turtle", "rdfxml") else None
        serialize(_merged_triples(quads), out, fmt.rdf_format, prefixes=prefixes)


@contextmanager
def atomic_output(path: str | Path | None) -> Iterator[BinaryIO]:
    """A binary stream for `path` that replaces the file only when the block succeeds."""
    if path is None or str(path) == "-":
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_quads(quads: Iterable[Quad], path: str | Path | None, fmt: RdfOutputFormat) -> None:
    with atomic_output(path) as out:
        serialize_quads(quads, out, fmt)
