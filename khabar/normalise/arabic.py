"""Normalise Arabic text for matching while keeping every offset into the original.

The normal form folds hamza and alef forms (أ إ آ ٱ -> ا, ؤ -> و, ئ -> ي), ta marbuta (ة -> ه),
alef maqsura (ى -> ي), drops diacritics, tatweel, zero-width and bidi controls, turns
Arabic-Indic and Persian digits into ASCII digits and lower-cases Latin letters.  Each character
of the normal form remembers the index of the character it came from, so a match in the normal
form maps back to an exact span of the original text.

>>> n = normalise("قالَ الرئيسُ: ٢٠١٥")
>>> n.text
'قال الرييس: 2015'
>>> n.original_span(4, 10)
(5, 12)
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter
from functools import lru_cache

_DROP = set()
_DROP.update(range(0x0610, 0x061B))   # Quranic marks
_DROP.update(range(0x064B, 0x0660))   # harakat, shadda, sukun
_DROP.add(0x0670)                     # superscript alef
_DROP.update(range(0x06D6, 0x06EE))   # Quranic annotation signs
_DROP.add(0x0640)                     # tatweel
_DROP.update((0x00AD, 0x061C, 0xFEFF))  # soft hyphen, Arabic letter mark, BOM
_DROP.update(range(0x200B, 0x2010))   # zero-width chars, LRM, RLM
_DROP.update(range(0x202A, 0x202F))   # bidi embeddings and overrides
_DROP.update(range(0x2066, 0x206A))   # bidi isolates

_MARKS = {c for c in _DROP if c < 0x0700}

_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ة": "ه", "ى": "ي",
    "ی": "ي", "ک": "ك",  # Persian ya and kaf
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Persian digits

_WORD = re.compile(r"[\w]+", re.UNICODE)
_SPLIT = re.compile(r"(\W+)", re.UNICODE)


def _fold_char(ch: str) -> str:
    folded = _FOLD.get(ch)
    if folded is not None:
        return folded
    if ch.isupper():
        lower = ch.lower()
        if len(lower) == 1:
            return lower
    return ch


class Token(tuple):
    """A word of the normal form: (text, start, end), its span in the normal form."""

    __slots__ = ()
    text = property(itemgetter(0))
    start = property(itemgetter(1))
    end = property(itemgetter(2))


@dataclass(frozen=True, slots=True)
class NormText:
    original: str
    text: str
    origin: tuple[int, ...]  # origin[i] = index in `original` of normal-form char i; one extra at the end

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normal form [start, end) to the original text."""
        if end <= start:
            begin = self.origin[start]
            return begin, begin
        stop = self.origin[end - 1] + 1
        while stop < len(self.original) and ord(self.original[stop]) in _MARKS:
            stop += 1  # keep the last letter's diacritics inside the span
        return self.origin[start], stop

    def tokens(self) -> list[Token]:
        pieces = _SPLIT.split(self.text)  # word, separator, word, ... (the first may be empty)
        offsets = list(accumulate(map(len, pieces), initial=0))
        return [Token((w, offsets[k], offsets[k + 1])) for k, w in enumerate(pieces) if w and not k % 2]


_TABLE = {ord(k): v for k, v in _FOLD.items()}
_TABLE.update({c: None for c in _DROP})
_DROP_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_DROP)) + "]+")


def normalise(text: str) -> NormText:
    folded = text.translate(_TABLE)
    if folded.lower() != folded:  # some letters are upper case (the check is cheap; the fold is exact)
        folded = "".join(_fold_char(ch) for ch in folded)
    origin: list[int] = []
    kept_from = 0
    for run in _DROP_RE.finditer(text):
        origin.extend(range(kept_from, run.start()))
        kept_from = run.end()
    origin.extend(range(kept_from, len(text)))
    origin.append(len(text))
    return NormText(text, folded, tuple(origin))


@lru_cache(maxsize=65536)
def normalise_phrase(phrase: str) -> tuple[str, ...]:
    """The normal-form words of a lexicon phrase, as matched against text tokens."""
    return tuple(m.group() for m in _WORD.finditer(normalise(phrase).text))


_CONJ = ("و", "ف")
_PREP = ("ب", "ل", "ك")


@lru_cache(maxsize=262144)
def stems(word: str) -> tuple[tuple[int, str], ...]:
    """The readings of a normal-form word with its proclitics removed: (chars removed, stem).

    Conjunctions و ف, prepositions ب ل ك, and ل + ال written لل; the word itself comes first.

    >>> stems("وبالرييس")
    ((0, 'وبالرييس'), (1, 'بالرييس'), (2, 'الرييس'))
    >>> stems("للولايات")
    ((0, 'للولايات'), (1, 'الولايات'))
    """
    found: list[tuple[int, str]] = [(0, word)]
    rest, removed = word, 0
    if len(rest) > 3 and rest[0] in _CONJ:
        rest, removed = rest[1:], 1
        found.append((removed, rest))
    if len(rest) > 3 and rest.startswith("لل"):
        found.append((removed + 1, "ا" + rest[1:]))
    elif len(rest) > 3 and rest[0] in _PREP:
        found.append((removed + 1, rest[1:]))
    seen: set[str] = set()
    unique = []
    for item in found:
        if item[1] not in seen:
            seen.add(item[1])
            unique.append(item)
    return tuple(unique)
