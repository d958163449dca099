"""The formats by name: the registry, its errors, the file name and media type of an export, and
hostile text coming back exactly from every format that can be read back.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest

from workbench.errors import NotFoundError, UnknownNameError
from workbench.export import EXPORTERS, export_document, suggested_filename, tsv_unescape
from workbench.store.sqlite import Store

from .support import CONTROLS, HOSTILE_NAME, X12, X20, render, xml_text


def test_registry_lists_every_format() -> None:
    assert list(EXPORTERS) == ["txt", "sbs", "tsv", "jsonl", "tmx", "xliff", "xliff2", "omegat"]


def test_unknown_format_lists_the_known_ones(store: Store, seed_id: int) -> None:
    with pytest.raises(
        UnknownNameError, match=r"unknown export format 'docx'; choose one of: .*tmx"
    ):
        export_document(store, seed_id, "docx")


def test_unknown_document_is_a_clear_error(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no document 42"):
        export_document(store, 42, "txt")


def test_export_carries_name_and_media_type(store: Store, hostile_id: int) -> None:
    result = export_document(store, hostile_id, "xliff")
    assert (
        result.filename
        == "etc_passwd_txt.exe.ar-en.xlf"
        == suggested_filename(HOSTILE_NAME, "xliff")
    )
    assert result.media_type == "application/xliff+xml"
    file = ET.fromstring(result.data).find(f"{X12}file")
    assert file is not None and file.attrib["original"] == "../../etc/passwd \\u0007\u202etxt.exe"


def pairs(fmt: str, out: str) -> list[list[str | None]]:
    """Each unit's (source, target) as a reader of ``fmt`` gets them back."""
    if fmt == "tsv":
        return [[tsv_unescape(f) for f in line.split("\t")[4:8:3]] for line in out.splitlines()[1:]]
    if fmt == "jsonl":
        return [[row["source"], row["target"]] for row in map(json.loads, out.splitlines())]
    root = ET.fromstring(out.encode("utf-8"))
    if fmt == "tmx":
        return [[xml_text(s) for s in tu.iter("seg")] for tu in root.iter("tu")]
    ns, unit = (X12, "trans-unit") if fmt == "xliff" else (X20, "unit")
    found = []
    for element in root.iter(f"{ns}{unit}"):
        source, target = element.find(f".//{ns}source"), element.find(f".//{ns}target")
        assert source is not None
        found.append([xml_text(source), None if target is None else xml_text(target)])
    return found


@pytest.mark.parametrize("fmt", ["tsv", "jsonl", "tmx", "xliff", "xliff2"])
def test_hostile_text_round_trips(store: Store, hostile_id: int, fmt: str) -> None:
    text, _ = store.document_text(hostile_id)
    segs = store.segments(hostile_id)
    assert all(s.kind == "prose" and s.status == "edited" for s in segs)
    assert any("\x01" in s.source for s in segs) and all(CONTROLS in (s.target or "") for s in segs)
    # The Arabic comes back as the exact slice of the original text, never normalised.
    expected = [[text[s.start : s.end], s.target] for s in segs]
    assert pairs(fmt, render(store, hostile_id, fmt)) == expected
