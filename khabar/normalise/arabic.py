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

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from khabar.normalise.fold import fold, word_spans

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

@dataclass(frozen=True, slots=True)
class Tokens:
    """The words of a normal form and their spans in it, as three parallel lists."""

    words: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True, slots=True)
class NormText:
    original: str
    text: str
    origin: Sequence[int]  # origin[i] = index in `original` of normal-form char i; one extra at the end

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the normal form [start, end) to the original text."""
        origin = self.origin  # asked some hundred times an article: each attribute read once
        if end <= start:
            begin = origin[start]
            return begin, begin
        original = self.original
        stop, size = origin[end - 1] + 1, len(original)
        while stop < size and ord(original[stop]) in _MARKS:
            stop += 1  # keep the last letter's diacritics inside the span
        return origin[start], stop

    def tokens(self) -> Tokens:
        """The words (runs of letters, digits and _) and their spans."""
        return Tokens(*word_spans(self.text))


# code point -> the code point it folds to, itself, or -1 (dropped): the one pass of fold.pyx
_TABLE = array("i", range(max(max(_DROP), *map(ord, _FOLD)) + 1))
for _c in _DROP:
    _TABLE[_c] = -1
for _k, _v in _FOLD.items():
    _TABLE[ord(_k)] = ord(_v)


_UNDECORATE = dict.fromkeys(_DROP)


def undecorated(text: str) -> str:
    """The text as written, without the marks matching drops (diacritics, tatweel, invisible
    controls): its letters, hamzas and ta marbuta kept («وأطلعَ» -> «وأطلع»)."""
    return text.translate(_UNDECORATE)


def normalise(text: str) -> NormText:
    folded, origin = fold(text, _TABLE)
    if folded.lower() != folded:  # some letters are upper case
        lowered = folded.lower()
        if len(lowered) != len(folded):  # a letter whose lower case is longer (İ): keep it as it is
            lowered = "".join(low if len(low := ch.lower()) == 1 else ch for ch in folded)
        folded = lowered
    return NormText(text, folded, range(len(text) + 1) if origin is None else origin)


@lru_cache(maxsize=65536)
def normalise_phrase(phrase: str) -> tuple[str, ...]:
    """The normal-form words of a lexicon phrase, as matched against text tokens."""
    return tuple(word_spans(normalise(phrase).text)[0])


CONJUNCTION_CLITICS = ("و", "ف")
PREPOSITION_CLITICS = ("ب", "ل", "ك")  # the prepositions written as one with the word after them


# word -> its readings: a plain dictionary, emptied when full (asked some 150 times an article,
# mostly for words asked before: a lookup, where an LRU cache also moves the word to its front)
_STEMS: dict[str, tuple[tuple[int, str], ...]] = {}
STEMS_KEPT = 262_144


def stems(word: str) -> tuple[tuple[int, str], ...]:
    """The readings of a normal-form word with its proclitics removed: (chars removed, stem).

    Conjunctions و ف, prepositions ب ل ك, and ل + ال written لل; the word itself comes first.

    >>> stems("وبالرييس")
    ((0, 'وبالرييس'), (1, 'بالرييس'), (2, 'الرييس'))
    >>> stems("للولايات")
    ((0, 'للولايات'), (1, 'الولايات'))
    """
    try:
        return _STEMS[word]
    except KeyError:
        pass
    if len(_STEMS) >= STEMS_KEPT:
        _STEMS.clear()
    found = _STEMS[word] = _readings(word)
    return found


def _readings(word: str) -> tuple[tuple[int, str], ...]:
    """`stems`, not kept. The readings never repeat a stem (each is shorter than the one before,
    or differs in its first letter: «للـ» read as «ال»), so none is looked for."""
    if len(word) > 3 and word[0] in CONJUNCTION_CLITICS:
        rest = word[1:]
        if len(rest) > 3 and rest.startswith("لل"):
            return (0, word), (1, rest), (2, "ا" + rest[1:])
        if len(rest) > 3 and rest[0] in PREPOSITION_CLITICS:
            return (0, word), (1, rest), (2, rest[1:])
        return (0, word), (1, rest)
    if len(word) > 3 and word.startswith("لل"):
        return (0, word), (1, "ا" + word[1:])
    if len(word) > 3 and word[0] in PREPOSITION_CLITICS:
        return (0, word), (1, word[1:])
    return ((0, word),)


@lru_cache(maxsize=65536)
def clitic_forms(stem: str) -> frozenset[str]:
    """The written forms of a word with its proclitics: every word whose `stems` include `stem`.

    >>> sorted(clitic_forms("الرييس"))[:4]
    ['الرييس', 'بالرييس', 'فالرييس', 'فبالرييس']
    """
    return frozenset(form for form, _ in clitic_readings(stem))


@lru_cache(maxsize=65536)
def clitic_readings(stem: str) -> tuple[tuple[str, int], ...]:
    """`clitic_forms`, each with the letters its clitics take (its reading as `stem`), sorted.

    >>> clitic_readings("الرييس")[:3]
    (('الرييس', 0), ('بالرييس', 1), ('فالرييس', 1))
    """
    forms = {stem, *(p + stem for p in PREPOSITION_CLITICS)}
    if stem.startswith("ال"):
        forms.add("لل" + stem[2:])
    forms |= {c + form for c in CONJUNCTION_CLITICS for form in forms}
    return tuple(sorted((form, removed) for form in forms for removed, s in stems(form) if s == stem))
