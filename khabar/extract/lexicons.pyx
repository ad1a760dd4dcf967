# cython: language_level=3, boundscheck=False, wraparound=False
"""The written forms of the sets of words the rules look for, indexed, compiled (Cython; built by
`make install`, see hatch_build.py): an article's words meet every set through one index, and most
of them, in no set, are turned away by a filter of the forms' hashes before the index is looked at
(an index of some fifty thousand forms is met by some two hundred words an article, each lookup
of a word it does not hold a miss of the processor's caches)."""
from cpython.object cimport PyObject_Hash

cdef enum:
    FILTER_BYTES = 1 << 17  # a bit for each of a million hash values: 128 KB, in the processor's cache


cdef class FormIndex:
    """Written form -> the numbers of the sets that hold it; the sets numbered 0, 1, ... as added."""

    cdef dict index
    cdef bytearray filter
    cdef readonly Py_ssize_t count  # the sets added; a reader that sees the count sees them indexed

    def __cinit__(self):
        self.index = {}
        self.filter = bytearray(FILTER_BYTES)
        self.count = 0

    def add(self, forms) -> int:
        """Index a set of forms (one caller at a time: the caller holds a lock); its number."""
        cdef Py_ssize_t number = self.count
        cdef unsigned long long h
        cdef unsigned char[::1] bits = self.filter
        for form in forms:
            self.index[form] = self.index.get(form, ()) + (number,)
            h = <unsigned long long> PyObject_Hash(form)
            bits[(h >> 3) & (FILTER_BYTES - 1)] |= 1 << (h & 7)
        self.count = number + 1
        return number

    def meet(self, words, Py_ssize_t count) -> dict:
        """Set number -> the words (of `words`, in their order) that the set holds, for the sets
        numbered below `count`."""
        cdef dict met = {}, index = self.index
        cdef unsigned long long h
        cdef unsigned char[::1] bits = self.filter
        cdef Py_ssize_t k
        for word in words:
            h = <unsigned long long> PyObject_Hash(word)
            if not (bits[(h >> 3) & (FILTER_BYTES - 1)] >> (h & 7)) & 1:
                continue  # in no set
            numbers = index.get(word)
            if numbers is None:
                continue
            for k in numbers:
                if k < count:
                    held = met.get(k)
                    if held is None:
                        met[k] = [word]
                    else:
                        (<list> held).append(word)
        return met
