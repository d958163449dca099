"""One view's dot products on the cells of a DP band, and sums of them over rows and columns."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from workbench.align.features import FloatArray, IntArray, View

if TYPE_CHECKING:
    from workbench.align.dp import Band

#: Row lookups of :meth:`BandDots.rows_at` (band start, band end, offset into the prefix sums).
RowsAt = tuple[IntArray, IntArray, IntArray]
#: Positions in the prefix sums (end, begin) of :meth:`BandDots.cells_at`.
Cells = tuple[IntArray, IntArray]


@dataclass(frozen=True)
class LinkCells:
    """Where a link's range sums lie in the band dots (shared by every view; see ``cells_at``)."""

    own: list[Cells]  # the link's block, one entry per source line
    before: Cells  # the source line before the link, against the link's target block
    after: Cells  # the source line after it
    sides: list[list[Cells]]  # the target lines before and after, against the source block
    members: list[list[Cells]]  # each target line of a merged target side, against the block


class BandDots:
    """One view's dot products on a band, with row prefix sums for range sums over columns.

    A link's score needs many sums over the same rows (its own block, its neighbours, each of
    its lines): :meth:`rows_at` looks a row up once per link and :meth:`sum_at` reuses it.
    """

    def __init__(self, view: View, band: Band, max_src: int, max_tgt: int) -> None:
        n, m = view.a.n_rows, view.b.n_rows
        upto = np.minimum(np.arange(n) + max_src + 1, n)
        self.lo = np.clip(band.lo[:n] - max_tgt - 1, 0, m)
        self.hi = np.clip(band.hi[upto], 0, m)
        starts, values = view.band_dots(self.lo, self.hi)
        widths = np.diff(starts)
        row_start = starts[:-1] + np.arange(n)  # one leading zero per row in the prefix sums
        prefix = np.zeros(values.size + n + 1)  # the last zero serves rows outside the document
        keep = np.ones(prefix.size, dtype=bool)
        keep[row_start] = False
        keep[-1] = False
        prefix[keep] = values
        del keep, values
        # Cumulative sum row by row: subtract each row's running total at its start (in place:
        # a wide band's arrays are the largest of a pass).
        np.cumsum(prefix[:-1], out=prefix[:-1])
        prefix[:-1] -= np.repeat(prefix[row_start], widths + 1)
        # Row n stands for rows -1 and n (neighbours of the first and last lines): empty.
        self.lo = np.append(self.lo, 0)
        self.hi = np.append(self.hi, 0)
        self.base = np.append(row_start - self.lo[:-1], prefix.size - 1)
        self.prefix = prefix
        self.rows = n + 1

    def rows_at(self, p: IntArray) -> RowsAt:
        """Rows ``p`` (in ``[-1, n]``) looked up for :meth:`sum_at`."""
        pc = p % self.rows
        return self.lo[pc], self.hi[pc], self.base[pc]

    def cells_at(self, rows: RowsAt, q0: IntArray, q1: IntArray) -> Cells:
        """Where :meth:`take` finds ``sum(D[p, q0:q1])`` for the rows of :meth:`rows_at`.

        Every view of a scorer shares the band, hence these positions: they are computed once
        per link and read from each view's prefix sums.
        """
        lo, hi, base = rows
        end = np.minimum(np.maximum(q1, lo), hi)
        begin = np.minimum(np.maximum(q0, lo), hi)
        return base + end, base + begin

    def take(self, cells: Cells) -> FloatArray:
        """The range sums at ``cells`` (from :meth:`cells_at`); 0 outside the band."""
        out: FloatArray = self.prefix[cells[0]] - self.prefix[cells[1]]
        return out

    def take_sum(self, blocks: Sequence[Cells]) -> FloatArray:
        """The sum of :meth:`take` over ``blocks``, added in order (a block of rows)."""
        total = self.take(blocks[0])
        for cells in blocks[1:]:
            total = total + self.take(cells)
        return total

    def same_band(self, other: BandDots) -> bool:
        return bool(np.array_equal(self.base, other.base) and np.array_equal(self.lo, other.lo))
