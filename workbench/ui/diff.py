"""A word-level diff between two English texts, as escaped HTML (the History's "compare").

Words and the spaces between them are compared as units (``difflib``), so a changed word shows as
that word struck out and its replacement underlined; every piece of text is escaped.
"""

from __future__ import annotations

import difflib
import re

from workbench.ui.markup import escape

_RUNS = re.compile(r"\s+|[^\s]+")


def _runs(text: str) -> list[str]:
    return _RUNS.findall(text)


def diff_html(old: str, new: str) -> str:
    """``old`` → ``new``: removed runs in ``<del>``, added ones in ``<ins>``, the rest as is."""
    a, b = _runs(old), _runs(new)
    parts: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(escape("".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(f'<del class="wb-del">{escape("".join(a[i1:i2]))}</del>')
        if j2 > j1:
            parts.append(f'<ins class="wb-ins">{escape("".join(b[j1:j2]))}</ins>')
    return f'<div class="wb-text wb-diff" dir="ltr" lang="en">{"".join(parts)}</div>'
