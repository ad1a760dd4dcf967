"""Find the articles in each input: text files (with optional NAME.json sidecar), JSON arrays,
JSON Lines, zip archives of those, folders (recursive) and '-' for standard input.

Everything comes out as Article or Failure, so that every input article is accounted for.
"""
from __future__ import annotations

import codecs
import io
import json
import sys
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from khabar.model import Article, Failure
from khabar.read.decode import DecodeError, decode_text
from khabar.read.records import normalise_published, record_to_article

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
        if path.is_dir():
            yield from _read_folder(path)
        elif path.exists():
            yield from _read_file(path)
        else:
            yield Failure(str(path), None, "no such file or folder")


def _read_folder(folder: Path) -> Iterator[Article | Failure]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and not _hidden(p, folder))
    texts = {p.with_suffix("") for p in files if p.suffix.lower() in TEXT_SUFFIXES}
    for path in files:
        if path.suffix.lower() == ".json" and path.with_suffix("") in texts:
            continue  # a sidecar, read with its text file
        yield from _read_file(path)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _read_file(path: Path) -> Iterator[Article | Failure]:
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
            yield from _read_zip(path)
            return
        if suffix in (".jsonl", ".ndjson") and size > STREAM_BYTES:
            yield from _read_json_lines(_utf8_lines(path), name)  # line by line: memory stays flat
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Failure(name, None, f"cannot read: {exc.strerror or exc}")
        return
    sidecar = path.with_suffix(".json") if suffix in TEXT_SUFFIXES else None
    yield from _read_bytes(data, name, sidecar=sidecar, suffix=suffix)


def _read_zip(path: Path) -> Iterator[Article | Failure]:
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
            yield from _read_bytes(data, name, sidecar=None, suffix=suffix)


def _read_bytes(data: bytes, name: str, sidecar: Path | None, suffix: str = "",
                guess: bool = False) -> Iterator[Article | Failure]:
    try:
        text = decode_text(data)
    except DecodeError as exc:
        yield Failure(name, None, str(exc))
        return
    if guess:
        suffix = ".json" if text.lstrip().startswith(("[", "{")) else ".txt"
    if suffix in JSON_SUFFIXES:
        yield from _read_json(text, name)
    else:
        yield _text_article(text, name, sidecar)


def _text_article(text: str, name: str, sidecar: Path | None) -> Article | Failure:
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
    published = None
    for field in ("published", "date_extracted", "date"):
        published = normalise_published(meta.get(field))
        if published:
            break
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    title = meta.get("title") if isinstance(meta.get("title"), str) else None
    source = meta.get("source") if isinstance(meta.get("source"), str) else None
    return Article(article_id=stem, text=text, input_name=name, url=url or None,
                   published=published, title=title, source=source)


def _read_json(text: str, name: str) -> Iterator[Article | Failure]:
    stripped = text.strip()
    if not stripped:
        yield Failure(name, None, "empty file (no JSON records)")
        return
    try:
        value = json.loads(stripped)
    except ValueError:
        value = None
        if stripped.startswith("["):
            yield from _read_broken_array(stripped, name)
        else:
            yield from _read_json_lines(io.StringIO(stripped), name)
        return
    records = value if isinstance(value, list) else [value]
    for index, record in enumerate(records):
        yield record_to_article(record, name, index)


def _utf8_lines(path: Path) -> Iterator[str | Exception]:
    with path.open("rb") as handle:
        for line_no, raw in enumerate(handle, start=1):
            if line_no == 1 and raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
            try:
                yield raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield exc


def _read_json_lines(lines: Iterable[str | Exception], name: str) -> Iterator[Article | Failure]:
    index = 0
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
            yield record_to_article(record, name, index)
        index += 1


def _read_broken_array(text: str, name: str) -> Iterator[Article | Failure]:
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
        yield record_to_article(record, name, index)
        pos, index = end, index + 1
