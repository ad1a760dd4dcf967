"""JSON records (SaudiNewsNet fields and similar) -> Article.

A record's metadata goes into the graph as typed literals and IRIs, so a value that would make an
ill-typed literal or an unsafe IRI is refused with the field named (a Failure), never written:
a date that is not a real day and time, an id that is not a string or a number, a URL that is not
http(s).
"""
from __future__ import annotations

import datetime as _dt
import re

from khabar.model import Article, Failure
from khabar.read.decode import clean_text

_DATE_FIELDS = ("published", "date_extracted", "date")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2}(?:\.\d+)?)(Z|[+-]\d{2}:\d{2})?)?")
_URL_SCHEMES = ("http", "https")


class FieldError(ValueError):
    """A record's field whose value cannot go into the graph."""


def normalise_published(value) -> str | None:
    """'2015-07-21 02:51:32' -> '2015-07-21T02:51:32'; '2015-07-21' stays; a time zone is kept
    ('2015-07-21 02:51:32+03:00' -> '2015-07-21T02:51:32+03:00'); None (or '') is no date.
    Anything else raises FieldError: it is no valid xsd:date or xsd:dateTime."""
    if value is None or value == "":
        return None
    m = _DATETIME.fullmatch(value.strip()) if isinstance(value, str) else None
    if m is None:
        raise FieldError(f"{value!r} is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DD hh:mm:ss, "
                         "optionally with a time zone)")
    try:
        if m[2]:
            _dt.datetime.fromisoformat(f"{m[1]}T{m[2]}{m[3] or ''}".replace("Z", "+00:00"))
        else:
            _dt.date.fromisoformat(m[1])
    except ValueError as exc:
        raise FieldError(f"{value!r} is not a real date or time ({exc})") from None
    return f"{m[1]}T{m[2]}{m[3] or ''}" if m[2] else m[1]


def published_of(fields: dict) -> str | None:
    """The first of the date fields a record (or a sidecar) gives, normalised; FieldError names a bad one."""
    for name in _DATE_FIELDS:
        try:
            published = normalise_published(fields.get(name))
        except FieldError as exc:
            raise FieldError(f"{name} {exc}") from None
        if published:
            return published
    return None


def checked_url(value) -> str | None:
    """A record's URL (None when absent); FieldError unless it is an absolute http(s) URL."""
    url = clean_text(value.strip()) if isinstance(value, str) else None
    if not url:
        if value is not None and not isinstance(value, str):
            raise FieldError(f"url is a JSON {type(value).__name__}, not a string")
        return None
    scheme = url.partition(":")[0].lower()
    if scheme not in _URL_SCHEMES or not url[len(scheme) + 1:].startswith("//"):
        raise FieldError(f"url {url[:80]!r} is not an http(s) URL")
    return url


def _text_field(record: dict, name: str) -> str:
    value = record.get(name)
    return clean_text(value.strip()) if isinstance(value, str) else ""


def _not_text(record: dict, names: tuple[str, ...]) -> str | None:
    """Why a field that holds an article's text holds something else (null counts as absent)."""
    for name in names:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            size = f" of {len(value):,} items" if isinstance(value, (list, dict)) else ""
            kind = _json_type(value)
            return f"its {name!r} is {'an' if kind[0] in 'aeiou' else 'a'} {kind}{size}, not a string"
    return None


def article_text(title: str, content: str) -> str:
    """An article's text from its record's title and content, each stripped of white space at both
    ends (the offsets count code points in this text): the two joined by a newline, or the one
    given when the other is empty."""
    return f"{title}\n{content}" if title and content else (content or title)


def _record_id(value) -> str | None:
    """The record's own id as text; None when absent; FieldError for a boolean, an array, ..."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise FieldError(f"id is a JSON {_json_type(value)} ({str(value)[:40]}), not a string or an integer")
    return clean_text(str(value)).strip() or None


def _json_type(value) -> str:
    return {bool: "boolean", int: "number", float: "number", list: "array", dict: "object"}.get(type(value), type(value).__name__)


def record_to_article(record, input_name: str, index: int, relative_name: str | None = None) -> Article | Failure:
    if not isinstance(record, dict):
        return Failure(input_name, index, f"record is a JSON {type(record).__name__}, not an object")
    content_field = "content" if "content" in record else "text"
    problem = _not_text(record, ("title", content_field))
    if problem:
        return Failure(input_name, index, f"record not read: {problem}")
    title = _text_field(record, "title")
    content = _text_field(record, content_field)
    if not content and not title:
        return Failure(input_name, index, "record has no content and no title")
    text = article_text(title, content)
    try:
        rid = _record_id(record.get("id"))
        url = checked_url(record.get("url"))
        published = published_of(record)
    except FieldError as exc:
        return Failure(input_name, index, str(exc))
    article_id = rid or url or f"{relative_name or input_name}#{index}"
    source = _text_field(record, "source") or None
    return Article(article_id=article_id, text=text, input_name=input_name, record_index=index,
                   url=url, published=published, title=title or None, source=source,
                   relative_name=relative_name)
