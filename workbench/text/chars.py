"""Character sets of Arabic text, defined once: letters, script, digits, invisible characters, words.

Every part of the workbench that asks "is this Arabic?", "is this an invisible character?" or "how
many words?" asks here, so the reader, the segmenter, the translator's preparation and the editor
cannot drift apart.
"""

from __future__ import annotations

import re

#: Arabic letters (Arabic, Arabic Supplement, presentation forms A and B), without the punctuation,
#: digits and harakat of the Arabic block: what makes a word Arabic.
ARABIC_LETTERS = (
    r"\u0620-\u064a\u066e-\u06d3\u06d5\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc"
)
ARABIC_LETTER = re.compile(f"[{ARABIC_LETTERS}]")
#: Any character of the Arabic script's blocks (letters, harakat, digits, punctuation): what makes
#: a text right-to-left on screen.
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")
#: Letters that Persian and Urdu use and Arabic does not.
PERSIAN_URDU_LETTER = re.compile(r"[پچژگکیٹڈڑںےھۀۂہ]")
#: Western, Arabic-Indic and Persian (extended Arabic-Indic) digits.
DIGITS = r"0-9\u0660-\u0669\u06f0-\u06f9"
DIGIT = re.compile(f"[{DIGITS}]")
TATWEEL = "\u0640"

#: Invisible characters a translator should know are there, with the short name the editor shows.
INVISIBLE_NAMES: dict[str, str] = {
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u061c": "ALM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2060": "WJ",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\ufeff": "BOM",
    "\u00ad": "SHY",
}
#: The bidi controls and zero-width characters: kept in the stored text, hidden from the model and
#: transparent to sentence ends. The soft hyphen is not one of them: it sits inside a word.
CONTROL_CHARS = frozenset(INVISIBLE_NAMES) - {"\u00ad"}


def count_words(text: str | None) -> int:
    """Whitespace-delimited words: the one word count of documents, segments and effort."""
    return len(text.split()) if text else 0
