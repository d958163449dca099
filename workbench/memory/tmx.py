"""TMX 1.4b in: the Arabic→English pairs of a memory from OmegaT, MateCat, Trados or ``tm export``.

A ``<tu>`` holds a ``<tuv>`` per language (``xml:lang``, or ``lang`` in TMX 1.1); its text is the
``<seg>``'s, read by :func:`workbench.text.inline.inline_text` (other tools' inline codes dropped
but the text around them kept; the exports' ``<ph type="x-cp">`` codes turned back into the
character XML cannot hold). A unit holding a lone surrogate is refused (no store can hold one).
Writing is the export package's (:func:`workbench.export.xml.pairs_tmx_bytes`). A unit
with an ``ar``/``ar-*`` and an ``en``/``en-*`` variant is a pair; any other language pair is
skipped and counted by its languages. The file is read as a stream (``iterparse``), so a memory of
millions of units never sits whole in memory.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import InputError
from workbench.text.inline import inline_text

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass
class TmxRead:
    """What reading a TMX found: the pairs, and the units skipped by language pair."""

    pairs: list[tuple[str, str]] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


def _unit(tu: ET.Element) -> tuple[dict[str, str], list[str]]:
    texts: dict[str, str] = {}
    langs = []
    for tuv in tu:
        if tuv.tag.rsplit("}", 1)[-1] != "tuv":
            continue
        lang = (tuv.get(_XML_LANG) or tuv.get("lang") or "").lower()
        langs.append(lang or "?")
        seg = next((c for c in tuv if c.tag.rsplit("}", 1)[-1] == "seg"), None)
        if seg is not None:
            texts.setdefault(lang.split("-")[0].split("_")[0], inline_text(seg).strip())
    return texts, langs


def _check(path: Path, unit: int, *texts: str) -> None:
    for text in texts:
        if m := _SURROGATE.search(text):
            raise InputError(
                f"Arabic→English unit {unit} holds a lone surrogate U+{ord(m[0]):04X}, "
                "which is not valid Unicode.",
                path=path,
                fix="Remove that character from the unit (or the unit) and import again.",
            )


def iter_tmx(path: Path, read: TmxRead) -> Iterator[tuple[str, str]]:
    """The Arabic→English pairs of a TMX file, as read; skipped units are counted in ``read``."""
    unit = 0
    try:
        for _, element in ET.iterparse(path, events=("end",)):
            if element.tag.rsplit("}", 1)[-1] != "tu":
                continue
            texts, langs = _unit(element)
            element.clear()
            if texts.get("ar") and texts.get("en"):
                unit += 1
                _check(path, unit, texts["ar"], texts["en"])
                yield texts["ar"], texts["en"]
            else:
                read.skipped[" + ".join(sorted(set(langs))) or "no languages"] += 1
    except ET.ParseError as err:
        raise InputError(
            f"not valid TMX ({err}).",
            path=path,
            line=err.position[0],
            fix="Export the memory again as TMX 1.4b.",
        ) from err
    except OSError as err:
        raise InputError(f"cannot be read ({err.strerror}).", path=path) from err


def read_tmx(path: Path) -> TmxRead:
    """Every Arabic→English pair of a TMX file, and the units skipped by language pair."""
    read = TmxRead()
    read.pairs = list(iter_tmx(path, read))
    return read
