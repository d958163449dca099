"""The store's glossary: import and export from the command line, used by `qa --document`."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli.main import cli
from workbench.pipeline.document import add_document
from workbench.store import Store
from workbench.store.fills import fill_from_memory
from workbench.terms import Term, read_glossary
from workbench.terms.stored import save_terms, stored_terms
from workbench.text.read import read_text


def test_save_adds_then_updates(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    assert save_terms(store, [Term("الجيش", "army"), Term("داعش", "IS")]) == (2, 0)
    assert save_terms(store, [Term("الجيش", "army", ("military",), "note")]) == (0, 1)
    assert stored_terms(store) == [Term("الجيش", "army", ("military",), "note"), Term("داعش", "IS")]


def test_cli_import_export_and_qa_document(tmp_path: Path) -> None:
    runner = CliRunner()
    source = tmp_path / "g.csv"
    source.write_text("الجيش,army,military\n", encoding="utf-8")
    result = runner.invoke(cli, ["glossary", "import", str(source)])
    assert result.output == f"{source}: 1 terms added, 0 updated\n"
    out = tmp_path / "g.tbx"
    assert runner.invoke(cli, ["glossary", "export", str(out)]).exit_code == 0
    assert read_glossary(out) == [Term("الجيش", "army", ("military",))]
    store = Store.open_default()
    doc_id = add_document(store, read_text("وبالجيش.\n", name="a"))[0]
    (seg,) = store.segments(doc_id)
    store.save_edit(seg.id, "And with the military.", seg.version)
    checked = runner.invoke(cli, ["qa", "--document", str(doc_id), "--format", "text"])
    assert checked.exit_code == 1
    assert "term-forbidden: وبالجيش: military (use army)" in checked.output


def test_status_tm_is_allowed_and_others_refused(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    doc_id = add_document(store, read_text("قال.\n", name="a"))[0]
    (seg,) = store.segments(doc_id)
    fill_from_memory(store, [(seg.id, "Said.")])
    assert store.segment(seg.id).status == "tm"
    with pytest.raises(sqlite3.IntegrityError), store.write() as db:
        db.execute("UPDATE segments SET status = 'bogus'")
