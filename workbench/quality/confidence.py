"""How sure the model was of a segment, from its own scores, and how well that predicts effort.

Confidence combines the mean token log-probability of the best hypothesis (CTranslate2's score,
length-normalised) with attention coverage (the share of the source's content words that got
attention: :mod:`workbench.align.words` lists the rest as ``unattended``). Both are in the
segment's ``mt_meta`` after a run with alignments. :func:`spearman` is the rank correlation the
Scores page and ``bench/effort_signals.py`` use to show whether it predicted real effort (HTER).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from workbench.text.chars import ARABIC_LETTER


@dataclass(frozen=True)
class Confidence:
    """``logprob``: mean token log-probability; ``coverage``: share of attended content words."""

    logprob: float
    coverage: float

    @property
    def value(self) -> float:
        """One number in [0, 1]: the mean token probability times the coverage."""
        return math.exp(min(0.0, self.logprob)) * self.coverage


def confidence(source: str, meta: Mapping[str, Any]) -> Confidence | None:
    """The confidence of a segment's MT from its ``mt_meta``, or None without the model's score."""
    scores = meta.get("scores") or []
    if not scores:
        return None
    words = [w for w in source.split() if len(ARABIC_LETTER.findall(w)) >= 3]
    unattended = len(meta.get("unattended") or [])
    coverage = 1.0 - unattended / len(words) if words else 1.0
    return Confidence(float(scores[0]), max(0.0, coverage))


def ranks(values: Sequence[float]) -> np.ndarray:
    """Ranks from 0, ties sharing their mean rank."""
    array = np.asarray(values, dtype=np.float64)
    order = np.argsort(array, kind="stable")
    out = np.empty(len(array), dtype=np.float64)
    start = 0
    while start < len(array):
        end = start
        while end + 1 < len(array) and array[order[end + 1]] == array[order[start]]:
            end += 1
        out[order[start : end + 1]] = (start + end) / 2.0
        start = end + 1
    return out


def spearman(a: Sequence[float], b: Sequence[float]) -> float:
    """Spearman's rank correlation; NaN when either side is constant or there are < 2 values."""
    if len(a) != len(b):
        raise ValueError(f"spearman needs as many values on each side ({len(a)} and {len(b)})")
    if len(a) < 2:
        return float("nan")
    ra, rb = ranks(a), ranks(b)
    if ra.std() == 0 or rb.std() == 0:
        return float("nan")
    return float(np.corrcoef(ra, rb)[0, 1])
