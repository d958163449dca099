"""Writing a document's big values (its bytes and its text) without copies of them in memory.

Binding a 52 MB article's ``raw`` and ``text`` to an INSERT costs about four copies of each: the
UTF-8 of the text cached on the ``str``, SQLite's private copy of every bound value, and the
record it builds from them; importing peaked at 429 MB (bench/memory_bench.py, ``import``). Here
the row is inserted with zero-filled values of the right sizes and then filled by incremental BLOB
I/O (``sqlite3_blob_open`` takes TEXT values too), a megabyte at a time; only SQLite's zero-filled
record is still built once.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from workbench.text.read import sha256
from workbench.text.records import Document

#: Characters (of text) or bytes (of raw) encoded and written per BLOB write.
CHUNK = 1 << 20


def insert_document_row(
    db: Any, doc_id: int, doc: Document, segmenter_version: str, now: str
) -> None:
    """Insert ``doc``'s row as ``doc_id``, inside the caller's transaction.

    On SQLite by BLOB I/O; on another backend (PostgreSQL) with the values bound, as before.
    """
    head = (doc_id, doc.name, doc.source_path, sha256(doc.raw), doc.encoding)
    tail = (json.dumps(list(doc.warnings), ensure_ascii=False), segmenter_version, now)
    columns = (
        "INSERT INTO documents (id, name, source_path, sha256, encoding, raw, text, warnings, "
        "segmenter_version, created_at) "
    )
    if not isinstance(db, sqlite3.Connection):
        db.execute(
            columns + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*head, doc.raw, doc.text, *tail)
        )
        return
    text_bytes = sum(
        len(doc.text[i : i + CHUNK].encode("utf-8")) for i in range(0, len(doc.text), CHUNK)
    )
    db.execute(
        columns + "VALUES (?, ?, ?, ?, ?, zeroblob(?), CAST(zeroblob(?) AS TEXT), ?, ?, ?)",
        (*head, len(doc.raw), text_bytes, *tail),
    )
    if doc.raw:
        with db.blobopen("documents", "raw", doc_id) as blob:
            view = memoryview(doc.raw)
            for i in range(0, len(view), CHUNK):
                blob.write(view[i : i + CHUNK])
    if text_bytes:
        with db.blobopen("documents", "text", doc_id) as blob:
            for i in range(0, len(doc.text), CHUNK):
                blob.write(doc.text[i : i + CHUNK].encode("utf-8"))
