"""`workbench store copy`: a store with history, SQLite → PostgreSQL → SQLite, comes back identical."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_pg import PgServer

from workbench.cli.main import cli
from workbench.errors import StoreError
from workbench.memory import add_entries
from workbench.pipeline.document import add_document
from workbench.store import comments, users
from workbench.store.copy import copy_store, tables, verify_table
from workbench.store.sqlite import Store
from workbench.terms import Term
from workbench.terms.stored import save_terms
from workbench.text.read import read_file, read_text
from workbench.text.records import Sentence

HARD = "قال: «100% جاهز» — 'quoted' %s ? \\x00 \u200f🙂 `code` $1 ; DROP TABLE x;"


def _busy_store(path: Path, seed_path: Path) -> Store:
    """A store with what a translator's month leaves: edits, confirms, restores, MT, cache, a draft."""
    store = Store(path)
    doc_id = add_document(store, read_file(seed_path))[0]
    other = add_document(store, read_text(HARD + "\n\nجملة ثانية.", name="hard ' name.txt"))[0]
    for i, seg in enumerate(store.segments(doc_id)):
        seg = store.set_mt(seg.id, f"mt {i} {HARD}", "sig", {"score": i / 3})
        if i % 2:
            seg = store.save_edit(
                seg.id, f"edit {i} {HARD}", seg.version, seconds=1.25 * i, actor="a@example.org"
            )
        if i % 3 == 0:
            seg = store.save_edit(seg.id, f"confirm {i}", seg.version, confirm=True)
    seg = store.segments(other)[0]
    first = store.save_edit(seg.id, "A", seg.version)
    second = store.save_edit(seg.id, "B", first.version)
    store.restore(seg.id, store.history(seg.id)[0].id, second.version)
    aligned = read_text("جملة.", name="aligned.txt")
    store.add_aligned_document(
        aligned, [(Sentence(0, 5, "جملة."), "A sentence.", "confirmed")], "1", signature="align-sig"
    )
    store.cache([(HARD, {"text": "x", "n": 1}), ("مرحبا", {"text": "hello"})], "sig")
    add_entries(store, [(HARD, "a memory's English"), ("مرحبا", "hello")], "tmx:x.tmx")
    save_terms(store, [Term("الجيش", "army", ("military",), "a ' note")])
    users.add_user(store, "rev@example.org", "reviewer", name="Ré ' viewer")
    users.add_user(store, "a@example.org", "translator")
    users.assign(store, doc_id, "a@example.org")
    done = [s for s in store.segments(doc_id) if s.status == "confirmed"]
    users.approve(store, done[0].id, done[0].version, "rev@example.org")
    users.send_back(store, done[1].id, done[1].version, f"why: {HARD}", "rev@example.org")
    users.record_export(store, doc_id, "tmx", "rev@example.org")
    asked = comments.add_comment(store, done[0].id, f"query {HARD}", "a@example.org")
    comments.resolve(store, asked.id, "rev@example.org")
    store.save_draft(store.segments(doc_id)[1].id, f"typed, not saved {HARD}", 0)
    return store


def _everything(store: Store) -> object:
    docs = store.documents()
    return (
        docs,
        [store.document_text(d.id) for d in docs],
        [store.segments(d.id) for d in docs],
        [store.history(s.id) for d in docs for s in store.segments(d.id)],
        store.cached([HARD, "مرحبا"], "sig"),
        users.users(store),
        [users.assignees(store, d.id) for d in docs],
        [users.review_notes(store, s.id) for d in docs for s in store.segments(d.id)],
        [comments.document_comments(store, d.id) for d in docs],
        [users.exports(store, d.id) for d in docs],
    )


def test_copy_sqlite_to_postgres_and_back_is_identical(
    tmp_path: Path, seed_path: Path, pg_server: PgServer
) -> None:
    original = _busy_store(tmp_path / "a.db", seed_path)
    url = pg_server.url()
    on_server = Store(url)
    copied = copy_store(original, on_server)
    assert {t.table for t in copied} >= {"documents", "segments", "history", "mt_cache"}
    # review_notes is left from migration 3: migration 7 made its notes comments.
    assert all(t.rows > 0 for t in copied if t.table != "review_notes")
    back = Store(tmp_path / "b.db")
    assert copy_store(on_server, back) == copied
    assert _everything(back) == _everything(on_server) == _everything(original)
    for table in tables(original):
        assert verify_table(back, table) == verify_table(original, table)
    # The server goes on from the copied ids: a new document and a save work, and are new rows.
    new_id = add_document(on_server, read_text("نص جديد.", name="new.txt"))[0]
    assert new_id > max(d.id for d in original.documents())
    seg = on_server.segments(new_id)[0]
    assert on_server.save_edit(seg.id, "new", seg.version).version == seg.version + 1


def test_copy_refuses_a_store_that_is_not_empty(tmp_path: Path, seed_path: Path) -> None:
    original = _busy_store(tmp_path / "a.db", seed_path)
    other = Store(tmp_path / "b.db")
    add_document(other, read_text("نص.", name="x.txt"))
    with pytest.raises(StoreError, match="empty store"):
        copy_store(original, other)
    assert len(other.documents()) == 1


def test_store_cli_migrate_and_copy(tmp_path: Path, seed_path: Path, pg_server: PgServer) -> None:
    _busy_store(tmp_path / "a.db", seed_path).close()
    url = pg_server.url()
    runner = CliRunner()
    migrated = runner.invoke(cli, ["store", "migrate", url])
    assert migrated.exit_code == 0, migrated.output
    assert "schema version" in migrated.output and "***" not in migrated.output
    result = runner.invoke(cli, ["store", "copy", str(tmp_path / "a.db"), url])
    assert result.exit_code == 0, result.output
    assert "segments: " in result.output and "identical" in result.output
    again = runner.invoke(cli, ["store", "copy", str(tmp_path / "a.db"), url])
    assert again.exit_code == 1 and "empty store" in again.output
    assert "Traceback" not in again.output
