# cython: language_level=3
"""A word's own features for the recogniser, compiled (Cython; built by `make install`, see
hatch_build.py): the one definition of them, which training (mappers/build_ner.py, through
recogniser.Features) and tagging both use. Tagging draws them for each word it has not seen
before, some twenty an article: in Python that was about a tenth of the extraction's time."""
from libc.math cimport log2

from khabar.normalise import stems


def word_features(str w, dict common_words, given_names):
    """A word's own features, and those it gives the word after it, before it and two away: the
    normal-form word, its stem with the proclitics removed and which were removed, the first and
    last letters of the stem's core (its ال removed), its length, how common it is in the news
    (log2 of the articles it is in), whether it is a given name, a number, in Latin letters."""
    cdef Py_ssize_t removed
    cdef str stem, core
    cdef long df
    removed, stem = stems(w)[-1]
    core = stem[2:] if stem.startswith("ال") and len(stem) > 4 else stem
    df = common_words.get(w, common_words.get(stem, 0))
    own = ["w=" + w, "s=" + stem, "c=" + w[:removed], "p2=" + core[:2], "p3=" + core[:3],
           "x2=" + core[-2:], "x3=" + core[-3:], "len=%d" % min(len(core), 9),
           "df=%d" % (0 if df <= 0 else 1 + <long>log2(<double>df))]
    if stem.startswith("ال"):
        own.append("al")
    if w in given_names or stem in given_names:
        own.append("given")
    if w.isdigit():
        own.append("num")
    elif w.isascii():
        own.append("latin")
    return (own, ["-1" + own[0], "-1" + own[1], "-1" + own[5]], ["+1" + own[0], "+1" + own[1]],
            ["-2" + own[1], "+2" + own[1]])


def attribute_ids(list words, dict ids, dict common_words, given_names):
    """The model's ids of the features of some words (0: one the model does not weigh), five
    groups a word: its own, as the word before, after, two before, two after; and where each group
    starts in the list of ids."""
    cdef list found = [], cuts = []
    cdef list group
    for w in words:
        own, before, after, two = word_features(w, common_words, given_names)
        for group in (own, before, after, two[:1], two[1:]):
            cuts.append(len(found))
            for a in group:
                found.append(ids.get(a, 0))
    return found, cuts
