"""The output formats khabar writes, all through pyoxigraph's streaming serialisers.

Dataset formats (N-Quads, TriG, JSON-LD) keep one named graph per article; triple formats
(Turtle, N-Triples, RDF/XML) merge all graphs into one, dropping repeated triples.
"""
from __future__ import annotations

import contextlib
import glob
import itertools
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from pyoxigraph import Quad, RdfFormat, Triple, parse, serialize

from khabar.errors import FormatError, no_room
from khabar.formats import locks
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


class _XmlCarriageReturns:
    """A stream that writes a carriage return as the character reference &#13;: an XML parser turns a
    raw CR (or CR LF) into LF, so a literal with one would come back changed, and offsets with it.
    A CR byte is never part of a longer UTF-8 character, and RDF/XML holds one only in literals."""

    def __init__(self, out: BinaryIO):
        self.out = out

    def write(self, data: bytes) -> int:
        self.out.write(bytes(data).replace(b"\r", b"&#13;"))
        return len(data)

    def flush(self) -> None:
        self.out.flush()


def serialize_quads(quads: Iterable[Quad], out: BinaryIO, fmt: RdfOutputFormat) -> None:
    if fmt.datasets:
        serialize(quads, out, fmt.rdf_format, prefixes=PREFIXES if fmt.name == "trig" else None)
    else:
        prefixes = PREFIXES if fmt.name in ("turtle", "rdfxml") else None
        target = _XmlCarriageReturns(out) if fmt.name == "rdfxml" else out
        serialize(_merged_triples(quads), target, fmt.rdf_format, prefixes=prefixes)


def _umask() -> int:
    """This process's umask, read without changing it (Linux), else by setting it back at once."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


@contextmanager
def atomic_output(path: str | Path | None, commit_later: contextlib.ExitStack | None = None) -> Iterator[BinaryIO]:
    """A binary stream for `path` that replaces the file only when the block succeeds (or, with
    `commit_later`, when that whole stack closes without an error). The file gets the mode a new
    file gets (0666 less the umask). Raises OutputError when there is no room to write it, the
    file it was to replace left as it was."""
    if path is None or str(path) == "-":
        try:
            yield sys.stdout.buffer
            sys.stdout.buffer.flush()
        except OSError as exc:
            raise no_room(exc, "standard output") or exc
        return
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes it 0600
    lock = locks.held(tmp)  # until the file is renamed or removed: a run that is alive writes it
    locks.remove_dead(target.parent.glob(f".{glob.escape(target.name)}.*.part"))
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        locks.release(lock)
        problem = no_room(exc, f"{target} ({target} is left as it was)")
        if problem:
            raise problem from None
        raise
    if commit_later is None:
        os.replace(tmp, target)
        locks.release(lock)
    else:
        def commit(exc_type, exc, tb):
            if exc_type is None:
                os.replace(tmp, target)
            else:
                Path(tmp).unlink(missing_ok=True)
            locks.release(lock)
        commit_later.push(commit)


def write_quads(quads: Iterable[Quad], path: str | Path | None, fmt: RdfOutputFormat) -> None:
    with atomic_output(path) as out:
        serialize_quads(quads, out, fmt)


WRITE_BEHIND = 1 << 20  # bytes of N-Quads handed to the writing thread at a time


def _write_chunks(chunks: Iterable[bytes], out: BinaryIO, fmt: RdfOutputFormat) -> None:
    if fmt.name == "nquads":
        _write_behind(chunks, out)
    else:
        serialize_quads((q for chunk in chunks for q in parse(chunk, format=RdfFormat.N_QUADS)), out, fmt)


def _write_behind(chunks: Iterable[bytes], out: BinaryIO) -> None:
    """The chunks written by a second thread, a megabyte at a time, while this one makes the next:
    the kernel's copy of the output (about half of the main process's time with workers) no
    longer holds up the run. One batch is written while the next is gathered: memory stays bounded."""
    with ThreadPoolExecutor(1, thread_name_prefix="khabar-writer") as writer:
        written: Future | None = None
        batch: list[bytes] = []
        size = 0
        for chunk in chunks:
            batch.append(chunk)
            size += len(chunk)
            if size >= WRITE_BEHIND:
                if written is not None:
                    written.result()  # a write error surfaces here
                written = writer.submit(out.writelines, batch)
                batch, size = [], 0
        if written is not None:
            written.result()
    out.writelines(batch)


def shard_path(path: str | Path, index: int) -> Path:
    path = Path(path)
    return path.with_name(f"{path.stem}-{index:05d}{path.suffix}")


def write_chunks(chunks: Iterable[bytes], path: str | Path | None, fmt: RdfOutputFormat,
                 tail: Callable[[], bytes] = bytes, shard_size: int | None = None) -> list[Path]:
    """Write graphs given as N-Quads chunks (one per article), then `tail()` (the entities graph),
    to one file or, with `shard_size`, to shards of that many articles (out-00000.nq, ...; the
    entities graph in the last shard). Files appear only when everything is written, and only
    when there is at least one chunk: with none, nothing is written (and [] returned)."""
    to_stdout = path is None or str(path) == "-"
    if shard_size and to_stdout:
        raise FormatError("--shard-size needs an output file name (-o out.nq)")
    chunks = iter(chunks)
    first = next(chunks, None)
    if first is None:
        return []
    chunks = itertools.chain([first], chunks)
    if not shard_size:
        with atomic_output(path) as out:
            _write_chunks(itertools.chain(chunks, _lazy(tail)), out, fmt)
        return [] if to_stdout else [Path(path)]
    written: list[Path] = []
    with contextlib.ExitStack() as stack:
        while True:
            group = list(itertools.islice(chunks, shard_size))
            if not group:
                break
            out = stack.enter_context(atomic_output(shard_path(path, len(written)), commit_later=stack))
            _write_chunks(group, out, fmt)
            written.append(shard_path(path, len(written)))
        out = stack.enter_context(atomic_output(shard_path(path, len(written)), commit_later=stack))
        _write_chunks(_lazy(tail), out, fmt)
        written.append(shard_path(path, len(written)))
    stale = len(written)
    while shard_path(path, stale).exists():  # shards of an earlier, longer run
        shard_path(path, stale).unlink()
        stale += 1
    return written


def _lazy(make: Callable[[], bytes]) -> Iterator[bytes]:
    yield make()
