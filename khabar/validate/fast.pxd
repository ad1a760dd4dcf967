# The compiled checks (Cython reads this beside fast.py): their fields in the objects themselves,
# read for each node and property of each article's graph.
cdef class PropertyCheck:
    cdef public object path, message, min_count, max_count, value_checks, has_value, less_than
    cdef public object qualified, qualified_min, qualified_max

cdef class NodeCheck:
    cdef public object targets, properties, xone, message
