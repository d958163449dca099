"""Scores of a sentence alignment against a gold one: strict and lax precision, recall and F1."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Protocol


class _Sides(Protocol):
    @property
    def src(self) -> tuple[int, ...]: ...

    @property
    def tgt(self) -> tuple[int, ...]: ...


LinkLike = _Sides | tuple[Sequence[int], Sequence[int]] | list[Sequence[int]]


def _as_pairs(links: Iterable[LinkLike]) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    out = []
    for link in links:
        s, t = (link[0], link[1]) if isinstance(link, tuple | list) else (link.src, link.tgt)
        out.append((tuple(s), tuple(t)))
    return out


def _counts(
    gold: list[tuple[tuple[int, ...], tuple[int, ...]]],
    test: list[tuple[tuple[int, ...], tuple[int, ...]]],
) -> tuple[int, int, int, int]:
    gold_set = {g for g in gold if g[0] or g[1]}
    gold_tgt_of_src: dict[int, set[int]] = defaultdict(set)
    for s, t in gold_set:
        for i in s:
            gold_tgt_of_src[i].update(t)
    tp_strict = fp_strict = tp_lax = fp_lax = 0
    for s, t in {x for x in test if x[0] or x[1]}:
        if (s, t) in gold_set:
            tp_strict += 1
            tp_lax += 1
            continue
        fp_strict += 1
        reachable = set().union(*(gold_tgt_of_src[i] for i in s)) if s else set()
        if reachable & set(t):
            tp_lax += 1
        else:
            fp_lax += 1
    return tp_strict, fp_strict, tp_lax, fp_lax


def score_alignment(predicted: Iterable[LinkLike], gold: Iterable[LinkLike]) -> dict[str, float]:
    """Strict and lax precision, recall and F1, computed exactly as Vecalign's ``score.py``.

    Strict: a link is correct when the same link (same source and target lines) is in the other
    list. Lax: a link that is not an exact match still counts when it shares a source-target
    line pair with the other list (one of its source lines is linked in gold to one of its target
    lines). Precision is measured over every predicted link, 1-0 and 0-1 included (a predicted
    deletion is right only if gold has the same deletion, and never laxly right); recall is
    measured over gold links with both sides non-empty only, against predicted links with both
    sides non-empty. Empty lists score 0.
    """
    pred, ref = _as_pairs(predicted), _as_pairs(gold)
    p = _counts(ref, pred)
    r = _counts([x for x in pred if x[0] and x[1]], [x for x in ref if x[0] and x[1]])

    def ratio(num: int, den: int) -> float:
        return num / den if den else 0.0

    def f1(a: float, b: float) -> float:
        return 2 * a * b / (a + b) if a + b else 0.0

    out = {
        "precision_strict": ratio(p[0], p[0] + p[1]),
        "recall_strict": ratio(r[0], r[0] + r[1]),
        "precision_lax": ratio(p[2], p[2] + p[3]),
        "recall_lax": ratio(r[2], r[2] + r[3]),
    }
    out["f1_strict"] = f1(out["precision_strict"], out["recall_strict"])
    out["f1_lax"] = f1(out["precision_lax"], out["recall_lax"])
    return out
