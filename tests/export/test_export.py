"""Exports: every format parses back, keeps the Arabic byte for byte, and is written atomically."""

from __future__ import annotations

import errno
import io
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.errors import ConfigError, NotFoundError, UnknownNameError, WorkbenchError
from workbench.export import (
    EXPORTERS,
    STANDIN_NOTICE,
    Export,
    ExportOptions,
    Unit,
    export_document,
    safe_filename,
    suggested_filename,
    tsv_escape,
    tsv_unescape,
    write_atomic,
    write_export,
)
from workbench.export import files as ex
from workbench.pipeline.document import add_document
from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store
from workbench.text.read import read_file, read_text
from workbench.translate.types import is_real_signature, signature_kind, translation_signature

REAL = str(translation_signature("opus-mt-ar-en", "real", "ab" * 32, "int8", 4))
STANDIN = str(translation_signature("opus-mt-ar-en", "standin", "cd" * 32, "int8", 4))
NOT_A_TRANSLATION = "NOT A TRANSLATION"
XML = "{http://www.w3.org/XML/1998/namespace}lang"
X12 = "{urn:oasis:names:tc:xliff:document:1.2}"
X20 = "{urn:oasis:names:tc:xliff:document:2.0}"
XLIFF2_STATES = {
    "new": "initial",
    "translated": "translated",
    "edited": "translated",
    "confirmed": "final",
}
#: Characters XML 1.0 cannot hold, and a string of everything else that tends to break exporters.
CONTROLS = "\x00\x01\x07\x0b\x0c\x1b\x1f\ufffe\uffff"
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


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "wb.db")


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


@pytest.fixture
def seed_id(store: Store, seed_path: Path) -> int:
    """The seed article translated by the real model."""
    return add_seed(store, seed_path, REAL)


@pytest.fixture
def standin_id(store: Store, seed_path: Path) -> int:
    """The seed article translated by the stand-in model."""
    return add_seed(store, seed_path, STANDIN)


@pytest.fixture
def hostile_id(store: Store) -> int:
    """Arabic with markup, bidi and control characters; English edits full of the same."""
    doc_id = add_document(store, read_text(HOSTILE_AR, name=HOSTILE_NAME))[0]
    for seg in store.segments(doc_id):
        store.set_mt(seg.id, f"mt {seg.position} {CONTROLS}", "sig")
        store.save_edit(seg.id, f"{seg.position}: {HOSTILE_EN}", store.segment(seg.id).version)
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


# registry and file names -----------------------------------------------------------------------


def test_registry_lists_every_format() -> None:
    assert list(EXPORTERS) == ["txt", "sbs", "tsv", "jsonl", "tmx", "xliff", "xliff2"]


def test_unknown_format_lists_the_known_ones(store: Store, seed_id: int) -> None:
    with pytest.raises(
        UnknownNameError, match=r"unknown export format 'docx'; choose one of: .*tmx"
    ):
        export_document(store, seed_id, "docx")


def test_unknown_document_is_a_clear_error(store: Store) -> None:
    with pytest.raises(NotFoundError, match="no document 42"):
        export_document(store, 42, "txt")


def test_invalid_options_name_every_problem() -> None:
    with pytest.raises(ConfigError, match=r"furniture 'hide'.*untranslated 'blank'"):
        ExportOptions(furniture="hide", untranslated="blank")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "suffix", "expected"),
    [
        ("article.txt", ".en.txt", "article.en.txt"),
        ("../x", ".tmx", "x.tmx"),
        ("../../etc/passwd", "", "etc_passwd"),
        ("a\\b/c", ".tsv", "a_b_c.tsv"),
        ("مقال عن الأمن.txt", ".en.txt", "مقال_عن_الأمن.en.txt"),
        ("  two  spaces  ", ".tsv", "two_spaces.tsv"),
        ("", ".tsv", "document.tsv"),
        ("..", ".tsv", "document.tsv"),
        (".hidden", "", "hidden"),
        ("-rf", ".txt", "rf.txt"),
        ("CON", ".txt", "_CON.txt"),
        ("\u202etxt.exe", "", "txt.exe"),
        ("a\x00b\nc", ".xlf", "a_b_c.xlf"),
        ('what?<is>:"this"|*', "", "what_is_this"),
    ],
)
def test_safe_filename(name: str, suffix: str, expected: str) -> None:
    assert safe_filename(name, suffix) == expected


@pytest.mark.parametrize("name", ["x" * 255, "ع" * 255, "ع" * 127 + "x", "a/" * 200])
def test_long_names_fit_in_a_file_name(name: str) -> None:
    out = safe_filename(name, ".ar-en.xlf")
    assert out.endswith(".ar-en.xlf")
    assert len(out.encode("utf-8")) <= ex.MAX_FILENAME_BYTES
    assert "/" not in out and "\\" not in out


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


# plain text ------------------------------------------------------------------------------------


def test_txt_keeps_paragraphs_furniture_and_untranslated_source(store: Store, seed_id: int) -> None:
    segs = store.segments(seed_id)
    src = {s.position: s.source for s in segs}
    paragraphs = [
        f"{src[0]}\n{src[1]}",
        "Edited headline",
        f"{src[3]}\nConfirmed sentence.",
        *[f"EN{p}." for p in range(5, 12)],
        src[12],  # the last prose segment has no English: its Arabic stands in
        f"{src[13]}\n{src[14]}",
    ]
    assert render(store, seed_id, "txt") == "\n\n".join(paragraphs) + "\n"


def test_txt_options_drop_furniture_and_untranslated(store: Store, seed_id: int) -> None:
    out = render(store, seed_id, "txt", furniture="drop", untranslated="drop")
    assert out.startswith("Edited headline\n\nConfirmed sentence.\n\nEN5.")
    assert out.endswith("EN11.\n")
    assert not re.search("[\u0600-\u06ff]", out)
    marked = render(store, seed_id, "txt", untranslated="mark")
    assert f"[untranslated: {store.segments(seed_id)[12].source}]" in marked


def test_txt_joins_sentences_and_keeps_line_breaks(store: Store) -> None:
    text = "جملة أولى هنا. جملة ثانية هنا.\r\nسطر آخر هنا.\n\n\nفقرة ثانية هنا.\n"
    doc_id = add_document(store, read_text(text, name="p"))[0]
    for seg in store.segments(doc_id):
        store.set_mt(seg.id, f"S{seg.position}.", REAL)
    last = store.segments(doc_id)[-1]
    store.save_edit(last.id, "", last.version)  # emptied on purpose: left out, no stray space
    assert render(store, doc_id, "txt") == "S0. S1.\nS2.\n"


# TSV and JSONL ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        (None, "\\N"),
        ("", ""),
        ("\\N", "\\\\N"),
        ("a\tb\nc\rd\\e", "a\\tb\\nc\\rd\\\\e"),
        ("\\u2028", "\\\\u2028"),
        ("x\u2028y\x85z\x0b\x0c", "x\\u2028y\\u0085z\\u000b\\u000c"),
        ("عربي \u202b\u200d", "عربي \u202b\u200d"),
    ],
)
def test_tsv_escaping_is_reversible(value: str | None, escaped: str) -> None:
    assert tsv_escape(value) == escaped
    assert tsv_unescape(escaped) == value


def test_tsv_one_line_per_segment(store: Store, seed_id: int, hostile_id: int) -> None:
    for doc_id in (seed_id, hostile_id):
        out = render(store, doc_id, "tsv")
        segs = store.segments(doc_id)
        lines = out.splitlines()  # the strictest splitter: it breaks at U+2028, FF, NEL too
        assert out.endswith("\n") and len(lines) == len(segs) + 1
        assert lines[0].split("\t") == [
            "position", "paragraph", "kind", "status", "source", "mt", "post_edit", "target",
            "mt_model",
        ]  # fmt: skip
        for line, seg in zip(lines[1:], segs, strict=True):
            fields = line.split("\t")
            assert fields[:4] == [str(seg.position), str(seg.paragraph), seg.kind, seg.status]
            assert [tsv_unescape(f) for f in fields[4:]] == [
                seg.source, seg.mt, seg.post_edit, seg.target, Unit(seg).mt_kind
            ]  # fmt: skip


def test_jsonl_has_every_field(store: Store, seed_id: int, hostile_id: int) -> None:
    for doc_id in (seed_id, hostile_id):
        out = render(store, doc_id, "jsonl")
        rows = [json.loads(line) for line in out.splitlines()]
        segs = store.segments(doc_id)
        assert len(rows) == len(segs)
        for row, seg in zip(rows, segs, strict=True):
            added = ("target", "flags", "mt_kind", "mt_is_translation", "alignment")
            assert SegmentRow(**{k: v for k, v in row.items() if k not in added}) == seg
            assert row["target"] == seg.target
    first = json.loads(render(store, seed_id, "jsonl").splitlines()[2])
    assert first["flags"] == ["hit-max-length"]


def test_jsonl_is_utf8_not_ascii_escaped(store: Store, seed_id: int) -> None:
    assert "التحالف الدولي" in render(store, seed_id, "jsonl")


# XML formats -----------------------------------------------------------------------------------


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


def test_hostile_txt_is_literal(store: Store, hostile_id: int) -> None:
    out = render(store, hostile_id, "txt")
    for seg in store.segments(hostile_id):
        assert seg.target is not None and seg.target in out


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
            found |= {int(n) for n in re.findall(r"(?m)^#(\d+) \[stand-in MT", out)}
        return found
    if fmt == "tsv":
        rows = [line.split("\t") for line in out.splitlines()[1:]]
        return {int(r[0]) for r in rows if r[8] not in ("real", "\\N") and r[6] == "\\N"}
    if fmt == "jsonl":
        records = [json.loads(line) for line in out.splitlines()]
        return {
            r["position"] for r in records if r["mt_is_translation"] is False and not r["post_edit"]
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


MT_ONLY = set(range(5, 12))  # the seed's prose positions whose English is the MT


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


@pytest.mark.parametrize("fmt", ["txt", "sbs", "tmx", "xliff", "xliff2"])
def test_post_edited_standin_mt_is_human_english(store: Store, seed_path: Path, fmt: str) -> None:
    doc_id = add_seed(store, seed_path, STANDIN)
    for seg in store.segments(doc_id):
        if seg.mt is not None and seg.post_edit is None:  # keeping the MT's words is an edit too
            store.save_edit(seg.id, seg.mt, seg.version, confirm=seg.position % 2 == 0)
    out = render(store, doc_id, fmt)
    assert all(not Unit(seg).standin for seg in store.segments(doc_id))
    assert labelled(fmt, out) == set() and "stand-in MT" not in out
    if fmt != "xliff":  # XLIFF 1.2 keeps the MT a human changed, labelled (tested below)
        assert NOT_A_TRANSLATION not in out


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


# side-by-side view -----------------------------------------------------------------------------


def test_sbs_blocks(store: Store, standin_id: int) -> None:
    src = {s.position: s.source for s in store.segments(standin_id)}
    blocks = [
        STANDIN_NOTICE,
        f"#0 [furniture]\nar: {src[0]}",
        f"#1 [furniture]\nar: {src[1]}",
        f"#2\nar: {src[2]}\nen: Edited headline",
        f"#3 [furniture]\nar: {src[3]}",
        f"#4\nar: {src[4]}\nen: Confirmed sentence.",
        *[f"#{p} [stand-in MT: not a translation]\nar: {src[p]}\nen: EN{p}." for p in MT_ONLY],
        f"#12 [untranslated]\nar: {src[12]}",
        f"#13 [furniture]\nar: {src[13]}",
        f"#14 [furniture]\nar: {src[14]}",
    ]
    out = export_document(store, standin_id, "sbs")
    assert out.data.decode("utf-8") == "".join(b + "\n\n" for b in blocks)
    assert out.filename == "000_ec79a99fe1463192.ar-en.sbs.txt"
    assert out.media_type == "text/plain; charset=utf-8"


def test_sbs_real_mt_has_no_label(store: Store, seed_id: int) -> None:
    out = render(store, seed_id, "sbs")
    assert out.startswith("#0 [furniture]\n")
    assert "#5\nar: " in out and "\nen: EN5.\n" in out


def test_sbs_keeps_lines_apart_and_controls_visible(store: Store, hostile_id: int) -> None:
    out = render(store, hostile_id, "sbs")
    # Nothing a terminal acts on (ESC sequences, C1 controls) and no line break a reader might miss.
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", out)
    assert "\\u001b" in out and "\\u0007" in out
    for line in out.splitlines():
        assert line == "" or line.startswith(("#", "ar: ", "en: ", "    ")), line
    first = out.split("\n\n")[0].splitlines()
    assert first[0] == "#0" and first[2].startswith("en: 0: A & B ]]> <script>")
    assert first[3] == "    new line"  # a line break inside the English is indented


# writing ---------------------------------------------------------------------------------------


def test_write_export_writes_inside_the_folder(
    store: Store, hostile_id: int, tmp_path: Path
) -> None:
    result = export_document(store, hostile_id, "tsv")
    path = write_export(result, tmp_path / "out" / "new")
    assert path.parent == tmp_path / "out" / "new"
    assert path.read_bytes() == result.data
    assert os.listdir(path.parent) == [result.filename]


@pytest.mark.parametrize("filename", ["../x.txt", "a/b.txt", "a\\b.txt", "..", ""])
def test_write_export_refuses_a_path(tmp_path: Path, filename: str) -> None:
    with pytest.raises(ConfigError, match="without a folder part"):
        write_export(Export("txt", filename, "text/plain", b"x"), tmp_path)


def _fail(*_: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


class _DiskFillsUp(io.FileIO):
    def write(self, data: object) -> int:
        super().write(bytes(data)[:10])  # type: ignore[call-overload]
        raise OSError(errno.ENOSPC, "No space left on device")


def _half_write(fd: int, mode: str) -> io.FileIO:
    return _DiskFillsUp(fd, "wb")


@pytest.mark.parametrize(
    ("patched", "replacement", "error"),
    [
        ("fdopen", _half_write, WorkbenchError),
        ("fsync", _fail, WorkbenchError),
        ("replace", _fail, WorkbenchError),
        ("fsync", _interrupt, KeyboardInterrupt),
    ],
)
def test_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, patched: str, replacement: object, error: type
) -> None:
    path = tmp_path / "doc.en.txt"
    write_atomic(path, b"old complete export\n")
    monkeypatch.setattr(ex.os, patched, replacement)
    with pytest.raises(error):
        write_atomic(path, b"new export that never lands\n" * 1000)
    monkeypatch.undo()
    assert path.read_bytes() == b"old complete export\n"
    assert os.listdir(tmp_path) == ["doc.en.txt"]


def test_failed_first_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ex.os, "fsync", _fail)
    with pytest.raises(WorkbenchError, match="No space left"):
        write_atomic(tmp_path / "doc.tmx", b"data")
    assert os.listdir(tmp_path) == []


def test_write_atomic_replaces_and_respects_umask(tmp_path: Path) -> None:
    path = tmp_path / "doc.tsv"
    write_atomic(path, b"one")
    write_atomic(path, b"two")
    assert path.read_bytes() == b"two"
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
