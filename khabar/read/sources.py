"""Find the articles in each input: text files (with optional NAME.json sidecar), JSON arrays,
JSON Lines, zip archives of those, folders (recursive) and '-' for standard input.

Everything comes out as Article or Failure, so that every input article is accounted for.
Failures name an input as given on the command line; the graph records it relative to the input
argument: from the argument's own name on (`/home/me/corpus.zip:2015/07/21.json` is recorded as
`corpus.zip:2015/07/21.json`, `/data/seeds/a.txt` read from `/data/seeds/` as `seeds/a.txt`).
"""
from __future__ import annotations

import codecs
import io
import json
import os
import stat
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from khabar.model import Article, Failure
from khabar.read.decode import DecodeError, clean_text, decode_text
from khabar.read.limits import DEFAULT_LIMITS, ReadLimits, read_at_most
from khabar.read.records import FieldError, checked_url, published_of, record_to_article

TEXT_SUFFIXES = {".txt", ".text"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
ARCHIVE_SUFFIXES = {".zip"}
STREAM_BYTES = 16 * 1024 * 1024  # JSON Lines files bigger than this are read line by line
_NOT_REGULAR = {stat.S_IFIFO: "a FIFO", stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a character device",
                stat.S_IFBLK: "a block device"}


def read_inputs(inputs: Iterable[str | Path], stdin: bytes | None = None,
                limits: ReadLimits = DEFAULT_LIMITS) -> Iterator[Article | Failure]:
    """Yield every article (or failure) of the inputs, in input order, folders sorted by name.
    '-' is standard input: `stdin` when it was read already (by the process that has it, at most
    `limits.max_input_bytes` + 1 bytes of it). An input or article over `limits` is a failure."""
    for item in _read_all(inputs, stdin, limits):
        if isinstance(item, Article) and len(item.text) > limits.max_article_chars:
            item = Failure(item.input_name, item.record_index, limits.too_many_chars(len(item.text)))
        yield item


def _read_all(inputs: Iterable[str | Path], stdin: bytes | None, limits: ReadLimits) -> Iterator[Article | Failure]:
    for item in inputs:
        if str(item) == "-":
            data = read_at_most(sys.stdin.buffer, limits.max_input_bytes) if stdin is None else stdin
            stdin = b""
            if len(data) > limits.max_input_bytes:
                yield Failure("<stdin>", None, f"standard input holds more than {limits.max_input_bytes:,} bytes, "
                              "the limit (--max-input-bytes)")
                continue
            yield from _read_bytes(data, "<stdin>", sidecar=None, guess=True)
            continue
        path = Path(item)
        label = os.path.basename(os.path.abspath(path))  # the argument's own name, no directories above it
        if path.is_dir():
            yield from _read_folder(path, label, limits)
        elif path.exists():
            yield from _read_file(path, label, limits)
        else:
            yield Failure(str(path), None, "no such file or folder")


def _relative_name(name: str, relative: str | None) -> str | None:
    """What the graph records for the input `name` (None: the name itself), without the characters
    no output format can hold."""
    recorded = clean_text(relative if relative is not None else name)
    return None if recorded == name else recorded


def _read_folder(folder: Path, label: str, limits: ReadLimits) -> Iterator[Article | Failure]:
    # not only regular files: a FIFO or a broken link in the folder is named as a failure, not skipped
    files = sorted(p for p in folder.rglob("*") if not p.is_dir() and not _hidden(p, folder))
    texts = {p.with_suffix("") for p in files if p.suffix.lower() in TEXT_SUFFIXES}
    for path in files:
        if path.suffix.lower() == ".json" and path.with_suffix("") in texts:
            continue  # a sidecar, read with its text file
        yield from _read_file(path, f"{label}/{path.relative_to(folder).as_posix()}" if label else
                              path.relative_to(folder).as_posix(), limits)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(path: Path, relative: str, limits: ReadLimits) -> Iterator[Article | Failure]:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | JSON_SUFFIXES | ARCHIVE_SUFFIXES:
        yield Failure(name, None, f"not an article file (known kinds: {', '.join(sorted(TEXT_SUFFIXES | JSON_SUFFIXES | ARCHIVE_SUFFIXES))})")
        return
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # reading a FIFO or a device could wait or go on for ever
            kind = _NOT_REGULAR.get(stat.S_IFMT(info.st_mode), "not a regular file")
            yield Failure(name, None, f"not a regular file ({kind}); give a pipe's contents on standard input: "
                          f"khabar map - < {name}")
            return
        size = info.st_size
        if suffix in ARCHIVE_SUFFIXES:
            yield from _read_zip(path, relative, limits)
            return
        if suffix in (".jsonl", ".ndjson") and size > min(STREAM_BYTES, limits.max_input_bytes):
            # line by line: memory stays flat
            yield from _read_json_lines(_utf8_lines(path, limits.max_input_bytes), name, limits, relative)
            return
        if size > limits.max_input_bytes:
            yield Failure(name, None, limits.too_many_bytes(size, "file"))
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(name, None, f"cannot read: {exc.strerror or exc}")
        return
    sidecar = path.with_suffix(".json") if suffix in TEXT_SUFFIXES else None
    yield from _read_bytes(data, name, sidecar=sidecar, suffix=suffix, relative=relative)


def _read_zip(path: Path, relative: str, limits: ReadLimits) -> Iterator[Article | Failure]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        yield Failure(str(path), None, f"not a readable zip archive: {exc}")
        return
    with archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            member = PurePosixPath(info.filename)
            if info.is_dir() or member.name.startswith(".") or "__MACOSX" in member.parts:
                continue
            name = f"{path}:{info.filename}"
            suffix = member.suffix.lower()
            if suffix not in TEXT_SUFFIXES | JSON_SUFFIXES:
                yield Failure(name, None, "not an article file inside the archive")
                continue
            if info.file_size > limits.max_input_bytes:  # zipfile never inflates a member past this size
                yield Failure(name, None, limits.too_many_bytes(info.file_size, "archive member (inflated)"))
                continue
            try:
                data = archive.read(info)
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                yield Failure(name, None, f"cannot read archive member: {exc}")
                continue
            yield from _read_bytes(data, name, sidecar=None, suffix=suffix, relative=f"{relative}:{info.filename}")


def _read_bytes(data: bytes, name: str, sidecar: Path | None, suffix: str = "",
                guess: bool = False, relative: str | None = None) -> Iterator[Article | Failure]:
    try:
        text = decode_text(data)
    except DecodeError as exc:
        yield Failure(name, None, str(exc))
        return
    if guess:
        suffix = ".json" if text.lstrip().startswith(("[", "{")) else ".txt"
    if suffix in JSON_SUFFIXES:
        yield from _read_json(text, name, relative)
    else:
        yield _text_article(text, name, sidecar, relative)


def _text_article(text: str, name: str, sidecar: Path | None, relative: str | None = None) -> Article | Failure:
    if not text.strip():
        return Failure(name, None, "empty article (no text)")
    meta: dict = {}
    if sidecar is not None and sidecar.exists():
        try:
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError) as exc:
            return Failure(name, None, f"its sidecar {sidecar} is not valid JSON: {_json_problem(exc)}")
        if not isinstance(meta, dict):
            return Failure(name, None, f"its sidecar {sidecar} is not a JSON object")
    stem = PurePosixPath(name.replace("\\", "/")).stem if name != "<stdin>" else "stdin"
    try:
        published = published_of(meta)
        url = checked_url(meta.get("url"))
    except FieldError as exc:
        return Failure(name, None, f"its sidecar {sidecar}: {exc}")
    title = clean_text(meta["title"]) if isinstance(meta.get("title"), str) else None
    source = clean_text(meta["source"]) if isinstance(meta.get("source"), str) else None
    return Article(article_id=clean_text(stem), text=clean_text(text), input_name=name, url=url,
                   published=published, title=title, source=source, relative_name=_relative_name(name, relative))


def _read_json(text: str, name: str, relative: str | None = None) -> Iterator[Article | Failure]:
    stripped = text.strip()
    if not stripped:
        yield Failure(name, None, "empty file (no JSON records)")
        return
    try:
        value = json.loads(stripped)
    except (ValueError, RecursionError):  # read what can be read, record by record
        if stripped.startswith("["):
            yield from _read_broken_array(stripped, name, relative)
        else:
            yield from _read_json_lines(io.StringIO(stripped), name, relative=relative)
        return
    records = value if isinstance(value, list) else [value]
    recorded = _relative_name(name, relative)
    for index, record in enumerate(records):
        yield record_to_article(record, name, index, recorded)


class _LongLine(Exception):
    """A line over the byte limit, skipped unread."""

    def __init__(self, size: int) -> None:
        super().__init__(size)
        self.size = size


def _utf8_lines(path: Path, limit: int) -> Iterator[str | Exception]:
    """The file's lines, decoded; a line of more than `limit` bytes is skipped a megabyte at a time
    (a _LongLine in its place), so that no more than `limit` bytes are held at once."""
    with path.open("rb") as handle:
        line_no = 0
        while raw := handle.readline(limit + 1):
            line_no += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                yield _LongLine(len(raw) + _skip_line(handle))
                continue
            if line_no == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield exc


def _skip_line(handle) -> int:
    """Read past the rest of the line, a megabyte at a time: the bytes skipped, newline excluded."""
    skipped = 0
    while chunk := handle.readline(1 << 20):
        if chunk.endswith(b"\n"):
            return skipped + len(chunk) - 1
        skipped += len(chunk)
    return skipped


def _read_json_lines(lines: Iterable[str | Exception], name: str,
                     limits: ReadLimits = DEFAULT_LIMITS, relative: str | None = None) -> Iterator[Article | Failure]:
    index = 0
    recorded = _relative_name(name, relative)
    for line_no, line in enumerate(lines, start=1):
        if isinstance(line, _LongLine):
            yield Failure(name, index, limits.too_many_bytes(line.size, f"line {line_no}"))
            index += 1
            continue
        if isinstance(line, Exception):
            yield Failure(name, index, f"line {line_no} is not UTF-8: {line}")
            index += 1
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (ValueError, RecursionError) as exc:
            yield Failure(name, index, f"line {line_no} is not valid JSON: {_json_problem(exc)}")
        else:
            yield record_to_article(record, name, index, recorded)
        index += 1


def _read_broken_array(text: str, name: str, relative: str | None = None) -> Iterator[Article | Failure]:
    """A JSON array that does not parse (truncated, a bad element): keep the good elements."""
    decoder = json.JSONDecoder()
    pos, index = 1, 0
    while pos < len(text):
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        if pos >= len(text) or text[pos] == "]":
            return
        try:
            record, end = decoder.raw_decode(text, pos)
        except (ValueError, RecursionError) as exc:
            where = f" at character {exc.pos}" if isinstance(exc, json.JSONDecodeError) else ""
            yield Failure(name, index, f"malformed JSON{where}: {_json_problem(exc)}; the rest of the file is unreadable")
            return
        yield record_to_article(record, name, index, _relative_name(name, relative))
        pos, index = end, index + 1


def _json_problem(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply (arrays or objects inside one another past Python's recursion limit)"
    return exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
