"""A document's big values (its bytes and its text), stored and read back a piece at a time.

A 52 MB article's ``raw`` and ``text`` in one ``documents`` row made SQLite build one record holding
both (and expand a zero-filled value that was not the last column): importing peaked at 365 MB
(bench/memory_bench.py, ``import``). Since schema version 8 they live in ``document_chunks``, one
row per piece of about a megabyte: ``part`` is ``'raw'`` (the file's bytes) or ``'text'`` (the
decoded text, UTF-8), ``seq`` numbers the pieces from 0. Writing binds one piece at a time;
reading fetches one piece per query (portable, and nothing else of the document is held), the text
decoded incrementally, so a piece may end inside a character.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterable, Iterator
from typing import Any

from workbench.text.read import sha256
from workbench.text.records import Document

#: Bytes of raw, or characters of text, per stored piece.
CHUNK = 1 << 20
TABLE = "document_chunks"
#: Rows of :data:`TABLE` per batch where whole tables are read (``workbench store copy``).
COPY_BATCH = 4

CREATE_TABLE = f"""CREATE TABLE {TABLE} (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    part TEXT NOT NULL CHECK (part IN ('raw', 'text')),
    seq INTEGER NOT NULL,
    data BLOB NOT NULL,
    UNIQUE (document_id, part, seq)
)"""


def raw_pieces(raw: bytes) -> Iterator[memoryview]:
    """``raw`` in pieces of :data:`CHUNK` bytes, without copying it."""
    view = memoryview(raw)
    for i in range(0, len(view), CHUNK):
        yield view[i : i + CHUNK]


def text_pieces(text: str) -> Iterator[bytes]:
    """``text`` as UTF-8, :data:`CHUNK` characters at a time (the whole is never encoded at once)."""
    for i in range(0, len(text), CHUNK):
        yield text[i : i + CHUNK].encode("utf-8")


def write_part(db: Any, doc_id: int, part: str, pieces: Iterable[bytes | memoryview]) -> None:
    """Store ``pieces`` as document ``doc_id``'s ``part``, inside the caller's transaction."""
    # executemany pulls one piece at a time from the generator.
    db.executemany(
        f"INSERT INTO {TABLE} (document_id, part, seq, data) VALUES (?, ?, ?, ?)",
        ((doc_id, part, seq, piece) for seq, piece in enumerate(pieces)),
    )


def insert_document_row(
    db: Any, doc_id: int, doc: Document, segmenter_version: str, now: str
) -> None:
    """Insert ``doc``'s row as ``doc_id`` and its pieces, inside the caller's transaction."""
    db.execute(
        "INSERT INTO documents (id, name, source_path, sha256, encoding, warnings, "
        "segmenter_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            doc_id,
            doc.name,
            doc.source_path,
            sha256(doc.raw),
            doc.encoding,
            json.dumps(list(doc.warnings), ensure_ascii=False),
            segmenter_version,
            now,
        ),
    )
    write_part(db, doc_id, "raw", raw_pieces(doc.raw))
    write_part(db, doc_id, "text", text_pieces(doc.text))


def iter_part(db: Any, doc_id: int, part: str) -> Iterator[bytes]:
    """Document ``doc_id``'s ``part`` piece by piece (one query each: no cursor stays open)."""
    seq = 0
    while True:
        row = db.execute(
            f"SELECT data FROM {TABLE} WHERE document_id = ? AND part = ? AND seq = ?",
            (doc_id, part, seq),
        ).fetchone()
        if row is None:
            return
        yield bytes(row[0])
        seq += 1


def iter_text(db: Any, doc_id: int) -> Iterator[str]:
    """Document ``doc_id``'s text, decoded a piece at a time."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    for piece in iter_part(db, doc_id, "text"):
        text = decoder.decode(piece)
        if text:
            yield text
    rest = decoder.decode(b"", final=True)
    if rest:
        yield rest


def move_into_chunks(db: Any) -> None:
    """Migration 8: every document's ``raw`` and ``text`` columns into :data:`TABLE`, one value
    of one document in memory at a time; then the columns are dropped."""
    db.execute(CREATE_TABLE)
    ids = [r[0] for r in db.execute("SELECT id FROM documents ORDER BY id").fetchall()]
    for doc_id in ids:
        raw = db.execute("SELECT raw FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        write_part(db, doc_id, "raw", raw_pieces(bytes(raw)))
        del raw
        text = db.execute("SELECT text FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
        write_part(db, doc_id, "text", text_pieces(text))
        del text
        # Emptied first, so that dropping the columns rewrites small rows.
        db.execute("UPDATE documents SET raw = x'', text = '' WHERE id = ?", (doc_id,))
    db.execute("ALTER TABLE documents DROP COLUMN raw")
    db.execute("ALTER TABLE documents DROP COLUMN text")
