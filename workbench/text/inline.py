"""The text of an XML exchange format's segment (TMX, XLIFF), its inline codes dropped or undone.

The workbench's exports write a character XML 1.0 cannot hold as an inline code carrying its code
point (``<ph type="x-cp">U+0001</ph>`` in TMX, ``ctype="x-cp"`` in XLIFF 1.2, ``<cp hex=".."/>``
in XLIFF 2.0, see :mod:`workbench.export.xml`); :func:`inline_text` turns those back into the
character. Other tools' inline markup keeps its text (``<g>``, ``<mrk>``, ``<hi>``, ``<pc>``,
``<sub>``) and drops its native codes (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``...).
One reader for the export package's read-back and the translation memory's TMX import.
"""

from __future__ import annotations

import re
from typing import Any

_CODE_POINT = re.compile(r"U\+([0-9A-Fa-f]{4,6})")
#: Inline elements whose text is part of the segment (the others are codes of a native format).
_TEXT_ELEMENTS = {"g", "mrk", "hi", "pc", "sub"}


def local_name(tag: object) -> str:
    """An element's name without its namespace (``""`` for comments and processing instructions)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def inline_text(element: Any) -> str:
    """The text of ``element`` with the exports' inline codes turned back into characters."""
    out = [element.text or ""]
    for child in element:
        name = local_name(child.tag)
        if name == "cp" and child.get("hex"):
            out.append(chr(int(child.get("hex"), 16)))
        elif name == "ph" and "x-cp" in (child.get("type"), child.get("ctype")):
            match = _CODE_POINT.fullmatch((child.text or "").strip())
            if match:
                out.append(chr(int(match[1], 16)))
        elif name in _TEXT_ELEMENTS:
            out.append(inline_text(child))
        out.append(child.tail or "")
    return "".join(out)
