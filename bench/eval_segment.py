"""Boundary precision / recall / F1 of the segmenter on gold sets: old rule, new rule, plain regex.

Usage: python bench/eval_segment.py [--group N] [--errors SET]

* FLORES-101 dev (Arabic): consecutive lines come from the same articles; they are joined with a space
  into paragraphs of N lines, and the original line ends are the gold boundaries (some FLORES lines
  hold two sentences, so precision there has a ceiling well under 1).
* The pySBD Arabic golden rules (case 5 is excluded: it expects splits at the Arabic comma, which we
  reject on purpose; see workbench/text/segment.py).
* The seed article, against the hand-written gold in tests/gold/seed_sentences.txt (sentence match).
* tests/gold/quotes_dev.jsonl and tests/gold/quotes_heldout.jsonl: hand-written news paragraphs rich
  in quotations. The rules were developed on the dev split only; the held-out split is reported apart.

"old" is the segmenter of commit cffa6ea, loaded from git at run time (``git show``) so that no frozen
copy of it lives in the tree; "regex" splits after every run of . ! ? ؟ … (with closing quotes or
brackets) that whitespace follows.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import types
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from workbench.config import Settings
from workbench.text.lines import iter_lines
from workbench.text.segment import SEGMENTER_VERSION, segment_text, split_sentences

REPO = Path(__file__).resolve().parent.parent
OLD_COMMIT = "cffa6ea"
GOLD = REPO / "tests" / "gold"

Splitter = Callable[[str], list[str]]
Pairs = list[tuple[str, list[str]]]
_REGEX_END = re.compile(r"[.!?؟…]+[\"'»”’)\]]*(?=\s)")


def regex_split(text: str) -> list[str]:
    """The plain punctuation baseline."""
    out: list[str] = []
    for line in iter_lines(text):
        body = text[line.start : line.end]
        begin = 0
        for match in _REGEX_END.finditer(body):
            out.append(body[begin : match.end()].strip())
            begin = match.end()
        out.append(body[begin:].strip())
    return [s for s in out if s]


def load_old() -> types.ModuleType:
    """The segmenter as it was at ``OLD_COMMIT``, as a module of its own."""
    source = subprocess.run(
        ["git", "show", f"{OLD_COMMIT}:workbench/text/segment.py"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    module = types.ModuleType("segment_old")
    exec(compile(source, f"{OLD_COMMIT}:workbench/text/segment.py", "exec"), module.__dict__)
    return module


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


def score(pairs: Pairs, split: Splitter) -> tuple[float, float, float, int, int]:
    """P, R, F1, gold boundaries, paragraphs segmented exactly."""
    tp = fp = fn = exact = 0
    for paragraph, gold in pairs:
        got_sentences = split(paragraph)
        want = boundaries(paragraph, gold)
        got = boundaries(paragraph, got_sentences)
        tp += len(want & got)
        fp += len(got - want)
        fn += len(want - got)
        exact += got_sentences == gold
    return (*prf(tp, fp, fn), tp + fn, exact)


def flores_pairs(path: Path, group: int) -> Pairs:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]
    return [
        (" ".join(lines[i : i + group]), lines[i : i + group]) for i in range(0, len(lines), group)
    ]


def jsonl_pairs(path: Path) -> Pairs:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(row["text"], row["sentences"]) for row in rows]


def gold_sets(settings: Settings, group: int) -> dict[str, Pairs]:
    sets: dict[str, Pairs] = {}
    flores = settings.data_dir / "flores101-dev" / "flores-dev.ar"
    if flores.exists():
        for size in (group, 10):
            sets[f"FLORES dev, paragraphs of {size}"] = flores_pairs(flores, size)
    else:
        print(f"missing {flores}: FLORES rows skipped", file=sys.stderr)
    rules = settings.data_dir / "arabic-segmentation" / "pysbd_arabic_golden_rules.json"
    if rules.exists():
        cases = json.loads(rules.read_text(encoding="utf-8"))["cases"][:4]
        sets["pySBD Arabic rules 1-4"] = [
            (c["text"], [s.strip() for s in c["expected_sentences"]]) for c in cases
        ]
    sets["quotes dev"] = jsonl_pairs(GOLD / "quotes_dev.jsonl")
    sets["quotes HELD-OUT"] = jsonl_pairs(GOLD / "quotes_heldout.jsonl")
    return sets


def seed_row(segment: Callable[[str], list[str]]) -> tuple[float, float, float, int, int]:
    """Sentence match of the whole seed article (with furniture) against its gold."""
    text = (REPO / "seeds" / "000_ec79a99fe1463192.txt").read_text(encoding="utf-8")
    gold = [g for g in (GOLD / "seed_sentences.txt").read_text("utf-8").split("\n") if g]
    got = segment(text)
    tp = sum((Counter(gold) & Counter(got)).values())
    return (*prf(tp, len(got) - tp, len(gold) - tp), len(gold), int(got == gold))


def show_errors(pairs: Pairs, split: Splitter) -> None:
    for paragraph, gold in pairs:
        got = split(paragraph)
        if got != gold:
            print("GOLD:", *gold, sep="\n  ")
            print("GOT: ", *got, sep="\n  ")
            print()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--group", type=int, default=5, help="FLORES lines per paragraph")
    parser.add_argument("--errors", metavar="SET", help="print the new rule's misses on SET")
    args = parser.parse_args()
    old = load_old()
    splitters: dict[str, Splitter] = {
        "regex": regex_split,
        "old": old.split_sentences,
        "new": split_sentences,
    }
    sets = gold_sets(Settings.from_env(), args.group)
    if args.errors:
        show_errors(sets[args.errors], split_sentences)
        return 0
    print(f"new rule: SEGMENTER_VERSION {SEGMENTER_VERSION}; old rule: {OLD_COMMIT}")
    header = "".join(f" | {name:^23}" for name in splitters)
    print(f"{'set':30}{header} | {'gold':>5} {'exact (old/new)':>16}")
    print(f"{'':30}" + " | {:>7} {:>7} {:>7}".format("P", "R", "F1") * len(splitters))
    rows = {name: [score(pairs, s) for s in splitters.values()] for name, pairs in sets.items()}
    rows["seed article (sentence match)"] = [
        seed_row(lambda t: regex_split(t)),
        seed_row(lambda t: [s.text for s in old.segment_text(t)]),
        seed_row(lambda t: [s.text for s in segment_text(t)]),
    ]
    for name, results in rows.items():
        cells = "".join(f" | {p:7.3f} {r:7.3f} {f:7.3f}" for p, r, f, _, _ in results)
        total = len(sets[name]) if name in sets else 1
        exact = f"{results[1][4]}/{results[2][4]} of {total}"
        print(f"{name:30}{cells} | {results[0][3]:5d} {exact:>16}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
