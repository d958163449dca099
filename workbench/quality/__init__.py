"""Measuring translations: sacrebleu metrics with their signatures, HTER, post-editing effort.

``metrics`` (BLEU, chrF, TER and HTER, the :data:`METRICS` registry), ``effort`` (per-segment
and per-document HTER and edit time from the store's rows), ``checks`` and ``qa`` (QA on the
English: the issue codes of :data:`CODES`, run on a pair, a file or a stored document).
"""

from workbench.quality.effort import DocumentEffort, SegmentEffort, document_effort
from workbench.quality.metrics import METRICS, Score, hter, score, score_files
from workbench.quality.qa import (
    CODES,
    Issue,
    SegmentIssues,
    check_document,
    check_pair,
    check_pairs,
)

__all__ = [
    "CODES",
    "METRICS",
    "DocumentEffort",
    "Issue",
    "Score",
    "SegmentEffort",
    "SegmentIssues",
    "check_document",
    "check_pair",
    "check_pairs",
    "document_effort",
    "hter",
    "score",
    "score_files",
]
