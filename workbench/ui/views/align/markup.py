"""Escaped HTML for the Align page: the pair rows (Arabic right-to-left, English), their headers.

Built on :mod:`workbench.ui.markup`, so every piece of text is escaped and shown literally; the
only markup is the fixed tags and class names written here.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from workbench.align.bitext import link_type
from workbench.align.sentences import Link
from workbench.ui import markup, state

#: Below this score a link is marked "doubtful": good links score about 0.3-0.8 with MT and
#: lower without it (about 0.1-0.7), doubtful ones near 0 or below.
DOUBTFUL = 0.05

#: The classes of the two text boxes (Streamlit names a keyed element's class after its key).
_SRC, _TGT = state.css_class(state.ALIGN_SRC), state.css_class(state.ALIGN_TGT)

#: The page's CSS: the Arabic text box right-to-left (``plaintext`` lets a pasted English
#: paragraph keep its own direction), badges for the link type and gaps.
STYLE = f"""<style>
.{_SRC} textarea {{
  direction: rtl; unicode-bidi: plaintext; text-align: start; font-size: 1.1rem; line-height: 1.8;
  font-family: "Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Geeza Pro", "Arial", sans-serif;
}}
.{_TGT} textarea {{ direction: ltr; unicode-bidi: plaintext; text-align: start; }}
.wb-kind {{ background: #ece8f7; color: #3d2f7a; font-weight: 600; }}
.wb-score {{ background: #eef2f7; color: #333; }}
.wb-lines {{ color: #666; font-size: 0.78rem; }}
</style>"""


def _lines(indices: Sequence[int]) -> str:
    if not indices:
        return "–"
    first, last = indices[0] + 1, indices[-1] + 1
    return str(first) if first == last else f"{first}–{last}"


def _score(link: Link) -> str:
    return "by hand" if math.isnan(link.score) else f"score {link.score:.2f}"


def flags(link: Link) -> list[str]:
    """What a reviewer should look at: a side without text, or a doubtful score."""
    if not link.tgt:
        return ["no English: saved untranslated"]
    if not link.src:
        return ["no Arabic: added to the previous segment's English"]
    if not math.isnan(link.score) and round(link.score, 2) < DOUBTFUL:
        return ["doubtful"]
    return []


def pair_header(number: int, link: Link) -> str:
    """A row's header: the pair number, the link type (``2-1``), its score, lines and flags."""
    parts = [
        f'<span class="wb-num">#{number}</span>',
        f'<span class="wb-badge wb-kind">{markup.escape(link_type(link))}</span>',
        f'<span class="wb-badge wb-score">{markup.escape(_score(link))}</span>',
        f'<span class="wb-lines">Arabic {_lines(link.src)} · English {_lines(link.tgt)}</span>',
    ]
    parts += [
        f'<span class="wb-badge wb-flag">{markup.escape(flag)}</span>' for flag in flags(link)
    ]
    return f'<div class="wb-head">{"".join(parts)}</div>'


def arabic_cell(lines: Sequence[str]) -> str:
    """The link's Arabic lines, one per line, right-to-left; a grey note when there are none."""
    if not lines:
        return markup.english(None, css="wb-text", empty="(no Arabic)")
    if not any(line.strip() for line in lines):
        return markup.english(None, css="wb-text", empty="(blank line)")
    return markup.arabic("\n".join(lines))


def english_cell(lines: Sequence[str]) -> str:
    """The link's English lines, one per line; a grey note when there are none."""
    if not lines:
        return markup.english(None, css="wb-text", empty="(no English)")
    if not any(line.strip() for line in lines):
        return markup.english(None, css="wb-text", empty="(blank line)")
    return markup.english("\n".join(lines), css="wb-text")
