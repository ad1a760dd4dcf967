"""JSON records (SaudiNewsNet fields and similar) -> Article."""
from __future__ import annotations

import re

from khabar.model import Article, Failure
from khabar.read.decode import clean_text

_DATE_FIELDS = ("published", "date_extracted", "date")
_DATETIME = re.compile(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2}))?")


def normalise_published(value) -> str | None:
    """'2015-07-21 02:51:32' -> '2015-07-21T02:51:32'; '2015-07-21' stays; anything else -> None."""
    if not isinstance(value, str):
        return None
    m = _DATETIME.match(value.strip())
    if not m:
        return None
    try:
        import datetime as _dt

        _dt.date.fromisoformat(m[1])
    except ValueError:
        return None
    return f"{m[1]}T{m[2]}" if m[2] else m[1]


def _text_field(record: dict, name: str) -> str:
    value = record.get(name)
    return clean_text(value.strip()) if isinstance(value, str) else ""


_JSON_KINDS = {list: "an array", dict: "an object", int: "a number", float: "a number", bool: "a boolean"}


def _not_text(record: dict, names: tuple[str, ...]) -> str | None:
    """Why a field that holds an article's text holds something else (null counts as absent)."""
    for name in names:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            size = f" of {len(value):,} items" if isinstance(value, (list, dict)) else ""
            return f"its {name!r} is {_JSON_KINDS.get(type(value), 'not a string')}{size}, not a string"
    return None


def article_text(title: str, content: str) -> str:
    """An article's text from its record's title and content, each stripped of white space at both
    ends (the offsets count code points in this text): the two joined by a newline, or the one
    given when the other is empty."""
    return f"{title}\n{content}" if title and content else (content or title)


def record_to_article(record, input_name: str, index: int) -> Article | Failure:
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
    rid = record.get("id")
    rid = clean_text(rid) if isinstance(rid, str) else rid
    url = _text_field(record, "url") or None
    if isinstance(rid, (str, int)) and str(rid).strip():
        article_id = str(rid).strip()
    elif url:
        article_id = url
    else:
        article_id = f"{input_name}#{index}"
    published = None
    for name in _DATE_FIELDS:
        published = normalise_published(record.get(name))
        if published:
            break
    source = _text_field(record, "source") or None
    return Article(article_id=article_id, text=text, input_name=input_name, record_index=index,
                   url=url, published=published, title=title or None, source=source)
