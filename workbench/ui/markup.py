"""Escaped HTML for the editor: the only way text from a document or a translator reaches the page.

Streamlit has no right-to-left support and ``st.markdown`` interprets ``$…$``, ``:red[…]`` and
``**…**`` even in escaped text, so source, MT and edits are shown only through these builders (via
``st.html``) or ``st.text``. Every builder runs :func:`html.escape` on every piece of text; the
only markup is the fixed tags and class names written here. ``white-space: pre-wrap`` (in
:data:`STYLE`) shows the text exactly as stored, spaces and line breaks included.
"""

from __future__ import annotations

import html
import re
import unicodedata

#: Letters of the Arabic script (Arabic, Supplement, Extended-A, presentation forms).
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufefc]")

#: Invisible characters a translator should know are there (bidi controls, zero-width marks).
_INVISIBLE = {
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
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\ufeff": "BOM",
    "\u00ad": "SHY",
}

STATUS_LABELS = {
    "new": "new",
    "translated": "translated (MT)",
    "edited": "edited",
    "confirmed": "confirmed",
}

FURNITURE_LABEL = "page furniture (not translated)"

#: The editor's CSS, injected once per run. ``unicode-bidi: isolate`` keeps each block's
#: direction from leaking into its neighbours (an unterminated RLO in the source stays inside it);
#: ``dir="rtl"`` on the Arabic lets the bidi algorithm keep Latin names, numbers and URLs in order.
STYLE = """<style>
.wb-src, .wb-mt, .wb-text {
  white-space: pre-wrap; overflow-wrap: anywhere; unicode-bidi: isolate;
  border-radius: 0.4rem; padding: 0.45rem 0.7rem; margin: 0 0 0.3rem 0;
}
.wb-src {
  text-align: start; font-size: 1.2rem; line-height: 1.9; background: #f7f4ec;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Geeza Pro", "Arial", sans-serif;
}
.wb-mt { background: #eef2f7; color: #333; }
.wb-mt.wb-empty, .wb-text.wb-empty { color: #888; font-style: italic; }
.wb-text { background: #f4f4f4; }
.wb-label { font-size: 0.78rem; color: #666; margin: 0.1rem 0; }
.wb-head { display: flex; gap: 0.6rem; align-items: center; font-size: 0.85rem; }
.wb-num { font-weight: 700; min-width: 2.5rem; }
.wb-badge { border-radius: 0.8rem; padding: 0.05rem 0.6rem; font-size: 0.78rem; }
.wb-st-new { background: #eee; color: #555; }
.wb-st-translated { background: #e3ecfa; color: #1f4e99; }
.wb-st-edited { background: #fff2cc; color: #7a5a00; }
.wb-st-confirmed { background: #dcf2e0; color: #1b6b33; }
.wb-flag { background: #fde2e1; color: #8a1c17; }
.wb-furniture { opacity: 0.55; }
.wb-furniture .wb-src { background: #f1f1f1; font-size: 1rem; }
.wb-alert { border-radius: 0.5rem; padding: 0.6rem 0.9rem; white-space: pre-wrap; }
.wb-alert-error { background: #fde8e8; color: #7d1a1a; }
.wb-alert-warning { background: #fff5d6; color: #6b4e00; }
.wb-alert-info { background: #e7f0fb; color: #1b3f73; }
</style>"""


def escape(text: str) -> str:
    """HTML-escape ``text``, quotes included."""
    return html.escape(text, quote=True)


def arabic(text: str, *, css: str = "wb-src") -> str:
    """A source block, the text escaped and isolated: right-to-left when it holds Arabic letters.

    A line without Arabic (a Latin date line, a site name) gets ``dir="auto"`` so that, say,
    "• Monday" keeps its bullet in front instead of being laid out right-to-left.
    """
    direction = "rtl" if _ARABIC_SCRIPT.search(text) else "auto"
    return f'<div class="{css}" dir="{direction}" lang="ar">{escape(text)}</div>'


def english(text: str | None, *, css: str = "wb-mt", empty: str = "(no MT yet)") -> str:
    """An English block: left-to-right, isolated, the text escaped; ``empty`` when there is none."""
    if text is None or text == "":
        return f'<div class="{css} wb-empty" dir="ltr" lang="en">{escape(empty)}</div>'
    return f'<div class="{css}" dir="ltr" lang="en">{escape(text)}</div>'


def label(text: str) -> str:
    """A small caption line."""
    return f'<div class="wb-label">{escape(text)}</div>'


def alert(text: str, kind: str = "error") -> str:
    """An alert box like ``st.error``/``st.warning`` whose text is shown literally."""
    if kind not in ("error", "warning", "info"):
        raise ValueError(f"unknown alert kind {kind!r}; choose error, warning or info")
    return f'<div class="wb-alert wb-alert-{kind}" dir="auto">{escape(text)}</div>'


def segment_header(number: int, status: str, flags: list[str] | tuple[str, ...] = ()) -> str:
    """The row header: segment number, a status badge and any MT flags."""
    badge = STATUS_LABELS.get(status, status)
    parts = [
        f'<span class="wb-num">#{number}</span>',
        f'<span class="wb-badge wb-st-{escape(status)}">{escape(badge)}</span>',
    ]
    parts += [f'<span class="wb-badge wb-flag">{escape(flag)}</span>' for flag in flags]
    return f'<div class="wb-head">{"".join(parts)}</div>'


def furniture(number: int, text: str) -> str:
    """A page-furniture row: greyed, labelled, not editable."""
    return (
        f'<div class="wb-furniture"><div class="wb-head"><span class="wb-num">#{number}</span>'
        f'<span class="wb-badge wb-st-new">{escape(FURNITURE_LABEL)}</span></div>'
        f"{arabic(text)}</div>"
    )


def invisible_characters(text: str) -> list[str]:
    """Names of the invisible characters in ``text`` (bidi controls, zero-width marks), in order of
    first appearance, e.g. ``["RLO U+202E", "ZWJ U+200D"]``."""
    seen: dict[str, str] = {}
    for char in text:
        if char in seen:
            continue
        name = _INVISIBLE.get(char)
        if name is None and unicodedata.category(char) == "Cf":
            name = unicodedata.name(char, "format character")
        if name is not None:
            seen[char] = f"{name} U+{ord(char):04X}"
    return list(seen.values())
