"""Measuring translations: sacrebleu metrics with their signatures, HTER, post-editing effort.

``metrics`` (BLEU, chrF, TER and HTER, the :data:`METRICS` registry) and ``effort`` (per-segment
and per-document HTER and edit time from the store's rows).
"""

from workbench.quality.effort import DocumentEffort, SegmentEffort, document_effort
from workbench.quality.metrics import METRICS, Score, hter, score, score_files

__all__ = [
    "METRICS",
    "DocumentEffort",
    "Score",
    "SegmentEffort",
    "document_effort",
    "hter",
    "score",
    "score_files",
]
