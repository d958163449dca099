"""A bilingual lexicon learned from the document pair itself, and the view it gives the aligner.

hunalign's realign idea with fast_align's model: the first alignment's confident links are
treated as a small parallel corpus, IBM Model 1 (EM over word co-occurrences, with a NULL word)
learns ``t(target word | source word)`` from it, and every source line becomes the expected bag of
its target words. That bag is linear in the line's words, so a merged block is still the sum of
its lines' bags and the banded dot products of :class:`workbench.align.features.View` apply as
they are. The lexicon knows this document's own names, terms and spellings, which neither a
generic machine translation nor cognate prefixes capture, and it needs no model at all.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

import numpy as np

from workbench.align.features import FloatArray, IntArray, SparseRows, View, tokenize

Span = tuple[int, int, int, int]  # src_start, src_end, tgt_start, tgt_end (ends exclusive)


def word_rows(lines: Sequence[str], vocab: dict[str, int]) -> SparseRows:
    """Word counts per line (punctuation left out: it is a view of its own); grows ``vocab``."""
    flat = array("q")  # machine integers: Python int lists would take several times more
    lengths = np.zeros(len(lines), dtype=np.int64)
    for k, line in enumerate(lines):
        before = len(flat)
        flat.extend(vocab.setdefault(tok, len(vocab)) for tok in tokenize(line) if tok[0].isalnum())
        lengths[k] = len(flat) - before
    feats = np.frombuffer(flat, dtype=np.int64) if flat else np.zeros(0, dtype=np.int64)
    rows = np.repeat(np.arange(len(lines), dtype=np.int64), lengths)
    return _csr(rows, feats, np.ones(feats.size), len(lines))


def _csr(rows: IntArray, feats: IntArray, data: FloatArray, n_rows: int) -> SparseRows:
    """Entries summed per (row, feature), sorted by row then feature."""
    width = int(feats.max()) + 1 if feats.size else 1
    keys, inverse = np.unique(rows * width + feats, return_inverse=True)
    summed = np.bincount(inverse, weights=data, minlength=keys.size).astype(np.float64)
    indptr = np.zeros(n_rows + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys // width, minlength=n_rows), out=indptr[1:])
    return SparseRows(indptr, keys % width, summed)


def _pair_rows(rows: SparseRows, spans: Sequence[tuple[int, int]]) -> SparseRows:
    """One row per span: the sum of rows ``[s0, s1)``."""
    ids: list[IntArray] = []
    feats: list[IntArray] = []
    data: list[FloatArray] = []
    for k, (s0, s1) in enumerate(spans):
        e0, e1 = int(rows.indptr[s0]), int(rows.indptr[s1])
        ids.append(np.full(e1 - e0, k, dtype=np.int64))
        feats.append(rows.indices[e0:e1])
        data.append(rows.data[e0:e1])
    if not ids:
        return SparseRows(np.zeros(1, dtype=np.int64), np.zeros(0, np.int64), np.zeros(0))
    return _csr(np.concatenate(ids), np.concatenate(feats), np.concatenate(data), len(spans))


def train_model1(
    src: SparseRows, tgt: SparseRows, n_src: int, iterations: int = 5
) -> tuple[IntArray, IntArray, FloatArray]:
    """IBM Model 1 on paired rows (row k of ``src`` translates row k of ``tgt``).

    Returns the lexicon as ``(src_word, tgt_word, probability)`` entries; source word ``n_src``
    is NULL, which absorbs function words that have no counterpart.
    """
    e_rows, t_rows = src.row_ids(), tgt.row_ids()
    null_rows = np.arange(src.n_rows, dtype=np.int64)
    e_row = np.concatenate([e_rows, null_rows])
    e_word = np.concatenate([src.indices, np.full(src.n_rows, n_src, dtype=np.int64)])
    # Every (source word, target token) pair of every row pair: row k's source entries times
    # its target entries, found by sorting both by row.
    e_order = np.argsort(e_row, kind="stable")
    e_row, e_word = e_row[e_order], e_word[e_order]
    e_start = np.searchsorted(e_row, np.arange(src.n_rows + 1))
    e_count = np.diff(e_start)[t_rows]
    # Pair arrays are as long as every row pair's product of lengths: they are built in place,
    # with 32-bit positions, and each is freed as soon as it is used (the peak of realignment).
    t_entry = np.repeat(np.arange(t_rows.size, dtype=np.int32), e_count)
    at = np.arange(t_entry.size, dtype=np.int64)
    at -= np.repeat(np.cumsum(e_count) - e_count, e_count)
    at += e_start[t_rows][t_entry]
    key = e_word[at]
    del at
    n_tgt = int(tgt.indices.max()) + 1 if tgt.indices.size else 1
    key *= n_tgt
    key += tgt.indices[t_entry]
    pairs, inverse = np.unique(key, return_inverse=True)
    del key
    pair_of = inverse.astype(np.int32)
    del inverse
    f_count = tgt.data[t_entry]
    prob = np.ones(pairs.size)
    for _ in range(iterations):
        p = prob[pair_of]
        norm = np.bincount(t_entry, weights=p, minlength=t_rows.size)
        p *= f_count
        p /= norm[t_entry]
        counts = np.bincount(pair_of, weights=p, minlength=pairs.size)
        del p
        total = np.bincount(pairs // n_tgt, weights=counts, minlength=n_src + 1)
        prob = counts / total[pairs // n_tgt]
    return pairs // n_tgt, pairs % n_tgt, prob


def _translate(
    line_ids: IntArray,
    words: IntArray,
    counts: FloatArray,
    lexicon: tuple[IntArray, IntArray, FloatArray],
    n_src: int,
    floor: float,
    top: int = 4,
) -> tuple[IntArray, IntArray, FloatArray]:
    """Each (line, word, count) entry becomes one (line, translation, count * t) entry for each
    of the word's ``top`` likeliest translations with ``t >= floor`` (the rest is EM's spread
    over co-occurring words, not translations, and would make every bag dense)."""
    e, f, prob = lexicon
    order = np.lexsort((-prob, e))
    e, f, prob = e[order], f[order], prob[order]
    start = np.searchsorted(e, np.arange(n_src + 2))
    rank = np.arange(e.size) - start[e]
    keep = (prob >= floor) & (e < n_src) & (rank < top)
    e, f, prob = e[keep], f[keep], prob[keep]
    lex_start = np.searchsorted(e, np.arange(n_src + 1))
    fan = np.diff(lex_start)[words]
    entry = np.repeat(np.arange(words.size), fan)
    offset = np.arange(entry.size) - np.repeat(np.cumsum(fan) - fan, fan)
    lex = lex_start[words][entry] + offset
    return line_ids[entry], f[lex], counts[entry] * prob[lex]


def _evenly(items: Sequence[Span], most: int) -> list[Span]:
    """At most ``most`` of ``items``, spread evenly over them (EM's cost grows with the pairs)."""
    if len(items) <= most:
        return list(items)
    return [items[k * len(items) // most] for k in range(most)]


def _cross_fitted(
    src_rows: SparseRows,
    tgt_rows: SparseRows,
    pairs: Sequence[Span],
    n_src: int,
    folds: int,
    floor: float,
    iterations: int,
) -> tuple[IntArray, IntArray, FloatArray]:
    """Source lines translated with lexicons that never saw them (see :func:`lexical_view`)."""
    block = np.full(src_rows.n_rows, -1, dtype=np.int64)
    for k, (s0, s1, _, _) in enumerate(pairs):
        block[s0:s1] = k * folds // len(pairs)
    line_ids = src_rows.row_ids()
    rows, feats, data = [], [], []
    for h in range(folds):
        train = _evenly([p for k, p in enumerate(pairs) if k * folds // len(pairs) != h], 1500)
        train_src = _pair_rows(src_rows, [(s0, s1) for s0, s1, _, _ in train])
        train_tgt = _pair_rows(tgt_rows, [(t0, t1) for _, _, t0, t1 in train])
        lexicon = train_model1(train_src, train_tgt, n_src, iterations)
        # A line of block h is translated by lexicon h alone; a line of no block by all, averaged.
        mine = block[line_ids] == h
        use = mine | (block[line_ids] < 0)
        weight = np.where(mine[use], 1.0, 1.0 / folds)
        r, f, d = _translate(
            line_ids[use], src_rows.indices[use], src_rows.data[use] * weight, lexicon, n_src, floor
        )
        rows.append(r)
        feats.append(f)
        data.append(d)
    return np.concatenate(rows), np.concatenate(feats), np.concatenate(data)


def lexical_view(
    src_lines: Sequence[str],
    tgt_lines: Sequence[str],
    pairs: Sequence[Span],
    *,
    folds: int = 4,
    floor: float = 0.05,
    iterations: int = 5,
) -> View:
    """The view of source lines translated word by word with lexicons learned on ``pairs``.

    ``pairs`` are spans ``(s0, s1, t0, t1)`` believed to be translations, in document order.
    They are cut into ``folds`` consecutive blocks and a lexicon is learned on all blocks but
    one, for each block (cross-fitting): a line of a block is translated by the lexicon that left
    its block out, any other line by all of them, averaged. A lexicon never scores the pairs it
    was learned from, which it would find perfect: only what carries over to other lines counts
    (and consecutive blocks keep a line's close neighbours, which share its topic, out too).
    Both sides are then weighted with the target lines' IDF.
    """
    src_vocab: dict[str, int] = {}
    tgt_vocab: dict[str, int] = {}
    src_rows, tgt_rows = word_rows(src_lines, src_vocab), word_rows(tgt_lines, tgt_vocab)
    rows, feats, data = _cross_fitted(
        src_rows, tgt_rows, pairs, len(src_vocab), max(2, folds), floor, iterations
    )
    translated = _csr(rows, feats, data, len(src_lines))
    n_tgt = max(len(tgt_vocab), 1)
    df = np.bincount(tgt_rows.indices, minlength=n_tgt).astype(np.float64)
    idf = np.log((len(tgt_lines) + 1.0) / (df + 1.0)) + 1.0
    return View(
        SparseRows(
            translated.indptr, translated.indices, translated.data * idf[translated.indices]
        ),
        SparseRows(tgt_rows.indptr, tgt_rows.indices, tgt_rows.data * idf[tgt_rows.indices]),
        n_tgt,
        np.zeros(len(src_lines), dtype=bool),
        np.zeros(len(tgt_lines), dtype=bool),
    )
