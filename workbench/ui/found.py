"""Matches of a find shown on the page: escaped text, each matched piece in ``<mark>``.

Every piece goes through :func:`workbench.ui.markup.escape`, so a document's hostile text
(``<script>``, ``$5``, ``:red[x]``) stays literal; the only markup is written here.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.search import Hit, Span, snippet
from workbench.ui import markup


def marked(text: str, spans: Sequence[Span], width: int = 60) -> str:
    """``text`` around its matches (cut to about ``width`` characters each side), escaped."""
    return "".join(
        f"<mark>{markup.escape(piece)}</mark>" if is_match else markup.escape(piece)
        for piece, is_match in snippet(text, spans, width)
    )


def highlighted(hit: Hit) -> str:
    """A hit's segment number and its text around the match(es); the Arabic right to left."""
    direction = "rtl" if hit.side == "source" else "auto"
    return (
        f'<div class="wb-find-hit"><b>#{hit.position + 1}</b> '
        f'<span dir="{direction}">{marked(hit.text, hit.spans)}</span></div>'
    )
