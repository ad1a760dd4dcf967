"""An article's text as escaped HTML: its spans marked (the one highlighter) and the sentence around a span.

Sentences end where the extraction's sentences end (`khabar.extract.layout.SENTENCE_END`).
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass

from markupsafe import Markup, escape

from khabar.extract.layout import SENTENCE_END

CONTEXT = 240  # characters of a sentence kept on each side of the span, at most


@dataclass(frozen=True)
class Span:
    """A stretch of text to mark: `css` classes, a tooltip and, for entities, a link; `element` is
    the tag used when there is no link (mark for what was said)."""

    begin: int
    end: int
    css: str
    title: str = ""
    href: str | None = None
    rank: int = 0  # at equal offsets, lower ranks go outside
    element: str = "span"


def _open(span: Span, inside_link: bool) -> tuple[str, str]:
    attrs = f' class="{escape(span.css)}"'
    if span.title:
        attrs += f' title="{escape(span.title)}"'
    if span.href and not inside_link:
        return f'<a href="{escape(span.href)}"{attrs}>', "</a>"
    return f"<{span.element}{attrs}>", f"</{span.element}>"


def highlight(text: str, spans: list[Span]) -> Markup:
    """`text` escaped, with every span wrapped in an element; spans that cross are split so the
    elements nest, and a link is never put inside another link."""
    heap = [(s.begin, -s.end, s.rank, i, s) for i, s in enumerate(spans) if 0 <= s.begin < s.end <= len(text)]
    heapq.heapify(heap)
    out: list[str] = []
    stack: list[tuple[Span, str]] = []  # (span, closing tag)
    pos = 0
    counter = len(spans)

    def close_to(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1][0].end <= limit:
            span, tag = stack.pop()
            out.append(str(escape(text[pos:span.end])))
            out.append(tag)
            pos = span.end

    while heap:
        begin, _, rank, _, span = heapq.heappop(heap)
        close_to(begin)
        if stack and stack[-1][0].end < span.end:  # crosses the enclosing span: split it there
            cut = stack[-1][0].end
            counter += 1
            heapq.heappush(heap, (cut, -span.end, rank, counter, Span(cut, span.end, span.css, span.title, span.href,
                                                                       span.rank, span.element)))
            span = Span(span.begin, cut, span.css, span.title, span.href, span.rank, span.element)
        out.append(str(escape(text[pos:span.begin])))
        pos = span.begin
        opening, closing = _open(span, any(tag == "</a>" for _, tag in stack))
        out.append(opening)
        stack.append((span, closing))
    close_to(len(text))
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def sentence_around(text: str, begin: int, end: int, limit: int = CONTEXT) -> tuple[str, str, str]:
    """(before, span, after): the sentence that holds text[begin:end], cut to `limit` characters on
    each side (with an ellipsis)."""
    begin, end = max(0, begin), min(len(text), end)
    start, lo = 0, max(0, begin - limit - 1)
    for m in SENTENCE_END.finditer(text, lo):
        if m.end() > begin:
            break
        start = m.end()
    m = SENTENCE_END.search(text, end)
    stop = m.end() if m and m.start() <= end + limit else len(text)
    before, after = text[start:begin].lstrip(), text[end:stop].rstrip()
    if len(before) > limit:
        before = "…" + before[-limit:]
    if len(after) > limit:
        after = after[:limit] + "…"
    return before, text[begin:end], after


def quote(text: str, begin: int | None, end: int | None, expected: str | None = None) -> Markup:
    """The sentence around text[begin:end] with the span in <mark>; just `expected` in <mark> when
    the offsets do not give it (or, without `expected`, are not in the text)."""
    if begin is None or end is None or not 0 <= begin <= end <= len(text) or (
            expected is not None and text[begin:end] != expected):
        return Markup("<mark>{}</mark>").format(expected or "")
    return Markup("{}<mark>{}</mark>{}").format(*sentence_around(text, begin, end))
