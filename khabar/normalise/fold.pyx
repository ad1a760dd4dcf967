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
