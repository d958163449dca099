"""TMX 1.4b, XLIFF 1.2 and 2.0: well-formed whatever the text; their headers, units and states."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.text.read import read_text

from .support import X12, X20, render, xml_text

XML = "{http://www.w3.org/XML/1998/namespace}lang"
XLIFF2_STATES = {
    "new": "initial",
    "translated": "translated",
    "edited": "translated",
    "confirmed": "final",
}


@pytest.mark.parametrize("fmt", ["tmx", "xliff", "xliff2"])
def test_xml_never_holds_illegal_characters(store: Store, hostile_id: int, fmt: str) -> None:
    out = render(store, hostile_id, fmt)
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", out)
    assert "\r" not in out  # written &#13;, else a parser reads it back as LF
    ET.fromstring(out.encode("utf-8"))


def test_tmx_header_and_units(store: Store, seed_id: int) -> None:
    root = ET.fromstring(render(store, seed_id, "tmx").encode("utf-8"))
    assert root.tag == "tmx" and root.attrib["version"] == "1.4"
    header = root.find("header")
    assert header is not None
    for attr in ("creationtool", "creationtoolversion", "o-tmf", "adminlang", "creationdate"):
        assert header.attrib[attr]
    assert header.attrib["segtype"] == "sentence"
    assert header.attrib["srclang"] == "ar"
    assert header.attrib["datatype"] == "plaintext"
    assert re.fullmatch(r"\d{8}T\d{6}Z", header.attrib["creationdate"])
    units = root.findall("body/tu")
    translated = [s for s in store.segments(seed_id) if s.kind == "prose" and s.target]
    assert len(units) == len(translated) == 9
    for tu, seg in zip(units, translated, strict=True):
        assert [t.attrib[XML] for t in tu.findall("tuv")] == ["ar", "en"]
        segs = [t.find("seg") for t in tu.findall("tuv")]
        assert [xml_text(s) for s in segs if s is not None] == [seg.source, seg.target]
        props = {p.attrib["type"]: p.text for p in tu.findall("prop")}
        assert props["x-status"] == seg.status and props["x-position"] == str(seg.position)
        assert re.fullmatch(r"\d{8}T\d{6}Z", tu.attrib["changedate"])
    assert [n.text for n in units[2].findall("note")] == ["hit-max-length"]
    reviewed = ET.fromstring(render(store, seed_id, "tmx", reviewed_only=True).encode("utf-8"))
    assert len(reviewed.findall("body/tu")) == 2


def test_xliff12_structure_and_states(store: Store, seed_id: int) -> None:
    root = ET.fromstring(render(store, seed_id, "xliff").encode("utf-8"))
    assert root.tag == f"{X12}xliff" and root.attrib["version"] == "1.2"
    file = root.find(f"{X12}file")
    assert file is not None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", file.attrib.pop("date"))
    assert file.attrib == {
        "original": "000_ec79a99fe1463192.txt", "source-language": "ar", "target-language": "en",
        "datatype": "plaintext", "tool-id": "workbench",
    }  # fmt: skip
    units = root.findall(f".//{X12}trans-unit")
    segs = store.segments(seed_id)
    assert [u.attrib["id"] for u in units] == [str(s.position) for s in segs]
    states = {}
    for unit, seg in zip(units, segs, strict=True):
        source = unit.find(f"{X12}source")
        assert source is not None and source.attrib[XML] == "ar" and xml_text(source) == seg.source
        target = unit.find(f"{X12}target")
        if seg.kind == "furniture" or seg.status == "new":
            assert target is None
            assert unit.get("translate") == ("no" if seg.kind == "furniture" else None)
            continue
        assert target is not None and target.attrib[XML] == "en" and xml_text(target) == seg.target
        states[seg.status] = (target.attrib["state"], unit.get("approved"))
    assert states == {
        "edited": ("translated", None),
        "confirmed": ("final", "yes"),
        "translated": ("needs-review-translation", None),
    }
    edited = units[2]
    alt = edited.find(f"{X12}alt-trans/{X12}target")
    assert alt is not None and alt.text == "EN2."
    assert [n.text for n in edited.findall(f"{X12}note")] == ["hit-max-length"]
    groups = root.findall(f".//{X12}group")
    assert [g.attrib["id"] for g in groups] == [f"p{n}" for n in range(12)]


def test_xliff2_structure_and_states(store: Store, seed_id: int) -> None:
    root = ET.fromstring(render(store, seed_id, "xliff2").encode("utf-8"))
    assert root.tag == f"{X20}xliff"
    assert (root.attrib["version"], root.attrib["srcLang"], root.attrib["trgLang"]) == (
        "2.0",
        "ar",
        "en",
    )
    units = root.findall(f".//{X20}unit")
    segs = store.segments(seed_id)
    assert len(units) == len(segs)
    for unit, seg in zip(units, segs, strict=True):
        segment = unit.find(f"{X20}segment")
        assert segment is not None
        source, target = segment.find(f"{X20}source"), segment.find(f"{X20}target")
        assert source is not None and xml_text(source) == seg.source
        assert (target is None) == (seg.kind == "furniture" or seg.target is None)
        assert (unit.get("translate") == "no") == (seg.kind == "furniture")
        assert segment.attrib["state"] == XLIFF2_STATES[seg.status]


def test_xliff12_code_ids_mean_one_character_per_unit(store: Store) -> None:
    doc_id = add_document(store, read_text("جملة \x0b فيها \x01 و\x0b رمز.\n", name="p"))[0]
    seg = store.segments(doc_id)[0]
    store.set_mt(seg.id, "MT \x01 \x01 \x0b.", "sig")
    store.save_edit(seg.id, "EN \x01 then \x0b\x0b.", store.segment(seg.id).version)
    unit = ET.fromstring(render(store, doc_id, "xliff").encode("utf-8")).find(f".//{X12}trans-unit")
    assert unit is not None
    paths = {
        "source": f"{X12}source",
        "target": f"{X12}target",
        "alt": f"{X12}alt-trans/{X12}target",
    }
    ids = {
        name: [(ph.attrib["id"], ph.text) for ph in unit.findall(f"{path}/{X12}ph")]
        for name, path in paths.items()
    }
    assert ids == {
        "source": [("cp1", "U+000B"), ("cp2", "U+0001"), ("cp3", "U+000B")],
        "target": [("cp2", "U+0001"), ("cp1", "U+000B"), ("cp3", "U+000B")],
        "alt": [("cp2", "U+0001"), ("cp4", "U+0001"), ("cp1", "U+000B")],
    }


def test_xliff12_code_ids_are_consistent_in_hostile_text(store: Store, hostile_id: int) -> None:
    root = ET.fromstring(render(store, hostile_id, "xliff").encode("utf-8"))
    for unit in root.iter(f"{X12}trans-unit"):
        meaning: dict[str, str | None] = {}
        for element in unit.iter():
            ids = [ph.attrib["id"] for ph in element.findall(f"{X12}ph")]
            assert len(ids) == len(set(ids))  # unique within an element
            for ph in element.findall(f"{X12}ph"):
                assert meaning.setdefault(ph.attrib["id"], ph.text) == ph.text
