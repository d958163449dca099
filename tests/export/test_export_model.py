"""What every format renders: the options, and stand-in MT labelled as not a translation in each
format (real MT and human English never are).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.errors import ConfigError
from workbench.export import STANDIN_NOTICE, ExportOptions, Unit
from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.text.read import read_text
from workbench.translate.types import is_real_signature, signature_kind, translation_signature

from .support import MT_ONLY, REAL, STANDIN, X12, X20, add_seed, render

NOT_A_TRANSLATION = "NOT A TRANSLATION"


def test_invalid_options_name_every_problem() -> None:
    with pytest.raises(ConfigError, match=r"furniture 'hide'.*untranslated 'blank'"):
        ExportOptions(furniture="hide", untranslated="blank")  # type: ignore[arg-type]


# stand-in labelling ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signature", "kind", "real"),
    [
        (None, None, False),
        ("", None, False),
        ("sig", None, False),
        ("kind:", None, False),
        ("model:x|kind", None, False),
        ("model:kind:real", None, False),
        ("Kind:real", None, False),
        ("model:x|kind:real|beam:4", "real", True),
        ("kind:realistic", "realistic", False),
        *[
            (str(translation_signature("opus-mt-ar-en", k, None, "int8", 4)), k, k == "real")
            for k in ("real", "standin", "tiny", "unknown", "fake")
        ],
    ],
)
def test_signature_kind(signature: str | None, kind: str | None, real: bool) -> None:
    assert signature_kind(signature) == kind
    assert is_real_signature(signature) is real


def test_fake_translator_signature_is_not_real() -> None:
    from workbench.testing import FakeTranslator

    assert signature_kind(str(FakeTranslator().signature())) == "fake"


def labelled(fmt: str, out: str) -> set[int]:
    """The positions ``fmt`` labels as stand-in MT; -1 for a label over the whole export."""
    if fmt in ("txt", "sbs"):
        found = {-1} if out.startswith(STANDIN_NOTICE + "\n\n") else set()
        if fmt == "sbs":
            found |= {int(n) - 1 for n in re.findall(r"(?m)^#(\d+) \[stand-in MT", out)}  # 1-based
        return found
    if fmt == "tsv":
        rows = [line.split("\t") for line in out.splitlines()[1:]]
        return {int(r[0]) for r in rows if r[8] not in ("real", "\\N") and r[9] == "standin"}
    if fmt == "jsonl":
        records = [json.loads(line) for line in out.splitlines()]
        return {
            r["position"]
            for r in records
            if r["mt_is_translation"] is False and r["target_origin"] == "standin"
        }
    root = ET.fromstring(out.encode("utf-8"))
    if fmt == "tmx":
        return {
            int(tu.findtext("prop[@type='x-position']") or "")
            for tu in root.iter("tu")
            if NOT_A_TRANSLATION in (tu.findtext("note") or "")
        }
    ns, tag = (X12, "trans-unit") if fmt == "xliff" else (X20, "unit")
    return {
        int(unit.attrib["id"].lstrip("u"))
        for unit in root.iter(f"{ns}{tag}")
        if any(NOT_A_TRANSLATION in (n.text or "") for n in unit.iter(f"{ns}note"))
        and unit.find(f"{ns}alt-trans") is None
    }


@pytest.mark.parametrize(
    ("fmt", "options", "expected"),
    [
        ("txt", {}, {-1}),
        ("sbs", {}, {-1} | MT_ONLY),
        ("tsv", {}, MT_ONLY),
        ("jsonl", {}, MT_ONLY),
        ("tmx", {"include_standin": True}, MT_ONLY),
        ("xliff", {}, MT_ONLY),
        ("xliff2", {}, MT_ONLY),
    ],
)
def test_standin_mt_is_labelled_and_real_mt_is_not(
    store: Store, standin_id: int, tmp_path: Path, seed_path: Path, fmt: str,
    options: dict[str, bool], expected: set[int],
) -> None:  # fmt: skip
    assert labelled(fmt, render(store, standin_id, fmt, **options)) == expected
    real_store = Store(tmp_path / "real.db")  # the same text in one store is the same document
    real = render(real_store, add_seed(real_store, seed_path, REAL), fmt, **options)
    assert labelled(fmt, real) == set()
    assert "STAND-IN" not in real and "standin" not in real


@pytest.mark.parametrize("fmt", ["txt", "sbs", "tsv", "jsonl", "tmx", "xliff", "xliff2"])
def test_post_edited_standin_mt_is_human_english(store: Store, seed_path: Path, fmt: str) -> None:
    doc_id = add_seed(store, seed_path, STANDIN)
    for seg in store.segments(doc_id):
        if seg.mt is not None and seg.post_edit is None:  # a translator changed the words
            store.save_edit(
                seg.id, f"{seg.mt} Checked.", seg.version, confirm=seg.position % 2 == 0
            )
    out = render(store, doc_id, fmt)
    assert all(not Unit(seg).standin for seg in store.segments(doc_id))
    assert labelled(fmt, out) == set() and "stand-in MT" not in out
    if fmt != "xliff":  # XLIFF 1.2 keeps the MT a human changed, labelled (tested below)
        assert NOT_A_TRANSLATION not in out


def save_standin_unchanged(store: Store, doc_id: int) -> None:
    """ "Save" or "Save ✓ confirm" every untouched row: the stand-in's MT becomes the post-edit."""
    for seg in store.segments(doc_id):
        if seg.position in MT_ONLY:
            store.save_edit(seg.id, seg.mt or "", seg.version, confirm=seg.position % 2 == 1)


@pytest.mark.parametrize(
    ("fmt", "options", "expected"),
    [
        ("txt", {}, {-1}),
        ("sbs", {}, {-1} | MT_ONLY),
        ("tsv", {}, MT_ONLY),
        ("jsonl", {}, MT_ONLY),
        ("tmx", {}, set()),
        ("tmx", {"include_standin": True}, MT_ONLY),
        ("xliff", {}, MT_ONLY),
        ("xliff2", {}, MT_ONLY),
    ],
)
def test_standin_mt_saved_unchanged_stays_labelled(
    store: Store, standin_id: int, fmt: str, options: dict[str, bool], expected: set[int]
) -> None:
    save_standin_unchanged(store, standin_id)
    segs = {s.position: s for s in store.segments(standin_id)}
    assert {segs[p].status for p in MT_ONLY} == {"edited", "confirmed"}
    assert all(segs[p].post_edit == segs[p].mt for p in MT_ONLY)
    out = render(store, standin_id, fmt, **options)
    assert labelled(fmt, out) == expected
    if fmt == "tmx":  # nothing reaches a memory as human work; under include_standin, noted
        root = ET.fromstring(out.encode("utf-8"))
        kept = {int(tu.findtext("prop[@type='x-position']") or ""): tu for tu in root.iter("tu")}
        assert set(kept) == {2, 4} | expected
        assert {kept[p].findtext("prop[@type='x-status']") for p in expected} <= {"translated"}
        reviewed = render(store, standin_id, fmt, include_standin=True, reviewed_only=True)
        assert labelled(fmt, reviewed) == set()
    if fmt == "xliff":
        root = ET.fromstring(out.encode("utf-8"))
        for unit in root.iter(f"{X12}trans-unit"):
            if int(unit.attrib["id"]) in MT_ONLY:
                target = unit.find(f"{X12}target")
                assert target is not None and target.attrib["state"] == "needs-review-translation"
                assert unit.get("approved") is None
    if fmt == "xliff2":
        root = ET.fromstring(out.encode("utf-8"))
        states = {
            int(u.attrib["id"][1:]): s.get("state")
            for u in root.iter(f"{X20}unit")
            for s in u.iter(f"{X20}segment")
        }
        assert {states[p] for p in MT_ONLY} == {"translated"}


def test_tmx_leaves_standin_mt_out_unless_asked(store: Store, standin_id: int) -> None:
    def units(**options: bool) -> dict[int, ET.Element]:
        root = ET.fromstring(render(store, standin_id, "tmx", **options).encode("utf-8"))
        return {int(tu.findtext("prop[@type='x-position']") or ""): tu for tu in root.iter("tu")}

    kept = units()
    assert set(kept) == {2, 4}  # the edited and the confirmed segment: human English
    assert all(tu.findtext("prop[@type='x-mt-kind']") == "standin" for tu in kept.values())
    assert all(tu.findtext("note") == "hit-max-length" for tu in kept.values())
    everything = units(include_standin=True)
    assert set(everything) == {2, 4} | MT_ONLY
    notes = [n.text or "" for n in everything[5].findall("note")]
    assert notes[1:] == ["hit-max-length"] and "(standin), NOT A TRANSLATION" in notes[0]
    assert set(units(include_standin=True, reviewed_only=True)) == {2, 4}


def test_tmx_mt_kind_prop(store: Store, seed_id: int) -> None:
    seg = store.segments(seed_id)[12]
    store.save_edit(seg.id, "Human only.", seg.version)  # English without any MT
    root = ET.fromstring(render(store, seed_id, "tmx").encode("utf-8"))
    kinds = [tu.findtext("prop[@type='x-mt-kind']") for tu in root.iter("tu")]
    assert kinds == ["real"] * 9 + ["none"]


def test_xliff12_labels_standin_target_and_alt_trans(store: Store, standin_id: int) -> None:
    root = ET.fromstring(render(store, standin_id, "xliff").encode("utf-8"))
    units = {int(u.attrib["id"]): u for u in root.iter(f"{X12}trans-unit")}
    mt_only = units[5]
    target = mt_only.find(f"{X12}target")
    assert target is not None and target.attrib["state"] == "needs-review-translation"
    notes = mt_only.findall(f"{X12}note")
    assert [n.attrib["from"] for n in notes] == ["workbench", "workbench"]
    assert NOT_A_TRANSLATION in (notes[0].text or "") and notes[1].text == "hit-max-length"
    edited = units[2]  # its English is human; the stand-in MT it replaced is labelled where kept
    assert [n.text for n in edited.findall(f"{X12}note")] == ["hit-max-length"]
    alt_note = edited.find(f"{X12}alt-trans/{X12}note")
    assert alt_note is not None and NOT_A_TRANSLATION in (alt_note.text or "")


def test_xliff2_standin_note(store: Store, standin_id: int) -> None:
    root = ET.fromstring(render(store, standin_id, "xliff2").encode("utf-8"))
    unit = root.find(f".//{X20}unit[@id='u5']")
    assert unit is not None
    notes = [(n.attrib["category"], n.text or "") for n in unit.iter(f"{X20}note")]
    assert [c for c, _ in notes] == ["stand-in", "mt-flag"]
    assert NOT_A_TRANSLATION in notes[0][1]


def test_jsonl_and_tsv_name_the_model_kind(store: Store, standin_id: int) -> None:
    rows = [json.loads(line) for line in render(store, standin_id, "jsonl").splitlines()]
    by_position = {r["position"]: (r["mt_kind"], r["mt_is_translation"]) for r in rows}
    assert by_position[0] == by_position[12] == (None, None)  # furniture; prose without MT
    assert by_position[2] == by_position[5] == ("standin", False)  # describes the MT, edited or not
    tsv = [line.split("\t") for line in render(store, standin_id, "tsv").splitlines()]
    assert [row[8] for row in tsv[1:4]] == ["\\N", "\\N", "standin"]


@pytest.mark.parametrize(
    ("signature", "kind"), [("sig", "unknown"), (None, "unknown"), (REAL, "real")]
)
def test_mt_without_a_kind_counts_as_standin(
    store: Store, signature: str | None, kind: str
) -> None:
    doc_id = add_document(store, read_text("جملة أولى هنا.\n", name="p"))[0]
    seg = store.segments(doc_id)[0]
    store.set_mt(seg.id, "S0.", signature)  # type: ignore[arg-type]
    unit = Unit(store.segment(seg.id))
    assert (unit.mt_kind, unit.standin) == (kind, kind != "real")
    assert render(store, doc_id, "txt").startswith(STANDIN_NOTICE) is (kind != "real")
