"""The OmegaT project package: its layout, the Arabic a segment a line, and which English goes to
which memory (confirmed to ``tm/auto``, edited to ``tm``, MT to ``tm/mt``, stand-in never as human).
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

import pytest

from workbench.export import EXPORTERS, ExportOptions, export_document
from workbench.store.sqlite import Store

from .support import MT_ONLY, xml_text

NAME = "000_ec79a99fe1463192"


def package(
    store: Store, doc_id: int, *, reviewed_only: bool = False, include_standin: bool = False
) -> dict[str, bytes]:
    options = ExportOptions(reviewed_only=reviewed_only, include_standin=include_standin)
    data = export_document(store, doc_id, "omegat", options).data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def memory(files: dict[str, bytes], path: str) -> dict[int, tuple[str, str, list[str]]]:
    """A TMX of the package by position: (Arabic, English, notes); empty if the file is absent."""
    if path not in files:
        return {}
    root = ET.fromstring(files[path])
    out = {}
    for tu in root.iter("tu"):
        source, target = (xml_text(seg) for seg in tu.iter("seg"))
        notes = [n.text or "" for n in tu.findall("note")]
        out[int(tu.findtext("prop[@type='x-position']") or "")] = (source, target, notes)
    return out


def test_registered_as_a_zip() -> None:
    spec = EXPORTERS["omegat"]
    assert (spec.suffix, spec.media_type) == (".omegat.zip", "application/zip")
    assert "OmegaT" in spec.description


def test_layout_and_project_file(store: Store, seed_id: int) -> None:
    files = package(store, seed_id)
    folders = {"source/", "target/", "tm/", "tm/auto/", "tm/mt/", "glossary/", "dictionary/"}
    assert folders | {"omegat/"} <= set(files)
    project = ET.fromstring(files["omegat.project"]).find("project")
    assert project is not None and project.attrib == {"version": "1.0"}
    values = {child.tag: child.text for child in project}
    assert (values["source_lang"], values["target_lang"]) == ("ar", "en")
    assert values["sentence_seg"] == "false"  # OmegaT's segments are the workbench's lines
    assert {values[k] for k in ("source_dir", "target_dir", "tm_dir")} == {"__DEFAULT__"}
    assert sorted(p for p in files if not p.endswith("/")) == [
        "omegat.project",
        f"source/{NAME}.txt",
        f"tm/{NAME}.edited.tmx",
        f"tm/auto/{NAME}.confirmed.tmx",
        f"tm/mt/{NAME}.mt.tmx",
    ]


def test_source_is_a_prose_segment_a_line(store: Store, seed_id: int, hostile_id: int) -> None:
    for doc_id in (seed_id, hostile_id):
        files = package(store, doc_id)
        (source,) = (v for k, v in files.items() if k.startswith("source/") and k != "source/")
        text = source.decode("utf-8")
        assert text.startswith("\ufeff")
        prose = [s for s in store.segments(doc_id) if s.kind == "prose"]
        paragraphs = text[1:].split("\n\n")
        assert paragraphs[-1] == ""
        lines = [line for p in paragraphs[:-1] for line in p.split("\n")]
        assert lines == [s.source for s in prose]  # byte-exact, no furniture
        assert len(paragraphs) - 1 == len({s.paragraph for s in prose})


def test_memories_by_kind_of_english(store: Store, seed_id: int) -> None:
    files = package(store, seed_id)
    segs = {s.position: s for s in store.segments(seed_id)}
    auto = memory(files, f"tm/auto/{NAME}.confirmed.tmx")
    edited = memory(files, f"tm/{NAME}.edited.tmx")
    mt = memory(files, f"tm/mt/{NAME}.mt.tmx")
    assert auto == {4: (segs[4].source, "Confirmed sentence.", ["hit-max-length"])}
    assert edited == {2: (segs[2].source, "Edited headline", ["hit-max-length"])}
    assert {p: e for p, (_, e, _) in mt.items()} == {p: f"EN{p}." for p in {2, 4} | MT_ONLY}
    assert f"tm/mt/{NAME}.mt.tmx" not in package(store, seed_id, reviewed_only=True)


@pytest.mark.parametrize("confirm", [False, True])
def test_standin_english_is_never_human_work(store: Store, standin_id: int, confirm: bool) -> None:
    for seg in store.segments(standin_id):
        if seg.position in MT_ONLY:  # saved or confirmed untouched: still the stand-in's output
            store.save_edit(seg.id, seg.mt or "", seg.version, confirm=confirm)
    files = package(store, standin_id)
    assert set(memory(files, f"tm/auto/{NAME}.confirmed.tmx")) == {4}
    assert set(memory(files, f"tm/{NAME}.edited.tmx")) == {2}
    assert f"tm/mt/{NAME}.mt.tmx" not in files  # stand-in MT is left out unless asked
    mt = memory(package(store, standin_id, include_standin=True), f"tm/mt/{NAME}.mt.tmx")
    assert set(mt) == {2, 4} | MT_ONLY
    assert all("NOT A TRANSLATION" in notes[0] for _, _, notes in mt.values())


def test_hostile_text_round_trips_through_the_memories(store: Store, hostile_id: int) -> None:
    files = package(store, hostile_id)
    edited = memory(files, "tm/etc_passwd_txt.exe.edited.tmx")
    segs = store.segments(hostile_id)
    assert [(s, e) for s, e, _ in edited.values()] == [(s.source, s.post_edit) for s in segs]
