# The compiled phrase matcher (Cython reads this beside matcher.py): its fields in the object itself.
cdef class PhraseMatcher:
    cdef public dict _index, _readings
    cdef public Py_ssize_t _size
    cdef public frozenset first_words, surface

    cpdef list at(self, object norm, object tokens, Py_ssize_t i)
