# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The recogniser's arithmetic for one article, compiled (Cython; built by `make install`, see
hatch_build.py): each token's scores gathered from its words' rows, then CRFsuite's Viterbi over
each window. numpy did the same in a few dozen array operations an article, each too small to
pay for its own call; here it is one loop."""


def best_labels(const double[:, :, ::1] table, const Py_ssize_t[::1] rows, const Py_ssize_t[::1] tags,
                const Py_ssize_t[::1] gaps, const double[:, ::1] gap_scores, const double[:, :, ::1] marks,
                const double[::1] bos, const double[::1] eos, const double[:, ::1] transitions,
                const Py_ssize_t[::1] lengths):
    """The best label (its column) of each token of some windows laid end to end (`lengths`: each
    window's tokens), each window a sequence of its own.

    A token's score per label is, added in this order: its word's row as itself (table[row, 0]),
    the word before's as the word before (1), the word after's (2), two before (3), two after (4)
    (row 0, all zeros, where there is no such word in the window), its gazetteer tag's mark as its own
    (marks[tag, 0]), BOS or the tag before's mark (marks[tag, 1]), EOS or the tag after's (marks[tag,
    2]), then gap_scores[gaps[k]] where gaps[k] >= 0 (the marks between it and the word before).

    The labels are then crf1dc_viterbi's: alpha[t][j] = max_i (alpha[t-1][i] + transitions[i][j]) +
    score[t][j], the first i on a tie, and back from the first best last label."""
    import numpy as np  # here, not at the top: khabar's commands that map nothing never load numpy

    cdef Py_ssize_t size = rows.shape[0], n = transitions.shape[0]
    out = np.zeros(size, dtype=np.intp)
    scores_ = np.empty((size, n))
    back_ = np.zeros((size, n), dtype=np.intp)
    alphas = np.empty((2, n))
    cdef Py_ssize_t[::1] labels = out
    cdef double[:, ::1] scores = scores_
    cdef Py_ssize_t[:, ::1] back = back_
    cdef double[:, ::1] alpha = alphas
    cdef Py_ssize_t first = 0, last, k, t, i, j, arg, row, before, after, two_before, two_after, now
    cdef double value, best
    for window in range(lengths.shape[0]):
        last = first + lengths[window]
        for k in range(first, last):
            row = rows[k]
            before = rows[k - 1] if k > first else 0
            after = rows[k + 1] if k + 1 < last else 0
            two_before = rows[k - 2] if k > first + 1 else 0
            two_after = rows[k + 2] if k + 2 < last else 0
            for j in range(n):
                value = table[row, 0, j] + table[before, 1, j]
                value = value + table[after, 2, j]
                value = value + table[two_before, 3, j]
                value = value + table[two_after, 4, j]
                value = value + marks[tags[k], 0, j]
                value = value + (bos[j] if k == first else marks[tags[k - 1], 1, j])
                value = value + (eos[j] if k == last - 1 else marks[tags[k + 1], 2, j])
                if gaps[k] >= 0:
                    value = value + gap_scores[gaps[k], j]
                scores[k, j] = value
        now = 0
        for j in range(n):
            alpha[now, j] = scores[first, j]
        for t in range(first + 1, last):
            for j in range(n):
                best = alpha[now, 0] + transitions[0, j]
                arg = 0
                for i in range(1, n):
                    value = alpha[now, i] + transitions[i, j]
                    if value > best:
                        best = value
                        arg = i
                back[t, j] = arg
                alpha[1 - now, j] = best + scores[t, j]
            now = 1 - now
        arg = 0
        for j in range(1, n):
            if alpha[now, j] > alpha[now, arg]:
                arg = j
        labels[last - 1] = arg
        for t in range(last - 1, first, -1):
            labels[t - 1] = back[t, labels[t]]
        first = last
    return out


def sum_groups(double[:, :, ::1] table, Py_ssize_t first, const double[:, ::1] matrix, list found, list cuts):
    """Each group of the model's attribute ids summed into a row of the table: group g (ids
    found[cuts[g]:cuts[g + 1]], never empty) into table[first + g // 5, g % 5], its weights per
    label added one after the other in the group's order, as CRFsuite adds a token's weights (numpy's
    add.reduceat, which did this before, adds them pairwise: the same sums to a bit or two)."""
    cdef Py_ssize_t n = matrix.shape[1], groups = len(cuts), g, k, j, start, stop, row, part, attribute
    for g in range(groups):
        start = cuts[g]
        stop = cuts[g + 1] if g + 1 < groups else len(found)
        row, part = first + g // 5, g % 5
        attribute = found[start]
        for j in range(n):
            table[row, part, j] = matrix[attribute, j]
        for k in range(start + 1, stop):
            attribute = found[k]
            for j in range(n):
                table[row, part, j] = table[row, part, j] + matrix[attribute, j]


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
