"""Cross-validated choice of the sentence aligner's settings; not run as a test.

    .venv/bin/python bench/align_cv.py [--parts 4] [--seeds 2] [--without-names]

The settings must hold on documents nobody has seen, so they are chosen by cross-validation over
many documents instead of on one: the Bleualign development document cut into ``--parts``
pieces (each piece also perturbed: junk, drops, merges, splits), and Arabic–English documents
built from FLORES-101 dev (:func:`flores_documents`), split into as many groups. Fold k tunes
on every piece and group but the k-th and reports the k-th with the setting it chose. Each row of
:data:`GRID` is scored once on every document; folds only pick rows. ``--without-names`` turns the
name anchors of ``workbench.align.names`` off in every row: the cross-validation of the aligner
before them, for a before/after table.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_data import (
    BEFORE,
    VARIANTS,
    Bitext,
    cut,
    drop_chunks,
    insert_junk,
    load_dev,
    merge_sentences,
    read_lines,
    score,
    split_sentences,
)

from workbench.align.sentences import AlignOptions
from workbench.config import Settings

#: The first FLORES line of the held-out set (bench/align_heldout.py): the folds stop before it.
HELD_OUT = 700

#: Candidate settings: word n-grams in the MT views, the merge bonus and the length factor's power
#: (the lexicon's weight sets itself, see workbench.align.realign); then how much the neighbours
#: count against a link without MT (``contrast_without_mt``; it changes nothing with MT); the
#: settings before last.
GRID = (
    [
        AlignOptions(ngram_order=order, merge=merge, length_power=power)
        for order in (1, 2, 3)
        for merge in (-0.02, -0.01, 0.0)
        for power in (1.0, 2.0)
    ]
    + [AlignOptions(contrast_without_mt=c) for c in (0.25, 0.5, 1.0)]
    + [BEFORE]
)


def flores_documents(
    flores: Path, size: int = 100, seed: int = 0, stop: int | None = None
) -> list[Bitext]:
    """Arabic–English documents of ``size`` consecutive FLORES sentences, edited like real bitext.

    ``stop`` ends the lines used (the cross-validation stops at 700: the lines after it are the
    held-out set of ``bench/align_heldout.py``, never tuned on).
    The English side gets merges, splits, a dropped stretch and junk lines; the Arabic side
    merges (its opus-mt line is then the two MT lines joined), a dropped stretch and junk. The
    gold follows every edit, so it is known by construction. ``mt_tgt`` is a placeholder: only
    ``--translation`` exists for these, as for a user of the workbench.
    """
    ar = [line + " " for line in read_lines(flores / "flores-dev.ar")]
    en = [line + " " for line in read_lines(flores / "flores-dev.en")]
    mt = [line + " " for line in read_lines(flores / "flores-dev.opusmt.en")]
    last = len(ar) if stop is None else min(stop, len(ar))
    docs = []
    for k, start in enumerate(range(0, last - size // 2, size)):
        end = min(last, start + size)
        n = end - start
        bt = Bitext(
            ar[start:end],
            en[start:end],
            mt[start:end],
            en[start:end],
            [([i], [i]) for i in range(n)],
        )
        rng = random.Random(seed * 1000 + k)
        bt = merge_sentences(bt, rng, "tgt", share=0.1)
        bt = merge_sentences(bt, rng, "src", share=0.05)
        bt = split_sentences(bt, rng, "tgt", share=0.1)
        bt = drop_chunks(bt, rng, "tgt", chunks=1, size=3)
        bt = drop_chunks(bt, rng, "src", chunks=1, size=3)
        bt = insert_junk(bt, rng, "tgt", count=4)
        bt = insert_junk(bt, rng, "src", count=2)
        docs.append(replace(bt, mt_tgt=list(bt.tgt)))
    return docs


@dataclass(frozen=True)
class Doc:
    """One evaluation document: which fold it belongs to and which translations it uses."""

    name: str
    regime: str
    fold: int
    bitext: Bitext
    fwd: bool
    rev: bool


def documents(parts: int, seeds: int) -> list[Doc]:
    data = Settings.from_env().data_dir
    docs = []
    for k, piece in enumerate(cut(load_dev(data / "bleualign-dev"), parts)):
        for setting, fwd, rev in (("both", True, True), ("none", False, False)):
            docs.append(Doc(f"dev part {k} {setting}", f"dev {setting}", k, piece, fwd, rev))
        for seed in range(seeds):
            name, variant = VARIANTS[(k * seeds + seed) % 10]  # the ten that suit a piece
            changed = variant(piece, random.Random(seed))
            docs.append(Doc(f"dev part {k} {name}", "dev both", k, changed, True, True))
    for k, doc in enumerate(flores_documents(data / "flores101-dev", stop=HELD_OUT)):
        for setting, fwd in (("opus-mt", True), ("none", False)):
            docs.append(
                Doc(f"flores doc {k} {setting}", f"flores {setting}", k % parts, doc, fwd, False)
            )
    return docs


def objective(f1: list[float], docs: list[Doc], chosen: list[int]) -> float:
    """Mean over regimes (dev with MT, dev without, FLORES with opus-mt, FLORES without) of the
    mean strict F1 of the chosen documents: no regime outweighs another by its number of documents.
    """
    regimes: dict[str, list[float]] = {}
    for i in chosen:
        regimes.setdefault(docs[i].regime, []).append(f1[i])
    return sum(sum(v) / len(v) for v in regimes.values()) / len(regimes)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--parts", type=int, default=4)
    ap.add_argument("--seeds", type=int, default=2, help="perturbed variants per dev piece")
    ap.add_argument("--without-names", action="store_true", help="no name anchors in any row")
    args = ap.parse_args(argv)
    grid = [replace(o, names=False) for o in GRID] if args.without_names else GRID
    docs = documents(args.parts, args.seeds)
    f1 = [[score(d.bitext, d.fwd, d.rev, opts)["f1_strict"] for d in docs] for opts in grid]
    everything = list(range(len(docs)))
    regimes = sorted({d.regime for d in docs})
    print(f"{'grid':<6}{'objective':<11}" + "".join(f"{r:<14}" for r in regimes))
    for g, opts in enumerate(grid):
        per = [
            objective(f1[g], docs, [i for i in everything if docs[i].regime == r]) for r in regimes
        ]
        changed = {k: v for k, v in vars(opts).items() if v != getattr(AlignOptions(), k)}
        print(
            f"{g:<6}{objective(f1[g], docs, everything):<11.4f}"
            + "".join(f"{p:<14.4f}" for p in per)
            + str(changed),
            flush=True,
        )
    print(
        f"\n{'fold':<6}{'chosen':<8}{'tuned on':<12}{'scored on':<11}objective (tuned / held-out)"
    )
    old = grid.index(BEFORE)
    crossed = [0.0] * len(docs)  # each document's strict F1 under the row its fold chose
    for k in range(args.parts):
        tune = [i for i, d in enumerate(docs) if d.fold != k]
        test = [i for i, d in enumerate(docs) if d.fold == k]
        best = max(range(len(grid)), key=lambda g: objective(f1[g], docs, tune))
        tuned, held = objective(f1[best], docs, tune), objective(f1[best], docs, test)
        others = ",".join(str(p) for p in range(args.parts) if p != k)
        before = objective(f1[old], docs, test)
        print(f"{k:<6}{best:<8}{others:<12}{k:<11}{tuned:.4f} / {held:.4f} ({before:.4f})")
        for i in test:
            crossed[i] = f1[best][i]
            print(f"    {docs[i].name:<44} {f1[best][i]:.3f} (before: {f1[old][i]:.3f})")
    per = {
        r: objective(crossed, docs, [i for i in everything if docs[i].regime == r]) for r in regimes
    }
    print(
        f"\ncross-validated: objective {objective(crossed, docs, everything):.4f}, "
        + ", ".join(f"{r} {v:.4f}" for r, v in per.items())
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
