"""The layout of an article for extraction: tokens, paragraphs, sentences, and which parts are
site boilerplate or repeated lines (left out of extraction, offsets kept)."""
from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass
from functools import cached_property

from khabar.extract.matcher import index_stems
from khabar.model import Article, Span
from khabar.normalise import NormText, Token, normalise

_LINE_BREAKS = re.compile(r"\n+")
_SENTENCE_ENDS = re.compile(r"[.!?؟\n]+")
SHORT_LINE = 8  # a boilerplate phrase marks a line only when the line is this short (in words)
BYLINE_WORDS = 5
_BYLINE = re.compile(r"\s[–—-]\s|^\s*(?:كتب|بقلم|إعداد|تحرير)\s*:", re.MULTILINE)


@dataclass
class Doc:
    article: Article
    norm: NormText
    tokens: list[Token]
    para: list[int]  # paragraph (line) number of each token
    sent: list[int]  # sentence number of each token
    skip: list[bool]  # boilerplate or a repeated line

    def span(self, first: int, last: int) -> Span:
        """The original-text span of tokens [first, last)."""
        begin, end = self.norm.original_span(self.tokens[first].start, self.tokens[last - 1].end)
        return Span(begin, end, self.article.text[begin:end])

    def gap(self, i: int) -> str:
        """The normal-form text between token i-1 and token i (punctuation, spaces)."""
        start = self.tokens[i - 1].end if i > 0 else 0
        stop = self.tokens[i].start if i < len(self.tokens) else len(self.norm.text)
        return self.norm.text[start:stop]

    def word(self, i: int) -> str:
        return self.tokens[i].text if 0 <= i < len(self.tokens) else ""

    @cached_property
    def sentence_bounds(self) -> dict[int, tuple[int, int]]:
        bounds: dict[int, tuple[int, int]] = {}
        for i, s in enumerate(self.sent):
            first, _ = bounds.get(s, (i, i))
            bounds[s] = (first, i + 1)
        return bounds

    known: frozenset[str] | None = None  # the words worth indexing (all the lexicons' first words)

    @cached_property
    def stem_positions(self) -> dict[str, list[int]]:
        """Clitic readings of the tokens -> their positions (shared by all the lexicon matchers)."""
        return index_stems(self.tokens, self.known)

    def find(self, matcher) -> list:
        """All the matches of a phrase matcher in this text."""
        if self.known is not None and not matcher.shared:
            # a matcher built for this text alone (surnames): look its words up in the text's tokens
            positions = {w: self.readings[w] for w in matcher.first_words if w in self.readings}
            return matcher.find(self.norm, self.tokens, positions)
        return matcher.find(self.norm, self.tokens, self.stem_positions)

    @cached_property
    def readings(self) -> dict[str, list[int]]:
        """Every clitic reading of every token -> its positions (built only when needed)."""
        return index_stems(self.tokens)

    @cached_property
    def published_day(self) -> dt.date | None:
        """The day the article was published, the reference for relative dates and office holders."""
        if not self.article.published:
            return None
        try:
            return dt.date.fromisoformat(self.article.published[:10])
        except ValueError:
            return None

    @cached_property
    def starts(self) -> list[int]:
        """Where each token starts in the original text."""
        return [self.norm.origin[t.start] for t in self.tokens]

    def token_at(self, offset: int) -> int:
        """The token at or before an original-text offset."""
        return max(0, bisect.bisect_right(self.starts, offset) - 1)


def layout(article: Article, boilerplate: list[tuple[tuple[str, ...], str]],
           known: frozenset[str] | None = None) -> Doc:
    norm = normalise(article.text)
    tokens = norm.tokens()
    line_breaks = [m.start() for m in _LINE_BREAKS.finditer(norm.text)]
    sentence_ends = [m.start() for m in _SENTENCE_ENDS.finditer(norm.text)]
    para = [bisect.bisect(line_breaks, t.start) for t in tokens]
    sent = [bisect.bisect(sentence_ends, t.start) for t in tokens]
    skip = [False] * len(tokens)
    line_tokens: dict[int, list[int]] = {}
    for i, p in enumerate(para):
        line_tokens.setdefault(p, []).append(i)
    seen_lines: set[tuple[str, ...]] = set()
    rest = False

    def line_text(p_no: int) -> str:
        """The whole original line that paragraph p_no's tokens sit on."""
        first, last = (norm.origin[tokens[i].start] for i in (line_tokens[p_no][0], line_tokens[p_no][-1]))
        stop = article.text.find("\n", last)
        return article.text[article.text.rfind("\n", 0, first) + 1:len(article.text) if stop < 0 else stop]

    for p_no in sorted(line_tokens):
        idx = line_tokens[p_no]
        words = tuple(tokens[i].text for i in idx)
        drop = rest or words in seen_lines
        if not drop and len(words) <= SHORT_LINE:
            for phrase, scope in boilerplate:
                if words[:len(phrase)] == phrase:
                    drop = True
                    rest = rest or scope == "rest"
                    break
        if not drop and all(w.isdigit() for w in words):
            drop = True
        if not drop and len(words) <= BYLINE_WORDS and _BYLINE.search(line_text(p_no)):
            drop = True  # a byline or dateline on its own line: "عين اليوم – الرياض"
        seen_lines.add(words)
        if drop:
            for i in idx:
                skip[i] = True
    return Doc(article, norm, tokens, para, sent, skip, known)
