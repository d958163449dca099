"""The SQLite store shared by the batch command line and the editor.

Durability first: WAL, ``synchronous=FULL``, a busy timeout, foreign keys, every write in
``BEGIN IMMEDIATE``, one connection per thread. Saves are optimistic: each segment has a ``version``
and a save names the version it edited; if someone saved first, nothing is written and
:class:`ConflictError` carries both texts. Every change appends to ``history``, which triggers keep
append-only.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from typing import Any

from workbench.config import settings
from workbench.errors import ConflictError, NotFoundError
from workbench.store import users
from workbench.store.cache import MtCache
from workbench.store.connection import now as _now
from workbench.store.drafts import DRAFT_ENDING_ACTIONS, Drafts, drop_draft
from workbench.store.ids import next_id
from workbench.store.large import insert_document_row
from workbench.store.records import HUMAN_STATUSES, DocumentRow, HistoryRow, SegmentRow
from workbench.store.sources import DocumentSources
from workbench.text.chars import count_words
from workbench.text.records import Document, Sentence

_SEGMENT_COLUMNS = (
    'id, document_id, position, paragraph, kind, start, "end", source, mt, mt_signature, mt_meta, '
    "post_edit, status, version, edit_seconds, updated_at"
)


def _segment(row: sqlite3.Row) -> SegmentRow:
    values = dict(row)
    values["mt_meta"] = json.loads(values["mt_meta"] or "{}")
    return SegmentRow(**values)


class Store(Drafts, MtCache, DocumentSources):
    """The workbench's SQLite store. Safe to share between threads: each gets its own connection."""

    @classmethod
    def open_default(cls) -> Store:
        """``$WORKBENCH_DATABASE_URL`` (PostgreSQL) when set, else the SQLite file in the data
        directory (``$WORKBENCH_HOME``, default ~/.local/share/workbench)."""
        return cls(settings().store_location)

    # documents ---------------------------------------------------------------------------------

    def _insert_document(
        self,
        doc: Document,
        segments: Iterable[tuple[Sentence, str | None, str]],
        segmenter_version: str,
        history: tuple[str, str | None] | None = None,
        mt_signature: str | None = None,
    ) -> int:
        now = _now()
        with self.write() as db:
            doc_id = next_id(db, "documents")
            insert_document_row(db, doc_id, doc, segmenter_version, now)
            # executemany pulls one row at a time: a generator of sentences is never held whole.
            db.executemany(
                'INSERT INTO segments (document_id, position, paragraph, kind, start, "end", source, '
                f"words, {'post_edit' if mt_signature is None else 'mt'}, mt_signature, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        doc_id,
                        i,
                        s.paragraph,
                        s.kind,
                        s.start,
                        s.end,
                        s.text,
                        count_words(s.text),
                        text,
                        None if text is None else mt_signature,
                        status,
                        now,
                    )
                    for i, (s, text, status) in enumerate(segments)
                ),
            )
            if history is not None:
                action, signature = history
                db.execute(
                    "INSERT INTO history (segment_id, version, action, mt, post_edit, status, "
                    "signature, actor, at) SELECT id, 0, ?, mt, post_edit, status, ?, NULL, ? "
                    "FROM segments WHERE document_id = ? ORDER BY position",
                    (action, signature, now, doc_id),
                )
        return doc_id

    def add_document(
        self, doc: Document, sentences: Iterable[Sentence], segmenter_version: str
    ) -> int:
        """Store a document and its segments in one transaction; return the document id.

        ``sentences`` may be a generator (:func:`workbench.text.segment.iter_sentences`): it is
        consumed once, as the rows are written, so a big article's sentences never sit in memory.
        """
        return self._insert_document(doc, ((s, None, "new") for s in sentences), segmenter_version)

    def add_aligned_document(
        self,
        doc: Document,
        segments: Sequence[tuple[Sentence, str | None, str]],
        segmenter_version: str,
        signature: str | None = None,
    ) -> int:
        """Store a document whose English is a human translation, in one transaction; its id.

        Each item is ``(sentence, english, status)``: the English becomes the segment's post-edit
        (the MT stays empty) with that status, and each segment's history starts with an
        ``import-aligned`` row carrying ``signature`` (what produced the alignment).
        """
        return self._insert_document(
            doc, segments, segmenter_version, history=("import-aligned", signature)
        )

    def find_document(self, digest: str, segmenter_version: str | None = None) -> int | None:
        """The newest document with these bytes (and segmentation), if one is stored."""
        sql = "SELECT id FROM documents WHERE sha256 = ?"
        args: list[Any] = [digest]
        if segmenter_version is not None:
            sql += " AND segmenter_version = ?"
            args.append(segmenter_version)
        row = self.db.execute(sql + " ORDER BY id DESC LIMIT 1", args).fetchone()
        return int(row[0]) if row else None

    def _document_rows(self, where: str = "", args: tuple[Any, ...] = ()) -> list[DocumentRow]:
        rows = self.db.execute(
            f"""
            SELECT d.id, d.name, d.source_path, d.sha256, d.encoding, d.created_at, d.warnings,
                   COUNT(s.id) AS segments,
                   COALESCE(SUM(CASE WHEN s.kind = 'prose' THEN 1 ELSE 0 END), 0) AS translatable,
                   COALESCE(SUM(CASE WHEN s.kind = 'prose' AND s.status IN ('confirmed', 'approved')
                                THEN 1 ELSE 0 END), 0) AS confirmed,
                   COALESCE(SUM(CASE WHEN s.kind = 'prose' AND s.mt IS NOT NULL
                                THEN 1 ELSE 0 END), 0) AS translated,
                   COALESCE(SUM(CASE WHEN s.kind = 'prose' THEN s.words ELSE 0 END), 0) AS words
            FROM documents d LEFT JOIN segments s ON s.document_id = d.id
            {where}
            GROUP BY d.id ORDER BY d.id DESC
            """,
            args,
        ).fetchall()
        out = []
        for r in rows:
            values = dict(r)
            values["warnings"] = tuple(json.loads(values["warnings"]))
            out.append(DocumentRow(**values))
        return out

    def documents(self) -> list[DocumentRow]:
        """Every document with its progress, newest first."""
        return self._document_rows()

    def document(self, doc_id: int) -> DocumentRow:
        """One document with its progress (only its own segments are counted)."""
        rows = self._document_rows("WHERE d.id = ?", (doc_id,))
        if not rows:
            raise NotFoundError(
                f"no document {doc_id} in the store; `workbench documents` lists them."
            )
        return rows[0]

    def delete_document(self, doc_id: int, actor: str | None = None) -> None:
        """Delete a document; ``actor`` (None: the local operator) must be an admin."""
        users.require(self, actor, "delete")
        with self.write() as db:
            if db.execute("DELETE FROM documents WHERE id = ?", (doc_id,)).rowcount == 0:
                raise NotFoundError(f"no document {doc_id} in the store.")

    # segments ----------------------------------------------------------------------------------

    def segments(
        self, doc_id: int, *, offset: int = 0, limit: int | None = None
    ) -> list[SegmentRow]:
        sql = f"SELECT {_SEGMENT_COLUMNS} FROM segments WHERE document_id = ? ORDER BY position"
        args: tuple[int, ...] = (doc_id,)
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            args = (doc_id, 2**62 if limit is None else limit, offset)
        rows = self.db.execute(sql, args).fetchall()
        return [_segment(r) for r in rows]

    def segment(self, segment_id: int) -> SegmentRow:
        row = self.db.execute(
            f"SELECT {_SEGMENT_COLUMNS} FROM segments WHERE id = ?", (segment_id,)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"no segment {segment_id} in the store.")
        return _segment(row)

    def _append_history(
        self, db: sqlite3.Connection, seg: SegmentRow, action: str, actor: str | None
    ) -> None:
        db.execute(
            "INSERT INTO history (segment_id, version, action, mt, post_edit, status, signature, "
            "actor, at, edit_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                seg.id,
                seg.version,
                action,
                seg.mt,
                seg.post_edit,
                seg.status,
                seg.mt_signature,
                actor,
                _now(),
                seg.edit_seconds,
            ),
        )

    def _apply(
        self,
        db: sqlite3.Connection,
        current: SegmentRow,
        changes: dict[str, Any],
        action: str,
        actor: str | None,
        signature: str | None = None,
    ) -> SegmentRow:
        """Inside a write transaction: apply ``changes`` to ``current``, bump, log to history."""
        sets = ", ".join(f"{k} = ?" for k in changes)
        cur = db.execute(
            f"UPDATE segments SET {sets}, version = version + 1, updated_at = ? "
            "WHERE id = ? AND version = ?",
            [*changes.values(), _now(), current.id, current.version],
        )
        if cur.rowcount != 1:  # the optimistic guard itself; BEGIN IMMEDIATE makes it rare
            raise ConflictError(
                current.id, current.version, -1, current.target, changes.get("post_edit")
            )
        updated = self.segment(current.id)
        self._append_history(db, updated.signed(signature), action, actor)
        if action in DRAFT_ENDING_ACTIONS:
            saved = None if action == "restore" else updated.post_edit
            drop_draft(db, current.id, saved, author=actor)
        return updated

    def _last_actor(self, segment_id: int) -> str | None:
        row = self.db.execute(
            "SELECT actor FROM history WHERE segment_id = ? ORDER BY id DESC LIMIT 1", (segment_id,)
        ).fetchone()
        return None if row is None else row[0]

    def _update(
        self,
        segment_id: int,
        expected_version: int | None,
        changes: dict[str, Any],
        action: str,
        actor: str | None,
        attempted_text: str | None = None,
    ) -> SegmentRow:
        with self.write() as db:
            current = self.segment(segment_id)
            if expected_version is not None and current.version != expected_version:
                raise ConflictError(
                    segment_id,
                    expected_version,
                    current.version,
                    current.target,
                    attempted_text,
                    self._last_actor(segment_id),
                )
            return self._apply(db, current, changes, action, actor)

    @staticmethod
    def _mt_changes(
        current: SegmentRow,
        mt: str,
        signature: str,
        meta: dict[str, Any] | None,
        overwrite_human: bool,
    ) -> dict[str, Any]:
        changes: dict[str, Any] = {
            "mt": mt,
            "mt_signature": signature,
            "mt_meta": json.dumps(meta or {}, ensure_ascii=False),
        }
        # A 100% memory match ('tm') stays the English as a human edit does; the MT goes beside it.
        if current.status not in (*HUMAN_STATUSES, "tm"):
            changes["status"] = "translated"
        elif overwrite_human:
            changes["post_edit"] = None
            changes["status"] = "translated"
        return changes

    def set_mt(
        self,
        segment_id: int,
        mt: str,
        signature: str,
        meta: dict[str, Any] | None = None,
        *,
        overwrite_human: bool = False,
        expected_version: int | None = None,
    ) -> SegmentRow:
        """Record machine translation. A human edit is kept unless ``overwrite_human`` is given.

        With a human edit present the MT column is still updated (so the new MT can be compared),
        but the post-edit and its status stay as they are; the old MT remains in history.
        """
        current = self.segment(segment_id)
        changes = self._mt_changes(current, mt, signature, meta, overwrite_human)
        return self._update(segment_id, expected_version, changes, "mt", None)

    def set_mt_many(
        self,
        items: Sequence[tuple[int, str, str, dict[str, Any] | None]],
        cache: tuple[Sequence[tuple[str, dict[str, Any]]], str] | None = None,
    ) -> list[SegmentRow]:
        """Record machine translations ``(segment_id, mt, signature, meta)`` in one transaction.

        Human edits are kept, as in :meth:`set_mt`; one commit for a whole batch keeps the batch
        path fast and durable; ``cache`` (``(items, signature)``, see :meth:`cache`) lands with it.
        """
        out = []
        with self.write() as db:
            if cache is not None:
                self._cache_rows(db, *cache)
            for segment_id, mt, signature, meta in items:
                current = self.segment(segment_id)
                changes = self._mt_changes(current, mt, signature, meta, False)
                out.append(self._apply(db, current, changes, "mt", None))
        return out

    def save_edit(
        self,
        segment_id: int,
        text: str,
        expected_version: int,
        *,
        confirm: bool = False,
        seconds: float = 0.0,
        actor: str | None = None,
    ) -> SegmentRow:
        """Save a translator's edit (the same text and status again: no new version); raises
        :class:`ConflictError` if the segment moved on; AccessError if ``actor`` may not edit it."""
        current = self.segment(segment_id)
        users.require(self, actor, "edit", current.document_id)
        status = "confirmed" if confirm else "edited"
        if (current.version, current.post_edit, current.status) == (expected_version, text, status):
            self.discard_draft(segment_id, actor)
            return current
        changes = {
            "post_edit": text,
            "status": status,
            "edit_seconds": current.edit_seconds + max(0.0, seconds),
        }
        return self._update(
            segment_id, expected_version, changes, "confirm" if confirm else "edit", actor, text
        )

    def history(self, segment_id: int) -> list[HistoryRow]:
        rows = self.db.execute(
            "SELECT * FROM history WHERE segment_id = ? ORDER BY id", (segment_id,)
        ).fetchall()
        return [HistoryRow(**dict(r)) for r in rows]

    def restore(
        self, segment_id: int, history_id: int, expected_version: int, actor: str | None = None
    ) -> SegmentRow:
        """Make an earlier version's English current again (as a new version; history keeps all)."""
        row = self.db.execute(
            "SELECT * FROM history WHERE id = ? AND segment_id = ?", (history_id, segment_id)
        ).fetchone()
        if row is None:
            raise NotFoundError(f"segment {segment_id} has no history entry {history_id}.")
        users.require(self, actor, "edit", self.segment(segment_id).document_id)
        old = HistoryRow(**dict(row))
        changes = {
            "post_edit": old.post_edit if old.post_edit is not None else old.mt,
            "status": "edited",
        }
        return self._update(
            segment_id, expected_version, changes, "restore", actor, changes["post_edit"]
        )
