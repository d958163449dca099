"""Sparse lexical features for sentence alignment: tokens, character trigrams, IDF, banded dot products.

A *view* holds two lists of lines written in the same language (or, for the direct view, features
that need no translation) as tf-idf weighted bags of features. Bags add up, so the vector of
several consecutive lines is the sum of their vectors: a merged sentence is scored by comparing the
concatenated text with the concatenated text on the other side, exactly, without re-featurizing.
Only numpy is used; dot products are computed for the cells of a band, never for the whole matrix.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
from numpy.typing import NDArray

from workbench.align._threads import one_blas_thread

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
_Rows = tuple[IntArray, IntArray, FloatArray]


def _weighted_counts(ids: IntArray, weights: FloatArray, size: int) -> FloatArray:
    """``np.bincount`` with weights, always float (bincount returns ints for empty input)."""
    return np.bincount(ids, weights=weights, minlength=size).astype(np.float64, copy=False)


_TOKEN = re.compile(r"\w+|[^\w\s]")


class _Folding(dict[int, str | None]):
    """``str.translate`` table, filled on first sight of each character.

    Drops combining marks (accents, Arabic diacritics) and tatweel, which stretches Arabic words
    without changing them, and maps every script's decimal digits to ASCII.
    """

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        value: str | None
        if unicodedata.combining(char) or code == 0x0640:
            value = None
        elif char.isdecimal():
            value = str(unicodedata.decimal(char))
        else:
            value = char
        self[code] = value
        return value


_FOLD = _Folding()


def tokenize(text: str) -> list[str]:
    """Lower-cased word and punctuation tokens with accents and Arabic diacritics removed.

    MT output and the pre-tokenised reference disagree on spacing ("l'Himalaya" against
    "l' Himalaya"), so tokens are re-cut with one rule on every side.
    """
    return _TOKEN.findall(unicodedata.normalize("NFKD", text).casefold().translate(_FOLD))


def monolingual_features(tokens: Sequence[str]) -> list[str]:
    """Features for comparing two texts in the same language: tokens and in-word character trigrams.

    Trigrams forgive inflection and MT's wrong word forms; whole tokens keep punctuation and short
    words, which trigrams of words shorter than two characters would lose.
    """
    out = list(tokens)
    for tok in tokens:
        if len(tok) >= 2:
            padded = f"<{tok}>"
            out.extend("#" + padded[i : i + 3] for i in range(len(padded) - 2))
    return out


def word_ngrams(tokens: Sequence[str], order: int) -> list[str]:
    """Word n-grams of orders 2..``order`` (punctuation left out), as features."""
    words = [tok for tok in tokens if tok[0].isalnum()]
    return [
        " ".join(words[k : k + size])
        for size in range(2, order + 1)
        for k in range(len(words) - size + 1)
    ]


#: Punctuation that a translation into another script writes differently: Arabic comma,
#: semicolon, question mark and percent sign, and the quotation marks of either side.
_PUNCTUATION = {
    "،": ",",
    "؛": ";",
    "؟": "?",
    "٪": "%",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
}


def crosslingual_features(tokens: Sequence[str]) -> list[str]:
    """Features that survive translation without MT: numbers, punctuation, and cognate prefixes.

    Names and loan words ("Himalaya", "himalayens") share their first four letters across
    languages written in the same script; numbers and brackets are copied by translators, and
    punctuation is kept in one spelling across scripts (Arabic "،" is ",").
    """
    out = []
    for tok in tokens:
        if tok.isdigit() or not tok[0].isalnum():
            out.append(_PUNCTUATION.get(tok, tok))
        elif len(tok) >= 4:
            out.append("~" + tok[:4])
    return out


@dataclass(frozen=True)
class SparseRows:
    """Rows of a sparse matrix in CSR form; feature ids index a vocabulary shared by both sides."""

    indptr: IntArray
    indices: IntArray
    data: FloatArray

    @property
    def n_rows(self) -> int:
        return len(self.indptr) - 1

    def row_ids(self) -> IntArray:
        return np.repeat(np.arange(self.n_rows), np.diff(self.indptr))

    def sum_blocks(self, factor: int) -> SparseRows:
        """Rows summed in consecutive groups of ``factor`` (the last group may be shorter)."""
        groups = -(-self.n_rows // factor)
        width = int(self.indices.max()) + 1 if self.indices.size else 1
        keys = (self.row_ids() // factor) * width + self.indices
        uniq, inverse = np.unique(keys, return_inverse=True)
        data = _weighted_counts(inverse, self.data, uniq.size)
        indptr = np.zeros(groups + 1, dtype=np.int64)
        np.cumsum(np.bincount(uniq // width, minlength=groups), out=indptr[1:])
        return SparseRows(indptr, uniq % width, data)

    def row_ids_between(self, r0: int, r1: int) -> IntArray:
        """Row ids (relative to r0) of the stored entries of rows r0..r1-1."""
        return np.repeat(np.arange(r1 - r0), np.diff(self.indptr[r0 : r1 + 1]))

    def dot_dense(self, vector: FloatArray) -> FloatArray:
        """Each row's dot product with one dense vector over the vocabulary."""
        return _weighted_counts(self.row_ids(), self.data * vector[self.indices], self.n_rows)

    def neighbour_dots(self, max_offset: int) -> list[FloatArray]:
        """``out[d - 1][p] = <row p, row p + d>`` for d = 1..max_offset (0 past the end)."""
        out = [np.zeros(self.n_rows) for _ in range(max_offset)]
        rows = self.row_ids()
        # Sorted by feature, then row: a feature's occurrence in row p + d, if any, lies at most d
        # entries after its occurrence in row p (a row holds each feature once).
        order = np.lexsort((rows, self.indices))
        feats, rows, data = self.indices[order], rows[order], self.data[order]
        for ahead in range(1, max_offset + 1):
            same = feats[ahead:] == feats[:-ahead]
            gap = rows[ahead:] - rows[:-ahead]
            for d in range(ahead, max_offset + 1):
                hit = same & (gap == d)
                np.add.at(out[d - 1], rows[:-ahead][hit], data[:-ahead][hit] * data[ahead:][hit])
        return out


def _lost(translation: Sequence[str], originals: Sequence[str] | None) -> NDArray[np.bool_]:
    if originals is None:
        return np.zeros(len(translation), dtype=bool)
    return np.array(
        [not t.strip() and bool(o.strip()) for t, o in zip(translation, originals, strict=True)],
        dtype=bool,
    ).reshape(len(translation))


def _build_rows(lines: Sequence[str], bag: Callable[[str], list[int]], chunk: int = 1024) -> _Rows:
    """Count each line's feature ids into CSR rows, ``chunk`` lines at a time.

    Ids are gathered in flat machine-integer arrays a chunk at a time: a list of Python int
    lists for every line of a long document would take several times the memory of the rows.
    """
    indptr = np.zeros(len(lines) + 1, dtype=np.int64)
    indices: list[IntArray] = []
    counts: list[FloatArray] = []
    for c0 in range(0, len(lines), chunk):
        flat = array("q")
        lengths = np.zeros(min(chunk, len(lines) - c0), dtype=np.int64)
        for k in range(lengths.size):
            ids = bag(lines[c0 + k])
            lengths[k] = len(ids)
            flat.extend(ids)
        feats = np.frombuffer(flat, dtype=np.int64) if flat else np.zeros(0, dtype=np.int64)
        rows = np.repeat(np.arange(lengths.size, dtype=np.int64), lengths)
        width = int(feats.max()) + 1 if feats.size else 1
        keys, count = np.unique(rows * width + feats, return_counts=True)
        np.cumsum(
            np.bincount(keys // width, minlength=lengths.size),
            out=indptr[c0 + 1 : c0 + 1 + lengths.size],
        )
        indptr[c0 + 1 : c0 + 1 + lengths.size] += indptr[c0]
        indices.append(keys % width)
        counts.append(count.astype(np.float64))
    if not indices:
        return indptr, np.zeros(0, dtype=np.int64), np.zeros(0)
    return indptr, np.concatenate(indices), np.concatenate(counts)


class View:
    """Two sides in one feature space, tf-idf weighted, with what block cosines need.

    IDF is computed on the document itself (both sides' lines count as documents), so words that
    occur everywhere in *this* text weigh little. ``base_a[p]`` is line p's dot product with the
    mean of side B's unit vectors, so ``base_a[p] / |a_p|`` is its mean cosine with every line of
    B: the similarity a line gets by chance, used to normalise scores like Vecalign's
    normalisation by random pairs, but exact and without sampling.
    ``missing_a[p]`` marks lines whose machine translation came back empty although the line is
    not: this view knows nothing about them, and links over them ignore it.
    """

    def __init__(
        self,
        a: SparseRows,
        b: SparseRows,
        vocab_size: int,
        missing_a: NDArray[np.bool_],
        missing_b: NDArray[np.bool_],
    ) -> None:
        self.a, self.b, self.vocab_size = a, b, vocab_size
        self.missing_a, self.missing_b = missing_a, missing_b
        self._block_norms: dict[str, list[FloatArray]] = {}
        self.norm2_a = _weighted_counts(a.row_ids(), a.data**2, a.n_rows)
        self.norm2_b = _weighted_counts(b.row_ids(), b.data**2, b.n_rows)
        self.base_a = self._chance(a, b, self.norm2_b)
        self.base_b = self._chance(b, a, self.norm2_a)

    @classmethod
    def from_lines(
        cls,
        side_a: Sequence[str],
        side_b: Sequence[str],
        featurize: Callable[[Sequence[str]], list[str]],
        *,
        originals_a: Sequence[str] | None = None,
        originals_b: Sequence[str] | None = None,
        ngram_order: int = 1,
        extra: Callable[[str], list[str]] | None = None,
    ) -> View:
        """Featurize two lists of lines; ``originals_*`` are the texts a side is an MT of.

        ``ngram_order`` above 1 adds the line's word n-grams up to that order (Bleualign's BLEU
        idea: word order that a bag of words and trigrams cannot see, for texts in one language).
        ``extra`` gives more features of a line from its raw text (``names.name_anchors``).
        """
        vocab: dict[str, int] = {}
        cache: dict[str, list[int]] = {}

        def bag(line: str) -> list[int]:
            tokens = tokenize(line)
            for tok in tokens:  # new tokens get their ids in order of first sight
                if tok not in cache:
                    cache[tok] = [vocab.setdefault(f, len(vocab)) for f in featurize([tok])]
            ids = list(chain.from_iterable(map(cache.__getitem__, tokens)))
            ids.extend(vocab.setdefault(g, len(vocab)) for g in word_ngrams(tokens, ngram_order))
            if extra is not None:
                ids.extend(vocab.setdefault(f, len(vocab)) for f in extra(line))
            return ids

        ia, xa, da = _build_rows(side_a, bag)
        ib, xb, db = _build_rows(side_b, bag)
        n_docs = len(side_a) + len(side_b)
        df = np.bincount(xa, minlength=len(vocab)) + np.bincount(xb, minlength=len(vocab))
        idf = np.log((n_docs + 1.0) / (df.astype(np.float64) + 1.0)) + 1.0
        da *= idf[xa]
        db *= idf[xb]
        return cls(
            SparseRows(ia, xa, da),
            SparseRows(ib, xb, db),
            len(vocab),
            _lost(side_a, originals_a),
            _lost(side_b, originals_b),
        )

    def coarsen(self, factor: int, sketch: int = 512) -> View:
        """The view with every ``factor`` consecutive lines summed into one, for a coarse pass.

        Summed blocks share most features, which would make their dot products dense and slow;
        a count sketch (each feature added with a random sign into one of ``sketch`` buckets)
        keeps dot products unbiased with an error far below the gap between matching and
        non-matching blocks. A coarse line counts as missing only when all its lines are.
        """
        rng = np.random.default_rng(0)
        bucket = rng.integers(0, sketch, self.vocab_size)
        sign = rng.choice(np.array([-1.0, 1.0]), self.vocab_size)

        def fold(
            rows: SparseRows, missing: NDArray[np.bool_]
        ) -> tuple[SparseRows, NDArray[np.bool_]]:
            summed = rows.sum_blocks(factor)
            keys = summed.row_ids() * sketch + bucket[summed.indices]
            dense = _weighted_counts(
                keys, summed.data * sign[summed.indices], summed.n_rows * sketch
            )
            indptr = np.arange(0, dense.size + 1, sketch, dtype=np.int64)
            cols = np.tile(np.arange(sketch, dtype=np.int64), summed.n_rows)
            starts = np.arange(0, missing.size, factor)
            lost = np.logical_and.reduceat(missing, starts) if missing.size else missing
            return SparseRows(indptr, cols, dense), lost

        a, lost_a = fold(self.a, self.missing_a)
        b, lost_b = fold(self.b, self.missing_b)
        return View(a, b, sketch, lost_a, lost_b)

    def _chance(self, rows: SparseRows, other: SparseRows, other_norm2: FloatArray) -> FloatArray:
        if other.n_rows == 0:
            return np.zeros(rows.n_rows)
        scale = np.zeros_like(other_norm2)
        np.divide(1.0, np.sqrt(other_norm2), out=scale, where=other_norm2 > 0)
        centroid = _weighted_counts(
            other.indices, other.data * scale[other.row_ids()], self.vocab_size
        )
        return rows.dot_dense(centroid / other.n_rows)

    def block_norm2(self, side: str, max_size: int) -> list[FloatArray]:
        """``out[size][p]``: squared norm of the sum of ``size`` rows from p (0 past the end)."""
        cached = self._block_norms.get(side)
        if cached is None or len(cached) <= max_size:
            cached = self._block_norms[side] = self._compute_block_norm2(side, max_size)
        return cached

    def _compute_block_norm2(self, side: str, max_size: int) -> list[FloatArray]:
        rows, norm2 = (self.a, self.norm2_a) if side == "a" else (self.b, self.norm2_b)
        n = rows.n_rows
        cross = rows.neighbour_dots(max_size - 1)
        out = [np.zeros(n), norm2]
        for size in range(2, max_size + 1):
            k = size - 1
            grown = np.zeros(n)
            if n > k:
                extra = norm2[k:] + 2 * sum(cross[d - 1][k - d : n - d] for d in range(1, k + 1))
                grown[: n - k] = out[-1][: n - k] + extra
            out.append(grown)
        return out

    def band_dots(
        self, lo: IntArray, hi: IntArray, row_chunk: int = 64
    ) -> tuple[IntArray, FloatArray]:
        """Dot products ``<a_p, b_q>`` for q in ``[lo[p], hi[p])``, row by row, flattened.

        Returns ``(starts, values)``: row p's values are ``values[starts[p] : starts[p + 1]]``.
        Rows are processed in chunks; for each chunk the other side's rows in the chunk's column
        range become a dense matrix over the chunk's own features only, so memory stays bounded by
        the chunk and the cost is the number of (feature, column) pairs, not the vocabulary size.
        """
        n = self.a.n_rows
        widths = np.maximum(hi - lo, 0)
        starts = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(widths, out=starts[1:])
        values = np.zeros(int(starts[-1]))
        a, b = self.a, self.b
        with one_blas_thread():  # see workbench.align._threads
            for r0 in range(0, n, row_chunk):
                r1 = min(n, r0 + row_chunk)
                c0, c1 = int(lo[r0:r1].min()), int(hi[r0:r1].max())
                e0, e1 = int(a.indptr[r0]), int(a.indptr[r1])
                if c1 <= c0 or e1 == e0:
                    continue
                local, inverse = np.unique(a.indices[e0:e1], return_inverse=True)
                f0, f1 = int(b.indptr[c0]), int(b.indptr[c1])
                bfeat = b.indices[f0:f1]
                pos = np.searchsorted(local, bfeat)
                pos[pos == local.size] = 0
                hit = local[pos] == bfeat
                cols = np.repeat(np.arange(c1 - c0), np.diff(b.indptr[c0 : c1 + 1]))
                dense_b = np.zeros((local.size, c1 - c0), dtype=np.float32)
                dense_b[pos[hit], cols[hit]] = b.data[f0:f1][hit]
                dense_a = np.zeros((r1 - r0, local.size), dtype=np.float32)
                dense_a[a.row_ids_between(r0, r1), inverse] = a.data[e0:e1]
                # Both dense blocks span only the chunk's own features, so the product stays small;
                # single precision halves its cost and is ample for similarities.
                sums = dense_a @ dense_b
                for p in range(r0, r1):
                    if widths[p]:
                        values[starts[p] : starts[p + 1]] = sums[p - r0, lo[p] - c0 : hi[p] - c0]
        return starts, values
