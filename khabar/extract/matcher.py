"""A phrase matcher over normal-form tokens: longest phrase first, leading clitics allowed."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from khabar.normalise import NormText, Token, normalise_phrase, stems


@dataclass(frozen=True, slots=True)
class Match:
    first: int  # index of the first token
    last: int  # index one past the last token
    begin: int  # span in the original text
    end: int
    payload: Any
    phrase: tuple[str, ...]


class PhraseMatcher:
    """Finds lexicon phrases in a token sequence; each phrase maps to one or more payloads."""

    def __init__(self, entries: Iterable[tuple[str, Any]]):
        index: dict[str, dict[tuple[str, ...], list[Any]]] = defaultdict(dict)
        for phrase, payload in entries:
            words = normalise_phrase(phrase)
            if not words:
                continue
            index[words[0]].setdefault(words, []).append(payload)
        self._index = {first: sorted(phrases.items(), key=lambda kv: -len(kv[0]))
                       for first, phrases in index.items()}
        self.first_words = frozenset(self._index)
        self.shared = False  # True for the lexicons whose first words every text indexes up front

    def __len__(self) -> int:
        return sum(len(v) for v in self._index.values())

    def at(self, norm: NormText, tokens: list[Token], i: int) -> list[Match]:
        """All phrases that start at token i (with any clitic reading), longest first."""
        index = self._index
        found: list[Match] = []
        for removed, stem in stems(tokens[i].text):
            candidates = index.get(stem)
            if candidates is None:
                continue
            for words, payloads in candidates:
                n = len(words)
                if n > 1 and (i + n > len(tokens) or any(tokens[i + k].text != words[k] for k in range(1, n))):
                    continue
                begin, end = norm.original_span(tokens[i].start + removed, tokens[i + n - 1].end)
                for payload in payloads:
                    found.append(Match(i, i + n, begin, end, payload, words))
        if len(found) > 1:
            found.sort(key=lambda m: -(m.last - m.first))
        return found

    def find(self, norm: NormText, tokens: list[Token],
             stem_positions: dict[str, list[int]] | None = None) -> list[Match]:
        """Left to right, the longest match at each position, no overlaps.

        `stem_positions` (every clitic reading of every token -> the token positions) lets a caller
        that runs several matchers over one text compute the readings once."""
        if stem_positions is None:
            stem_positions = index_stems(tokens)
        starts = sorted({i for stem in stem_positions.keys() & self._index.keys() for i in stem_positions[stem]})
        out: list[Match] = []
        next_free = 0
        for i in starts:
            if i < next_free:
                continue
            matches = self.at(norm, tokens, i)
            if matches:
                best = matches[0]
                out.extend(m for m in matches if m.last == best.last)
                next_free = best.last
        return out


def index_stems(tokens: list[Token], known: frozenset[str] | None = None) -> dict[str, list[int]]:
    """Every clitic reading of every token -> the positions where it occurs (only the readings in
    `known`, when given: the first words of the lexicons that will be looked up)."""
    positions: dict[str, list[int]] = defaultdict(list)
    for i, token in enumerate(tokens):
        for _, stem in stems(token.text):
            if known is None or stem in known:
                positions[stem].append(i)
    return positions
