"""Evaluate sentence alignment (workbench.align.sentences) against a gold alignment; not run as a test.

    .venv/bin/python bench/eval_align.py [--gold FILE --src FILE --tgt FILE
                                          --translation FILE --reverse-translation FILE]

Defaults to the Bleualign development document in the shared data. Prints strict and lax
precision/recall/F1 (Vecalign's definitions) for four settings (both translations, only
--translation, only --reverse-translation, none), then for the document's pieces (the folds of
bench/align_cv.py), Arabic–English documents built from FLORES dev (opus-mt as --translation,
and none), perturbed variants of the document (robustness: the aligner is judged on held-out
text, so it must not depend on this document's quirks), then time and peak memory for a
~10,000-line document made of the document repeated. --before runs the settings of sentalign-1.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from align_cv import flores_documents
from align_data import BEFORE, VARIANTS, Bitext, cut, read_gold, read_lines, repeat, score

from workbench.align.sentences import AlignOptions, align_sentences, score_alignment
from workbench.config import Settings


def row(name: str, s: dict[str, float], extra: str = "") -> str:
    return (
        f"{name:<34} {s['precision_strict']:.3f} {s['recall_strict']:.3f} "
        f"{s['f1_strict']:.3f} | {s['precision_lax']:.3f} {s['recall_lax']:.3f} "
        f"{s['f1_lax']:.3f} {extra}"
    )


HEADER = f"{'setting':<34} strict P/R/F1       | lax P/R/F1"


def _big_worker(bt: Bitext, opts: AlignOptions, out: multiprocessing.Queue) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    links = align_sentences(
        bt.src, bt.tgt, translation=bt.mt_src, reverse_translation=bt.mt_tgt, options=opts
    )
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    out.put((wall, cpu, score_alignment(links, bt.gold)))


def _mean(scores: list[dict[str, float]]) -> dict[str, float]:
    return {k: sum(s[k] for s in scores) / len(scores) for k in scores[0]}


def _folds(bt: Bitext, parts: int, opts: AlignOptions) -> None:
    """The document cut into pieces where no gold link crosses; each piece is aligned alone."""
    print(f"\nthe document in {parts} pieces (the folds of bench/align_cv.py), both / none")
    print(HEADER)
    for k, piece in enumerate(cut(bt, parts)):
        none = score(piece, False, False, opts)["f1_strict"]
        label = f"piece {k} ({len(piece.src)} x {len(piece.tgt)})"
        print(row(label, score(piece, options=opts), f"[none: strict F1 {none:.3f}]"), flush=True)


def _flores(opts: AlignOptions) -> None:
    """Arabic–English documents built from FLORES dev: opus-mt as --translation only, and none."""
    docs = flores_documents(Settings.from_env().data_dir / "flores101-dev")
    print(f"\nArabic-English, {len(docs)} documents built from FLORES dev, mean")
    print(HEADER)
    for name, fwd in (("opus-mt as --translation", True), ("none", False)):
        print(row(name, _mean([score(d, fwd, False, opts) for d in docs])), flush=True)


def _robustness(bt: Bitext, seeds: int, opts: AlignOptions) -> None:
    print(f"\nrobustness, both translations, mean of {seeds} seeds (none in brackets)")
    print(HEADER)
    for name, variant in VARIANTS:
        both: list[dict[str, float]] = []
        none: list[dict[str, float]] = []
        for seed in range(seeds):
            changed = variant(bt, random.Random(seed))
            both.append(score(changed, options=opts))
            none.append(score(changed, False, False, opts))
        none_f1 = sum(s["f1_strict"] for s in none) / len(none)
        print(row(name, _mean(both), f"[none: strict F1 {none_f1:.3f}]"), flush=True)


def _long(bt: Bitext, times: int, opts: AlignOptions) -> None:
    """Time and peak memory of the document repeated, measured in a fresh process."""
    big = repeat(bt, times)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_big_worker, args=(big, opts, queue))
    proc.start()
    wall, cpu, scores = queue.get()
    proc.join()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"\nlong document: {len(big.src)} x {len(big.tgt)} lines (document repeated "
        f"{times}x), both translations"
    )
    print(HEADER)
    usage = f"{wall:.1f}s wall, {cpu:.1f}s CPU, peak RSS {peak_mb:.0f} MB (whole process)"
    print(row("long document", scores, usage))


def main(argv: list[str] | None = None) -> int:
    dev = Settings.from_env().data_dir / "bleualign-dev"
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--gold", type=Path, default=dev / "gold_alignments.eval1957.dev.json")
    ap.add_argument("--src", type=Path, default=dev / "eval1957.de")
    ap.add_argument("--tgt", type=Path, default=dev / "eval1957.fr")
    ap.add_argument("--translation", type=Path, default=dev / "eval1957.google.fr")
    ap.add_argument("--reverse-translation", type=Path, default=dev / "eval1957.google.de")
    ap.add_argument("--seeds", type=int, default=3, help="random seeds per perturbed variant")
    ap.add_argument("--repeat", type=int, default=20, help="copies in the long document")
    ap.add_argument("--skip-robustness", action="store_true")
    ap.add_argument("--parts", type=int, default=4, help="pieces of the document (folds)")
    ap.add_argument(
        "--before", action="store_true", help="the settings of sentalign-1, for comparison"
    )
    args = ap.parse_args(argv)
    opts = BEFORE if args.before else AlignOptions()
    for path in (args.gold, args.src, args.tgt, args.translation, args.reverse_translation):
        if not path.exists():
            print(
                f"missing {path}: pass the files explicitly or set WORKBENCH_SHARED",
                file=sys.stderr,
            )
            return 2
    bt = Bitext(
        read_lines(args.src),
        read_lines(args.tgt),
        read_lines(args.translation),
        read_lines(args.reverse_translation),
        read_gold(args.gold),
    )
    print(
        f"{args.src.name}: {len(bt.src)} lines, {args.tgt.name}: {len(bt.tgt)} lines, "
        f"{len(bt.gold)} gold links\n"
    )
    print(HEADER)
    for name, fwd, rev in [
        ("both translations", True, True),
        ("only --translation", True, False),
        ("only --reverse-translation", False, True),
        ("none", False, False),
    ]:
        start = time.perf_counter()
        scores = score(bt, fwd, rev, opts)
        print(row(name, scores, f"{time.perf_counter() - start:.2f}s"), flush=True)

    _folds(bt, args.parts, opts)
    _flores(opts)
    if not args.skip_robustness:
        _robustness(bt, args.seeds, opts)
    _long(bt, args.repeat, opts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
