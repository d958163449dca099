"""How well each per-segment signal predicted the real post-editing effort of a document.

For every confirmed (or approved) segment with MT and a post-edit, the effort is its HTER
(:mod:`workbench.quality.effort`); each signal is set beside it and :func:`spearman` says how
well the signal ranked the segments by effort. Signals: the model's confidence
(:mod:`workbench.quality.confidence`, only for MT that stored the model's scores), and three that
need no model: the MT's QA issue count, how far its length ratio is from a typical ar→en one, and
the source's length in words. A *negative* ρ for confidence means it worked (confident MT needed
fewer edits); for the others a positive ρ does.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.quality.checks import log_length_ratio
from workbench.quality.confidence import confidence, spearman
from workbench.quality.effort import segment_effort
from workbench.quality.qa import check_pair
from workbench.store.records import DONE_STATUSES, SegmentRow
from workbench.store.sqlite import Store

#: The mean log length ratio of FLORES dev references 0-498 (``bench/qa_eval.py --fit``).
MEAN_LOG_RATIO = 0.125
#: Fewer pairs than this give no correlation worth showing.
MIN_PAIRS = 3


@dataclass(frozen=True)
class Correlation:
    """Spearman ρ of one signal with HTER over ``n`` segments (``rho`` None: not computable)."""

    signal: str
    label: str
    rho: float | None
    n: int
    #: Which sign means the signal predicted effort.
    good_sign: int


Signal = Callable[[SegmentRow], float | None]


def _confidence(seg: SegmentRow) -> float | None:
    found = confidence(seg.source, seg.mt_meta if isinstance(seg.mt_meta, dict) else {})
    return None if found is None else found.value


SIGNALS: tuple[tuple[str, str, int, Signal], ...] = (
    ("confidence", "Model confidence (token probability × attention coverage)", -1, _confidence),
    ("qa-issues", "QA issues of the MT", 1, lambda s: float(len(check_pair(s.source, s.mt)))),
    (
        "length-ratio",
        "MT length ratio, distance from a typical ar→en ratio",
        1,
        lambda s: abs(log_length_ratio(s.source, s.mt or "") - MEAN_LOG_RATIO),
    ),
    ("source-words", "Source length in words", 1, lambda s: float(len(s.source.split()))),
)


def _rho(values: Sequence[float], effort: Sequence[float]) -> float | None:
    if len(values) < MIN_PAIRS:
        return None
    rho = spearman(values, effort)
    return None if math.isnan(rho) else rho


def correlations(segments: Sequence[SegmentRow]) -> list[Correlation]:
    """Each signal's ρ with HTER over the confirmed, post-edited segments among ``segments``."""
    done: list[tuple[SegmentRow, float]] = []
    for seg in segments:
        if seg.kind != "prose" or seg.status not in DONE_STATUSES or seg.mt is None:
            continue
        hter = segment_effort(seg).hter
        if hter is not None:
            done.append((seg, hter))
    out = []
    for name, label, sign, signal in SIGNALS:
        pairs = [(v, h) for seg, h in done if (v := signal(seg)) is not None]
        rho = _rho([v for v, _ in pairs], [h for _, h in pairs])
        out.append(Correlation(name, label, rho, len(pairs), sign))
    return out


def document_correlations(store: Store, doc_id: int) -> list[Correlation]:
    """:func:`correlations` of a stored document's segments."""
    return correlations(store.segments(doc_id))
