"""A document's bytes and text in pieces (store/large.py, migration 8), on both backends: an old
store's documents are moved, a document of several pieces comes back exactly, and `store copy`
carries the pieces both ways."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest_pg import PgServer

import workbench.store.large
from workbench.pipeline.document import add_document
from workbench.store.connection import SqliteEngine
from workbench.store.copy import copy_store
from workbench.store.schema import MIGRATIONS
from workbench.store.sqlite import Store
from workbench.text.read import read_bytes, sha256
from workbench.text.records import Document

#: Several pieces at a small CHUNK; a piece boundary falls inside a 2- and a 4-byte character.
TEXT = "ذهب الولد 🙂 إلى المدرسة.\r\nقال: «100% جاهز» — ok.\n\né ثم عاد.\n" * 7


@pytest.fixture
def small_chunks(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setattr(workbench.store.large, "CHUNK", 13)
    yield 13


def _columns(store: Store, table: str) -> list[str]:
    cur = store.db.execute(f"SELECT * FROM {table} LIMIT 0")
    return [d[0] for d in cur.description]


def test_migration_8_moves_old_documents_into_pieces(
    store_where: str | Path, small_chunks: int
) -> None:
    if isinstance(store_where, Path):
        engine = SqliteEngine(store_where)
    else:
        from workbench.store.postgres import PostgresEngine

        engine = PostgresEngine(store_where)  # type: ignore[assignment]
    raw = b"\xef\xbb\xbf" + TEXT.encode("utf-8")  # the bytes keep their BOM, the text has none
    old = [(1, raw, TEXT), (2, "نص.".encode("cp1256"), "نص."), (3, b"x", "x")]
    with engine.write() as db:
        for migration in MIGRATIONS[:7]:
            migration(db)
        db.execute("PRAGMA user_version = 7")
        for doc_id, data, text in old:
            db.execute(
                "INSERT INTO documents (id, name, sha256, encoding, raw, text, segmenter_version, "
                "created_at) VALUES (?, 'old', ?, 'utf-8', ?, ?, '1', 'now')",
                (doc_id, sha256(data), data, text),
            )
    engine.close()
    store = Store(store_where)
    assert store.schema_version == len(MIGRATIONS)
    for doc_id, data, text in old:
        assert store.document_text(doc_id) == (text, data)
        assert store.find_document(sha256(data)) == doc_id
    assert "raw" not in _columns(store, "documents") and "text" not in _columns(store, "documents")
    pieces = store.db.execute(
        "SELECT COUNT(*) FROM document_chunks WHERE document_id = 1 AND part = 'raw'"
    ).fetchone()[0]
    assert pieces == -(-len(raw) // small_chunks)
    store.delete_document(1)  # the pieces go with their document
    left = store.db.execute("SELECT DISTINCT document_id FROM document_chunks ORDER BY 1")
    assert [r[0] for r in left.fetchall()] == [2, 3]
    store.close()


def test_a_document_of_many_pieces_comes_back_exactly(any_store: Store) -> None:
    # 2 M characters, 4 MB (3 and 4 pieces at the real CHUNK), stored without segmenting it.
    text = "ذهب الولد 🙂 إلى المدرسة " * 80_000
    raw = "\ufeff".encode() + text.encode("utf-8")
    doc = Document("big.txt", text, raw, "utf-8-sig", ())
    doc_id = any_store.add_document(doc, [], "1")
    pieces = list(any_store.iter_source(doc_id))
    assert len(pieces) > 1 and "".join(pieces) == text
    assert len(list(any_store.iter_source(doc_id, "raw"))) > 1
    assert any_store.document_text(doc_id) == (text, raw)
    assert any_store.find_document(sha256(raw), "1") == doc_id


def test_copy_carries_the_pieces_both_ways(
    tmp_path: Path, pg_server: PgServer, small_chunks: int
) -> None:
    original = Store(tmp_path / "a.db")
    ids = [
        add_document(original, read_bytes(TEXT.encode("utf-8"), name="a.txt"))[0],
        add_document(original, read_bytes(TEXT.encode("utf-16"), name="b.txt"))[0],
    ]
    on_server = Store(pg_server.url())
    copied = copy_store(original, on_server)
    assert {t.table: t.rows for t in copied}["document_chunks"] > 2 * len(TEXT) // small_chunks
    back = Store(tmp_path / "b.db")
    assert copy_store(on_server, back) == copied
    for doc_id in ids:
        assert back.document_text(doc_id) == on_server.document_text(doc_id)
        assert back.document_text(doc_id) == original.document_text(doc_id)
    for store in (original, on_server, back):
        store.close()
