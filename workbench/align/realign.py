"""Realignment with a lexicon learned from the first path (hunalign's idea, IBM Model 1's model).

The first path's best links become a small parallel corpus; :func:`lexical_view` learns a lexicon
from it and turns it into a view, which joins the others in the final pass with a weight set by
how well it separates the path's 1-1 links from their neighbours, relative to the views already
there. On a short text whose words hardly recur the lexicon learns little and weighs little or
nothing; on a long one it knows the document's own names and terms.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from workbench.align.dp import Band, LinkScorer, Span, span_gains
from workbench.align.features import IntArray
from workbench.align.lexicon import lexical_view


def _one_to_one(spans: Sequence[Span]) -> tuple[IntArray, IntArray]:
    ends = [(s1, t1) for s0, s1, t0, t1 in spans if s1 - s0 == 1 and t1 - t0 == 1]
    i = np.array([e[0] for e in ends], dtype=np.int64)
    j = np.array([e[1] for e in ends], dtype=np.int64)
    return i, j


def confident(spans: Sequence[Span], gains: Sequence[float], share: float) -> list[Span]:
    """The best-scoring ``share`` of the spans that join lines of both sides, in document order."""
    real = [(g, s) for s, g in zip(spans, gains, strict=True) if s[1] > s[0] and s[3] > s[2]]
    real.sort(key=lambda x: -x[0])
    return sorted(s for _, s in real[: max(1, int(len(real) * share))])


def with_lexicon(
    scorer: LinkScorer,
    src: Sequence[str],
    tgt: Sequence[str],
    path: Sequence[Span],
    weight: float,
    share: float,
) -> LinkScorer:
    """``scorer`` with the lexical view of ``path`` added, or ``scorer`` itself when it does not
    separate the path's 1-1 links at all."""
    i, j = _one_to_one(path)
    if i.size == 0:
        return scorer
    gains = span_gains(path, scorer, 0.0).tolist()
    lexical = lexical_view(src, tgt, confident(path, gains, share))
    near = Band.around(path, scorer.n, scorer.m, 1)
    alone = LinkScorer([lexical], scorer.src, scorer.tgt, 1.0, near, [(1, 1)])
    lex_margin = float(np.mean(alone.similarity(i, j, 1, 1)[0]))
    if lex_margin <= 0:
        return scorer
    margin = max(float(np.mean(scorer.similarity(i, j, 1, 1)[0])), 1e-9)
    return scorer.with_view(lexical, weight * min(1.0, lex_margin / margin))
