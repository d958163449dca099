"""Numbers across scripts: Arabic-Indic ``٠-٩`` and Persian ``۰-۹`` digits, ``٫`` ``٬`` ``٪``.

One place says what a number written in Arabic is in English: :func:`to_english` rewrites an item
the translator restores verbatim (``٢٠٢٠`` → ``2020``, ``٢٫٥`` → ``2.5``, ``٢٥٪`` → ``25%``), and
:func:`number_values` reads the numbers of a text in either language as comparable values (the QA
check ``number-mismatch``).
"""

from __future__ import annotations

import re
from collections import Counter

from workbench.text.chars import DIGITS
from workbench.text.verbatim import verbatim_items

#: Arabic-Indic and Persian digits → Western; the Arabic decimal, thousands and percent signs.
ENGLISH_DIGITS: dict[str, str] = {
    **{chr(0x0660 + d): str(d) for d in range(10)},
    **{chr(0x06F0 + d): str(d) for d in range(10)},
    "\u066b": ".",  # ٫ ARABIC DECIMAL SEPARATOR
    "\u066c": ",",  # ٬ ARABIC THOUSANDS SEPARATOR
    "\u066a": "%",  # ٪ ARABIC PERCENT SIGN
}
_ENGLISH = str.maketrans(ENGLISH_DIGITS)
_NON_WESTERN = re.compile("[\u0660-\u066c\u06f0-\u06f9]")
#: A number: digits, with decimal or thousands separators only *between* digits. Arabic news also
#: groups thousands with the Arabic comma (``783،562``): only before exactly three digits.
_NUMBER = re.compile(
    rf"[{DIGITS}]+(?:(?:[.,\u066b\u066c]|\u060c(?=[{DIGITS}]{{3}}(?![{DIGITS}])))[{DIGITS}]+)*"
)
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+$")

#: English words that stand for a number a source writes in digits (``٣`` → "three").
NUMBER_WORDS: dict[str, float] = {
    word: float(value)
    for value, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
        " fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
NUMBER_WORDS.update(
    {w: float(v) for w, v in (("thirty", 30), ("forty", 40), ("fifty", 50), ("sixty", 60))}
)
NUMBER_WORDS.update(
    {w: float(v) for w, v in (("seventy", 70), ("eighty", 80), ("ninety", 90), ("hundred", 100))}
)
NUMBER_WORDS.update({"thousand": 1000.0, "dozen": 12.0, "half": 0.5, "once": 1.0, "twice": 2.0})
NUMBER_WORDS.update({"first": 1.0, "second": 2.0, "third": 3.0, "fourth": 4.0, "fifth": 5.0})
#: Month names: a date's month in digits (``١٩/٣/٢٠٢٠``) is a name in English ("19 March 2020").
MONTHS: dict[str, float] = {
    name: float(number)
    for number, name in enumerate(
        "january february march april may june july august september october november december".split(),
        1,
    )
}
MONTHS.update({name[:3]: value for name, value in list(MONTHS.items())})
MONTHS["sept"] = 9.0
_WORD = re.compile(r"[A-Za-z]+")


def western_digits(text: str) -> str:
    """``text`` with Arabic-Indic and Persian digits Western and ``٫ ٬ ٪`` as ``. , %``."""
    return text.translate(_ENGLISH)


def to_english(item: str) -> str:
    """A verbatim item as English writes it: Western digits and separators, else unchanged.

    Only an item that :func:`~workbench.text.verbatim.verbatim_items` reads as a number (or a code
    such as ``A١``) is rewritten; a URL or a hashtag with Arabic digits keeps them.
    """
    if _NON_WESTERN.search(item) and verbatim_items(item) == [(0, len(item), "number")]:
        return western_digits(item)
    return item


def _value(token: str) -> float:
    token = western_digits(token).replace("\u060c", ",")
    if _THOUSANDS.match(token):
        token = token.replace(",", "")
    elif "," in token:
        # A decimal comma ("2,5") or a list without spaces: either way digits, not thousands.
        token = token.replace(",", ".", 1).replace(",", "")
    if token.count(".") > 1:
        token = token.replace(".", "")
    return float(token)


def number_values(text: str) -> Counter[float]:
    """The numbers written in digits in ``text`` (any script), as values, with their counts.

    ``2,000``, ``2000`` and ``٢٠٠٠`` are all 2000; ``٢٫٥`` and ``2.5`` are 2.5; ``9:30`` is 9 and 30;
    ``0230`` is 230 (a leading zero is the same number); ``19th`` is 19.
    """
    return Counter(value for _, _, value in number_spans(text))


def number_spans(text: str) -> list[tuple[int, int, float]]:
    """``(start, end, value)`` of each number written in digits in ``text`` (see above)."""
    return [(m.start(), m.end(), _value(m.group(0))) for m in _NUMBER.finditer(text)]


def word_values(text: str) -> Counter[float]:
    """The numbers an English text writes in words (``three``, ``dozen``)."""
    words = (match.group(0).lower() for match in _WORD.finditer(text))
    return Counter(NUMBER_WORDS[word] for word in words if word in NUMBER_WORDS)


def month_values(text: str) -> Counter[float]:
    """The months an English text names (``March`` is 3; a capital is needed: "may" is a verb)."""
    words = (match.group(0) for match in _WORD.finditer(text))
    return Counter(MONTHS[w.lower()] for w in words if w[0].isupper() and w.lower() in MONTHS)
