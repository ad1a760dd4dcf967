# cython: language_level=3, boundscheck=False, wraparound=False
"""A literal's text escaped as N-Quads writes it, compiled (Cython; built by `make install`, see
hatch_build.py): one pass over the characters, where a regular expression's substitution took about a
fifth of the work of writing an article's graph, most of it over the article's own text."""


cdef inline bint _unsafe(Py_UCS4 ch) noexcept:
    return ch < 0x20 or ch == u'"' or ch == u"\\" or ch == 0x7f or ch == 0xfffe or ch == 0xffff


_ESCAPES = {0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r", 0x22: '\\"', 0x5C: "\\\\"}


cdef str _escape(Py_UCS4 ch):
    found = _ESCAPES.get(<long> ch)
    return found if found is not None else "\\u%04X" % <long> ch


def escaped(str text):
    """The text with the characters N-Quads escapes in a literal escaped as pyoxigraph (oxrdf) escapes
    them: the controls U+0000-U+001F and U+007F, the quotation mark, the backslash, U+FFFE and U+FFFF
    (\\b \\t \\n \\f \\r \\" \\\\, else \\uXXXX); the text itself when it has none."""
    cdef Py_ssize_t i = -1, start = 0
    cdef Py_UCS4 ch
    cdef list pieces = None
    for ch in text:
        i += 1
        if _unsafe(ch):
            if pieces is None:
                pieces = []
            pieces.append(text[start:i])
            pieces.append(_escape(ch))
            start = i + 1
    if pieces is None:
        return text
    pieces.append(text[start:])
    return "".join(pieces)
