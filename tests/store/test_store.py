"""The store on both backends (SQLite and PostgreSQL): migrations, documents, optimistic saves,
history, cache. Every test taking ``store`` runs once per backend (``store_where`` in conftest_pg);
the few that check SQLite's own settings open an SQLite file themselves.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from workbench.errors import ConflictError, NotFoundError, StoreError
from workbench.pipeline.document import add_document, import_files
from workbench.store.connection import SqliteEngine
from workbench.store.schema import MIGRATIONS
from workbench.store.sqlite import Store
from workbench.text.chars import count_words
from workbench.text.read import read_file, read_text

#: What the database raises when a constraint or an append-only trigger refuses a statement.
INTEGRITY = (sqlite3.IntegrityError, psycopg.IntegrityError)


@pytest.fixture
def store(store_where: str | Path) -> Iterator[Store]:
    store = Store(store_where)
    yield store
    store.close()


@pytest.fixture
def doc_id(store: Store, seed_path: Path) -> int:
    return add_document(store, read_file(seed_path))[0]


def first_prose(store: Store, doc_id: int) -> int:
    return next(s.id for s in store.segments(doc_id) if s.kind == "prose")


def _engine(where: str | Path) -> SqliteEngine:
    """The backend alone, without the migrations a Store runs when it opens."""
    if isinstance(where, Path):
        return SqliteEngine(where)
    from workbench.store.postgres import PostgresEngine

    return PostgresEngine(where)  # type: ignore[return-value]


def test_sqlite_pragmas_and_schema_version(tmp_path: Path) -> None:
    store = Store(tmp_path / "wb.db")
    assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.schema_version == len(MIGRATIONS)


def test_reopening_does_not_migrate_again(store_where: str | Path) -> None:
    Store(store_where).close()
    assert Store(store_where).schema_version == len(MIGRATIONS)


def test_newer_schema_is_refused(store_where: str | Path) -> None:
    Store(store_where).db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    with pytest.raises(StoreError, match="Upgrade the workbench"):
        Store(store_where)


def test_word_counts_are_count_words_of_each_prose_segment(store: Store) -> None:
    doc = read_text("قال  الوزير\tإن الخطة جاهزة.\n\n2020\n")
    doc_id = add_document(store, doc)[0]
    prose = [s for s in store.segments(doc_id) if s.kind == "prose"]
    assert store.document(doc_id).words == sum(count_words(s.source) for s in prose) == 5


def test_migration_2_backfills_word_counts(store_where: str | Path) -> None:
    """A store written before segments had word counts gets them from count_words."""
    engine = _engine(store_where)
    with engine.write() as db:
        MIGRATIONS[0](db)
        db.execute("PRAGMA user_version = 1")
        db.execute(
            "INSERT INTO documents (id, name, sha256, encoding, raw, text, segmenter_version, "
            "created_at) VALUES (1, 'old', 'x', 'utf-8', x'', 'x', '1', 'now')"
        )
        db.execute(
            "INSERT INTO segments (document_id, position, paragraph, kind, start, end, source, "
            "updated_at) VALUES (1, 0, 0, 'prose', 0, 1, ?, 'now')",
            ("one  two\tthree ",),
        )
    engine.close()
    store = Store(store_where)
    assert store.schema_version == len(MIGRATIONS)
    assert store.document(1).words == 3


def test_document_round_trip_keeps_bytes(store: Store, doc_id: int, seed_path: Path) -> None:
    text, raw = store.document_text(doc_id)
    assert raw == seed_path.read_bytes()
    for seg in store.segments(doc_id):
        assert text[seg.start : seg.end] == seg.source
    row = store.document(doc_id)
    assert (row.segments, row.translatable, row.confirmed) == (15, 10, 0)


def test_same_bytes_are_stored_once(store: Store, seed_path: Path) -> None:
    first = add_document(store, read_file(seed_path))
    again = add_document(store, read_file(seed_path))
    assert again == (first[0], True)


def test_save_bumps_version_and_appends_history(store: Store, doc_id: int) -> None:
    seg_id = first_prose(store, doc_id)
    store.set_mt(seg_id, "machine output", "sig")
    seg = store.segment(seg_id)
    saved = store.save_edit(seg_id, "my edit", seg.version, seconds=3.5)
    assert (saved.post_edit, saved.status, saved.version) == ("my edit", "edited", seg.version + 1)
    confirmed = store.save_edit(seg_id, "my edit!", saved.version, confirm=True, seconds=1.0)
    assert confirmed.status == "confirmed"
    assert confirmed.edit_seconds == pytest.approx(4.5)
    assert [h.action for h in store.history(seg_id)] == ["mt", "edit", "confirm"]


def test_conflicting_save_writes_nothing_and_carries_both_texts(store: Store, doc_id: int) -> None:
    seg_id = first_prose(store, doc_id)
    version = store.segment(seg_id).version
    store.save_edit(seg_id, "tab one", version)
    with pytest.raises(ConflictError) as info:
        store.save_edit(seg_id, "tab two", version)
    assert info.value.current_text == "tab one"
    assert info.value.attempted_text == "tab two"
    assert store.segment(seg_id).post_edit == "tab one"


def test_concurrent_saves_from_threads_one_wins(store: Store, doc_id: int) -> None:
    seg_id = first_prose(store, doc_id)
    version = store.segment(seg_id).version
    outcomes: list[str] = []

    def save(text: str) -> None:
        try:
            store.save_edit(seg_id, text, version)
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=save, args=(f"t{i}",)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["conflict"] * 5 + ["saved"]
    assert store.segment(seg_id).version == version + 1


def test_mt_never_overwrites_a_human_edit(store: Store, doc_id: int) -> None:
    seg_id = first_prose(store, doc_id)
    store.set_mt(seg_id, "first mt", "sig")
    store.save_edit(seg_id, "human", store.segment(seg_id).version)
    after = store.set_mt(seg_id, "second mt", "sig2")
    assert (after.post_edit, after.status, after.mt) == ("human", "edited", "second mt")
    forced = store.set_mt(seg_id, "third mt", "sig3", overwrite_human=True)
    assert (forced.post_edit, forced.status) == (None, "translated")
    assert "human" in [h.post_edit for h in store.history(seg_id)]


def test_restore_an_earlier_version(store: Store, doc_id: int) -> None:
    seg_id = first_prose(store, doc_id)
    store.set_mt(seg_id, "mt", "sig")
    first = store.save_edit(seg_id, "version A", store.segment(seg_id).version)
    store.save_edit(seg_id, "version B", first.version)
    entry = next(h for h in store.history(seg_id) if h.post_edit == "version A")
    restored = store.restore(seg_id, entry.id, store.segment(seg_id).version)
    assert restored.post_edit == "version A"
    assert [h.action for h in store.history(seg_id)][-1] == "restore"


def test_history_is_append_only(store: Store, doc_id: int) -> None:
    seg_id = first_prose(store, doc_id)
    store.save_edit(seg_id, "x", store.segment(seg_id).version)
    with pytest.raises(INTEGRITY, match="append-only"):
        store.db.execute("UPDATE history SET post_edit = 'forged'")
    with pytest.raises(INTEGRITY, match="append-only"):
        store.db.execute("DELETE FROM history")


def test_delete_document_cascades(store: Store, doc_id: int) -> None:
    seg_id = first_prose(store, doc_id)
    store.save_edit(seg_id, "x", store.segment(seg_id).version)
    store.delete_document(doc_id)
    assert store.documents() == []
    assert store.db.execute("SELECT COUNT(*) FROM history").fetchone()[0] == 0
    with pytest.raises(NotFoundError):
        store.delete_document(doc_id)


def test_failed_write_leaves_nothing(store: Store) -> None:
    doc = read_text("جملة أولى. جملة ثانية.", name="p")
    with pytest.raises(INTEGRITY), store.write() as db:
        db.execute(
            "INSERT INTO documents (name, sha256, encoding, segmenter_version, created_at) "
            "VALUES ('x', 'h', 'utf-8', '1', 'now')"
        )
        db.execute("INSERT INTO segments (document_id) VALUES (999)")
    assert store.documents() == []
    add_document(store, doc)
    assert len(store.documents()) == 1


def test_mt_cache(store: Store) -> None:
    store.cache([("مرحبا", {"text": "hello"})], "sig")
    assert store.cached(["مرحبا", "غير"], "sig") == {"مرحبا": {"text": "hello"}}
    assert store.cached(["مرحبا"], "other") == {}


def test_import_batch_goes_on_after_a_bad_file(
    store: Store, tmp_path: Path, seed_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_bytes(b"%PDF-1.4 binary")
    (folder / "b.txt").write_bytes(seed_path.read_bytes())
    (folder / "c.bin").write_bytes(b"ignored: not a text suffix")
    results = list(import_files(store, [folder]))
    assert [r.path.name for r in results] == ["a.txt", "b.txt"]
    assert results[0].error is not None and "PDF" in str(results[0].error)
    assert results[1].document_id is not None


def test_unwritable_home_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreError, match="WORKBENCH_HOME"):
        Store(blocker / "sub" / "wb.db")


@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
def test_big_values_are_written_exactly_in_chunks(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk: int
) -> None:
    import workbench.store.large

    monkeypatch.setattr(workbench.store.large, "CHUNK", chunk)
    path = tmp_path / "a.txt"
    path.write_bytes("ذهب الولد 🙂 إلى المدرسة.\r\né.\n".encode())
    doc = read_file(path)
    doc_id, _ = add_document(store, doc)
    text, raw = store.document_text(doc_id)
    assert (text, raw) == (doc.text, doc.raw)
    assert store.source_text(doc_id) == doc.text
    assert b"".join(store.iter_source(doc_id, "raw")) == doc.raw
    pieces = store.db.execute(
        "SELECT part, COUNT(*), MAX(seq) FROM document_chunks WHERE document_id = ? "
        "GROUP BY part ORDER BY part",
        (doc_id,),
    ).fetchall()
    raw_count, text_count = -(-len(doc.raw) // chunk), -(-len(doc.text) // chunk)
    assert [tuple(p) for p in pieces] == [
        ("raw", raw_count, raw_count - 1),
        ("text", text_count, text_count - 1),
    ]
