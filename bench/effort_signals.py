"""How well signals that need no model predict post-editing effort: Spearman ρ with HTER.

On FLORES dev (``$WORKBENCH_SHARED/data/flores101-dev``), the real opus-mt output is the MT and
the reference the post-edit, so HTER is the TER of the MT against the reference. Signals per
segment, none of them fitted on these HTER values:

- ``qa-issues``: the number of QA issues of the MT (``workbench.quality.qa.check_pair``);
- ``length-ratio``: how far the MT's log length ratio is from the FLORES reference mean (fitted
  on lines 0-498's references, see ``bench/qa_eval.py --fit``);
- ``tm-match``: the best fuzzy match score of the source in a memory of the *other* dev sentences
  (leave one out; a memory's help shows as a negative ρ);
- ``source-words``: the source's length in words (a baseline every desk already has).

Reported on all 997 lines, with a bootstrap 95% interval (:data:`BOOTSTRAP` resamples of the
segments, seeded), and on lines 499-996 (not used for the length fit).

    python bench/effort_signals.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.config import settings  # noqa: E402
from workbench.memory.index import TrigramIndex, score  # noqa: E402
from workbench.quality.checks import log_length_ratio  # noqa: E402
from workbench.quality.confidence import spearman  # noqa: E402
from workbench.quality.metrics import hter  # noqa: E402
from workbench.quality.predict import MEAN_LOG_RATIO  # noqa: E402
from workbench.quality.qa import check_pair  # noqa: E402
from workbench.text.fold import fold  # noqa: E402

#: Resamples of the segments (with replacement) for each ρ's 95% percentile interval.
BOOTSTRAP = 1000


def main() -> None:
    base = settings().shared_dir / "data" / "flores101-dev"
    ar = (base / "flores-dev.ar").read_text(encoding="utf-8").splitlines()
    mt = (base / "flores-dev.opusmt.en").read_text(encoding="utf-8").splitlines()
    ref = (base / "flores-dev.en").read_text(encoding="utf-8").splitlines()
    effort = np.asarray([hter(m, r) for m, r in zip(mt, ref, strict=True)])
    folded = [fold(a) for a in ar]
    index = TrigramIndex(folded)
    tm_best = []
    for i, query in enumerate(folded):
        others = [int(c) for c in index.candidates(query) if int(c) != i]
        tm_best.append(max((score(query, folded[c]) for c in others), default=0.0))
    signals = {
        "qa-issues": np.asarray([len(check_pair(a, m)) for a, m in zip(ar, mt, strict=True)]),
        "length-ratio": np.asarray(
            [abs(log_length_ratio(a, m) - MEAN_LOG_RATIO) for a, m in zip(ar, mt, strict=True)]
        ),
        "tm-match": np.asarray(tm_best),
        "source-words": np.asarray([len(a.split()) for a in ar]),
    }
    print(f"FLORES dev: {len(ar)} segments, mean HTER {effort.mean():.1f}")
    print(f"{'signal':14} {'rho (all)':>10} {'95% CI':>16} {'rho (499-996)':>14} {'nonzero':>8}")
    rng = np.random.default_rng(13)
    samples = [rng.integers(0, len(ar), len(ar)) for _ in range(BOOTSTRAP)]
    for name, values in signals.items():
        whole = spearman(list(values.astype(float)), list(effort))
        late = spearman(list(values[499:].astype(float)), list(effort[499:]))
        again = [spearman(list(values[k].astype(float)), list(effort[k])) for k in samples]
        low, high = np.nanpercentile(again, [2.5, 97.5])
        ci = f"[{low:+.3f}, {high:+.3f}]"
        print(f"{name:14} {whole:10.3f} {ci:>16} {late:14.3f} {int(np.count_nonzero(values)):8}")


if __name__ == "__main__":
    main()
