"""Precision and recall of each QA check on hand-labelled held-out pairs (FLORES dev 600-996).

Two sets, neither used to tune the checks (written and tuned on lines 0-599; the length-ratio
bounds fitted on references 0-498). No FLORES text is copied into the repository: the gold files
hold line numbers, operations and labels.

- ``heldout`` (``tests/gold/qa_heldout.jsonl``): the real opus-mt output of
  ``$WORKBENCH_SHARED/data/flores101-dev`` as it is (natural issues, labelled by hand) and with
  issues injected by :data:`OPS` (one operation per row; gold: the injected code plus the line's
  natural labels).
- ``constructed`` (``tests/quality/qa_constructed.jsonl``, written for the audit of issue 13
  after reading the checks but before running them on it; no glossary, its gold has no term
  labels): the human *reference* English,
  as it is and with a chain of :data:`STEPS` per row: the source's digits made Arabic-Indic or
  Persian (``٫ ٬ ٪`` included), a number dropped, changed or its digits swapped, a URL, e-mail,
  mention or hashtag added to the source (and kept, changed or lost in the English), Arabic or
  Arabic-Indic digits left in the English, a bracket or quote unbalanced, a word repeated, a
  double space, an empty English, the source copied, the English cut or tripled.
- ``after-fixes`` (``tests/quality/qa_after_fixes.jsonl``): the same kind of pairs on other lines
  and cases, written after the fixes the constructed set's first run led to, and measured once
  as committed: the check on those fixes that the constructed set can no longer be.

    python bench/qa_eval.py                     # the table (both sets)
    python bench/qa_eval.py --set constructed   # one set
    python bench/qa_eval.py --fit               # the length-ratio bounds from references 0-498
    python bench/qa_eval.py --misses            # every false positive and false negative
"""

from __future__ import annotations

import argparse
import json
import math
import re
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


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_DIGITS = {"arabic": 0x0660, "persian": 0x06F0}


def _arabic_digits(text: str, script: str) -> str:
    """Western digits as Arabic-Indic or Persian ones, ``.`` ``,`` ``%`` by a number as ``٫ ٬ ٪``."""
    zero = _DIGITS[script]
    text = re.sub(r"(?<=\d)\.(?=\d)", "\u066b", text)
    text = re.sub(r"(?<=\d),(?=\d)", "\u066c", text)
    text = re.sub(r"(?<=\d)%", "\u066a", text)
    return "".join(chr(zero + int(c)) if "0" <= c <= "9" else c for c in text)


def _number_at(en: str, k: int, change: Callable[[str], str]) -> str:
    m = list(_NUMBER.finditer(en))[k]
    return en[: m.start()] + change(m.group(0)) + en[m.end() :]


def _drop_number(en: str, k: int) -> str:
    m = list(_NUMBER.finditer(en))[k]
    before, after = en[: m.start()], en[m.end() :]
    return (
        before.rstrip(" ")
        + (" " if before.strip() and after[:1] == " " else "")
        + after.lstrip(" ")
    )


def _bump(number: str) -> str:
    return number[:-1] + str((int(number[-1]) + 1) % 10)


def _swap(number: str) -> str:
    digits = [c for c in number if c.isdigit()][::-1]
    return "".join(digits.pop(0) if c.isdigit() else c for c in number)


def _join(*parts: str) -> str:
    return " ".join(p for p in parts if p)


def _guillemets(src: str) -> str:
    parts = src.split('"')
    return "".join(p + ("«" if i % 2 == 0 else "»") for i, p in enumerate(parts[:-1])) + parts[-1]


def _tatweel(text: str, k: int) -> str:
    words = _words(text)
    w = words[k % len(words)]
    words[k % len(words)] = w[: len(w) // 2] + "\u0640" + w[len(w) // 2 :]
    return " ".join(words)


Step = Callable[..., tuple[str, str]]
#: The constructed set's operations: ``[name, *args]`` on ``(source, English)``, in turn.
STEPS: dict[str, Step] = {
    "digits": lambda s, e, script: (_arabic_digits(s, script), e),
    "en-digits": lambda s, e: (s, _arabic_digits(e, "arabic")),
    "drop-number": lambda s, e, k: (s, _drop_number(e, k)),
    "change-number": lambda s, e, k: (s, _number_at(e, k, _bump)),
    "swap-number": lambda s, e, k: (s, _number_at(e, k, _swap)),
    "append-src": lambda s, e, text: (_join(s, text), e),
    "append-en": lambda s, e, text: (s, _join(e, text)),
    "prepend-src": lambda s, e, text: (_join(text, s), e),
    "prepend-en": lambda s, e, text: (s, _join(text, e)),
    "set-src": lambda s, e, text: (text, e),
    "set-en": lambda s, e, text: (s, text),
    "pad-en": lambda s, e, left, right: (s, left + e + right),
    "copy-src": lambda s, e: (s, s),
    "tatweel-en": lambda s, e, k: (s, _tatweel(e, k)),
    "arabic-word": lambda s, e, k: (s, _replace_word(e, k, _words(s)[k % len(_words(s))])),
    "replace-char": lambda s, e, old, new: (s, e.replace(old, new)),
    "drop-char": lambda s, e, c: (s, e.replace(c, "", 1)),
    "drop-last-char": lambda s, e, c: (s, e[: e.rindex(c)] + e[e.rindex(c) + 1 :]),
    "glue-en": lambda s, e, k, text: (s, _replace_word(e, k, text + _words(e)[k % len(_words(e))])),
    "quotes-guillemets": lambda s, e: (_guillemets(s), e),
    "repeat": lambda s, e, k: (s, _repeat(e, k)),
    "double-space": lambda s, e, k: (s, _replace_word(e, k, _words(e)[k % len(_words(e))] + " ")),
    "double-space-after-period": lambda s, e: (s, e.replace(". ", ".  ", 1)),
    "truncate": lambda s, e, n: (s, " ".join(_words(e)[: max(1, len(_words(e)) // n)])),
    "triple": lambda s, e: (s, f"{e} {e} {e}"),
}
SETS = {
    "heldout": "FLORES dev lines 600-996, real opus-mt output, injected by one operation",
    "constructed": "FLORES dev lines 600-996, the reference English, issues built by hand",
    "after-fixes": "the same, other lines and cases, written after the fixes the second set led to",
}
GOLD_FILES = {
    "heldout": GOLD,
    "constructed": ROOT / "tests" / "quality" / "qa_constructed.jsonl",
    "after-fixes": ROOT / "tests" / "quality" / "qa_after_fixes.jsonl",
}


def _flores() -> tuple[list[str], list[str], list[str]]:
    base = settings().shared_dir / "data" / "flores101-dev"
    ar, mt, ref = (
        (base / name).read_text(encoding="utf-8").splitlines()
        for name in ("flores-dev.ar", "flores-dev.opusmt.en", "flores-dev.en")
    )
    return ar, mt, ref


def pairs(which: str = "heldout") -> list[tuple[dict[str, object], str, str]]:
    """Each gold row of a set with its source and English (operations applied)."""
    ar, mt, ref = _flores()
    out = []
    for line in GOLD_FILES[which].read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if which == "heldout":
            src, en = ar[row["line"]], mt[row["line"]]
            if row.get("op") in OPS:
                src, en = OPS[row["op"]](src, en, int(row.get("arg", 0)))
        else:
            src, en = ar[row["line"]], ref[row["line"]]
            for name, *args in row["ops"]:
                src, en = STEPS[name](src, en, *args)
        out.append((row, src, en))
    return out


def found_codes(
    row: dict[str, object], src: str, en: str, glossary: Glossary | None = GLOSSARY
) -> set[str]:
    if row.get("op") == "inconsistent":
        changed = _replace_word(en, int(row.get("arg", 0)), "different")
        return {i.code for i in inconsistencies([(src, en), (src, changed)])[0]}
    if row.get("op") == "consistent":
        return {i.code for i in inconsistencies([(src, en), (src, en)])[0]}
    return {issue.code for issue in check_pair(src, en, glossary)}


def evaluate(which: str, show_misses: bool) -> None:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    rows = pairs(which)
    for row, src, en in rows:
        gold = set(row["gold"])  # type: ignore[call-overload]
        # The constructed set's gold has no term labels: it is checked without a glossary.
        got = found_codes(row, src, en, GLOSSARY if which == "heldout" else None)
        for code in got & gold:
            tp[code] += 1
        for code in got - gold:
            fp[code] += 1
        for code in gold - got:
            fn[code] += 1
        if show_misses and got != gold:
            where = row.get("op") or row.get("ops")
            print(f"line {row['line']} {where}: gold {sorted(gold)} got {sorted(got)}")
            print(f"   AR {src[:160]}\n   EN {en[:160]!r}")
    clean = sum(1 for row, _, _ in rows if not row["gold"])
    print(f"{which}: {len(rows)} pairs ({clean} with no issue; {SETS[which]})")
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
    parser.add_argument("--set", choices=sorted(SETS), default=None, help="default: both")
    args = parser.parse_args()
    if args.fit:
        fit()
    for which in [args.set] if args.set else list(SETS):
        if not args.fit:
            evaluate(which, args.misses)
