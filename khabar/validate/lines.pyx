# cython: language_level=3, boundscheck=False, wraparound=False
"""N-Quads text as khabar writes it, read line by line for the fast validator, compiled (Cython;
built by `make install`, see hatch_build.py): one pass over the bytes, with no object made for a
line whose predicate the shapes do not look at (the article's text among them). In Python (a split
into lines, then each line split) this was a third of the validator's time."""
from libc.string cimport memchr, memcmp


def triples(bytes nquads, dict predicates):
    """(subject, predicate, object) of each line whose predicate, as written (<iri>), is a key of
    `predicates` (its value is the predicate returned; None: every line): the subject without its
    angle brackets (a blank node as written), the object as written, the graph left out. Every line
    is `subject predicate object graph .` with single spaces, as khabar writes it. A subject written
    as the line before's (sorted lines: a node's lines come together) is the same str, read once."""
    cdef const char *data = nquads
    cdef Py_ssize_t size = len(nquads), start = 0, end, first, second, back, last_start = 0, last_size = -1
    cdef const char *hit
    cdef Py_ssize_t k, wanted_count = 0
    cdef bytes written
    cdef list wanted_written = [], wanted_names = []
    out = []
    last_subject = None
    if predicates is not None:  # compared in place, with no bytes object made for each line's predicate
        for written, name in predicates.items():
            wanted_written.append(written)
            wanted_names.append(name)
        wanted_count = len(wanted_written)
    while start < size:
        hit = <const char *> memchr(data + start, b"\n", size - start)
        end = (hit - data) if hit != NULL else size
        if end > start:
            hit = <const char *> memchr(data + start, b" ", end - start)
            if hit == NULL:
                raise ValueError(f"not an N-Quads line as khabar writes it: {nquads[start:end][:80]!r}")
            first = hit - data
            hit = <const char *> memchr(data + first + 1, b" ", end - first - 1)
            if hit == NULL:
                raise ValueError(f"not an N-Quads line as khabar writes it: {nquads[start:end][:80]!r}")
            second = hit - data
            if predicates is None:
                predicate = nquads[first + 2:second - 1].decode("utf-8")
            else:
                predicate = None
                for k in range(wanted_count):
                    written = <bytes> wanted_written[k]
                    if len(written) == second - first - 1 and memcmp(<const char *> written, data + first + 1,
                                                                    second - first - 1) == 0:
                        predicate = wanted_names[k]
                        break
            if predicate is not None:
                back = end - 2
                while back > second and not (data[back] == b" " and data[back + 1] == b"<"):
                    back -= 1
                if back <= second:
                    raise ValueError(f"an N-Quads line with no graph: {nquads[start:end][:80]!r}")
                if first - start == last_size and memcmp(data + start, data + last_start, last_size) == 0:
                    subject = last_subject
                elif data[start] == b"<":
                    subject = nquads[start + 1:first - 1].decode("utf-8")
                else:
                    subject = nquads[start:first].decode("utf-8")
                last_subject, last_start, last_size = subject, start, first - start
                out.append((subject, predicate, nquads[second + 1:back].decode("utf-8")))
        start = end + 1
    return out
