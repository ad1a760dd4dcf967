"""Text with typed spans as nested, escaped HTML, and the sentence around a quote."""
from __future__ import annotations

import heapq
from dataclasses import dataclass

from markupsafe import Markup, escape

_TERMINATORS = ".!?؟\n۔"


@dataclass(frozen=True)
class Span:
    """A stretch of text to mark: `css` classes, a tooltip and, for entities, a link."""

    begin: int
    end: int
    css: str
    title: str = ""
    href: str | None = None
    rank: int = 0  # at equal offsets, lower ranks go outside


def _open(span: Span, inside_link: bool) -> str:
    attrs = f' class="{escape(span.css)}"'
    if span.title:
        attrs += f' title="{escape(span.title)}"'
    if span.href and not inside_link:
        return f'<a href="{escape(span.href)}"{attrs}>'
    return f"<span{attrs}>"


def highlight(text: str, spans: list[Span]) -> Markup:
    """`text` escaped, with every span wrapped in an element; spans that cross are split so the
    elements nest, and a link is never put inside another link."""
    heap = [(s.begin, -s.end, s.rank, i, s) for i, s in enumerate(spans)
            if 0 <= s.begin < s.end <= len(text)]
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
            rest = Span(cut, span.end, span.css, span.title, span.href, span.rank)
            heapq.heappush(heap, (cut, -span.end, rank, counter, rest))
            span = Span(span.begin, cut, span.css, span.title, span.href, span.rank)
        out.append(str(escape(text[pos:span.begin])))
        pos = span.begin
        inside_link = any(tag == "</a>" for _, tag in stack)
        opening = _open(span, inside_link)
        out.append(opening)
        stack.append((span, "</a>" if opening.startswith("<a ") else "</span>"))
    close_to(len(text))
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def sentence_around(text: str, begin: int, end: int, limit: int = 240) -> tuple[str, str, str]:
    """(before, quoted, after): the sentence that holds text[begin:end], cut to `limit`
    characters on each side (with an ellipsis)."""
    begin, end = max(0, begin), min(len(text), end)
    start = max((text.rfind(ch, 0, begin) for ch in _TERMINATORS), default=-1) + 1
    stops = [i for i in (text.find(ch, end) for ch in _TERMINATORS) if i >= 0]
    stop = min(stops) + 1 if stops else len(text)
    before, after = text[start:begin].lstrip(), text[end:stop].rstrip()
    if len(before) > limit:
        before = "…" + before[-limit:]
    if len(after) > limit:
        after = after[:limit] + "…"
    return before, text[begin:end], after


def quote_html(text: str, begin: int | None, end: int | None, fallback: str) -> Markup:
    """The sentence around a statement with the statement's words in <mark>."""
    if begin is None or end is None or text[begin:end] != fallback:
        return Markup("<mark>{}</mark>").format(fallback)
    before, quoted, after = sentence_around(text, begin, end)
    return Markup("{}<mark>{}</mark>{}").format(before, quoted, after)
