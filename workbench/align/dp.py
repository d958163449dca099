"""Link scores and the banded dynamic program behind :func:`workbench.align.sentences.align_sentences`.

Coordinates: DP cell ``(i, j)`` means "the first i source and j target lines are aligned". A link
of type ``(ns, nt)`` ending in cell ``(i, j)`` covers source lines ``i-ns .. i-1`` and target lines
``j-nt .. j-1``. Row i of the band holds the cells ``j`` in ``[lo[i], hi[i])``; both bounds never
decrease, so every cell's predecessors lie in the band rows above it as contiguous slices.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from workbench.align.banddots import BandDots, Cells, LinkCells
from workbench.align.features import FloatArray, IntArray, View

LinkType = tuple[int, int]
Span = tuple[int, int, int, int]  # src_start, src_end, tgt_start, tgt_end (ends exclusive)

_NEG = -np.inf
INSERT: LinkType = (0, 1)
DELETE: LinkType = (1, 0)


@dataclass(frozen=True)
class Lines:
    """What the scorer needs to know about one side's lines besides their features.

    ``chars``: length without surrounding spaces. ``blank``: no letter or digit at all (empty
    lines, rules, OCR debris such as ``.:-- , .``): such a line carries no content, so it may be
    linked 1-1 or left alone but never merged into a neighbour's link.
    """

    chars: FloatArray
    blank: NDArray[np.bool_]

    @classmethod
    def of(cls, lines: Sequence[str]) -> Lines:
        chars = np.array([len(line.strip()) for line in lines], dtype=np.float64)
        blank = np.array([not any(ch.isalnum() for ch in line) for line in lines], dtype=bool)
        return cls(chars, blank.reshape(len(lines)))

    def coarsen(self, factor: int) -> Lines:
        """Lines summed in blocks of ``factor``; a block is blank only when all its lines are."""
        if factor == 1 or self.chars.size == 0:
            return self
        starts = np.arange(0, self.chars.size, factor)
        return Lines(
            np.add.reduceat(self.chars, starts), np.logical_and.reduceat(self.blank, starts)
        )

    def __len__(self) -> int:
        return int(self.chars.size)


@dataclass(frozen=True)
class Band:
    """The cells a pass may visit: row i spans target positions ``[lo[i], hi[i])``."""

    lo: IntArray
    hi: IntArray

    @classmethod
    def full(cls, n: int, m: int) -> Band:
        return cls(np.zeros(n + 1, dtype=np.int64), np.full(n + 1, m + 1, dtype=np.int64))

    @classmethod
    def around(cls, spans: Sequence[Span], n: int, m: int, radius: int) -> Band:
        """A band ``radius`` lines either side of a path (rows and columns)."""
        first = np.full(n + 1, m, dtype=np.int64)
        last = np.zeros(n + 1, dtype=np.int64)
        for s0, s1, t0, t1 in spans:
            first[s0 : s1 + 1] = np.minimum(first[s0 : s1 + 1], t0)
            last[s0 : s1 + 1] = np.maximum(last[s0 : s1 + 1], t1)
        first = np.minimum.accumulate(first[::-1])[::-1]
        last = np.maximum.accumulate(last)
        rows = np.arange(n + 1)
        lo = np.clip(first[np.maximum(rows - radius, 0)] - radius, 0, m)
        hi = np.clip(last[np.minimum(rows + radius, n)] + radius + 1, 1, m + 1)
        lo[0], hi[-1] = 0, m + 1
        return cls(lo, hi)

    @property
    def cells(self) -> int:
        return int(np.sum(self.hi - self.lo))


def _cumsum0(x: FloatArray) -> FloatArray:
    out = np.zeros(x.size + 1)
    np.cumsum(x, out=out[1:])
    return out


def _safe_div(num: FloatArray, den: FloatArray) -> FloatArray:
    out = np.zeros(np.broadcast(num, den).shape)
    np.divide(num, den, out=out, where=den > 0)
    return out


@dataclass(frozen=True)
class GainShape:
    """How a link's gain is shaped beyond its similarity (see :class:`LinkScorer`).

    ``contrast``: how much of the neighbours' similarity (above chance) a link's reference takes,
    from 0 (chance alone) to 1 (the larger of the two).
    """

    merge: float = 0.0
    length_power: float = 1.0
    contrast: float = 1.0


class LinkScorer:
    """Scores candidate links: normalised similarity times a length factor.

    For each view, a link's cosine is measured against a *reference*: the larger of the similarity
    the two blocks get with random lines (exact mean via the centroid) and their similarity to
    the lines right next to the link (Bertalign uses their mean; the maximum is the strongest
    competing explanation). Leaving out a neighbour that matches, or cutting through a sentence
    pair that crosses the boundary, therefore costs score; ``shape.contrast`` below 1 moves the
    reference from that maximum towards chance (weak evidence, as without MT, cannot afford to
    lose a good link to a neighbour that merely shares its numbers and punctuation). Views average, each counting only
    where its translation covers the link. Merged blocks are summed bags, i.e. the concatenated
    translation against the concatenated target. Every line of a merged side must show its own
    evidence (cosine with the opposite block above its chance level) and contain a letter or
    digit, so captions and OCR debris are left as 1-0 / 0-1 instead of joining a neighbour.
    ``shape.merge`` is added to a link's gain for each line beyond the first on either side: below 0
    it makes one merged link dearer than the smaller links it replaces.
    """

    def __init__(
        self,
        views: Sequence[View],
        src: Lines,
        tgt: Lines,
        char_ratio: float,
        band: Band,
        types: Sequence[LinkType],
        view_weights: Sequence[float] | None = None,
        shape: GainShape | None = None,
    ) -> None:
        self.shape = shape or GainShape()
        self.views = list(views)
        self.view_weights = np.asarray(
            view_weights if view_weights is not None else [1.0] * len(self.views), dtype=np.float64
        )
        self.n, self.m = len(src), len(tgt)
        max_src = max(ns for ns, _ in types)
        max_tgt = max(nt for _, nt in types)
        self.band, self.src, self.tgt, self.max_src, self.max_tgt = band, src, tgt, max_src, max_tgt
        self.dots = [BandDots(v, band, max_src, max_tgt) for v in self.views]
        if not all(d.same_band(self.dots[0]) for d in self.dots):
            raise ValueError("the views of a scorer must have the same lines")
        self.norm_a = [v.block_norm2("a", max_src) for v in self.views]
        self.norm_b = [v.block_norm2("b", max_tgt) for v in self.views]
        self.base_a = [_cumsum0(v.base_a) for v in self.views]
        self.base_b = [_cumsum0(v.base_b) for v in self.views]
        self.missing_a = [_cumsum0(v.missing_a.astype(np.float64)) for v in self.views]
        self.missing_b = [_cumsum0(v.missing_b.astype(np.float64)) for v in self.views]
        self.src_len = _cumsum0(src.chars * char_ratio)
        self.tgt_len = _cumsum0(tgt.chars)
        self.src_blank = _cumsum0(src.blank.astype(np.float64))
        self.tgt_blank = _cumsum0(tgt.blank.astype(np.float64))

    def with_view(self, view: View, weight: float) -> LinkScorer:
        """This scorer with one more view of the same lines, on the same band."""
        out = copy.copy(self)
        max_src, max_tgt = self.max_src, self.max_tgt
        out.views = [*self.views, view]
        out.view_weights = np.append(self.view_weights, weight)
        out.dots = [*self.dots, BandDots(view, self.band, max_src, max_tgt)]
        out.norm_a = [*self.norm_a, view.block_norm2("a", max_src)]
        out.norm_b = [*self.norm_b, view.block_norm2("b", max_tgt)]
        out.base_a = [*self.base_a, _cumsum0(view.base_a)]
        out.base_b = [*self.base_b, _cumsum0(view.base_b)]
        out.missing_a = [*self.missing_a, _cumsum0(view.missing_a.astype(np.float64))]
        out.missing_b = [*self.missing_b, _cumsum0(view.missing_b.astype(np.float64))]
        return out

    def length_factor(self, i: IntArray, j: IntArray, ns: int, nt: int) -> FloatArray:
        """Bertalign's length penalty ``log2(1 + short/long)`` to ``length_power``: 1 for equal
        lengths, 0 for none."""
        a = self.src_len[i] - self.src_len[i - ns]
        b = self.tgt_len[j] - self.tgt_len[j - nt]
        longer = np.maximum(a, b)
        ratio = np.where(longer > 0, _safe_div(np.minimum(a, b), longer), 1.0)
        return np.log2(1.0 + ratio) ** self.shape.length_power

    def _weights(self, i: IntArray, j: IntArray, ns: int, nt: int) -> FloatArray:
        """Each view's share of each link: its weight, where its translation covers every line of
        the link (all views equally where none does)."""
        weights = np.array(
            [
                ((self.missing_a[v][i] - self.missing_a[v][i - ns]) == 0)
                & ((self.missing_b[v][j] - self.missing_b[v][j - nt]) == 0)
                for v in range(len(self.views))
            ],
            dtype=np.float64,
        ).reshape(len(self.views), i.size)
        weights[:, weights.sum(axis=0) == 0] = 1.0
        weights *= self.view_weights[:, None]
        out: FloatArray = weights / weights.sum(axis=0)
        return out

    def _cells(self, i: IntArray, j: IntArray, ns: int, nt: int) -> LinkCells:
        index = self.dots[0]  # every view's band dots share their layout (see __init__)
        rows = [index.rows_at(i - t) for t in range(ns + 2)]  # rows[t]: row i - t

        def block(q0: IntArray, q1: IntArray) -> list[Cells]:
            return [index.cells_at(rows[t], q0, q1) for t in range(1, ns + 1)]

        last = max(self.m - 1, 0)
        return LinkCells(
            own=block(j - nt, j),
            before=index.cells_at(rows[ns + 1], j - nt, j),
            after=index.cells_at(rows[0], j - nt, j),
            sides=[block(q, q + 1) for q in (np.clip(j - nt - 1, 0, last), np.clip(j, 0, last))],
            members=[block(j - u, j - u + 1) for u in range(1, nt + 1)] if nt > 1 else [],
        )

    def similarity(
        self,
        i: IntArray,
        j: IntArray,
        ns: int,
        nt: int,
        *,
        score: bool = True,
        evidence: bool = True,
    ) -> tuple[FloatArray, FloatArray]:
        """Normalised similarity and weakest member evidence of links (ns, nt) ending at cells (i, j).

        Both are averaged over the views. Member evidence is +inf for 1-1 links. With
        ``score=False`` only the evidence is computed (the similarity comes back as zeros), with
        ``evidence=False`` only the similarity (the evidence comes back as +inf).
        """
        sim = np.zeros(i.size)
        merged = (ns if ns > 1 else 0) + (nt if nt > 1 else 0)
        members = np.zeros((merged if evidence else 0, i.size))
        weights = self._weights(i, j, ns, nt)
        cells = self._cells(i, j, ns, nt)
        for v, dots in enumerate(self.dots):
            w = weights[v]
            na = np.sqrt(self.norm_a[v][ns][i - ns])
            nb = np.sqrt(self.norm_b[v][nt][j - nt])
            own = [dots.take(c) for c in cells.own]
            if score:
                dot = own[0]
                for part in own[1:]:
                    dot = dot + part
                cos = _safe_div(dot, na * nb)
                chance = 0.5 * (
                    _safe_div(self.base_a[v][i] - self.base_a[v][i - ns], na)
                    + _safe_div(self.base_b[v][j] - self.base_b[v][j - nt], nb)
                )
                ref = self._reference(v, cells, i, j, ns, nt, (na, nb), chance)
                ref = chance + self.shape.contrast * (ref - chance)
                sim += w * (cos - ref)
            if members.shape[0]:
                self._evidence(v, cells, own, i, j, ns, (w, na, nb), members)
        weakest = members.min(axis=0) if members.shape[0] else np.full(i.size, np.inf)
        return sim, weakest

    def _evidence(
        self,
        v: int,
        cells: LinkCells,
        own: list[FloatArray],
        i: IntArray,
        j: IntArray,
        ns: int,
        factors: tuple[FloatArray, FloatArray, FloatArray],
        members: FloatArray,
    ) -> None:
        """Adds view v's share of each merged line's evidence to ``members`` (one row a line)."""
        view, dots = self.views[v], self.dots[v]
        w, na, nb = factors
        row = 0
        if ns > 1:
            for t in range(1, ns + 1):
                p = i - t
                size = np.sqrt(view.norm2_a[p])
                c = _safe_div(own[t - 1], size * nb)
                members[row] += w * (c - _safe_div(view.base_a[p], size))
                row += 1
        for u, block in enumerate(cells.members, start=1):
            q = j - u
            size = np.sqrt(view.norm2_b[q])
            d = dots.take_sum(block)
            members[row] += w * (_safe_div(d, na * size) - _safe_div(view.base_b[q], size))
            row += 1

    def _reference(
        self,
        v: int,
        cells: LinkCells,
        i: IntArray,
        j: IntArray,
        ns: int,
        nt: int,
        norms: tuple[FloatArray, FloatArray],
        chance: FloatArray,
    ) -> FloatArray:
        """The larger of chance and the link's similarity to the lines right next to it."""
        view, dots, m_count = self.views[v], self.dots[v], self.m
        na, nb = norms
        ref = chance
        for q, block in zip((j - nt - 1, j), cells.sides, strict=True):
            inside = (q >= 0) & (q < m_count)
            qc = np.clip(q, 0, max(m_count - 1, 0))
            c = _safe_div(dots.take_sum(block), na * np.sqrt(view.norm2_b[qc] if m_count else 0.0))
            ref = np.where(inside, np.maximum(ref, c), ref)
        for p, at in ((i - ns - 1, cells.before), (i, cells.after)):
            inside = (p >= 0) & (p < self.n)
            pc = np.clip(p, 0, max(self.n - 1, 0))
            c = _safe_div(dots.take(at), np.sqrt(view.norm2_a[pc]) * nb)
            ref = np.where(inside, np.maximum(ref, c), ref)
        return ref

    def gain(self, i: IntArray, j: IntArray, ns: int, nt: int) -> FloatArray:
        """What a link adds to the path score; -inf where a merged line has no evidence.

        For merged links the evidence is checked first, and only the links that pass it are
        scored (most cells of a band fail it for most link types).
        """
        if ns == 1 and nt == 1:
            sim, _ = self.similarity(i, j, ns, nt)
            return sim * self.length_factor(i, j, ns, nt)
        allowed = self.similarity(i, j, ns, nt, score=False)[1] > 0
        if ns > 1:
            allowed &= self.src_blank[i] == self.src_blank[i - ns]
        if nt > 1:
            allowed &= self.tgt_blank[j] == self.tgt_blank[j - nt]
        out = np.full(i.size, _NEG)
        keep = np.flatnonzero(allowed)
        if keep.size:
            ik, jk = i[keep], j[keep]
            sim, _ = self.similarity(ik, jk, ns, nt, evidence=False)
            value = sim * self.length_factor(ik, jk, ns, nt) + self.shape.merge * (ns + nt - 2)
            out[keep] = value
        return out


def span_gains(spans: Sequence[Span], scorer: LinkScorer, skip: float) -> FloatArray:
    """Each span's gain under ``scorer``; ``skip`` for 1-0 and 0-1 spans."""
    scores = np.full(len(spans), skip)
    by_type: dict[LinkType, list[int]] = defaultdict(list)
    for idx, (s0, s1, t0, t1) in enumerate(spans):
        kind = (s1 - s0, t1 - t0)
        if kind not in (INSERT, DELETE):
            by_type[kind].append(idx)
    for (ns, nt), idxs in by_type.items():
        i = np.array([spans[x][1] for x in idxs], dtype=np.int64)
        j = np.array([spans[x][3] for x in idxs], dtype=np.int64)
        scores[idxs] = scorer.gain(i, j, ns, nt)
    return scores
