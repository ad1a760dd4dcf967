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

import struct
from array import array
from pathlib import Path
from typing import NamedTuple

from khabar.errors import InputError
from khabar.extract.knowledge import Knowledge, read_tsv
from khabar.extract.layout import Doc
from khabar.extract.viterbi import best_labels, marked_gaps, sum_groups
from khabar.extract.word_features import attribute_ids, id_tables, word_features
from khabar.resources import mappers_path

MODEL = ("models", "ner.crfsuite")
WORDS_NOT_NAMES = "ner-words-not-names.tsv"  # beside the model
TYPES = ("PER", "ORG", "LOC")
_GAZ_TYPE = {"Person": "PER", "Organization": "ORG"}  # every other entity type is a place
_CACHE_LIMIT = 400_000  # words whose features are kept (training)
_ROWS_LIMIT = 50_000  # words whose scores are kept (tagging): 14 MB
_GAPS_LIMIT = 10_000  # texts between words whose scores are kept


def _zeros(size: int) -> array:
    """`size` doubles, all 0."""
    return array("d", bytes(8 * size))


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
        if found is None:
            if len(self._words) >= _CACHE_LIMIT:
                self._words.clear()
            found = self._words[w] = self.draw(w)
        return found

    def draw(self, w: str) -> tuple[list[str], list[str], list[str], list[str]]:
        """`word`, not cached (khabar/extract/word_features.pyx)."""
        return word_features(w, self.kb.common_words, self.kb.given_names)

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
    """Tags a Doc's windows with the shipped model.

    A word's features always weigh the same, so each distinct word's scores (per label: for itself,
    for the word after it, before it and two away) are summed once from the model's weights.
    An article's windows are then scored and labelled in one compiled loop (khabar/extract/viterbi.pyx):
    each token's scores gathered from its words' rows, then CRFsuite's Viterbi, with the same
    recurrence, the same order of additions and the same tie-breaking as crf1dc_viterbi, so the labels
    are the ones CRFsuite gives the features themselves (tests/extract/test_recogniser.py), without
    handing CRFsuite each token's scores as a dict, token by token. The weights and scores are flat
    arrays of doubles (the standard library's `array`), C order."""

    def __init__(self, kb: Knowledge, model_path: str):
        self.features = Features(kb)
        self.kb = kb
        words = Path(model_path).with_name(WORDS_NOT_NAMES)
        self.not_names = frozenset(r["word"] for r in read_tsv(words)) if words.exists() else frozenset()
        labels, transitions, state_features = read_model(model_path)
        self._n = n = len(labels)
        index = {label: k for k, label in enumerate(labels)}
        attributes = sorted({a for a, _, _ in state_features})
        self._ids = ids = {a: k + 1 for k, a in enumerate(attributes)}  # 0: an attribute the model does not weigh
        self._id_tables = id_tables(self._ids)  # the same ids by what each feature is made of
        self._matrix = _zeros((len(attributes) + 1) * n)  # [attribute, label]
        for a, label, w in state_features:
            self._matrix[ids[a] * n + index[label]] = w
        self._transitions = _zeros(n * n)  # [from, to]
        for before, after, weight in transitions:
            self._transitions[index[before] * n + index[after]] = weight
        self._labels = list(labels)
        self._rows: dict[str, int] = {}
        self._gaps: dict[str, array | None] = {}  # the text between two words -> the scores its marks add
        self._table = _zeros(1024 * 5 * n)  # [word's row, as itself / the word before / after / two before / two after, label]
        gaz_tags = ["O"] + [f"{bi}-{kind}" for kind in (*TYPES, "T", "A") for bi in "BI"]  # gazetteer_tags' labels
        self._tag_ids = {tag: k for k, tag in enumerate(gaz_tags)}
        self._marks = array("d")  # [tag, as its own / the tag before's / the tag after's, label]
        for t in gaz_tags:
            for attribute in ("g=" + t, "-1g=" + t, "+1g=" + t):
                self._marks.extend(self._score((attribute,)))
        self._bos, self._eos = self._score(("BOS",)), self._score(("EOS",))

    def _score(self, attributes) -> array:
        """The summed weights of some attributes, per label (added in their order)."""
        ids, matrix, n = self._ids, self._matrix, self._n
        total = [0.0] * n
        for a in attributes:
            at = ids.get(a, 0) * n
            for j in range(n):
                total[j] += matrix[at + j]
        return array("d", total)

    def _rows_of(self, words: list[str]) -> list[int]:
        """The table rows of some words; the scores of words not seen before are summed here, all
        at once (khabar/extract/viterbi.pyx), from their features' ids."""
        rows, table = self._rows, self._table
        known = list(map(rows.get, words))
        new = list(dict.fromkeys(w for w, row in zip(words, known) if row is None))
        if not new:
            return known
        size = 5 * self._n  # a row's doubles
        if (len(rows) + len(new) + 1) * size > len(table):  # grown to twice what it must hold
            table.frombytes(bytes(8 * ((len(rows) + len(new) + 1) * size * 2 - len(table))))
        found, cuts = attribute_ids(new, self._id_tables, self.kb.common_words, self.kb.given_names)
        first = len(rows) + 1  # row 0 stays zero: no word there
        sum_groups(table, first, self._matrix, self._n, found, cuts)
        rows.update(zip(new, range(first, first + len(new))))
        return [rows[w] if row is None else row for w, row in zip(words, known)]

    def labels_of(self, doc: Doc, gaz: dict[int, str], windows: list[tuple[int, int]]) -> list[str]:
        """The BIO labels of the tokens of some windows [first, last) of a Doc (sorted, apart), one
        after the other; each window is a sequence of its own."""
        if not windows:
            return []
        positions = [i for first, last in windows for i in range(first, last)]
        if len(self._rows) >= _ROWS_LIMIT:  # between articles: an article's rows stay as they are
            self._rows.clear()
        words, n = doc.words, self._n
        rows = array("q", self._rows_of([words[i] for i in positions]))
        tag_ids = self._tag_ids
        tags = array("q", [tag_ids[gaz[i]] if i in gaz else 0 for i in positions])
        gaps, found = self._gaps, array("d")
        marked = array("q", [-1]) * len(positions)  # the row of `found` to add to each token's scores
        for k, gap in marked_gaps(doc.norm.text, doc.tokens.starts, doc.tokens.ends, positions):
            if gap not in gaps:
                if len(gaps) >= _GAPS_LIMIT:
                    gaps.clear()
                gaps[gap] = self._score(sorted({"q=" + ch for ch in gap if not ch.isspace()})) \
                    if gap.strip() else None
            score = gaps[gap]
            if score is not None:
                marked[k] = len(found) // n
                found.extend(score)
        labels = best_labels(self._table, rows, tags, marked, found if found else self._bos, self._marks, self._bos,
                             self._eos, self._transitions, array("q", [last - first for first, last in windows]), n)
        names = self._labels
        return [names[k] for k in labels]

    def tag(self, doc: Doc, gaz: dict[int, str], windows: list[tuple[int, int]]) -> list[Tagged]:
        """The names in the given token windows of a Doc, left to right; the windows are merged
        (see `_merged`) and each is tagged as a sequence. A window may run past a sentence end, a
        name never does: it ends with the sentence it starts in ("والحكومة السعودية. وزار السعودية")."""
        merged = _merged(doc, windows)
        labels = self.labels_of(doc, gaz, merged)
        found: list[Tagged] = []
        offset = 0
        for first, last in merged:
            window = labels[offset:offset + last - first]
            offset += last - first
            if window.count("O") == len(window):  # most windows: no name
                continue
            found.extend(Tagged(t.first, min(t.last, doc.sentence_bounds[doc.sent[t.first]][1]), t.type)
                         for t in spans(window, first))
        return found


_MODEL_HEADER = struct.Struct("<4sI4s9I")  # magic, size, type, version, features, labels, attributes, offsets
_CHUNK = 12  # a chunk's id, size and count
_QUARKS = 24 + 256 * 8  # a string table's header and its 256 hash-table references: then its records
_FEATURE = struct.Struct("<IIId")  # type (0: attribute -> label, 1: label -> label), from, to, weight
_STATE, _TRANSITION = 0, 1


def read_model(path: str) -> tuple[list[str], list[tuple[str, str, float]], list[tuple[str, str, float]]]:
    """A CRFsuite model file (crf1d as CRFsuite writes it: little-endian; the labels and attributes
    in string tables whose records, after the table's header, are an id, a size and the bytes with
    a NUL), read as it is: the labels in id order, the transitions (label before, label after,
    weight) and the state features (attribute, label, weight), the weights exactly as stored.
    Nothing is written: pycrfsuite reads weights from a text dump to a temporary file, whose
    descriptor it closes twice (in a threaded worker, another thread's file: "Bad file descriptor")."""
    try:
        data = Path(path).read_bytes()
        magic, _, kind, _, _, n_labels, n_attributes, at_features, at_labels, at_attributes, _, _ = \
            _MODEL_HEADER.unpack_from(data)
        if magic != b"lCRF" or kind != b"FOMC":
            raise ValueError(magic)
        n_features = struct.unpack_from("<I", data, at_features + 8)[0]  # the header's own count is left 0

        def strings(at: int, count: int) -> list[str]:
            out, k = [""] * count, at + _QUARKS
            for _ in range(count):
                key, size = struct.unpack_from("<II", data, k)
                out[key] = data[k + 8:k + 8 + size - 1].decode("utf-8")
                k += 8 + size
            return out

        labels, attributes = strings(at_labels, n_labels), strings(at_attributes, n_attributes)
        features = data[at_features + _CHUNK:at_features + _CHUNK + n_features * _FEATURE.size]
        if len(features) != n_features * _FEATURE.size:
            raise ValueError(len(features))
        transitions, state_features = [], []
        for type_, source, target, weight in _FEATURE.iter_unpack(features):
            if type_ == _STATE:
                state_features.append((attributes[source], labels[target], weight))
            elif type_ == _TRANSITION:
                transitions.append((labels[source], labels[target], weight))
    except OSError as exc:
        raise InputError(f"cannot read the recogniser's model {path}: {exc.strerror}") from None
    except (ValueError, IndexError, UnicodeDecodeError, struct.error):
        raise InputError(f"cannot read the recogniser's model {path}: not a CRFsuite model, or cut short "
                         "(make model rebuilds it)") from None
    return labels, transitions, state_features


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
