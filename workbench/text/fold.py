"""Arabic text folded for matching (translation memory, glossary, QA): never for display.

Two spellings of one word should match: harakat and tatweel are dropped, alef forms (``أ إ آ ٱ``)
become ``ا``, ``ى`` becomes ``ي``, ``ة`` becomes ``ه``, hamza on a carrier (``ؤ ئ``) becomes the
carrier, digits become Western, presentation forms (``ﻻ``) are decomposed (NFKC), invisible controls
are removed, whitespace collapses and Latin letters are lowercased.
"""

from __future__ import annotations

import re
import unicodedata

from workbench.text.chars import CONTROL_CHARS, TATWEEL
from workbench.text.numbers import western_digits

#: Harakat (fathatan … sukun, the small high letters), superscript alef, Quranic marks.
HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_LETTERS = str.maketrans(
    {
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
)
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """``text`` folded so that spelling variants of Arabic (and case of Latin) compare equal."""
    text = unicodedata.normalize("NFKC", text)
    text = HARAKAT.sub("", text).translate(_LETTERS)
    return _SPACE.sub(" ", western_digits(text)).strip().lower()
