"""The banded dynamic program: the best path of links through a band of DP cells.

Cells and links as in :mod:`workbench.align.dp`, whose :class:`LinkScorer` gives the gains.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workbench.align.dp import DELETE, INSERT, Band, LinkScorer, LinkType, Span
from workbench.align.features import FloatArray, IntArray

_NEG = -np.inf


def run_dp(
    band: Band, scorer: LinkScorer, types: Sequence[LinkType], skip: float, chunk: int = 8192
) -> list[Span]:
    """Best path through the band; returns the links as spans, in order.

    Rows are filled one at a time with numpy over the row's cells. Gains are computed for a chunk
    of rows at once, as many rows as hold about ``chunk`` cells (at least one), so memory is
    bounded by the chunk, not by the document nor by the band's width (a coarse pass's band is
    the whole matrix). Insertions (0-1) chain along a row; their recurrence
    ``V[j] = max(X[j], V[j-1] + skip)`` is a running maximum.
    """
    n = band.lo.size - 1
    links = [t for t in types if t[0] >= 1 and t[1] >= 1]
    moves = [INSERT, DELETE, *links]
    widths = band.hi - band.lo
    cell_start = np.zeros(n + 2, dtype=np.int64)
    np.cumsum(widths, out=cell_start[1:])
    back = np.zeros(int(cell_start[-1]), dtype=np.int8)
    max_ns = max(ns for ns, _ in moves)
    values: dict[int, FloatArray] = {}
    r1 = 0
    while r1 <= n:
        r0 = r1
        r1 = max(r0 + 1, int(np.searchsorted(cell_start, cell_start[r0] + chunk, "right")) - 1)
        r1 = min(n + 1, r1)
        gains = _chunk_gains(band, scorer, links, cell_start, (r0, r1))
        for i in range(r0, r1):
            lo, hi = int(band.lo[i]), int(band.hi[i])
            off = int(cell_start[i] - cell_start[r0])
            # One row of candidates per move (row 0: the start cell); the best is the first
            # maximum, as if the moves were tried in order and kept only when strictly better.
            cand = np.full((len(moves), hi - lo), _NEG)
            if i == 0 and lo == 0:
                cand[0, 0] = 0.0
            for code, (ns, nt) in enumerate(moves[1:], start=1):
                if i < ns:
                    continue
                plo, phi = int(band.lo[i - ns]), int(band.hi[i - ns])
                a, b = max(lo, plo + nt), min(hi, phi + nt)
                if a >= b:
                    continue
                prev = values[i - ns][a - nt - plo : b - nt - plo]
                add = skip if (ns, nt) == DELETE else gains[(ns, nt)][off + a - lo : off + b - lo]
                np.add(prev, add, out=cand[code, a - lo : b - lo])
            best = np.fmax.reduce(cand, axis=0)  # row 0 is never NaN; NaN candidates never win
            arg = (cand == best).argmax(axis=0).astype(np.int8)
            # Insertions: V[j] = max(best[j], V[j-1] + skip), a running maximum of best - skip*j.
            steps = skip * np.arange(hi - lo)
            run = np.maximum.accumulate(best - steps) + steps
            inserted = run > best + 1e-12
            arg[inserted] = 0
            values[i] = run
            back[cell_start[i] : cell_start[i + 1]] = arg
            values.pop(i - max_ns - 1, None)
    return _trace(band, back, cell_start, moves)


def _chunk_gains(
    band: Band,
    scorer: LinkScorer,
    links: Sequence[LinkType],
    cell_start: IntArray,
    chunk: tuple[int, int],
) -> dict[LinkType, FloatArray]:
    """Each link type's gain on every cell of band rows ``chunk[0] .. chunk[1] - 1``, flattened."""
    r0, r1 = chunk
    rows = np.repeat(np.arange(r0, r1), band.hi[r0:r1] - band.lo[r0:r1])
    cols = np.arange(rows.size) - (cell_start[rows] - cell_start[r0]) + band.lo[rows]
    gains = {}
    for ns, nt in links:
        # Only cells whose predecessor lies in the band are ever read.
        prev = np.maximum(rows - ns, 0)
        ok = (rows >= ns) & (cols - nt >= band.lo[prev]) & (cols - nt < band.hi[prev])
        g = np.full(rows.size, _NEG)
        if ok.any():
            g[ok] = scorer.gain(rows[ok], cols[ok], ns, nt)
        gains[(ns, nt)] = g
    return gains


def _trace(band: Band, back: np.ndarray, cell_start: IntArray, moves: list[LinkType]) -> list[Span]:
    i, j = band.lo.size - 1, int(band.hi[-1]) - 1
    spans: list[Span] = []
    while i > 0 or j > 0:
        ns, nt = moves[int(back[cell_start[i] + j - band.lo[i]])]
        spans.append((i - ns, i, j - nt, j))
        i, j = i - ns, j - nt
    spans.reverse()
    return spans
