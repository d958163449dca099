"""The store's schema: numbered migrations, applied in order inside one write transaction.

Only ever append a migration; never edit one that has shipped. ``PRAGMA user_version`` records how
many have run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from workbench.errors import StoreError
from workbench.text.chars import count_words

_M1_STATEMENTS = (
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        source_path TEXT,
        sha256 TEXT NOT NULL,
        encoding TEXT NOT NULL,
        raw BLOB NOT NULL,
        text TEXT NOT NULL,
        warnings TEXT NOT NULL DEFAULT '[]',
        segmenter_version TEXT NOT NULL,
        created_at TEXT NOT NULL
    )""",
    "CREATE INDEX documents_sha256 ON documents(sha256)",
    """CREATE TABLE segments (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        paragraph INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('prose', 'furniture')),
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        source TEXT NOT NULL,
        mt TEXT,
        mt_signature TEXT,
        mt_meta TEXT NOT NULL DEFAULT '{}',
        post_edit TEXT,
        status TEXT NOT NULL DEFAULT 'new'
            CHECK (status IN ('new', 'translated', 'edited', 'confirmed')),
        version INTEGER NOT NULL DEFAULT 0,
        edit_seconds REAL NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL,
        UNIQUE (document_id, position)
    )""",
    """CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        action TEXT NOT NULL,
        mt TEXT,
        post_edit TEXT,
        status TEXT NOT NULL,
        signature TEXT,
        actor TEXT,
        at TEXT NOT NULL
    )""",
    "CREATE INDEX history_segment ON history(segment_id, id)",
    """CREATE TRIGGER history_append_only BEFORE UPDATE ON history
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END""",
    """CREATE TRIGGER history_keep BEFORE DELETE ON history
    WHEN EXISTS (SELECT 1 FROM segments WHERE id = OLD.segment_id)
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END""",
    """CREATE TABLE mt_cache (
        source TEXT NOT NULL,
        signature TEXT NOT NULL,
        result TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (source, signature)
    )""",
)


def _m1_initial(db: sqlite3.Connection) -> None:
    # Statement by statement: executescript() would COMMIT the migration's transaction early.
    for statement in _M1_STATEMENTS:
        db.execute(statement)


def _m2_segment_words(db: sqlite3.Connection) -> None:
    # Word counts were computed in SQL by counting spaces, which disagreed with every other count
    # (double spaces, tabs, line breaks); each segment now stores text.chars.count_words.
    db.execute("ALTER TABLE segments ADD COLUMN words INTEGER NOT NULL DEFAULT 0")
    rows = db.execute("SELECT id, source FROM segments").fetchall()
    db.executemany(
        "UPDATE segments SET words = ? WHERE id = ?",
        [(count_words(source), segment_id) for segment_id, source in rows],
    )


#: Numbered migrations: index i brings the schema from version i to i + 1. Only ever append.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [_m1_initial, _m2_segment_words]


def migrate(db: sqlite3.Connection, path: Path | str) -> None:
    """Bring the open store at ``path`` up to date; the caller holds the write transaction."""
    current = db.execute("PRAGMA user_version").fetchone()[0]
    if current > len(MIGRATIONS):
        raise StoreError(
            f"the store {path} has schema version {current}, newer than this "
            f"workbench knows ({len(MIGRATIONS)}). Upgrade the workbench."
        )
    for number in range(current, len(MIGRATIONS)):
        MIGRATIONS[number](db)
        db.execute(f"PRAGMA user_version = {number + 1}")
