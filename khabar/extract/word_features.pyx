# cython: language_level=3
"""A word's own features for the recogniser, compiled (Cython; built by `make install`, see
hatch_build.py): the one definition of them (`_parts`), which training (mappers/build_ner.py,
through recogniser.Features) reads as feature names and tagging as the model's ids of those names.
Tagging finds the ids of each word it has not seen before, some twenty an article: in Python that
was about a tenth of the extraction's time, and writing out the names to look them up still more
than half of what is left."""
from libc.math cimport log2

from khabar.normalise import stems

# what a word's parts give the word itself, the word before it, after it, two before, two after:
# the prefixes of the feature names, in the order the features are drawn (see word_features)
_WORD = ("w", "-1w", "+1w")
_STEM = ("s", "-1s", "+1s", "-2s", "+2s")
_END2 = ("x2", "-1x2")
_SINGLE = ("c", "p2", "p3", "x3", "len", "df")
_FLAGS = ("al", "given", "num", "latin")


cdef tuple _parts(str w, dict common_words, given_names):
    """What a word's features are made of: its stem with the proclitics removed, the clitics
    removed, the first two and three and last two and three letters of the stem's core (its ال
    removed), the core's length (9: longer), how common the word is in the news (log2 of the
    articles it is in, plus one; 0: in none), and its flags (al, given, num, latin)."""
    cdef Py_ssize_t removed
    cdef str stem, core
    cdef long df
    removed, stem = stems(w)[-1]
    core = stem[2:] if stem.startswith("ال") and len(stem) > 4 else stem
    df = common_words.get(w, common_words.get(stem, 0))
    flags = []
    if stem.startswith("ال"):
        flags.append("al")
    if w in given_names or stem in given_names:
        flags.append("given")
    if w.isdigit():
        flags.append("num")
    elif w.isascii():
        flags.append("latin")
    return (stem, w[:removed], core[:2], core[:3], core[-2:], core[-3:], min(len(core), 9),
            0 if df <= 0 else 1 + <long>log2(<double>df), flags)


def word_features(str w, dict common_words, given_names):
    """A word's own features, and those it gives the word after it, before it and two away: the
    normal-form word, its stem with the proclitics removed and which were removed, the first and
    last letters of the stem's core (its ال removed), its length, how common it is in the news
    (log2 of the articles it is in), whether it is a given name, a number, in Latin letters."""
    stem, clitics, p2, p3, x2, x3, length, df, flags = _parts(w, common_words, given_names)
    own = ["w=" + w, "s=" + stem, "c=" + clitics, "p2=" + p2, "p3=" + p3, "x2=" + x2, "x3=" + x3,
           "len=%d" % length, "df=%d" % df] + flags
    return (own, ["-1" + own[0], "-1" + own[1], "-1" + own[5]], ["+1" + own[0], "+1" + own[1]],
            ["-2" + own[1], "+2" + own[1]])


def id_tables(dict ids):
    """The model's ids of the word features (`ids`: feature name -> id) by what each is made of:
    (word -> its ids as w, -1w, +1w; stem -> as s, -1s, +1s, -2s, +2s; last two letters -> as x2,
    -1x2; for each of c, p2, p3, x3, len, df: part -> id; flag -> id). A name the model does not
    weigh has id 0."""
    word, stem, end2 = {}, {}, {}
    single = {prefix: {} for prefix in _SINGLE}
    flags = {flag: ids.get(flag, 0) for flag in _FLAGS}
    for name, number in ids.items():
        prefix, equals, part = name.partition("=")
        if not equals:
            continue
        for table, prefixes in ((word, _WORD), (stem, _STEM), (end2, _END2)):
            if prefix in prefixes:
                found = table.get(part)
                if found is None:
                    found = table[part] = [0] * len(prefixes)
                found[prefixes.index(prefix)] = number
                break
        else:
            if prefix in single:
                single[prefix][int(part) if prefix in ("len", "df") else part] = number
    return word, stem, end2, single, flags


_NONE = (0, 0, 0, 0, 0)


def attribute_ids(list words, tuple tables, dict common_words, given_names):
    """The model's ids of the features of some words (0: one the model does not weigh), five
    groups a word: its own, as the word before, after, two before, two after; and where each group
    starts in the list of ids. `tables`: id_tables(the model's ids). The same ids as looking up each
    name word_features gives, without writing the names."""
    cdef list found = [], cuts = []
    cdef dict by_word, by_stem, by_end2, single, flags
    by_word, by_stem, by_end2, single, flags = tables
    clitic_ids, p2_ids, p3_ids, x3_ids, len_ids, df_ids = [single[prefix] for prefix in _SINGLE]
    for w in words:
        stem, clitics, p2, p3, x2, x3, length, df, its_flags = _parts(w, common_words, given_names)
        w_ids = by_word.get(w, _NONE)
        s_ids = by_stem.get(stem, _NONE)
        x2_ids = by_end2.get(x2, _NONE)
        cuts.append(len(found))
        found += [w_ids[0], s_ids[0], clitic_ids.get(clitics, 0), p2_ids.get(p2, 0), p3_ids.get(p3, 0), x2_ids[0],
                  x3_ids.get(x3, 0), len_ids.get(length, 0), df_ids.get(df, 0)]
        for flag in its_flags:
            found.append(flags[flag])
        cuts.append(len(found))
        found += [w_ids[1], s_ids[1], x2_ids[1]]
        cuts.append(len(found))
        found += [w_ids[2], s_ids[2]]
        cuts.append(len(found))
        found.append(s_ids[3])
        cuts.append(len(found))
        found.append(s_ids[4])
    return found, cuts
