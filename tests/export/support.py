"""What the export tests share: the model signatures, hostile text, the seed article, rendering an
export, and the text of an XML element read back.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from workbench.export import ExportOptions, export_document
from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.text.read import read_file
from workbench.translate.types import translation_signature

REAL = str(translation_signature("opus-mt-ar-en", "real", "ab" * 32, "int8", 4))
STANDIN = str(translation_signature("opus-mt-ar-en", "standin", "cd" * 32, "int8", 4))
X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
X20 = "{urn:oasis:names:tc:xliff:document:2.0}"
#: Characters XML 1.0 cannot hold, and a string of everything else that tends to break exporters.
#: No NUL: neither store keeps one (PostgreSQL text cannot hold it; tests/store/test_store_nul.py).
CONTROLS = "\x01\x07\x0b\x0c\x1b\x1f\ufffe\uffff"
HOSTILE_EN = (
    "A & B ]]> <script>alert(1)</script> $x$ :red[x] **x** \\N \\t back\\slash "
    "\u202eRLO\u202c \u2067iso\u2069 Z\u200dW\u200cJ ﻻ ﷲ tab\there\nnew line\rcr\r\nend "
    f"{CONTROLS} \u2028ls\u2029ps\x85nel"
)
HOSTILE_NAME = "../../etc/passwd \x07\u202etxt.exe"
HOSTILE_AR = (
    "قال الباحث إن <script>alert(1)</script> و & و ]]> تبقى كما هي في النص.\n"
    "وأضاف أن \u202bالنص\u202c مع \u200dوصل\u200c وفصل وﻻ وﷲ و $x$ و :red[x] و **x** سليمة.\n"
    "وأكد أن المحارف \x01 و\x07 و\x1b لا تفسد الملف الناتج أبدا.\n"
)
MT_ONLY = set(range(5, 12))  # the seed's prose positions whose English is the MT


def add_seed(store: Store, seed_path: Path, signature: str) -> int:
    """The seed article with MT on every prose segment but the last, one edit and one confirmation.

    Prose is at positions 2 (edited), 4 (confirmed), 5-11 (MT only) and 12 (no English).
    """
    doc_id = add_document(store, read_file(seed_path))[0]
    prose = [s for s in store.segments(doc_id) if s.kind == "prose"]
    for seg in prose[:-1]:
        store.set_mt(seg.id, f"EN{seg.position}.", signature, {"flags": ["hit-max-length"]})
    edited = store.segment(prose[0].id)
    store.save_edit(edited.id, "Edited headline", edited.version)
    confirmed = store.segment(prose[1].id)
    store.save_edit(confirmed.id, "Confirmed sentence.", confirmed.version, confirm=True)
    return doc_id


def render(store: Store, doc_id: int, fmt: str, **options: object) -> str:
    data = export_document(store, doc_id, fmt, ExportOptions(**options)).data  # type: ignore[arg-type]
    return data.decode("utf-8")


def xml_text(element: ET.Element) -> str:
    """Undo the inline codes: ``<ph ctype|type="x-cp">U+XXXX</ph>`` and XLIFF 2.0 ``<cp hex>``."""
    out = [element.text or ""]
    for child in element:
        if child.tag.endswith("}cp"):
            out.append(chr(int(child.attrib["hex"], 16)))
        else:
            assert "x-cp" in (child.get("type"), child.get("ctype")), child.tag
            out.append(chr(int((child.text or "")[2:], 16)))
        out.append(child.tail or "")
    return "".join(out)
