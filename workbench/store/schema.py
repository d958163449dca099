"""The store's schema: numbered migrations, applied in order inside one write transaction.

Only ever append a migration; never edit one that has shipped. ``PRAGMA user_version`` records how
many have run.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from workbench.errors import StoreError
from workbench.store.large import move_into_chunks
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


_STATUS_CHECK = "CHECK (status IN ('new', 'translated', 'edited', 'confirmed'))"
_STATUS_CHECK_APPROVED = (
    "CHECK (status IN ('new', 'translated', 'edited', 'confirmed', 'approved'))"
)
_M3_STATEMENTS = (
    # The segment's total editing time at each version: effort per person is the difference.
    "ALTER TABLE history ADD COLUMN edit_seconds REAL NOT NULL DEFAULT 0",
    """CREATE TABLE users (
        email TEXT PRIMARY KEY,
        role TEXT NOT NULL CHECK (role IN ('translator', 'reviewer', 'admin')),
        name TEXT,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE assignments (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        email TEXT NOT NULL REFERENCES users(email) ON DELETE CASCADE,
        assigned_by TEXT,
        assigned_at TEXT NOT NULL,
        PRIMARY KEY (document_id, email)
    )""",
    "CREATE INDEX assignments_email ON assignments(email)",
    """CREATE TABLE review_notes (
        id INTEGER PRIMARY KEY,
        history_id INTEGER NOT NULL REFERENCES history(id) ON DELETE CASCADE,
        note TEXT NOT NULL
    )""",
    "CREATE INDEX review_notes_history ON review_notes(history_id)",
    """CREATE TRIGGER review_notes_append_only BEFORE UPDATE ON review_notes
    BEGIN SELECT RAISE(ABORT, 'review notes are append-only'); END""",
    """CREATE TRIGGER review_notes_keep BEFORE DELETE ON review_notes
    WHEN EXISTS (SELECT 1 FROM history WHERE id = OLD.history_id)
    BEGIN SELECT RAISE(ABORT, 'review notes are append-only'); END""",
    """CREATE TABLE exports (
        id INTEGER PRIMARY KEY,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        format TEXT NOT NULL,
        actor TEXT,
        at TEXT NOT NULL
    )""",
)


def _widen_status(db: sqlite3.Connection, old: str, new: str, status: str) -> None:
    """Replace segments.status's CHECK ``old`` by the wider ``new`` (which allows ``status``)."""
    if getattr(db, "dialect", "sqlite") == "postgres":
        db.execute("ALTER TABLE segments DROP CONSTRAINT segments_status_check")
        db.execute(f"ALTER TABLE segments ADD CONSTRAINT segments_status_check {new}")
        return
    # SQLite cannot alter a CHECK; widening one changes nothing stored, so the documented way
    # is to edit the table's SQL in the schema, inside this transaction (sqlite.org/lang_altertable).
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    try:
        changed = db.execute(
            "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = 'segments'",
            (old, new),
        ).rowcount
        db.execute(f"PRAGMA schema_version = {version + 1}")
    finally:
        db.execute("PRAGMA writable_schema = OFF")
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'segments'").fetchone()[0]
    if changed != 1 or new not in sql:
        raise StoreError(
            f"the store's segments table is not as its migrations made it; cannot add {status!r}."
        )


def _allow_approved(db: sqlite3.Connection) -> None:
    """Let segments.status be 'approved' (a reviewer's, after 'confirmed')."""
    _widen_status(db, _STATUS_CHECK, _STATUS_CHECK_APPROVED, "approved")


def _m3_roles(db: sqlite3.Connection) -> None:
    # A newsroom (issue 15): users and their roles, who is assigned which document, the notes a
    # reviewer sends back (append-only, like the history they annotate), who exported what, and
    # the 'approved' status a reviewer gives after 'confirmed'.
    _allow_approved(db)
    for statement in _M3_STATEMENTS:
        db.execute(statement)


def _m4_drafts(db: sqlite3.Connection) -> None:
    # What a translator typed but did not save yet, one row per segment: never a status, never
    # confirmed; a save or a restore of the segment removes it (docs/HAZARDS.md, "Edits are never
    # lost"). ``base_version`` is the segment version the text was typed over.
    db.execute(
        """CREATE TABLE drafts (
            segment_id INTEGER PRIMARY KEY REFERENCES segments(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            base_version INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        )"""
    )


def _m5_document_ids(db: sqlite3.Connection) -> None:
    # SQLite reuses the highest rowid after a delete, so an old link could open another article.
    # A high-water mark per table (portable: PostgreSQL's identity columns never reuse either)
    # hands out each id once; see store/ids.py.
    db.execute("CREATE TABLE id_sequences (name TEXT PRIMARY KEY, last_id INTEGER NOT NULL)")
    db.execute(
        "INSERT INTO id_sequences (name, last_id) "
        "SELECT 'documents', MAX(id) FROM documents HAVING COUNT(*) > 0"
    )  # a new store starts with no row (an empty store is what `workbench store copy` fills)


_STATUS_CHECK_TM = (
    "CHECK (status IN ('new', 'translated', 'edited', 'confirmed', 'approved', 'tm'))"
)
_M6_STATEMENTS = (
    # Translation memory imported from files (TMX); confirmed segments are entries without a row
    # here (workbench.memory reads them from segments). ``source_key`` is the folded source
    # (text.fold) exact matches use; a pair is stored once, by the sha256 of source NUL target
    # (PostgreSQL's btree refuses index rows over 2.7 kB: a long segment would not go in whole).
    """CREATE TABLE tm_entries (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        source_key TEXT NOT NULL,
        pair_sha256 TEXT NOT NULL UNIQUE,
        origin TEXT NOT NULL,
        author TEXT,
        created_at TEXT NOT NULL
    )""",
    """CREATE TABLE glossary_terms (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        target TEXT NOT NULL,
        forbidden TEXT NOT NULL DEFAULT '[]',
        note TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        UNIQUE (source, target)
    )""",
)


def _m6_memory(db: sqlite3.Connection) -> None:
    # Issue 13: the translation memory's imported entries, the glossary, and the status 'tm' of a
    # segment whose English a 100% memory match filled in (not a human's, not the model's).
    _widen_status(db, _STATUS_CHECK_APPROVED, _STATUS_CHECK_TM, "tm")
    for statement in _M6_STATEMENTS:
        db.execute(statement)


_M7_GUARDS = (
    # A comment's text, author and time never change; it is resolved once.
    """CREATE TRIGGER comments_fixed BEFORE UPDATE ON comments
    WHEN NEW.body <> OLD.body OR NEW.kind <> OLD.kind OR NEW.segment_id <> OLD.segment_id
    OR NEW.created_at <> OLD.created_at OR COALESCE(NEW.author, '') <> COALESCE(OLD.author, '')
    OR OLD.resolved_at IS NOT NULL
    BEGIN SELECT RAISE(ABORT, 'comments are kept as written'); END""",
    """CREATE TRIGGER comments_keep BEFORE DELETE ON comments
    WHEN EXISTS (SELECT 1 FROM segments WHERE id = OLD.segment_id)
    BEGIN SELECT RAISE(ABORT, 'comments are kept as written'); END""",
)


def _m7_comments(db: sqlite3.Connection) -> None:
    # Comments on a segment (issue 11: a query to the desk editor; issue 15: a reviewer's
    # send-back note is one too, ``kind = 'send-back'`` with the history row it came with).
    # Who wrote it and when; resolvable (who and when), never edited or deleted except with its
    # segment. The send-back notes already kept in review_notes become comments, unresolved.
    db.execute(
        """CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('query', 'send-back')),
            body TEXT NOT NULL,
            author TEXT,
            created_at TEXT NOT NULL,
            history_id INTEGER REFERENCES history(id) ON DELETE CASCADE,
            resolved_by TEXT,
            resolved_at TEXT
        )"""
    )
    db.execute("CREATE INDEX comments_segment ON comments(segment_id, id)")
    for statement in _M7_GUARDS:
        db.execute(statement)
    db.execute(
        "INSERT INTO comments (segment_id, kind, body, author, created_at, history_id) "
        "SELECT h.segment_id, 'send-back', n.note, h.actor, h.at, h.id "
        "FROM review_notes n JOIN history h ON h.id = n.history_id ORDER BY n.id"
    )


def _m8_document_chunks(db: sqlite3.Connection) -> None:
    # Issue 10: a document's bytes and text move out of its row into pieces of about a megabyte
    # (store/large.py), so neither a write nor a read builds a record holding both.
    move_into_chunks(db)


def _m9_drafts_per_user(db: sqlite3.Connection) -> None:
    # Drafts per person (with sign-in, two people typing in one segment kept overwriting each
    # other's draft): the key becomes (segment, author); '' is the local translator (a primary
    # key column cannot be NULL in PostgreSQL). The drafts kept so far become the local one's.
    db.execute(
        """CREATE TABLE user_drafts (
            segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
            author TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            base_version INTEGER NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (segment_id, author)
        )"""
    )
    db.execute(
        "INSERT INTO user_drafts (segment_id, author, text, base_version, updated_at) "
        "SELECT segment_id, '', text, base_version, updated_at FROM drafts"
    )
    db.execute("DROP TABLE drafts")
    db.execute("ALTER TABLE user_drafts RENAME TO drafts")


#: Numbered migrations: index i brings the schema from version i to i + 1. Only ever append.
MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _m1_initial,
    _m2_segment_words,
    _m3_roles,
    _m4_drafts,
    _m5_document_ids,
    _m6_memory,
    _m7_comments,
    _m8_document_chunks,
    _m9_drafts_per_user,
]


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
