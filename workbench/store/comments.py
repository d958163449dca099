"""Comments on a segment: a translator's query to the desk editor, a reviewer's send-back note.

A comment records who wrote it and when, is shown on the segment's row until someone resolves it
(who and when are kept too), and is exported as an XLIFF note. Its text never changes. Anyone who
may open the segment's document may comment and resolve (:func:`users.require` ``"edit"``);
sending a segment back (:func:`users.send_back`) writes a ``send-back`` comment in the same
transaction as the status change.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from workbench.errors import InputError, NotFoundError
from workbench.store.connection import now

if TYPE_CHECKING:
    from workbench.store.sqlite import Store

CommentKind = Literal["query", "send-back"]
#: The longest comment kept (a query, not an essay; the store refuses longer ones).
MAX_CHARS = 4000

_COLUMNS = (
    "c.id, c.segment_id, c.kind, c.body, c.author, c.created_at, c.history_id, "
    "c.resolved_by, c.resolved_at"
)


@dataclass(frozen=True)
class CommentRow:
    id: int
    segment_id: int
    kind: CommentKind
    body: str
    author: str | None
    created_at: str
    history_id: int | None
    resolved_by: str | None
    resolved_at: str | None

    @property
    def resolved(self) -> bool:
        return self.resolved_at is not None


def clean_body(body: str) -> str:
    """The comment's text as kept: stripped, not empty, not over :data:`MAX_CHARS`."""
    text = body.strip()
    if not text:
        raise InputError("a comment needs some text: say what the desk editor should look at.")
    if len(text) > MAX_CHARS:
        raise InputError(f"a comment may hold at most {MAX_CHARS} characters ({len(text)} given).")
    if "\x00" in text:
        raise InputError("a comment cannot hold a NUL character (U+0000): remove it.")
    return text


def insert(
    db: sqlite3.Connection,
    segment_id: int,
    kind: CommentKind,
    body: str,
    author: str | None,
    history_id: int | None = None,
) -> int:
    """Inside a write transaction: add a comment; its id."""
    cur = db.execute(
        "INSERT INTO comments (segment_id, kind, body, author, created_at, history_id) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        (segment_id, kind, clean_body(body), author, now(), history_id),
    )
    return int(cur.lastrowid or 0)


def _row(row: sqlite3.Row) -> CommentRow:
    return CommentRow(*tuple(row))


def _document_of(store: Store, segment_id: int) -> int:
    return store.segment(segment_id).document_id


def add_comment(
    store: Store, segment_id: int, body: str, actor: str | None, kind: CommentKind = "query"
) -> CommentRow:
    """``actor`` comments on a segment of a document they may open (a query, by default)."""
    from workbench.store.users import require

    require(store, actor, "edit", _document_of(store, segment_id))
    text = clean_body(body)
    with store.write() as db:
        comment_id = insert(db, segment_id, kind, text, actor)
    return comment(store, comment_id)


def comment(store: Store, comment_id: int) -> CommentRow:
    row = store.db.execute(
        f"SELECT {_COLUMNS} FROM comments c WHERE c.id = ?", (comment_id,)
    ).fetchone()
    if row is None:
        raise NotFoundError(f"no comment {comment_id} in the store.")
    return _row(row)


def comments(store: Store, segment_id: int) -> list[CommentRow]:
    """The segment's comments, oldest first (resolved ones too)."""
    rows = store.db.execute(
        f"SELECT {_COLUMNS} FROM comments c WHERE c.segment_id = ? ORDER BY c.id", (segment_id,)
    ).fetchall()
    return [_row(r) for r in rows]


def document_comments(store: Store, doc_id: int) -> dict[int, list[CommentRow]]:
    """Every comment of a document by segment id, oldest first (one query, for a page or an export)."""
    rows = store.db.execute(
        f"SELECT {_COLUMNS} FROM comments c JOIN segments s ON s.id = c.segment_id "
        "WHERE s.document_id = ? ORDER BY c.id",
        (doc_id,),
    ).fetchall()
    out: dict[int, list[CommentRow]] = {}
    for r in rows:
        row = _row(r)
        out.setdefault(row.segment_id, []).append(row)
    return out


def resolve(store: Store, comment_id: int, actor: str | None) -> CommentRow:
    """Mark a comment resolved by ``actor`` (who may open its document); resolving twice keeps
    the first resolution."""
    from workbench.store.users import require

    found = comment(store, comment_id)
    require(store, actor, "edit", _document_of(store, found.segment_id))
    with store.write() as db:
        db.execute(
            "UPDATE comments SET resolved_by = ?, resolved_at = ? "
            "WHERE id = ? AND resolved_at IS NULL",
            (actor, now(), comment_id),
        )
    return comment(store, comment_id)
