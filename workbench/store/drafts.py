"""Drafts: what a translator typed in a segment's box and has not saved yet.

A draft is kept beside the segment, never in it: it has no status, is never counted as confirmed
or exported; a save of the same text or a restore removes it in the same transaction. It names
the segment version it was typed over (``base_version``), so a draft typed over a version that has
since moved on is shown as a conflict, never saved over the newer text unseen.
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


class Drafts(Connection):
    """The draft methods of the store (mixed into :class:`workbench.store.sqlite.Store`)."""

    def save_draft(self, segment_id: int, text: str, base_version: int) -> DraftRow | None:
        """Keep ``text`` as the segment's draft (replacing an older one); the row kept.

        Text equal to the segment's English as it stands is no draft: any draft goes and None is
        returned. The check and the write are one transaction, so a draft posted while the same
        text is being saved never outlives the save.
        """
        at = now()
        with self.write() as db:
            row = db.execute(
                "SELECT COALESCE(post_edit, mt, '') FROM segments WHERE id = ?", (segment_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"no segment {segment_id} in the store.")
            db.execute("DELETE FROM drafts WHERE segment_id = ?", (segment_id,))
            if row[0] == text:
                return None
            db.execute(
                "INSERT INTO drafts (segment_id, text, base_version, updated_at) "
                "VALUES (?, ?, ?, ?)",
                (segment_id, text, base_version, at),
            )
        return DraftRow(segment_id, text, base_version, at)

    def draft(self, segment_id: int) -> DraftRow | None:
        row = self.db.execute(
            "SELECT segment_id, text, base_version, updated_at FROM drafts WHERE segment_id = ?",
            (segment_id,),
        ).fetchone()
        return None if row is None else DraftRow(**dict(row))

    def drafts(self, doc_id: int) -> dict[int, DraftRow]:
        """Every draft of a document, by segment id."""
        rows = self.db.execute(
            "SELECT d.segment_id, d.text, d.base_version, d.updated_at FROM drafts d "
            "JOIN segments s ON s.id = d.segment_id WHERE s.document_id = ?",
            (doc_id,),
        ).fetchall()
        return {int(r["segment_id"]): DraftRow(**dict(r)) for r in rows}

    def discard_draft(self, segment_id: int) -> None:
        with self.write() as db:
            drop_draft(db, segment_id)

    def set_aside(self, segment_id: int, text: str, actor: str | None = None) -> None:
        """Keep a text that lost a conflict in the history (``unsaved-conflict``), unsaved."""
        with self.write() as db:
            keep_unsaved(db, segment_id, text, actor)


def drop_draft(db: sqlite3.Connection, segment_id: int, saved: str | None = None) -> None:
    """Inside a write transaction: the segment's draft is done with.

    With ``saved`` (the text a save wrote), only a draft holding that text goes: a save from
    another tab or person leaves this translator's different draft, to be shown as a conflict.
    """
    if saved is None:
        db.execute("DELETE FROM drafts WHERE segment_id = ?", (segment_id,))
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
    drop_draft(db, segment_id)
