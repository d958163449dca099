"""Ids handed out once: a deleted document's id is never given to another one.

SQLite's ``INTEGER PRIMARY KEY`` takes ``MAX(id) + 1``, so deleting the newest document would give
its id to the next import and an old link or bookmark would open another article. The
``id_sequences`` table (migration 5) keeps each table's high-water mark instead.
"""

from __future__ import annotations

import sqlite3


def next_id(db: sqlite3.Connection, table: str) -> int:
    """The next id of ``table``, inside the caller's write transaction; never one used before."""
    row = db.execute("SELECT last_id FROM id_sequences WHERE name = ?", (table,)).fetchone()
    used = db.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]
    new = max(int(row[0]) if row else 0, int(used)) + 1
    if row is None:
        db.execute("INSERT INTO id_sequences (name, last_id) VALUES (?, ?)", (table, new))
    else:
        db.execute("UPDATE id_sequences SET last_id = ? WHERE name = ?", (new, table))
    return new
