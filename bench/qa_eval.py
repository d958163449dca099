"""Precision and recall of each QA check on hand-labelled held-out pairs (FLORES dev 600-996).

The pairs are the real opus-mt output of ``$WORKBENCH_SHARED/data/flores101-dev`` (lines 600 to
996: the checks were written and tuned on lines 0-599, the length-ratio bounds fitted on 0-498),
as they are (natural issues, labelled by hand in ``tests/gold/qa_heldout.jsonl``) and with issues
injected by the operations below (the row names the operation and its argument; the gold is the
injected code plus the line's natural labels). No FLORES text is copied into the repository: the
gold file holds line numbers, operations and labels.

    python bench/qa_eval.py             # the table
    python bench/qa_eval.py --fit       # the length-ratio bounds from lines 0-498's references
    python bench/qa_eval.py --misses    # every false positive and false negative
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.config import settings  # noqa: E402
from workbench.quality.checks import log_length_ratio  # noqa: E402
from workbench.quality.qa import CODES, check_pair, inconsistencies  # noqa: E402
from workbench.terms import Glossary, Term  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "qa_heldout.jsonl"
#: The held-out glossary (written for this evaluation, not used while writing the matcher).
GLOSSARY = Glossary(
    [
        Term("غرينلاند", "Greenland"),
        Term("جزر كوك", "Cook Islands"),
        Term("بكين", "Beijing", ("Peking",)),
        Term("تشيلي", "Chile"),
        Term("أمستردام", "Amsterdam"),
        Term("فانكوفر", "Vancouver"),
        Term("أستراليا", "Australia"),
        Term("الخطوط الجوية التركية", "Turkish Airlines"),
        Term("أوروبا", "Europe"),
        Term("إسبانيا", "Spain"),
        Term("داروين", "Darwin"),
        Term("الألعاب الأولمبية", "Olympic"),
        Term("الصين", "China"),
        Term("إنفلونزا الطيور", "bird flu", ("avian flu",)),
        Term("جواز السفر", "passport"),
        Term("القارة القطبية الجنوبية", "Antarctica", ("Antarctic continent",)),
        Term("الإنترنت", "Internet"),
        Term("المحيط", "ocean"),
        Term("الحكومة", "government"),
        Term("اللغة", "language"),
        Term("الطائرة", "plane", ("aircraft",)),
        Term("السيارة", "car", ("vehicle",)),
        Term("المطار", "airport"),
        Term("الفندق", "hotel"),
        Term("الجزيرة", "island"),
    ]
)
#: What a glossary term's English is replaced with by the ``term-forbidden`` operation.
FORBIDDEN_FOR = {t.target: t.forbidden[0] for t in GLOSSARY if t.forbidden}


def _words(text: str) -> list[str]:
    return text.split(" ")


def _replace_word(text: str, k: int, new: str) -> str:
    words = _words(text)
    words[k % len(words)] = new
    return " ".join(words)


def _change_number(src: str, en: str, k: int) -> tuple[str, str]:
    del k
    digits = [i for i, c in enumerate(en) if c.isdigit()]
    i = digits[-1]
    return src, en[:i] + str((int(en[i]) + 3) % 10) + en[i + 1 :]


def _repeat(en: str, k: int) -> str:
    words = _words(en)
    k %= len(words)
    return " ".join([*words[: k + 1], words[k], *words[k + 1 :]])


def _forbid(en: str) -> str:
    for preferred, forbidden in FORBIDDEN_FOR.items():
        if preferred in en:
            return en.replace(preferred, forbidden, 1)
    raise ValueError("no glossary term in the English")


OPS: dict[str, Callable[[str, str, int], tuple[str, str]]] = {
    "number": _change_number,
    "url": lambda s, e, k: (f"{s} https://example.org/news/{k}", e),
    "url-kept": lambda s, e, k: (
        f"{s} https://example.org/news/{k}",
        f"{e} https://example.org/news/{k}",
    ),
    "hashtag": lambda s, e, k: (f"#عاجل {s}", e),
    "hashtag-kept": lambda s, e, k: (f"#عاجل {s}", f"#عاجل {e}"),
    "arabic": lambda s, e, k: (s, _replace_word(e, k, _words(s)[k % len(_words(s))])),
    "empty": lambda s, e, k: (s, ""),
    "copy": lambda s, e, k: (s, s),
    "truncate": lambda s, e, k: (s, " ".join(_words(e)[: max(1, len(_words(e)) // 4)])),
    "triple": lambda s, e, k: (s, f"{e} {e} {e}"),
    "repeat": lambda s, e, k: (s, _repeat(e, k)),
    "open-bracket": lambda s, e, k: (s, _replace_word(e, k, "(" + _words(e)[k % len(_words(e))])),
    "double-space": lambda s, e, k: (s, _replace_word(e, k, _words(e)[k % len(_words(e))] + " ")),
    "term-forbidden": lambda s, e, k: (s, _forbid(e)),
}


def _flores() -> tuple[list[str], list[str]]:
    base = settings().shared_dir / "data" / "flores101-dev"
    ar = (base / "flores-dev.ar").read_text(encoding="utf-8").splitlines()
    mt = (base / "flores-dev.opusmt.en").read_text(encoding="utf-8").splitlines()
    return ar, mt


def pairs() -> list[tuple[dict[str, object], str, str]]:
    """Each gold row with its source and English (operations applied)."""
    ar, mt = _flores()
    out = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        src, en = ar[row["line"]], mt[row["line"]]
        if row.get("op") in OPS:
            src, en = OPS[row["op"]](src, en, int(row.get("arg", 0)))
        out.append((row, src, en))
    return out


def found_codes(row: dict[str, object], src: str, en: str) -> set[str]:
    if row.get("op") == "inconsistent":
        changed = _replace_word(en, int(row.get("arg", 0)), "different")
        return {i.code for i in inconsistencies([(src, en), (src, changed)])[0]}
    if row.get("op") == "consistent":
        return {i.code for i in inconsistencies([(src, en), (src, en)])[0]}
    return {issue.code for issue in check_pair(src, en, GLOSSARY)}


def evaluate(show_misses: bool) -> None:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    rows = pairs()
    for row, src, en in rows:
        gold = set(row["gold"])  # type: ignore[call-overload]
        got = found_codes(row, src, en)
        for code in got & gold:
            tp[code] += 1
        for code in got - gold:
            fp[code] += 1
        for code in gold - got:
            fn[code] += 1
        if show_misses and got != gold:
            print(f"line {row['line']} op={row.get('op')}: gold {sorted(gold)} got {sorted(got)}")
            print(f"   AR {src[:160]}\n   EN {en[:160]}")
    print(f"{len(rows)} held-out pairs (FLORES dev lines 600-996, real opus-mt output)")
    print(f"{'code':26} {'gold':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>9} {'recall':>7}")
    for code in CODES:
        gold_n = tp[code] + fn[code]
        p = tp[code] / (tp[code] + fp[code]) if tp[code] + fp[code] else float("nan")
        r = tp[code] / gold_n if gold_n else float("nan")
        print(f"{code:26} {gold_n:5} {tp[code]:4} {fp[code]:4} {fn[code]:4} {p:9.2f} {r:7.2f}")
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    print(
        f"{'all':26} {all_tp + all_fn:5} {all_tp:4} {all_fp:4} {all_fn:4}"
        f" {all_tp / (all_tp + all_fp):9.2f} {all_tp / (all_tp + all_fn):7.2f}"
    )


def fit() -> None:
    """The length-ratio bounds: mean ± 4 sd of the log ratio on lines 0-498's references."""
    base = settings().shared_dir / "data" / "flores101-dev"
    ar = (base / "flores-dev.ar").read_text(encoding="utf-8").splitlines()[:499]
    en = (base / "flores-dev.en").read_text(encoding="utf-8").splitlines()[:499]
    logs = [log_length_ratio(a, e) for a, e in zip(ar, en, strict=True)]
    mean, sd = statistics.fmean(logs), statistics.stdev(logs)
    print(
        f"log ratio mean {mean:.3f} sd {sd:.3f}: bounds "
        f"{math.exp(mean - 4 * sd):.2f}–{math.exp(mean + 4 * sd):.2f}"
    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    fit() if args.fit else evaluate(args.misses)
