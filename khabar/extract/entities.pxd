# The compiled finder and its result (Cython reads this beside entities.py): their fields in the
# objects themselves, and the Doc and the knowledge known as such, so that the rules read them and
# call the Doc's methods from C.
from khabar.extract.knowledge cimport Knowledge
from khabar.extract.layout cimport Doc

cdef class EntityResult:
    cdef public dict entities, by_token
    cdef public list found, pairs, parts, firsts

cdef class _Finder:
    cdef public Doc doc
    cdef public Knowledge kb
    cdef public EntityResult result
    cdef public object day, home, titled, pending, tagged, named_later, ministers_later, title_tokens
    cdef public object recogniser
    cdef dict __dict__
