"""Scores with sacrebleu: BLEU, chrF and TER with their signatures, and HTER of a post-edit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from sacrebleu.metrics import BLEU, CHRF, TER

from workbench.errors import InputError, UnknownNameError
from workbench.text.lines import read_lines


@dataclass(frozen=True)
class Score:
    """One corpus-level score and the sacrebleu signature that makes it reproducible."""

    metric: str
    score: float
    signature: str
    detail: str

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _bleu() -> BLEU:
    return BLEU()


def _chrf() -> CHRF:
    return CHRF()


def _ter() -> TER:
    return TER()


#: The metrics ``workbench score`` knows; each makes a fresh sacrebleu metric object.
METRICS: dict[str, Callable[[], BLEU | CHRF | TER]] = {"bleu": _bleu, "chrf": _chrf, "ter": _ter}


def score(
    hypotheses: Sequence[str],
    references: Sequence[str],
    metrics: Sequence[str] = ("bleu", "chrf", "ter"),
) -> list[Score]:
    """Corpus scores of ``hypotheses`` against one set of ``references`` (same length)."""
    if len(hypotheses) != len(references):
        raise InputError(
            f"{len(hypotheses)} hypotheses but {len(references)} references: they must pair up line by line."
        )
    if not hypotheses:
        raise InputError("nothing to score: the files have no lines.")
    out = []
    for name in metrics:
        if name not in METRICS:
            raise UnknownNameError("metric", name, list(METRICS))
        metric = METRICS[name]()
        result = metric.corpus_score(list(hypotheses), [list(references)])
        out.append(
            Score(result.name, round(result.score, 2), str(metric.get_signature()), str(result))
        )
    return out


def hter(mt: str, post_edit: str) -> float:
    """Human-targeted TER of one segment: edits needed to turn the MT into its post-edit, in %."""
    if not post_edit.strip():
        return 0.0 if not mt.strip() else 100.0
    return float(TER().sentence_score(mt, [post_edit]).score)


def score_files(
    hyp: str | Path, ref: str | Path, metrics: Sequence[str] = ("bleu", "chrf", "ter")
) -> list[Score]:
    """Score two line-aligned files; a line-count mismatch names both files and counts."""
    hyps, refs = read_lines(hyp), read_lines(ref)
    if len(hyps) != len(refs):
        raise InputError(
            f"{hyp} has {len(hyps)} lines but {ref} has {len(refs)}: "
            "hypotheses and references must pair up line by line."
        )
    return score(hyps, refs, metrics)
