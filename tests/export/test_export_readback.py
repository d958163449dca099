"""English back from files: every export format edited elsewhere comes back byte-exact as human
edits (``workbench import-translation``), conflicts stop the import whole, bad files name their
line; documents imported with another engine's MT keep it labelled by that engine.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli.main import cli
from workbench.errors import InputError
from workbench.export import export_document
from workbench.export.readback import read_translations
from workbench.pipeline.document import add_document, translate_document, untranslated
from workbench.pipeline.translations import import_translation, import_with_mt
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text

from .support import CONTROLS, HOSTILE_AR, HOSTILE_NAME, render

OLD_TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.1"><header creationtool="OmegaT" srclang="ar" creationdate="20200101T000000Z"/>
<body>
{units}
</body></tmx>
"""
OLD_TU = (
    '<tu><tuv lang="ar"><seg>{ar}</seg></tuv>'
    '<tuv lang="en" changedate="20200101T000000Z"><seg>{en}</seg></tuv></tu>'
)


def _fresh(tmp_path: Path, name: str = "fresh.db") -> tuple[Store, int]:
    """The hostile document again, in another store, with MT only."""
    store = Store(tmp_path / name)
    doc_id = add_document(store, read_text(HOSTILE_AR, name=HOSTILE_NAME))[0]
    for seg in store.segments(doc_id):
        store.set_mt(seg.id, f"other mt {seg.position}", "sig")
    return store, doc_id


def _write(tmp_path: Path, store: Store, doc_id: int, fmt: str) -> Path:
    result = export_document(store, doc_id, fmt)
    path = tmp_path / result.filename.replace("/", "_")
    path.write_bytes(result.data)
    return path


@pytest.mark.parametrize("fmt", ["xliff", "xliff2", "tmx", "tsv"])
def test_every_format_comes_back_byte_exact(
    tmp_path: Path, store: Store, hostile_id: int, fmt: str
) -> None:
    path = _write(tmp_path, store, hostile_id, fmt)
    other, doc_id = _fresh(tmp_path)
    report = import_translation(other, doc_id, path, actor="reviewer")
    edits = [s.post_edit for s in store.segments(hostile_id)]
    assert [s.post_edit for s in other.segments(doc_id)] == edits
    assert all(CONTROLS in (text or "") for text in edits)  # codes turned back into characters
    assert report.written and len(report.imported) == 3 and not report.conflicts
    seg = other.segments(doc_id)[1]
    assert seg.status == "edited" and seg.mt == "other mt 1"
    last = other.history(seg.id)[-1]
    assert (last.action, last.actor) == ("import", "reviewer")
    assert f"file:{path.name}|" in (last.signature or "") and f"format:{report.format}" in (
        last.signature or ""
    )
    again = import_translation(other, doc_id, path)
    assert (again.imported, len(again.unchanged)) == ([], 3)


def test_confirmed_english_stays_confirmed(tmp_path: Path, store: Store, seed_id: int) -> None:
    path = _write(tmp_path, store, seed_id, "xliff")
    other = Store(tmp_path / "other.db")
    doc_id = add_document(other, read_text(store.document_text(seed_id)[0], name="seed"))[0]
    report = import_translation(other, doc_id, path)
    rows = {s.position: s for s in other.segments(doc_id)}
    assert (rows[4].post_edit, rows[4].status) == ("Confirmed sentence.", "confirmed")
    assert (rows[2].post_edit, rows[2].status) == ("Edited headline", "edited")
    # The MT in the file is machine output: it never becomes a human edit.
    assert len(report.machine) == 7 and rows[5].post_edit is None


def test_standin_output_never_comes_back_as_human(
    tmp_path: Path, store: Store, standin_id: int
) -> None:
    seg = next(s for s in store.segments(standin_id) if s.position == 5)
    store.save_edit(seg.id, seg.mt or "", seg.version, confirm=True)  # untouched stand-in
    other = Store(tmp_path / "other.db")
    doc_id = add_document(other, read_text(store.document_text(standin_id)[0], name="seed"))[0]
    for fmt in ("xliff", "xliff2", "tsv", "tmx"):
        import_translation(other, doc_id, _write(tmp_path, store, standin_id, fmt))
        rows = {s.position: s for s in other.segments(doc_id)}
        assert rows[5].post_edit is None, fmt
        assert {p for p, s in rows.items() if s.post_edit} == {2, 4}, fmt


def _old_tmx(tmp_path: Path, pairs: list[tuple[str, str]]) -> Path:
    units = "\n".join(OLD_TU.format(ar=ar, en=en) for ar, en in pairs)
    path = tmp_path / "old.tmx"
    path.write_text(OLD_TMX.format(units=units), encoding="utf-8")
    return path


def test_a_newer_edit_in_the_store_is_a_conflict(tmp_path: Path, store: Store) -> None:
    doc_id = add_document(store, read_text("جملة أولى.\nجملة ثانية.\nجملة ثالثة.\n", name="d"))[0]
    first, second, third = store.segments(doc_id)
    store.save_edit(first.id, "Mine, saved today.", first.version)
    pairs = [(first.source, "Theirs, from 2020."), (second.source, "Second."), (third.source, "3")]
    path = _old_tmx(tmp_path, pairs)
    report = import_translation(store, doc_id, path)
    assert [c.position for c in report.conflicts] == [0] and not report.written
    assert [s.post_edit for s in store.segments(doc_id)] == ["Mine, saved today.", None, None]
    kept = import_translation(store, doc_id, path, on_conflict="keep")
    assert kept.imported == [1, 2]
    assert [s.post_edit for s in store.segments(doc_id)] == ["Mine, saved today.", "Second.", "3"]
    taken = import_translation(store, doc_id, path, on_conflict="overwrite")
    assert taken.imported == [0]
    assert store.segments(doc_id)[0].post_edit == "Theirs, from 2020."
    assert "Mine, saved today." in [h.post_edit for h in store.history(first.id)]


def test_an_older_edit_in_the_store_is_replaced(tmp_path: Path, store: Store) -> None:
    doc_id = add_document(store, read_text("جملة أولى.\n", name="d"))[0]
    seg = store.segments(doc_id)[0]
    store.save_edit(seg.id, "Mine.", seg.version)
    path = _old_tmx(tmp_path, [(seg.source, "Theirs.")]).read_text(encoding="utf-8")
    newer = tmp_path / "new.tmx"
    newer.write_text(path.replace("20200101T000000Z", "20991231T000000Z"), encoding="utf-8")
    assert import_translation(store, doc_id, newer).imported == [0]
    assert store.segments(doc_id)[0].post_edit == "Theirs."


def test_omegat_target_text_goes_line_by_line(tmp_path: Path, store: Store) -> None:
    doc_id = add_document(store, read_text("جملة أولى.\n\nجملة ثانية.\n", name="d"))[0]
    target = tmp_path / "d.txt"
    target.write_text("First.\n\nجملة ثانية.\n", encoding="utf-8")  # OmegaT copies untranslated
    report = import_translation(store, doc_id, target)
    assert (report.imported, report.untranslated) == ([0], [1])
    target.write_text("First.\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"d\.txt: has 1 lines of text; document \d+ has 2"):
        import_translation(store, doc_id, target)


@pytest.mark.parametrize(
    ("name", "content", "where"),
    [
        ("broken.xlf", '<?xml version="1.0"?>\n<xliff>\n<file>\n</xliff>\n', "line 4"),
        ("broken.tmx", "<tmx>\n<body><tu></body>", "line 2"),
        ("other.xlf", '<?xml version="1.0"?>\n<html/>\n', "is not XLIFF 1.x"),
        ("rows.tsv", "جملة\tEnglish\nجملة\tone\ttoo many\n", "line 2: has 3 fields"),
        ("latin1.tsv", "caf\xe9\tx\n", "line 1, byte 3: is not UTF-8"),
        ("notes.docx", "x", "unknown ending '.docx'"),
    ],
)
def test_bad_files_name_the_file_and_line(
    tmp_path: Path, name: str, content: str, where: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content.encode("latin-1" if name == "latin1.tsv" else "utf-8"))
    with pytest.raises(InputError) as err:
        read_translations(path)
    assert str(err.value).startswith(str(path)) and where in str(err.value)


def test_cli_reports_conflicts_and_errors_without_traceback(
    tmp_path: Path, isolated_home: Path
) -> None:
    store = Store.open_default()
    doc_id = add_document(store, read_text("جملة أولى.\n", name="d"))[0]
    seg = store.segments(doc_id)[0]
    store.save_edit(seg.id, "Mine.", seg.version)
    path = _old_tmx(tmp_path, [(seg.source, "Theirs.")])
    result = CliRunner().invoke(cli, ["import-translation", str(doc_id), str(path)])
    assert result.exit_code == 1 and "conflict: segment #1 (file line" in result.output
    assert "Nothing was written" in result.output
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx>\n<", encoding="utf-8")
    result = CliRunner().invoke(cli, ["import-translation", str(doc_id), str(broken)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"Error: {broken}, line 2: not well-formed XML" in result.output
    missing = CliRunner().invoke(cli, ["import-translation", "999", str(path)])
    assert missing.exit_code == 1 and "no document 999" in missing.output
    unrelated = _old_tmx(tmp_path, [("نص آخر", "Other.")])
    result = CliRunner().invoke(cli, ["import-translation", str(doc_id), str(unrelated)])
    assert "none of its 1 translations is for a segment of document" in result.output


# documents with another engine's MT -----------------------------------------------------------


def test_import_with_mt_labels_the_engine(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "deepl.tsv"
    path.write_text("source\tmt\nجملة أولى.\tFirst.\nجملة ثانية.\t\\N\n", encoding="utf-8")
    doc_id = import_with_mt(store, path, origin="deepl")
    first, second = store.segments(doc_id)
    assert (first.source, first.mt, first.status) == ("جملة أولى.", "First.", "translated")
    assert (second.mt, second.status) == (None, "new")
    assert "kind:external" in (first.mt_signature or "")
    row = json.loads(render(store, doc_id, "jsonl").splitlines()[0])
    assert (row["mt_kind"], row["mt_origin"], row["target_origin"]) == ("external", "deepl", "mt")
    assert row["mt_is_translation"] is True
    tsv = render(store, doc_id, "tsv").splitlines()
    assert tsv[0].endswith("\tmt_origin") and tsv[1].endswith("\texternal\tmt\tdeepl")
    tmx = render(store, doc_id, "tmx")  # a translation: kept in the memory, with its engine
    assert '<prop type="x-mt-origin">deepl</prop>' in tmx and "STAND-IN" not in tmx
    xliff = render(store, doc_id, "xliff")
    assert "machine translation by deepl" in xliff and 'state-qualifier="mt-suggestion"' in xliff
    store.save_edit(first.id, "First, edited.", first.version)
    assert '<alt-trans origin="deepl">' in render(store, doc_id, "xliff")


def test_imported_mt_is_never_replaced_by_the_workbench(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "deepl.tsv"
    path.write_text("source\tmt\nجملة أولى.\tFirst.\nجملة ثانية.\t\\N\n", encoding="utf-8")
    doc_id = import_with_mt(store, path, origin="deepl")
    fake = FakeTranslator()
    done = {
        item.segment.position: item.segment.mt for item in translate_document(store, doc_id, fake)
    }
    assert fake.texts == ["جملة ثانية."] and done == {0: "First.", 1: "EN: جملة ثانية."}
    assert untranslated(store, doc_id, fake) == []


def test_import_with_mt_needs_an_engine_name(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "rows.tsv"
    path.write_text("جملة أولى.\tFirst.\n", encoding="utf-8")
    with pytest.raises(InputError, match="--origin NAME"):
        import_with_mt(store, path)
    named = tmp_path / "named.tsv"
    named.write_text("source\tmt\tmt_origin\nجملة.\tA.\tgoogle\n", encoding="utf-8")
    doc_id = import_with_mt(store, named)
    assert "model:google" in (store.segments(doc_id)[0].mt_signature or "")
    result = CliRunner().invoke(cli, ["import-mt", str(path), "--origin", "a|b"])
    assert result.exit_code == 1 and "engine name 'a|b'" in result.output


def test_import_mt_cli_from_xliff(tmp_path: Path, isolated_home: Path) -> None:
    store = Store.open_default()
    path = tmp_path / "engine.xlf"
    path.write_text(
        '<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">'
        '<file original="x" source-language="ar" target-language="en" datatype="plaintext">'
        '<body><trans-unit id="a"><source>جملة.</source><target>A sentence.</target>'
        "</trans-unit></body></file></xliff>\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["import-mt", str(path), "--origin", "marian-x"])
    assert result.exit_code == 0, result.output
    assert "1 of 1 segments with imported MT" in result.output
    doc = store.documents()[0]
    assert store.segments(doc.id)[0].mt == "A sentence."
