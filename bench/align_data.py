"""Bitexts with gold links for the alignment benchmarks, and perturbations that keep the gold in step.

Shared by ``bench/eval_align.py`` and ``bench/align_cv.py``; not run as a test.
"""

from __future__ import annotations

import itertools
import json
import random
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from workbench.align.sentences import AlignOptions, align_sentences, score_alignment

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


#: The settings of the aligner before the lexicon, n-grams and the tuned gains (sentalign-1):
#: with them the method runs exactly as it did then.
BEFORE = AlignOptions(
    lexicon=0.0, merge=0.0, length_power=1.0, ngram_order=1, contrast_without_mt=1.0, names=False
)


def score(
    bt: Bitext, use_fwd: bool = True, use_rev: bool = True, options: AlignOptions | None = None
) -> dict[str, float]:
    """Align ``bt`` with the chosen translations and score it against its gold."""
    links = align_sentences(
        bt.src,
        bt.tgt,
        translation=bt.mt_src if use_fwd else None,
        reverse_translation=bt.mt_tgt if use_rev else None,
        options=options,
    )
    return score_alignment(links, bt.gold)


def load_dev(dev: Path) -> Bitext:
    """The Bleualign development document (German→French) with both MTs and its gold."""
    return Bitext(
        read_lines(dev / "eval1957.de"),
        read_lines(dev / "eval1957.fr"),
        read_lines(dev / "eval1957.google.fr"),
        read_lines(dev / "eval1957.google.de"),
        read_gold(dev / "gold_alignments.eval1957.dev.json"),
    )


def _cut_ok(gold: Gold, cs: int) -> int | None:
    """The target cut that matches source cut ``cs`` without splitting a gold link, if any."""
    before = max((t for s, tt in gold for t in tt if s and min(s) < cs), default=-1)
    after = min((t for s, tt in gold for t in tt if s and min(s) >= cs), default=1 << 30)
    crossing = any(s and min(s) < cs <= max(s) for s, _ in gold)
    return None if crossing or before >= after else before + 1


def cut(bt: Bitext, parts: int) -> list[Bitext]:
    """Cut ``bt`` into ``parts`` consecutive pieces at places where no gold link crosses."""
    cuts = [(0, 0)]
    for k in range(1, parts):
        want = k * len(bt.src) // parts
        for cs in sorted(range(cuts[-1][0] + 1, len(bt.src)), key=lambda c: abs(c - want)):
            ct = _cut_ok(bt.gold, cs)
            if ct is not None and ct > cuts[-1][1]:
                cuts.append((cs, ct))
                break
    cuts.append((len(bt.src), len(bt.tgt)))
    out = []
    for (s0, t0), (s1, t1) in itertools.pairwise(cuts):
        gold = [
            ([s - s0 for s in a], [t - t0 for t in b])
            for a, b in bt.gold
            if all(s0 <= s < s1 for s in a) and all(t0 <= t < t1 for t in b)
        ]
        out.append(Bitext(bt.src[s0:s1], bt.tgt[t0:t1], bt.mt_src[s0:s1], bt.mt_tgt[t0:t1], gold))
    return out
