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
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from khabar.model import Article, Failure
from khabar.read.decode import DecodeError, clean_text, decode_text
from khabar.read.records import FieldError, checked_url, published_of, record_to_article

TEXT_SUFFIXES = {".txt", ".text"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
ARCHIVE_SUFFIXES = {".zip"}
MAX_ARTICLE_BYTES = 50 * 1024 * 1024
STREAM_BYTES = 16 * 1024 * 1024  # JSON Lines files bigger than this are read line by line


def read_inputs(inputs: Iterable[str | Path], stdin: bytes | None = None) -> Iterator[Article | Failure]:
    """Yield every article (or failure) of the inputs, in input order, folders sorted by name.
    '-' is standard input: `stdin` when it was read already (by the process that has it)."""
    for item in inputs:
        if str(item) == "-":
            data, stdin = (sys.stdin.buffer.read() if stdin is None else stdin), b""
            yield from _read_bytes(data, "<stdin>", sidecar=None, guess=True)
            continue
        path = Path(item)
        label = os.path.basename(os.path.abspath(path))  # the argument's own name, no directories above it
        if path.is_dir():
            yield from _read_folder(path, label)
        elif path.exists():
            yield from _read_file(path, label)
        else:
            yield Failure(str(path), None, "no such file or folder")


def _relative_name(name: str, relative: str | None) -> str | None:
    """What the graph records for the input `name` (None: the name itself), without the characters
    no output format can hold."""
    recorded = clean_text(relative if relative is not None else name)
    return None if recorded == name else recorded


def _read_folder(folder: Path, label: str) -> Iterator[Article | Failure]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not _hidden(p, folder))
    texts = {p.with_suffix("") for p in files if p.suffix.lower() in TEXT_SUFFIXES}
    for path in files:
        if path.suffix.lower() == ".json" and path.with_suffix("") in texts:
            continue  # a sidecar, read with its text file
        yield from _read_file(path, f"{label}/{path.relative_to(folder).as_posix()}" if label else
                              path.relative_to(folder).as_posix())


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(path: Path, relative: str) -> Iterator[Article | Failure]:
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES | JSON_SUFFIXES | ARCHIVE_SUFFIXES:
        yield Failure(name, None, f"not an article file (known kinds: {', '.join(sorted(TEXT_SUFFIXES | JSON_SUFFIXES | ARCHIVE_SUFFIXES))})")
        return
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES and suffix in TEXT_SUFFIXES:
            yield Failure(name, None, f"file is {size} bytes, over the {MAX_ARTICLE_BYTES}-byte limit for one article")
            return
        if suffix in ARCHIVE_SUFFIXES:
            yield from _read_zip(path, relative)
            return
        if suffix in (".jsonl", ".ndjson") and size > STREAM_BYTES:
            yield from _read_json_lines(_utf8_lines(path), name, relative)  # line by line: memory stays flat
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(name, None, f"cannot read: {exc.strerror or exc}")
        return
    sidecar = path.with_suffix(".json") if suffix in TEXT_SUFFIXES else None
    yield from _read_bytes(data, name, sidecar=sidecar, suffix=suffix, relative=relative)


def _read_zip(path: Path, relative: str) -> Iterator[Article | Failure]:
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
        except (OSError, ValueError) as exc:
            return Failure(name, None, f"its sidecar {sidecar} is not valid JSON: {exc}")
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
    except ValueError:
        value = None
        if stripped.startswith("["):
            yield from _read_broken_array(stripped, name, relative)
        else:
            yield from _read_json_lines(io.StringIO(stripped), name, relative)
        return
    records = value if isinstance(value, list) else [value]
    recorded = _relative_name(name, relative)
    for index, record in enumerate(records):
        yield record_to_article(record, name, index, recorded)


def _utf8_lines(path: Path) -> Iterator[str | Exception]:
    with path.open("rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            if line_no == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield exc


def _read_json_lines(lines: Iterable[str | Exception], name: str,
                     relative: str | None = None) -> Iterator[Article | Failure]:
    index = 0
    recorded = _relative_name(name, relative)
    for line_no, line in enumerate(lines, start=1):
        if isinstance(line, Exception):
            yield Failure(name, index, f"line {line_no} is not UTF-8: {line}")
            index += 1
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield Failure(name, index, f"line {line_no} is not valid JSON: {exc.msg}")
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
        except ValueError as exc:
            yield Failure(name, index, f"malformed JSON at character {exc.pos}: {exc.msg}; the rest of the file is unreadable")
            return
        yield record_to_article(record, name, index, _relative_name(name, relative))
        pos, index = end, index + 1
