# The compiled Doc (Cython reads this beside layout.py): its fields in the object itself and its
# most asked methods callable from C, so that the rules, which call them some thousands of times an
# article, neither look a field up in a dictionary nor go through a Python call where the compiled
# caller knows it holds a Doc; the instance dictionary stays, for the `once` attributes.
from khabar.extract.matcher cimport PhraseMatcher

cdef class Doc:
    cdef public object article, norm, tokens
    cdef public list words, para, sent, skip, datelines
    cdef public dict _found, _spans, _at, _positions, _met
    cdef public Py_ssize_t _met_count
    cdef public str _text
    cdef public list _starts, _ends
    cdef dict __dict__

    cpdef object span(self, Py_ssize_t first, Py_ssize_t last)
    cpdef str gap(self, Py_ssize_t i)
    cpdef str word(self, Py_ssize_t i)
    cpdef object meets(self, object forms)
    cpdef object find(self, PhraseMatcher matcher)
    cpdef object at(self, PhraseMatcher matcher, Py_ssize_t i)
    cpdef object positions(self, object stems_)
    cpdef Py_ssize_t token_at(self, Py_ssize_t offset)
