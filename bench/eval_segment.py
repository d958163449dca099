"""Boundary precision / recall / F1 of the segmenter on gold sets.

Usage: python bench/eval_segment.py [--group N]

* FLORES-101 dev (Arabic): consecutive lines come from the same articles; they are joined with a space
  into paragraphs of N lines, and the original line ends are the gold boundaries.
* The pySBD Arabic golden rules (case 5 is excluded: it expects splits at the Arabic comma, which we
  reject on purpose; see workbench/segment.py).
* The seed article, against the hand-written gold in tests/gold/seed_sentences.txt.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from workbench.config import Settings
from workbench.text.segment import segment_text, split_sentences

REPO = Path(__file__).resolve().parent.parent


def boundaries(paragraph: str, sentences: list[str]) -> set[int]:
    """Character offsets where one sentence ends and the next begins (inside the paragraph)."""
    cuts = set()
    pos = 0
    for sent in sentences[:-1]:
        pos = paragraph.index(sent, pos) + len(sent)
        cuts.add(pos)
    return cuts


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(pairs: list[tuple[str, list[str]]]) -> tuple[float, float, float, int]:
    tp = fp = fn = 0
    for paragraph, gold in pairs:
        want = boundaries(paragraph, gold)
        got = boundaries(paragraph, split_sentences(paragraph))
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
    return (*prf(tp, fp, fn), tp + fn)


def flores_pairs(path: Path, group: int) -> list[tuple[str, list[str]]]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return [
        (" ".join(lines[i : i + group]), lines[i : i + group]) for i in range(0, len(lines), group)
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", type=int, default=5, help="FLORES lines per paragraph")
    args = parser.parse_args()
    settings = Settings.from_env()
    rows = []
    flores = settings.data_dir / "flores101-dev" / "flores-dev.ar"
    if flores.exists():
        for group in (args.group, 10):
            rows.append(
                (f"FLORES dev, paragraphs of {group} lines", score(flores_pairs(flores, group)))
            )
    else:
        print(f"missing {flores}: FLORES rows skipped", file=sys.stderr)
    rules = settings.data_dir / "arabic-segmentation" / "pysbd_arabic_golden_rules.json"
    if rules.exists():
        cases = json.loads(rules.read_text(encoding="utf-8"))["cases"][:4]
        pairs = [(c["text"], [s.strip() for s in c["expected_sentences"]]) for c in cases]
        rows.append(("pySBD Arabic rules 1-4", score(pairs)))
    text = (REPO / "seeds" / "000_ec79a99fe1463192.txt").read_text(encoding="utf-8")
    gold = [
        g
        for g in (REPO / "tests" / "gold" / "seed_sentences.txt").read_text("utf-8").split("\n")
        if g
    ]
    got = [s.text for s in segment_text(text)]
    tp = sum((Counter(gold) & Counter(got)).values())
    rows.append(
        ("seed article (sentence match)", (*prf(tp, len(got) - tp, len(gold) - tp), len(gold)))
    )
    print(f"{'set':40} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}")
    for name, (p, r, f, n) in rows:
        print(f"{name:40} {p:6.3f} {r:6.3f} {f:6.3f} {n:6d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
