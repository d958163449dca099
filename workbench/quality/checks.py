"""QA checks of one Arabic source and its English: each a small function returning its findings.

A check takes the source and the English and returns a list of details (empty: nothing found);
:mod:`workbench.quality.qa` names them with their stable codes and runs them. Checks that need
more than the pair (a glossary, the rest of the document) live there.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter

from workbench.text.chars import ARABIC_LETTER, ARABIC_SCRIPT
from workbench.text.fold import fold
from workbench.text.numbers import (
    MONTHS,
    NUMBER_WORDS,
    month_values,
    number_spans,
    number_values,
    to_english,
    western_digits,
    word_values,
)
from workbench.text.verbatim import verbatim_items

#: Scale words after a number: ``٣ ملايين`` may be "3 million" or "3,000,000".
_SCALES = (
    (re.compile(r"^\s*(?:ألف|آلاف|الف|ألفا|ألفاً)"), 1e3),
    (re.compile(r"^\s*(?:مليون|ملايين)"), 1e6),
    (re.compile(r"^\s*(?:مليار|مليارات|بليون)"), 1e9),
)
_LINKS = ("url", "email", "mention", "hashtag")
#: English words that multiply the number word before them ("four dozen" is 48).
_MULTIPLIERS = {"dozen": 12.0, "hundred": 100.0, "thousand": 1000.0}
_TENS = frozenset("twenty thirty forty fifty sixty seventy eighty ninety".split())
_UNITS = frozenset("one two three four five six seven eight nine".split())
_SCHEME = re.compile(r"^(?:https?|ftp)://", re.IGNORECASE)
_DATE = re.compile(r"\d[/\-.]\d{1,2}[/\-.]\d", re.ASCII)
#: Bounds of English characters per Arabic character (with 10 added to each, so short segments
#: are not judged on a few letters). Fitted on the references of the first half of FLORES dev
#: (their log ratio's mean ± 4 standard deviations); `bench/qa_eval.py` prints the fit.
LENGTH_RATIO = (0.64, 1.99)
#: English words that may stand twice in a row ("that that", "had had").
_DOUBLING = frozenset({"that", "had", "do", "bye", "very", "so", "no", "ha", "knock"})
#: "What it is is ...": a doubled "is" is English after a "what" in its sentence (else a slip).
_WHAT_BEFORE = re.compile(r"\bwhat\b[^.!?]*$", re.IGNORECASE)
#: A word, with the punctuation after it, written twice ("the the", "computers, computers,").
_REPEAT = re.compile(r"(?<![\w'-])([A-Za-z]+)([,;:]?)\s+\1\2(?![\w'-])", re.IGNORECASE)
_BRACKETS = {")": "(", "]": "[", "}": "{", "”": "“", "»": "«", "﴿": "﴾"}
_DOUBLE_SPACE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


def _source_numbers(source: str) -> list[tuple[str, set[float]]]:
    """Each number of the source as written, with the values an English rendering may have.

    Numbers inside a URL, an e-mail, a mention or a hashtag are that item's (``url-missing``).
    A month in a date (``١٩/٣/٢٠٢٠``) may be a name in English: its value is then negative, the
    key :func:`number_mismatch` gives month names.
    """
    items = verbatim_items(source)
    links = [(s, e) for s, e, kind in items if kind in _LINKS]
    dates = [
        (s, e)
        for s, e, kind in items
        if kind == "number" and _DATE.search(western_digits(source[s:e]))
    ]
    out = []
    for start, end, value in number_spans(source):
        if any(s <= start < e for s, e in links):
            continue
        values = {value}
        if value in MONTHS.values() and any(s <= start < e for s, e in dates):
            values.add(-value)
        for pattern, scale in _SCALES:
            if pattern.match(source[end:]):
                values.add(value * scale)
        out.append((source[start:end], values))
    return out


def _in_english(number: str) -> str:
    # A number grouped by the Arabic comma (٢٩١،٧٧٣) is two verbatim items, so to_english leaves it.
    english = to_english(number)
    return western_digits(number).replace("\u060c", ",") if english == number else english


def _compound_values(target: str) -> Counter[float]:
    """Numbers two English words make: "four dozen" (48), "two hundred", "twenty-five"."""
    words = re.findall(r"[a-z]+", target.lower())
    out: Counter[float] = Counter()
    for a, b in itertools.pairwise(words):
        if a in NUMBER_WORDS and b in _MULTIPLIERS and NUMBER_WORDS[a] >= 1:
            out[NUMBER_WORDS[a] * _MULTIPLIERS[b]] += 1
        elif a in _TENS and b in _UNITS:
            out[NUMBER_WORDS[a] + NUMBER_WORDS[b]] += 1
    return out


def number_mismatch(source: str, target: str) -> list[str]:
    """Numbers of the source (any digits, ``٫ ٬ ٪`` normalised) that the English lacks or changed.

    A number may be written in words in the English ("three", "a dozen", a month's name), and
    ``٣ ملايين`` may be "3 million" or "3,000,000", ``٤٨`` "four dozen"; an English number the
    source has not is not reported (the Arabic may have written it in words).
    """
    available = number_values(target) + word_values(target) + _compound_values(target)
    available.update({-value: 1 for value in month_values(target)})
    missing = []
    for item, values in _source_numbers(source):
        for value in sorted(values, key=lambda v: -available[v]):
            if available[value] > 0:
                available[value] -= 1
                break
        else:
            missing.append(item)
    missing = list(dict.fromkeys(missing))
    return (
        [f"{', '.join(f'{m} ({_in_english(m)})' for m in missing)} not in the English"]
        if missing
        else []
    )


def _link_key(item: str) -> str:
    # Case and a URL's scheme or final slash do not make another link; anything else does.
    return _SCHEME.sub("", item.lower()).removesuffix("/")


def url_missing(source: str, target: str) -> list[str]:
    """URLs, e-mails, @mentions and #hashtags of the source that are not items of the English.

    Each must be a whole item of the English (case aside): a URL the English lengthened or changed
    (``…/travel`` → ``…/travel-guide``) is missing, not found inside the other.
    """
    present = {_link_key(target[s:e]) for s, e, kind in verbatim_items(target) if kind in _LINKS}
    missing = [
        source[start:end]
        for start, end, kind in verbatim_items(source)
        if kind in _LINKS and _link_key(source[start:end]) not in present
    ]
    return [f"{', '.join(dict.fromkeys(missing))} not in the English"] if missing else []


def arabic_left(source: str, target: str) -> list[str]:
    """Arabic script in the English: letters, Arabic-Indic or Persian digits (``٢٠٢٠``: English
    writes ``2020``) and Arabic punctuation (``، ؛ ؟``), except a URL, e-mail, mention or hashtag
    kept from the source (an Arabic hashtag)."""
    kept = {
        target[s:e]
        for s, e, kind in verbatim_items(target)
        if kind in _LINKS and target[s:e] in source
    }
    words = [w for w in target.split() if ARABIC_SCRIPT.search(w) and w.strip(".,;:!?") not in kept]
    return [f"Arabic left: {' '.join(words[:5])}"] if words else []


def empty_target(source: str, target: str) -> list[str]:
    """No English for a source that has words."""
    has_words = any(char.isalpha() for char in source)
    return ["no English"] if has_words and not target.strip() else []


def same_as_source(source: str, target: str) -> list[str]:
    """The English is the Arabic source copied unchanged."""
    if target.strip() and ARABIC_LETTER.search(source) and fold(target) == fold(source):
        return ["the English is the source copied"]
    return []


def length_ratio(source: str, target: str) -> list[str]:
    """An English far shorter or longer than an Arabic→English translation usually is."""
    if not target.strip() or not source.strip():
        return []
    ratio = (len(target) + 10) / (len(source) + 10)
    low, high = LENGTH_RATIO
    if ratio < low or ratio > high:
        way = "short" if ratio < low else "long"
        return [f"English {ratio:.2f}× the source's length (too {way}: {low}–{high})"]
    return []


def _meant(target: str, repeat: re.Match[str]) -> bool:
    word = repeat.group(1).lower()
    if word == "is":
        return bool(_WHAT_BEFORE.search(target[: repeat.start()]))
    return word in _DOUBLING


def repeated_word(source: str, target: str) -> list[str]:
    """The same word twice in a row ("the the"), except words English doubles on purpose."""
    del source
    found = [m.group(1) + m.group(2) for m in _REPEAT.finditer(target) if not _meant(target, m)]
    # One finding for the pair, as every other check gives: a badge and a count per code.
    return [", ".join(f"“{w} {w}”" for w in dict.fromkeys(found))] if found else []


def _unbalanced(text: str) -> list[str]:
    stack: list[str] = []
    bad: list[str] = []
    for char in text:
        if char in _BRACKETS.values():
            stack.append(char)
        elif char in _BRACKETS:
            if stack and stack[-1] == _BRACKETS[char]:
                stack.pop()
            else:
                bad.append(char)
    bad += stack
    if text.count('"') % 2:
        bad.append('"')
    return bad


def unbalanced_brackets(source: str, target: str) -> list[str]:
    """Brackets or quotes the English opens and never closes (or closes unopened).

    Only reported when the source is balanced: a quotation running over several sentences opens
    in one segment and closes in another, in both languages.
    """
    bad = _unbalanced(target)
    arabic = source.replace("«", "“").replace("»", "”")
    if not bad or _unbalanced(arabic):
        return []
    return [f"unbalanced {' '.join(dict.fromkeys(bad))}"]


def double_space(source: str, target: str) -> list[str]:
    """Two or more spaces between words of the English."""
    del source
    count = len(_DOUBLE_SPACE.findall(target))
    return [f"{count} double space{'s' if count > 1 else ''}"] if count else []


def log_length_ratio(source: str, target: str) -> float:
    """The log of :func:`length_ratio`'s measure (for fitting and for effort prediction)."""
    return math.log((len(target) + 10) / (len(source) + 10))
