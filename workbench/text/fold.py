"""Arabic text folded for matching (translation memory, glossary, QA): never for display.

Two spellings of one word should match: harakat and tatweel are dropped, alef forms (``أ إ آ ٱ``)
become ``ا``, ``ى`` becomes ``ي``, ``ة`` becomes ``ه``, hamza on a carrier (``ؤ ئ``) becomes the
carrier, digits become Western, presentation forms (``ﻻ``) are decomposed (NFKC), invisible controls
are removed, whitespace collapses and Latin letters are lowercased.

After NFKC, everything character by character is one ``str.translate`` table (harakat, letters,
controls and digits together: their keys are disjoint and no value is another's key, so one pass
equals the passes in turn), and whitespace collapses by ``split``/``join`` (the same characters as
``re``'s ``\\s`` on text); a memory of 100,000 entries folds several times faster than by regex.
"""

from __future__ import annotations

import re
import unicodedata

from workbench.text.chars import CONTROL_CHARS, TATWEEL
from workbench.text.numbers import ENGLISH_DIGITS

#: Harakat (fathatan … sukun, the small high letters), superscript alef, Quranic marks.
HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_LETTERS: dict[str, str | None] = {
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0622": "\u0627",  # آ
    "\u0671": "\u0627",  # ٱ
    "\u0649": "\u064a",  # ى → ي
    "\u0629": "\u0647",  # ة → ه
    "\u0624": "\u0648",  # ؤ → و
    "\u0626": "\u064a",  # ئ → ي
    TATWEEL: None,
    **{char: None for char in CONTROL_CHARS},
}


def _table() -> dict[int, str | None]:
    parts: list[dict[str, str | None]] = [
        {chr(c): None for c in range(0x0600, 0x0700) if HARAKAT.match(chr(c))},
        _LETTERS,
        dict(ENGLISH_DIGITS),
    ]
    merged: dict[str, str | None] = {}
    for part in parts:
        assert not merged.keys() & part.keys(), "fold's tables overlap: one pass would differ"
        merged.update(part)
    assert not {v for v in merged.values() if v} & merged.keys(), "a fold output is a key"
    return str.maketrans(merged)


_TABLE = _table()


def fold(text: str) -> str:
    """``text`` folded so that spelling variants of Arabic (and case of Latin) compare equal."""
    text = unicodedata.normalize("NFKC", text).translate(_TABLE)
    return " ".join(text.split()).lower()


def fold_map(text: str, *, lower: bool = True) -> tuple[str, list[tuple[int, int]]]:
    """``text`` folded as :func:`fold` does, with where each folded character came from.

    The second value holds, per folded character, the ``(start, end)`` span of ``text`` it was
    made from, so a match in the folded text can be shown on the original (find in the source).
    NFKC is applied to each letter with its combining marks (composition happens only there);
    ``lower=False`` keeps the case of Latin letters (a case-sensitive find).
    """
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(text):
        end = i + 1
        while end < len(text) and unicodedata.combining(text[end]):
            end += 1
        piece = unicodedata.normalize("NFKC", text[i:end]).translate(_TABLE)
        for char in piece.lower() if lower else piece:
            if char.isspace():
                if not out or out[-1] == " ":
                    continue
                char = " "
            out.append(char)
            spans.append((i, end))
        i = end
    if out and out[-1] == " ":
        out.pop()
        spans.pop()
    return "".join(out), spans
