"""A held-out alignment set of our own, never used to choose anything; not run as a test.

    .venv/bin/python bench/align_heldout.py [--tree PATH] [--first 700]

Arabic–English documents built from the FLORES-101 dev lines from ``--first`` on (700-996), which
the cross-validation of ``bench/align_cv.py`` leaves out (it uses the lines before), edited with
a recipe of their own that the tuning documents do not share: translator merges of two and three
sentences, splits at a comma, a dropped paragraph, real sentences from elsewhere inserted on one
side only (a translator's note, a stray caption that is a sentence: content, not junk) and page
headers. The gold follows every edit. Real opus-mt output is the ``--translation``; the case
without any machine translation is scored too. ``--tree`` imports ``workbench`` from another
checkout (an older tree, for a before/after table side by side; it needs
``bench/align_data.py`` there, and WORKBENCH_SHARED set when it has no ``../shared``).
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _setup_path(tree: Path | None) -> None:
    """``workbench`` and the bench helpers (align_data) of ``tree``, or of this checkout."""
    root = tree if tree is not None else HERE.parent
    sys.path[:0] = [str(root), str(root / "bench")]


def build(flores: Path, first: int = 700, size: int = 60, seed: int = 7) -> list[object]:
    """The held-out documents (``align_data.Bitext``), ``size`` FLORES lines each from ``first``."""
    from align_data import (
        Bitext,
        _edit_side,
        drop_chunks,
        merge_sentences,
        read_lines,
        split_sentences,
    )

    ar = [line + " " for line in read_lines(flores / "flores-dev.ar")]
    en = [line + " " for line in read_lines(flores / "flores-dev.en")]
    mt = [line + " " for line in read_lines(flores / "flores-dev.opusmt.en")]

    def insert(bt: Bitext, rng: random.Random, side: str, pool: list[tuple[str, str]]) -> Bitext:
        lines, trans = (bt.src, bt.mt_src) if side == "src" else (bt.tgt, bt.mt_tgt)
        at = rng.randrange(1, len(lines))
        new_index = [[k] if k < at else [k + 1] for k in range(len(lines))]
        text, text_mt = rng.choice(pool)
        return _edit_side(
            bt,
            side,
            new_index,
            [*lines[:at], text, *lines[at:]],
            [*trans[:at], text_mt, *trans[at:]],
        )

    # Inserted sentences come from before ``first``: real text of the same kind, never a partner.
    pool_src = list(zip(ar[:first], mt[:first], strict=True))
    pool_tgt = [(line, line) for line in en[:first]]
    headers_src = [("- 3 - ", "- 3 - "), ("الصفحة 2 ", "Page 2 ")]
    headers_tgt = [("Page 7 ", "Page 7 "), ("- 12 - ", "- 12 - ")]
    docs = []
    for k, start in enumerate(range(first, len(ar) - size // 2, size)):
        end = min(len(ar), start + size)
        n = end - start
        bt = Bitext(
            ar[start:end],
            en[start:end],
            mt[start:end],
            en[start:end],
            [([i], [i]) for i in range(n)],
        )
        rng = random.Random(seed * 1000 + k)
        bt = merge_sentences(bt, rng, "tgt", share=0.15)
        bt = merge_sentences(bt, rng, "tgt", share=0.05)  # some become three-sentence merges
        bt = merge_sentences(bt, rng, "src", share=0.08)
        bt = split_sentences(bt, rng, "tgt", share=0.08)
        bt = drop_chunks(bt, rng, "tgt", chunks=1, size=4)
        for _ in range(2):
            bt = insert(bt, rng, "tgt", pool_tgt)
        bt = insert(bt, rng, "src", pool_src)
        bt = insert(bt, rng, "src", headers_src)
        bt = insert(bt, rng, "tgt", headers_tgt)
        docs.append(Bitext(bt.src, bt.tgt, bt.mt_src, list(bt.tgt), bt.gold))
    return docs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tree", type=Path, help="import workbench from this checkout instead")
    ap.add_argument("--first", type=int, default=700, help="first FLORES line of the held-out set")
    args = ap.parse_args(argv)
    _setup_path(args.tree)
    from align_data import score

    import workbench
    from workbench.config import Settings

    docs = build(Settings.from_env().data_dir / "flores101-dev", args.first)
    print(f"workbench from {Path(workbench.__file__).parent}")
    print(f"{len(docs)} held-out Arabic-English documents (FLORES dev lines {args.first}-)")
    print(f"{'setting':<26} strict P/R/F1       | lax P/R/F1")
    for name, fwd in (("opus-mt as --translation", True), ("none", False)):
        scores = [score(d, fwd, False) for d in docs]  # type: ignore[arg-type]
        mean = {key: sum(s[key] for s in scores) / len(scores) for key in scores[0]}
        per = " ".join(f"{s['f1_strict']:.3f}" for s in scores)
        print(
            f"{name:<26} {mean['precision_strict']:.3f} {mean['recall_strict']:.3f} "
            f"{mean['f1_strict']:.3f} | {mean['precision_lax']:.3f} {mean['recall_lax']:.3f} "
            f"{mean['f1_lax']:.3f}  [per document: {per}]",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
