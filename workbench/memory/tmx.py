"""TMX 1.4b in and out: the Arabic→English pairs of a memory from OmegaT, MateCat or Trados.

A ``<tu>`` holds a ``<tuv>`` per language (``xml:lang``, or ``lang`` in TMX 1.1); its text is the
``<seg>``'s, inline codes (``<bpt>``, ``<ph>``...) dropped but the text around them kept. A unit
with an ``ar``/``ar-*`` and an ``en``/``en-*`` variant is a pair; any other language pair is
skipped and counted by its languages. The file is read as a stream (``iterparse``), so a memory of
millions of units never sits whole in memory.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from workbench.errors import InputError
from workbench.version import __version__

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_INLINE = {"bpt", "ept", "ph", "it", "ut"}


@dataclass
class TmxRead:
    """What reading a TMX found: the pairs, and the units skipped by language pair."""

    pairs: list[tuple[str, str]] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)


def _text(seg: ET.Element) -> str:
    parts = [seg.text or ""]
    for child in seg:
        name = child.tag.rsplit("}", 1)[-1]
        if name not in _INLINE:
            parts.append(_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


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
            texts.setdefault(lang.split("-")[0].split("_")[0], _text(seg).strip())
    return texts, langs


def iter_tmx(path: Path, read: TmxRead) -> Iterator[tuple[str, str]]:
    """The Arabic→English pairs of a TMX file, as read; skipped units are counted in ``read``."""
    try:
        for _, element in ET.iterparse(path, events=("end",)):
            if element.tag.rsplit("}", 1)[-1] != "tu":
                continue
            texts, langs = _unit(element)
            element.clear()
            if texts.get("ar") and texts.get("en"):
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


def tmx_bytes(pairs: Iterable[tuple[str, str]]) -> bytes:
    """A TMX 1.4b memory of ``(arabic, english)`` pairs (srclang ar)."""
    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "workbench",
            "creationtoolversion": __version__,
            "datatype": "plaintext",
            "segtype": "sentence",
            "adminlang": "en",
            "srclang": "ar",
            "o-tmf": "workbench",
            "creationdate": datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ"),
        },
    )
    body = ET.SubElement(root, "body")
    for arabic, english in pairs:
        tu = ET.SubElement(body, "tu")
        for lang, text in (("ar", arabic), ("en", english)):
            ET.SubElement(ET.SubElement(tu, "tuv", {_XML_LANG: lang}), "seg").text = text
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{text}\n'.encode()
