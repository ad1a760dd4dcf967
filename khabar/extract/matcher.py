"""A phrase matcher over normal-form tokens: longest phrase first, leading clitics allowed."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any, NamedTuple

from khabar.normalise import NormText, Tokens, clitic_forms, normalise_phrase, stems


class Match(NamedTuple):  # made tens of times an article: a tuple is three times faster to make than a frozen dataclass
    first: int  # index of the first token
    last: int  # index one past the last token
    begin: int  # span in the original text
    end: int
    payload: Any
    phrase: tuple[str, ...]


# a NamedTuple made without its __new__, which is interpreted Python: Match(...), Found(...), the same tuple
tuple_new = tuple.__new__


class PhraseMatcher:
    """Finds lexicon phrases in a token sequence; each phrase maps to one or more payloads.

    Phrases are indexed by their first word and, for longer phrases, their second word, so a
    common first word (علي, على) costs one dictionary lookup where no phrase goes on. Compiled, its
    fields are the object's own (matcher.pxd): `at` is asked some hundred times an article."""

    def __init__(self, entries: Iterable[tuple[str, Any]]):
        phrases: dict[tuple[str, ...], list[Any]] = {}
        for phrase, payload in entries:
            words = normalise_phrase(phrase)
            if words:
                phrases.setdefault(words, []).append(payload)
        # first word -> (payloads of the one-word phrase, second word -> [(words after the second,
        # phrase, payloads)], longest first)
        singles: dict[str, list[Any]] = defaultdict(list)
        longer: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for words, payloads in sorted(phrases.items(), key=lambda kv: -len(kv[0])):
            if len(words) == 1:
                singles[words[0]].extend(payloads)
            else:
                longer[words[0]][words[1]].append((list(words[2:]), words, payloads))
        self._index = {first: (singles.get(first, []), dict(longer.get(first, {})))
                       for first in singles.keys() | longer.keys()}
        self._size = len(phrases)
        self.first_words = frozenset(self._index)
        # every written form of a first word, with its clitics -> its readings that start a phrase:
        # (letters removed, the first word, and its entry of _index, kept here to save a lookup)
        readings: dict[str, list[tuple]] = {}
        for word in self.first_words:
            for form in clitic_forms(word):
                readings[form] = [(removed, stem, *self._index[stem]) for removed, stem in stems(form)
                                  if stem in self._index]
        self._readings = readings
        self.surface = frozenset(readings)  # a text's words meet these in one set operation

    def __len__(self) -> int:
        return self._size

    def at(self, norm: NormText, tokens: Tokens, i: int) -> list[Match]:
        """All phrases that start at token i (with any clitic reading), longest first."""
        words, starts, ends = tokens.words, tokens.starts, tokens.ends
        found: list[Match] = []
        following = words[i + 1] if i + 1 < len(words) else None
        readings = self._readings
        for removed, stem, singles, longer in readings[words[i]] if words[i] in readings else ():
            for rest, phrase, payloads in longer[following] if following in longer else ():
                last = i + len(phrase)
                if words[i + 2:last] == rest:
                    begin, end = norm.original_span(starts[i] + removed, ends[last - 1])
                    for payload in payloads:
                        found.append(tuple_new(Match, (i, last, begin, end, payload, phrase)))
            if singles:
                begin, end = norm.original_span(starts[i] + removed, ends[i])
                for payload in singles:
                    found.append(tuple_new(Match, (i, i + 1, begin, end, payload, (stem,))))
        if len(found) > 1:
            found.sort(key=_longest_first)
        return found

    def find(self, norm: NormText, tokens: Tokens, word_positions: dict[str, list[int]] | None = None,
             present: Iterable[str] | None = None, at: dict[int, list[Match]] | None = None) -> list[Match]:
        """Left to right, the longest match at each position, no overlaps.

        `word_positions` (each distinct word of the text -> its token positions) and `present` (those
        of its words that are in `surface`, found here when not given) let a caller that runs several
        matchers over one text index it once (Doc.meets); `at`, when given, gets what `at` found at
        each place it was asked (the caller keeps it for the rules that ask again)."""
        if word_positions is None:
            word_positions = index_words(tokens.words)
        if present is None:
            present = self.surface.intersection(word_positions)
        starts = sorted(i for word in present for i in word_positions[word])
        out: list[Match] = []
        next_free = 0
        for i in starts:
            if i < next_free:
                continue
            matches = self.at(norm, tokens, i)
            if at is not None:
                at[i] = matches
            if matches:
                best = matches[0]
                out.extend(m for m in matches if m.last == best.last)
                next_free = best.last
        return out


def _longest_first(m: Match) -> int:
    return m.first - m.last


def index_words(words: list[str]) -> dict[str, list[int]]:
    """Each distinct word -> the positions where it occurs."""
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        seen = positions.get(word)
        if seen is None:
            positions[word] = [i]
        else:
            seen.append(i)
    return positions
