"""Evaluate sentence alignment (workbench.align.sentences) against a gold alignment; not run as a test.

    .venv/bin/python bench/eval_align.py [--gold FILE --src FILE --tgt FILE
                                          --translation FILE --reverse-translation FILE]

Defaults to the Bleualign development document in the shared data. Prints strict and lax
precision/recall/F1 (Vecalign's definitions) for four settings (both translations, only
--translation, only --reverse-translation, none), then for perturbed variants of the document
(robustness: the aligner is judged on held-out text, so it must not depend on this document's
quirks), then time and peak memory for a ~10,000-line document made of the document repeated.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import resource
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from workbench.align.sentences import align_sentences, score_alignment
from workbench.config import Settings

Gold = list[tuple[list[int], list[int]]]
JUNK = [
    "..... ",
    "- _- ",
    'h * " ',
    ".:-- , . ",
    "f r ",
    "* , *^ ",
    "1Ê+ : ",
    "JfV ",
    "3 - Photo A. B. ",
    "Fig. 12 ",
    "— 47 — ",
]


@dataclass(frozen=True)
class Bitext:
    """A document pair with its two machine translations and gold links."""

    src: list[str]
    tgt: list[str]
    mt_src: list[str]  # src translated into tgt's language
    mt_tgt: list[str]  # tgt translated into src's language
    gold: Gold


def read_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if text.endswith("\n"):
        text = text[:-1]
    return [line.rstrip("\r") for line in text.split("\n")] if text else []


def read_gold(path: Path) -> Gold:
    data = json.loads(path.read_text(encoding="utf-8"))
    links = data["documents"][0]["alignments"] if isinstance(data, dict) else data
    return [(list(s), list(t)) for s, t in links]


def run(bt: Bitext, use_fwd: bool = True, use_rev: bool = True) -> dict[str, float]:
    links = align_sentences(
        bt.src,
        bt.tgt,
        translation=bt.mt_src if use_fwd else None,
        reverse_translation=bt.mt_tgt if use_rev else None,
    )
    return score_alignment(links, bt.gold)


# --- perturbations: each edits the lines of one side (with its MT) and keeps the gold in step ---


def _edit_side(
    bt: Bitext, side: str, new_index: list[list[int]], lines: list[str], mt: list[str]
) -> Bitext:
    """Re-index one side of the gold after an edit.

    ``new_index[old]`` lists the new positions of old line ``old`` ([] when it was dropped).
    Links that now share a line (two sentences merged into one) become one link; a link left
    with one empty side becomes one 1-0 / 0-1 link per line; new lines become 1-0 / 0-1 links.
    """
    pos = 0 if side == "src" else 1
    links = [
        [sorted({n for old in link[pos] for n in new_index[old]}), list(link[1 - pos])]
        for link in bt.gold
    ]
    owner: dict[int, int] = {}
    merged: list[list[list[int]]] = []
    for edited, other in links:
        target = next((owner[n] for n in edited if n in owner), None)
        if target is None:
            target = len(merged)
            merged.append([[], []])
        merged[target][0] = sorted(set(merged[target][0]) | set(edited))
        merged[target][1] = sorted(set(merged[target][1]) | set(other))
        for n in edited:
            owner[n] = target
    gold: Gold = []
    for edited, other in merged:
        if edited and other:
            gold.append((edited, other) if pos == 0 else (other, edited))
        else:
            for n in edited:
                gold.append(([n], []) if pos == 0 else ([], [n]))
            for o in other:
                gold.append(([], [o]) if pos == 0 else ([o], []))
    for n in range(len(lines)):
        if n not in owner:
            gold.append(([n], []) if pos == 0 else ([], [n]))
    if side == "src":
        return replace(bt, src=lines, mt_src=mt, gold=gold)
    return replace(bt, tgt=lines, mt_tgt=mt, gold=gold)


def _sides(bt: Bitext, side: str) -> tuple[list[str], list[str]]:
    return (bt.src, bt.mt_src) if side == "src" else (bt.tgt, bt.mt_tgt)


def drop_chunks(
    bt: Bitext, rng: random.Random, side: str, chunks: int = 4, size: int = 8
) -> Bitext:
    lines, mt = _sides(bt, side)
    dropped: set[int] = set()
    for _ in range(chunks):
        start = rng.randrange(0, max(1, len(lines) - size))
        dropped.update(range(start, start + size))
    new_index: list[list[int]] = []
    kept_lines: list[str] = []
    kept_mt: list[str] = []
    for old, (line, trans) in enumerate(zip(lines, mt, strict=True)):
        if old in dropped:
            new_index.append([])
        else:
            new_index.append([len(kept_lines)])
            kept_lines.append(line)
            kept_mt.append(trans)
    # A dropped line's partners are left without one: gold makes them 1-0 / 0-1 links.
    return _edit_side(bt, side, new_index, kept_lines, kept_mt)


def insert_junk(bt: Bitext, rng: random.Random, side: str, count: int = 30) -> Bitext:
    lines, mt = _sides(bt, side)
    at = sorted(rng.randrange(0, len(lines) + 1) for _ in range(count))
    new_lines: list[str] = []
    new_mt: list[str] = []
    new_index: list[list[int]] = []
    k = 0
    for old in range(len(lines) + 1):
        while k < len(at) and at[k] == old:
            junk = rng.choice(JUNK)
            new_lines.append(junk)
            new_mt.append(junk)  # MT systems copy noise through
            k += 1
        if old < len(lines):
            new_index.append([len(new_lines)])
            new_lines.append(lines[old])
            new_mt.append(mt[old])
    return _edit_side(bt, side, new_index, new_lines, new_mt)


def _halves(text: str) -> tuple[str, str]:
    words = text.split()
    cut = len(words) // 2
    commas = [i + 1 for i, w in enumerate(words[:-1]) if w.endswith(",") or w in {",", ";", ":"}]
    if commas:
        cut = min(commas, key=lambda i: abs(i - len(words) / 2))
    return " ".join(words[:cut]) + " ", " ".join(words[cut:]) + " "


def split_sentences(bt: Bitext, rng: random.Random, side: str, share: float = 0.1) -> Bitext:
    lines, mt = _sides(bt, side)
    new_lines: list[str] = []
    new_mt: list[str] = []
    new_index: list[list[int]] = []
    for line, trans in zip(lines, mt, strict=True):
        if len(line.split()) >= 12 and rng.random() < share:
            a, b = _halves(line)
            ta, tb = _halves(trans)  # the MT is cut at its own middle: an approximation
            new_index.append([len(new_lines), len(new_lines) + 1])
            new_lines += [a, b]
            new_mt += [ta, tb]
        else:
            new_index.append([len(new_lines)])
            new_lines.append(line)
            new_mt.append(trans)
    return _edit_side(bt, side, new_index, new_lines, new_mt)


def merge_sentences(bt: Bitext, rng: random.Random, side: str, share: float = 0.1) -> Bitext:
    """Join random pairs of adjacent lines; gold links that held them become one link."""
    lines, mt = _sides(bt, side)
    new_lines: list[str] = []
    new_mt: list[str] = []
    new_index: list[list[int]] = []
    old = 0
    while old < len(lines):
        if (
            old + 1 < len(lines)
            and lines[old].strip()
            and lines[old + 1].strip()
            and rng.random() < share
        ):
            new_index += [[len(new_lines)], [len(new_lines)]]
            new_lines.append(lines[old] + lines[old + 1])
            new_mt.append(mt[old].rstrip() + " " + mt[old + 1])
            old += 2
        else:
            new_index.append([len(new_lines)])
            new_lines.append(lines[old])
            new_mt.append(mt[old])
            old += 1
    return _edit_side(bt, side, new_index, new_lines, new_mt)


def move_chunk(bt: Bitext, rng: random.Random, side: str, size: int = 20) -> Bitext:
    """Move a chunk of lines to the end (a misplaced page): its links can no longer be monotone."""
    lines, mt = _sides(bt, side)
    start = rng.randrange(len(lines) // 4, len(lines) // 2)
    order = (
        list(range(start))
        + list(range(start + size, len(lines)))
        + list(range(start, start + size))
    )
    new_index: list[list[int]] = [[] for _ in lines]
    for new, old in enumerate(order):
        new_index[old] = [new]
    return _edit_side(bt, side, new_index, [lines[o] for o in order], [mt[o] for o in order])


def blank_translations(bt: Bitext, rng: random.Random, side: str, share: float = 0.1) -> Bitext:
    """Empty 10% of one side's MT lines, as a translator that failed on some lines would."""
    _, mt = _sides(bt, side)
    new_mt = ["" if rng.random() < share else t for t in mt]
    return replace(bt, mt_src=new_mt) if side == "src" else replace(bt, mt_tgt=new_mt)


def repeat(bt: Bitext, times: int) -> Bitext:
    n, m = len(bt.src), len(bt.tgt)
    gold = [
        ([s + r * n for s in a], [t + r * m for t in b]) for r in range(times) for a, b in bt.gold
    ]
    return Bitext(bt.src * times, bt.tgt * times, bt.mt_src * times, bt.mt_tgt * times, gold)


Variant = Callable[[Bitext, random.Random], Bitext]
VARIANTS: list[tuple[str, Variant]] = [
    ("drop 4x8 tgt lines", lambda bt, r: drop_chunks(bt, r, "tgt")),
    ("drop 4x8 src lines", lambda bt, r: drop_chunks(bt, r, "src")),
    ("insert 30 junk tgt lines", lambda bt, r: insert_junk(bt, r, "tgt")),
    ("insert 30 junk src lines", lambda bt, r: insert_junk(bt, r, "src")),
    ("split 10% tgt sentences", lambda bt, r: split_sentences(bt, r, "tgt")),
    ("split 10% src sentences", lambda bt, r: split_sentences(bt, r, "src")),
    ("merge 10% adjacent tgt lines", lambda bt, r: merge_sentences(bt, r, "tgt")),
    ("merge 10% adjacent src lines", lambda bt, r: merge_sentences(bt, r, "src")),
    ("move 20 tgt lines to the end", lambda bt, r: move_chunk(bt, r, "tgt")),
    (
        "blank 10% of each MT",
        lambda bt, r: blank_translations(blank_translations(bt, r, "src"), r, "tgt"),
    ),
    ("first half only", lambda bt, r: _first_half(bt)),
    ("src = first half, tgt = whole", lambda bt, r: _first_half(bt, keep_tgt=True)),
]


def _first_half(bt: Bitext, keep_tgt: bool = False) -> Bitext:
    """The first half of the source and its partners; ``keep_tgt`` keeps the whole target.

    With the whole target, its second half has no partner at all: a partial translation.
    """
    cut_src = len(bt.src) // 2
    cut_tgt = 1 + max((t for a, b in bt.gold if a and max(a) < cut_src for t in b), default=-1)
    gold = [
        (a, b)
        for a, b in bt.gold
        if (a or b) and all(s < cut_src for s in a) and all(t < cut_tgt for t in b)
    ]
    cut_src = 1 + max((s for a, _ in gold for s in a), default=-1)
    if keep_tgt:
        gold += [([], [t]) for t in range(cut_tgt, len(bt.tgt))]
        cut_tgt = len(bt.tgt)
    return Bitext(
        bt.src[:cut_src], bt.tgt[:cut_tgt], bt.mt_src[:cut_src], bt.mt_tgt[:cut_tgt], gold
    )


def row(name: str, s: dict[str, float], extra: str = "") -> str:
    return (
        f"{name:<34} {s['precision_strict']:.3f} {s['recall_strict']:.3f} "
        f"{s['f1_strict']:.3f} | {s['precision_lax']:.3f} {s['recall_lax']:.3f} "
        f"{s['f1_lax']:.3f} {extra}"
    )


HEADER = f"{'setting':<34} strict P/R/F1       | lax P/R/F1"


def _big_worker(bt: Bitext, out: multiprocessing.Queue) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    links = align_sentences(bt.src, bt.tgt, translation=bt.mt_src, reverse_translation=bt.mt_tgt)
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    out.put((wall, cpu, score_alignment(links, bt.gold)))


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
    args = ap.parse_args(argv)
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
        scores = run(bt, fwd, rev)
        print(row(name, scores, f"{time.perf_counter() - start:.2f}s"), flush=True)

    if not args.skip_robustness:
        print(f"\nrobustness, both translations, mean of {args.seeds} seeds (none in brackets)")
        print(HEADER)
        for name, variant in VARIANTS:
            both: list[dict[str, float]] = []
            none: list[dict[str, float]] = []
            for seed in range(args.seeds):
                changed = variant(bt, random.Random(seed))
                both.append(run(changed))
                none.append(run(changed, False, False))
            mean = {k: sum(s[k] for s in both) / len(both) for k in both[0]}
            none_f1 = sum(s["f1_strict"] for s in none) / len(none)
            print(row(name, mean, f"[none: strict F1 {none_f1:.3f}]"), flush=True)

    big = repeat(bt, args.repeat)
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    proc = ctx.Process(target=_big_worker, args=(big, queue))
    proc.start()
    wall, cpu, scores = queue.get()
    proc.join()
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        f"\nlong document: {len(big.src)} x {len(big.tgt)} lines (document repeated "
        f"{args.repeat}x), both translations"
    )
    print(HEADER)
    print(
        row(
            "long document",
            scores,
            f"{wall:.1f}s wall, {cpu:.1f}s CPU, peak RSS {peak_mb:.0f} MB (whole process)",
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
