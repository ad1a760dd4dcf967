# The compiled checks (Cython reads this beside fast.py): their fields in the objects themselves,
# read for each node and property of each article's graph, and their runs called from C.
cimport cython


cpdef object _unsigned_integer(str term)
cpdef bint _less(str a, str b)

cdef class Data:
    cdef public dict out, types, members, subclass, _supers

    cpdef bint instance_of(self, str node, str cls)

cdef class PropertyCheck:
    cdef public object path, message, min_count, max_count, value_checks, has_value, less_than
    cdef public object qualified, qualified_min, qualified_max

    cpdef run(self, Data data, str focus, list out)

cdef class NodeCheck:
    cdef public object targets, properties, xone, message

    @cython.locals(prop=PropertyCheck)
    cpdef run(self, Data data, list out)
