# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The recogniser's arithmetic for one article, compiled (Cython; built by `make install`, see
hatch_build.py): each token's scores gathered from its words' rows, then CRFsuite's Viterbi over
each window. numpy did the same in a few dozen array operations an article, each too small to
pay for its own call; here it is one loop, over flat arrays of the standard library's `array`
(no numpy to load: a tenth of a second for each process that maps)."""
from cpython.mem cimport PyMem_Free, PyMem_Malloc


def best_labels(const double[::1] table, const long long[::1] rows, const long long[::1] tags,
                const long long[::1] gaps, const double[::1] gap_scores, const double[::1] marks,
                const double[::1] bos, const double[::1] eos, const double[::1] transitions,
                const long long[::1] lengths, Py_ssize_t n):
    """The best label (its number, of n) of each token of some windows laid end to end (`lengths`:
    each window's tokens), each window a sequence of its own, as a list. The arrays are flat, C
    order: table[row, part, label], marks[tag, part, label], gap_scores[gap, label],
    transitions[from, to].

    A token's score per label is, added in this order: its word's row as itself (table[row, 0]),
    the word before's as the word before (1), the word after's (2), two before (3), two after (4)
    (row 0, all zeros, where there is no such word in the window), its gazetteer tag's mark as its own
    (marks[tag, 0]), BOS or the tag before's mark (marks[tag, 1]), EOS or the tag after's (marks[tag,
    2]), then gap_scores[gaps[k]] where gaps[k] >= 0 (the marks between it and the word before).

    The labels are then crf1dc_viterbi's: alpha[t][j] = max_i (alpha[t-1][i] + transitions[i][j]) +
    score[t][j], the first i on a tie, and back from the first best last label."""
    cdef Py_ssize_t size = rows.shape[0], first = 0, last, k, t, i, j, arg, now, window
    cdef Py_ssize_t row, before, after, two_before, two_after
    cdef double value, best
    cdef double *scores = <double *> PyMem_Malloc((size * n + 2 * n + 1) * sizeof(double))
    cdef double *alpha
    cdef Py_ssize_t *back = <Py_ssize_t *> PyMem_Malloc((size * n + 1) * sizeof(Py_ssize_t))
    cdef Py_ssize_t *labels = <Py_ssize_t *> PyMem_Malloc((size + 1) * sizeof(Py_ssize_t))
    if scores == NULL or back == NULL or labels == NULL:
        PyMem_Free(scores)
        PyMem_Free(back)
        PyMem_Free(labels)
        raise MemoryError()
    alpha = scores + size * n
    try:
        for window in range(lengths.shape[0]):
            last = first + lengths[window]
            for k in range(first, last):
                row = rows[k] * 5 * n
                before = (rows[k - 1] * 5 + 1) * n if k > first else n
                after = (rows[k + 1] * 5 + 2) * n if k + 1 < last else 2 * n
                two_before = (rows[k - 2] * 5 + 3) * n if k > first + 1 else 3 * n
                two_after = (rows[k + 2] * 5 + 4) * n if k + 2 < last else 4 * n
                for j in range(n):
                    value = table[row + j] + table[before + j]
                    value = value + table[after + j]
                    value = value + table[two_before + j]
                    value = value + table[two_after + j]
                    value = value + marks[tags[k] * 3 * n + j]
                    value = value + (bos[j] if k == first else marks[(tags[k - 1] * 3 + 1) * n + j])
                    value = value + (eos[j] if k == last - 1 else marks[(tags[k + 1] * 3 + 2) * n + j])
                    if gaps[k] >= 0:
                        value = value + gap_scores[gaps[k] * n + j]
                    scores[k * n + j] = value
            now = 0
            for j in range(n):
                alpha[j] = scores[first * n + j]
            for t in range(first + 1, last):
                for j in range(n):
                    best = alpha[now * n] + transitions[j]
                    arg = 0
                    for i in range(1, n):
                        value = alpha[now * n + i] + transitions[i * n + j]
                        if value > best:
                            best = value
                            arg = i
                    back[t * n + j] = arg
                    alpha[(1 - now) * n + j] = best + scores[t * n + j]
                now = 1 - now
            arg = 0
            for j in range(1, n):
                if alpha[now * n + j] > alpha[now * n + arg]:
                    arg = j
            labels[last - 1] = arg
            for t in range(last - 1, first, -1):
                labels[t - 1] = back[t * n + labels[t]]
            first = last
        return [labels[k] for k in range(size)]
    finally:
        PyMem_Free(scores)
        PyMem_Free(back)
        PyMem_Free(labels)


def sum_groups(double[::1] table, Py_ssize_t first, const double[::1] matrix, Py_ssize_t n, list found, list cuts):
    """Each group of the model's attribute ids summed into a row of the table (flat, C order:
    table[row, part, label], matrix[attribute, label]): group g (ids found[cuts[g]:cuts[g + 1]],
    never empty) into table[first + g // 5, g % 5], its weights per label added one after the other
    in the group's order, as CRFsuite adds a token's weights."""
    cdef Py_ssize_t groups = len(cuts), g, k, j, start, stop, at, attribute
    for g in range(groups):
        start = cuts[g]
        stop = cuts[g + 1] if g + 1 < groups else len(found)
        at = ((first + g // 5) * 5 + g % 5) * n
        attribute = found[start]
        for j in range(n):
            table[at + j] = matrix[attribute * n + j]
        for k in range(start + 1, stop):
            attribute = found[k]
            for j in range(n):
                table[at + j] = table[at + j] + matrix[attribute * n + j]


def marked_gaps(str norm, list starts, list ends, list positions):
    """The tokens at `positions` (token numbers of a text whose words are norm[starts[i]:ends[i]])
    with anything but one space between them and the word before: (their place in `positions`,
    the text between), in order. Most tokens have a space alone before them, which tells the
    recogniser nothing; the others' marks are scored."""
    cdef Py_ssize_t k, i, before, start
    cdef list out = []
    for k in range(len(positions)):
        i = positions[k]
        if i == 0:
            continue
        before, start = ends[i - 1], starts[i]
        if start == before + 1 and norm[before] == u" ":
            continue
        out.append((k, norm[before:start]))
    return out
