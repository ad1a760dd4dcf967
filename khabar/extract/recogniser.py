"""A trained named-entity recogniser: persons, organisations and places, tagged by a CRF.

The model (``mappers/models/ner.crfsuite``, built by ``mappers/build_ner.py`` from NewsFANE Gold;
``make model``) labels the words of a sentence B-/I-PER, ORG, LOC or O.  Its features are drawn here
and nowhere else, so training and tagging see the same thing: the normal-form word, its stem with the
proclitics removed and which were removed, the stem's first and last letters, how common the word is
in the news, whether it is a given name, whether a gazetteer name, a title or a country adjective
covers it, the punctuation around it, and the same for its neighbours.

A word's own features are cached per word; only the features that depend on its place (gazetteer
hits, punctuation, neighbours) are drawn per token.
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import NamedTuple

from khabar.extract.knowledge import Knowledge, read_tsv
from khabar.extract.layout import Doc
from khabar.normalise import stems
from khabar.resources import mappers_path

MODEL = ("models", "ner.crfsuite")
WORDS_NOT_NAMES = "ner-words-not-names.tsv"  # beside the model
TYPES = ("PER", "ORG", "LOC")
_GAZ_TYPE = {"Person": "PER", "Organization": "ORG"}  # every other entity type is a place
_CACHE_LIMIT = 400_000


def coarse_type(entity_type: str) -> str:
    """An entity type (Person, Country, ...) as the recogniser names it: PER, ORG or LOC."""
    return _GAZ_TYPE.get(entity_type, "LOC")


class Tagged(NamedTuple):
    """A recognised name: tokens [first, last) of a Doc and its coarse type (PER, ORG, LOC)."""

    first: int
    last: int
    type: str


def gazetteer_tags(doc: Doc, kb: Knowledge) -> dict[int, str]:
    """Token -> what the gazetteers and titles say of it: B-/I- plus PER/ORG/LOC, T (a title) or A
    (a country adjective)."""
    tags: dict[int, str] = {}
    for m in doc.find(kb.names):
        kind = m.payload[0]
        if kind == "entity":
            label = coarse_type(kb.entities[m.payload[1]].type)
        else:
            label = "T" if kind == "title" else "A"
        for i in range(m.first, m.last):
            tags.setdefault(i, ("B-" if i == m.first else "I-") + label)
    return tags


class Features:
    """Draws the features of a Doc's tokens; one per Knowledge, with a cache of word features."""

    def __init__(self, kb: Knowledge):
        self.kb = kb
        self._words: dict[str, tuple] = {}

    def word(self, w: str) -> tuple[list[str], list[str], list[str], list[str]]:
        """A word's own features, and those it gives the word after it, before it and two away."""
        found = self._words.get(w)
        if found is not None:
            return found
        removed, stem = stems(w)[-1]
        core = stem[2:] if stem.startswith("ال") and len(stem) > 4 else stem
        df = self.kb.common_words.get(w, self.kb.common_words.get(stem, 0))
        own = ["w=" + w, "s=" + stem, "c=" + w[:removed], "p2=" + core[:2], "p3=" + core[:3],
               "x2=" + core[-2:], "x3=" + core[-3:], "len=%d" % min(len(core), 9),
               "df=%d" % (0 if df <= 0 else 1 + int(math.log2(df)))]
        if stem.startswith("ال"):
            own.append("al")
        if w in self.kb.given_names or stem in self.kb.given_names:
            own.append("given")
        if w.isdigit():
            own.append("num")
        elif w.isascii():
            own.append("latin")
        found = (own, ["-1" + own[0], "-1" + own[1], "-1" + own[5]], ["+1" + own[0], "+1" + own[1]],
                 ["-2" + own[1], "+2" + own[1]])
        if len(self._words) >= _CACHE_LIMIT:
            self._words.clear()
        self._words[w] = found
        return found

    def sentence(self, doc: Doc, first: int, last: int, gaz: dict[int, str]) -> list[list[str]]:
        """The features of tokens [first, last) of a Doc, one list per token."""
        words, norm, starts, ends = doc.words, doc.norm.text, doc.tokens.starts, doc.tokens.ends
        drawn = [self.word(words[i]) for i in range(first, last)]
        tags = [gaz.get(i, "O") for i in range(first - 1, last + 1)]
        n = last - first
        out = []
        for k in range(n):
            own, _, _, _ = drawn[k]
            feats = own + ["g=" + tags[k + 1]]
            gap = norm[ends[first + k - 1]:starts[first + k]] if first + k > 0 else ""
            if gap != " " and gap.strip():
                feats.extend(sorted({"q=" + ch for ch in gap if not ch.isspace()}))
            if k > 0:
                feats += drawn[k - 1][1]
                feats.append("-1g=" + tags[k])
                if k > 1:
                    feats.append(drawn[k - 2][3][0])
            else:
                feats.append("BOS")
            if k + 1 < n:
                feats += drawn[k + 1][2]
                feats.append("+1g=" + tags[k + 2])
                if k + 2 < n:
                    feats.append(drawn[k + 2][3][1])
            else:
                feats.append("EOS")
            out.append(feats)
        return out


class Recogniser:
    """Tags a Doc's sentences with the shipped model."""

    def __init__(self, kb: Knowledge, model_path: str):
        import pycrfsuite  # the compiled CRFsuite core

        self.features = Features(kb)
        self.kb = kb
        words = Path(model_path).with_name(WORDS_NOT_NAMES)
        self.not_names = frozenset(r["word"] for r in read_tsv(words)) if words.exists() else frozenset()
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(model_path)

    def tag(self, doc: Doc, gaz: dict[int, str], windows: list[tuple[int, int]]) -> list[Tagged]:
        """The names in the given token windows of a Doc, left to right; the windows are merged
        (see `_merged`) and each is tagged as a sequence."""
        found: list[Tagged] = []
        for first, last in _merged(doc, windows):
            found.extend(spans(self._tagger.tag(self.features.sentence(doc, first, last, gaz)), first))
        return found


def _merged(doc: Doc, windows: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Windows [first, last) clipped to the text, sorted, merged where one starts within or right
    after the one before in the sentence that one ends in (a window may run past a sentence end),
    and without boilerplate tokens at their edges."""
    out: list[tuple[int, int]] = []
    for first, last in sorted((max(first, 0), min(last, len(doc.words))) for first, last in windows):
        if first >= last:
            continue
        if out and first <= out[-1][1] and doc.sent[first] == doc.sent[out[-1][1] - 1]:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    cleaned = []
    for first, last in out:
        while first < last and doc.skip[first]:
            first += 1
        while last > first and doc.skip[last - 1]:
            last -= 1
        if first < last:
            cleaned.append((first, last))
    return cleaned


def spans(labels: list[str], offset: int = 0) -> list[Tagged]:
    """BIO labels -> the tagged spans (an I- after O or after another type starts a span)."""
    out: list[Tagged] = []
    start, kind = None, None
    for k, label in enumerate([*labels, "O"]):
        tag, _, type_ = label.partition("-")
        if start is not None and (tag != "I" or type_ != kind):
            out.append(Tagged(offset + start, offset + k, kind))
            start, kind = None, None
        if tag in ("B", "I") and start is None:
            start, kind = k, type_
    return out


def recogniser_for(kb: Knowledge) -> Recogniser | None:
    """The recogniser of a Knowledge (made on first use), or None when its mappers folder ships no model."""
    if kb.recogniser is None:
        path = (kb.folder or mappers_path()).joinpath(*MODEL)
        kb.recogniser = Recogniser(kb, str(path)) if path.exists() else False
    return kb.recogniser or None
