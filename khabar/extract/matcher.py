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

    def __len__(self) -> int:
        return sum(len(v) for v in self._index.values())

    def at(self, norm: NormText, tokens: list[Token], i: int) -> list[Match]:
        """All phrases that start at token i (with any clitic reading), longest first."""
        found: list[Match] = []
        for removed, stem in stems(tokens[i].text):
            for words, payloads in self._index.get(stem, ()):
                n = len(words)
                if i + n > len(tokens):
                    continue
                if any(tokens[i + k].text != words[k] for k in range(1, n)):
                    continue
                begin, end = norm.original_span(tokens[i].start + removed, tokens[i + n - 1].end)
                for payload in payloads:
                    found.append(Match(i, i + n, begin, end, payload, words))
        found.sort(key=lambda m: -(m.last - m.first))
        return found

    def find(self, norm: NormText, tokens: list[Token]) -> list[Match]:
        """Left to right, the longest match at each position, no overlaps."""
        out: list[Match] = []
        i = 0
        while i < len(tokens):
            matches = self.at(norm, tokens, i)
            if matches:
                best = matches[0]
                out.extend(m for m in matches if m.last == best.last)
                i = best.last
            else:
                i += 1
        return out
