# The compiled finder (Cython reads this beside statements.py): its fields in the object itself, and
# the Doc, the knowledge and the entities known as such, so that the rules read them and call the
# Doc's methods from C.
from khabar.extract.entities cimport EntityResult
from khabar.extract.knowledge cimport Knowledge
from khabar.extract.layout cimport Doc

cdef class _StatementFinder:
    cdef public Doc doc
    cdef public Knowledge kb
    cdef public EntityResult ents
    cdef public object events, text, starts, mention_at, mention_ending, sources, unknown_at
    cdef public object last_by_body, events_in, nested_at, fronted_at, regimes
    cdef dict __dict__

    cpdef Py_ssize_t clause_end(self, Py_ssize_t start)
    cpdef bint starts_new_statement(self, Py_ssize_t k, bint after_comma=*)
    cpdef bint describes(self, Py_ssize_t i)
