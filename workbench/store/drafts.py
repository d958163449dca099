"""Drafts: what a translator typed in a segment's box and has not saved yet.

A draft is kept beside the segment, never in it: it has no status, is never counted as confirmed
or exported; a save of the same text or a restore removes it in the same transaction. It names
the segment version it was typed over (``base_version``), so a draft typed over a version that has
since moved on is shown as a conflict, never saved over the newer text unseen.

Drafts are per person (``author``, the signed-in email; ``''`` in the store is the local
translator, ``None`` here): two people typing in the same segment each keep their own (migration
9). A save of the same text ends anyone's draft of it; a restore or a lost conflict ends only the
draft of the person who did it; another person's different draft stays, to be shown to them as a
conflict.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from workbench.errors import NotFoundError
from workbench.store.connection import Connection, now

#: The history actions of a translator's writes: each one ends a draft of the text it saved.
DRAFT_ENDING_ACTIONS = ("edit", "confirm", "restore")
#: The history action of a text that lost a conflict and was not saved (kept to restore).
UNSAVED_CONFLICT = "unsaved-conflict"


@dataclass(frozen=True)
class DraftRow:
    segment_id: int
    text: str
    base_version: int
    updated_at: str
    #: Whose draft it is (None: the local translator of a store without sign-in).
    author: str | None = None


_COLUMNS = "d.segment_id, d.text, d.base_version, d.updated_at, d.author"


def _author(author: str | None) -> str:
    # The key column is NOT NULL (PostgreSQL allows no NULL in a primary key): '' is nobody's.
    return author or ""


def _row(row: sqlite3.Row) -> DraftRow:
    segment_id, text, base_version, updated_at, author = tuple(row)
    return DraftRow(int(segment_id), text, int(base_version), updated_at, author or None)


class Drafts(Connection):
    """The draft methods of the store (mixed into :class:`workbench.store.sqlite.Store`)."""

    def save_draft(
        self, segment_id: int, text: str, base_version: int, author: str | None = None
    ) -> DraftRow | None:
        """Keep ``text`` as ``author``'s draft of the segment (replacing their older one); the row.

        Text equal to the segment's English as it stands is no draft: their draft goes and None
        is returned. The check and the write are one transaction, so a draft posted while the
        same text is being saved never outlives the save.
        """
        at, who = now(), _author(author)
        with self.write() as db:
            row = db.execute(
                "SELECT COALESCE(post_edit, mt, '') FROM segments WHERE id = ?", (segment_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no segment {segment_id} in the store.")
            drop_draft(db, segment_id, author=author)
            if row[0] == text:
                return None
            db.execute(
                "INSERT INTO drafts (segment_id, author, text, base_version, updated_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (segment_id, who, text, base_version, at),
            )
        return DraftRow(segment_id, text, base_version, at, author or None)

    def draft(self, segment_id: int, author: str | None = None) -> DraftRow | None:
        """``author``'s draft of the segment, if they have one."""
        row = self.db.execute(
            f"SELECT {_COLUMNS} FROM drafts d WHERE d.segment_id = ? AND d.author = ?",
            (segment_id, _author(author)),
        ).fetchone()
        return None if row is None else _row(row)

    def drafts(self, doc_id: int, author: str | None = None) -> dict[int, DraftRow]:
        """``author``'s drafts of a document, by segment id."""
        rows = self.db.execute(
            f"SELECT {_COLUMNS} FROM drafts d JOIN segments s ON s.id = d.segment_id "
            "WHERE s.document_id = ? AND d.author = ?",
            (doc_id, _author(author)),
        ).fetchall()
        return {int(r[0]): _row(r) for r in rows}

    def discard_draft(self, segment_id: int, author: str | None = None) -> None:
        with self.write() as db:
            drop_draft(db, segment_id, author=author)

    def set_aside(self, segment_id: int, text: str, actor: str | None = None) -> None:
        """Keep a text that lost a conflict in the history (``unsaved-conflict``), unsaved."""
        with self.write() as db:
            keep_unsaved(db, segment_id, text, actor)


def drop_draft(
    db: sqlite3.Connection, segment_id: int, saved: str | None = None, *, author: str | None = None
) -> None:
    """Inside a write transaction: a draft of the segment is done with.

    With ``saved`` (the text a save wrote), anyone's draft holding that text goes: a save from
    another tab or person leaves a different draft, to be shown as a conflict. Without it,
    ``author``'s draft goes (a restore, a discard, a text set aside).
    """
    if saved is None:
        db.execute(
            "DELETE FROM drafts WHERE segment_id = ? AND author = ?", (segment_id, _author(author))
        )
    else:
        db.execute("DELETE FROM drafts WHERE segment_id = ? AND text = ?", (segment_id, saved))


def keep_unsaved(db: sqlite3.Connection, segment_id: int, text: str, actor: str | None) -> None:
    """Inside a write transaction: log ``text`` as an ``unsaved-conflict`` history entry.

    The segment does not change (its version, status and English stay); the entry keeps a text
    that lost a conflict, so the translator can still restore it from the history.
    """
    db.execute(
        "INSERT INTO history (segment_id, version, action, mt, post_edit, status, signature, "
        "actor, at) SELECT id, version, ?, mt, ?, status, mt_signature, ?, ? "
        "FROM segments WHERE id = ?",
        (UNSAVED_CONFLICT, text, actor, now(), segment_id),
    )
    drop_draft(db, segment_id, author=actor)
