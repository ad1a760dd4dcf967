# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The normal form's two passes over a text, compiled (Cython; built by `make install`, see
hatch_build.py): the characters folded or dropped by a table (khabar/normalise/arabic.py makes it
from its lists), each kept character's index in the original, and the words of the result with
their spans. In Python (a regular expression, eight replacements, a split) these were about a
twelfth of an article's time."""
from cpython cimport array
from cpython.mem cimport PyMem_Free, PyMem_Malloc

import array


cdef extern from "Python.h":
    object PyUnicode_FromKindAndData(int kind, const void *buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND
    bint Py_UNICODE_ISALNUM(Py_UCS4 ch)
    int PyUnicode_KIND(object text)
    const void *PyUnicode_DATA(object text)
    Py_UCS4 PyUnicode_READ(int kind, const void *data, Py_ssize_t index)


cdef array.array _INDICES = array.array("q")


def fold(str text, const int[::1] table):
    """The text with each character c below len(table) replaced by table[c] (dropped where it is
    -1), and the index in `text` of each character kept, with len(text) at the end, as an array of
    64-bit integers (None when nothing was dropped: the indices are then the same)."""
    cdef Py_ssize_t size = len(text), kept = 0, i = 0, limit = table.shape[0]
    cdef Py_UCS4 ch
    cdef int mapped
    cdef array.array origin = array.clone(_INDICES, size + 1, zero=False)
    cdef long long *at = origin.data.as_longlongs
    cdef Py_UCS4 *out = <Py_UCS4 *> PyMem_Malloc((size + 1) * sizeof(Py_UCS4))
    if out == NULL:
        raise MemoryError()
    try:
        for ch in text:
            mapped = table[ch] if ch < limit else <int> ch
            if mapped >= 0:
                out[kept] = <Py_UCS4> mapped
                at[kept] = i
                kept += 1
            i += 1
        folded = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, out, kept)
    finally:
        PyMem_Free(out)
    if kept == size:
        return folded, None
    at[kept] = size
    array.resize(origin, kept + 1)
    return folded, origin


def word_spans(str text):
    """The words of a text (the longest runs of letters, digits and _, as the regular expression
    \\w+ finds them) as three lists: the words, where each starts and where each ends."""
    cdef list words = [], starts = [], ends = []
    cdef Py_ssize_t i = 0, start = -1
    cdef Py_UCS4 ch
    cdef bint inside
    for ch in text:
        inside = ch == u"_" or Py_UNICODE_ISALNUM(ch)
        if inside and start < 0:
            start = i
        elif not inside and start >= 0:
            words.append(text[start:i])
            starts.append(start)
            ends.append(i)
            start = -1
        i += 1
    if start >= 0:
        words.append(text[start:i])
        starts.append(start)
        ends.append(i)
    return words, starts, ends


cdef inline bint _arabic(Py_UCS4 ch) noexcept:
    return 0x0621 <= ch <= 0x064A


cdef bint _words_run_on(int kind, const void *data, Py_ssize_t size, Py_ssize_t i) noexcept:
    """The dot at i joins two Arabic words of three letters or more («والإرهاب.الندوة»), neither of up
    to five letters with another dot beyond it («إن.اتش.كيه»): a sentence ends there."""
    cdef Py_ssize_t lo = i, hi = i + 1
    while lo > 0 and _arabic(PyUnicode_READ(kind, data, lo - 1)):
        lo -= 1
    while hi < size and _arabic(PyUnicode_READ(kind, data, hi)):
        hi += 1
    if i - lo < 3 or hi - i - 1 < 3:
        return False
    if i - lo <= 5 and lo > 0 and PyUnicode_READ(kind, data, lo - 1) == u".":
        return False
    return not (hi - i - 1 <= 5 and hi < size and PyUnicode_READ(kind, data, hi) == u".")


cdef inline bint _lone_letter_before(int kind, const void *data, Py_ssize_t i) noexcept:
    """An Arabic letter written alone is right before offset i («د.» for doctor, «م.» for engineer)."""
    return i >= 1 and _arabic(PyUnicode_READ(kind, data, i - 1)) \
        and (i < 2 or not Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, i - 2)))


cdef inline bint _sentence_stop(Py_UCS4 ch) noexcept:
    return ch == u"!" or ch == u"?" or ch == u"؟" or ch == u"\n"


def breaks(str text):
    """Where a text's line breaks and sentence ends start, as two lists: the same offsets as
    `[m.start() for m in re.finditer(r"\\n+", text)]` and as the matches of
    khabar.extract.layout.SENTENCE_END (its one definition: a run of ! ? ؟ or line breaks, or a run
    of dots not followed by a letter or digit, and not after an Arabic letter written alone, or one
    dot between two Arabic words), in one pass (a regular expression's matches cost a
    fortieth of an article's time)."""
    cdef list lines = [], sentences = []
    cdef Py_ssize_t size = len(text), i = 0, j
    cdef int kind = PyUnicode_KIND(text)
    cdef const void *data = PyUnicode_DATA(text)
    cdef Py_UCS4 ch
    while i < size:
        ch = PyUnicode_READ(kind, data, i)
        if _sentence_stop(ch):
            sentences.append(i)
            j = i
            while j < size and _sentence_stop(PyUnicode_READ(kind, data, j)):
                if PyUnicode_READ(kind, data, j) == u"\n" and (j == i or PyUnicode_READ(kind, data, j - 1) != u"\n"):
                    lines.append(j)
                j += 1
            i = j
        elif ch == u".":
            j = i + 1
            while j < size and PyUnicode_READ(kind, data, j) == u".":
                j += 1
            if _lone_letter_before(kind, data, i):
                if j - i > 1 and (j == size or not Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, j)) or j - i > 2):
                    sentences.append(i + 1)  # «د. عبدالله»: a letter alone and its dot abbreviate a title
            elif j == size or not Py_UNICODE_ISALNUM(PyUnicode_READ(kind, data, j)):
                sentences.append(i)  # the whole run of dots
            elif j - i > 1:
                sentences.append(i)  # the dots but the last, which a letter or digit follows
            elif _words_run_on(kind, data, size, i):
                sentences.append(i)  # one dot between two Arabic words, no space after it
            i = j
        else:
            i += 1
    return lines, sentences
