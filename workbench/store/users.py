"""Users, roles, assignments and review: who may do what in a newsroom's store, and who did it.

Three roles (:data:`ROLES`): a **translator** edits and confirms the documents assigned to them;
a **reviewer** also approves confirmed segments (status ``approved``) or sends one back to the
translator with a note, and sees every document; an **admin** also imports, deletes and assigns.
:func:`require` is the one check. A store with no users is a single translator's own (local mode):
nobody is checked, as before. Every change still records its actor (history, exports).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, get_args

from workbench.errors import AccessError, ConflictError, InputError, NotFoundError
from workbench.store import comments
from workbench.store.connection import now
from workbench.store.records import DocumentRow, SegmentRow

if TYPE_CHECKING:
    from workbench.store.sqlite import Store

Role = Literal["translator", "reviewer", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)
Action = Literal["edit", "review", "see-all", "import", "delete", "assign", "manage-users"]

#: What each role may do beyond its own assigned documents.
_ALLOWED: dict[Role, frozenset[Action]] = {
    "translator": frozenset({"edit"}),
    "reviewer": frozenset({"edit", "review", "see-all"}),
    "admin": frozenset({"edit", "review", "see-all", "import", "delete", "assign", "manage-users"}),
}


@dataclass(frozen=True)
class UserRow:
    email: str
    role: Role
    name: str | None
    created_at: str

    def may(self, action: Action) -> bool:
        return action in _ALLOWED[self.role]


def _email(email: str) -> str:
    clean = email.strip().lower()
    if "@" not in clean or " " in clean or len(clean) > 320:
        raise InputError(f"{email!r} is not an email address (users are named by their email).")
    return clean


def add_user(
    store: Store, email: str, role: str, name: str | None = None, by: str | None = None
) -> UserRow:
    """Add a user, or change the role (and name) of one already there (``by``: an admin)."""
    require(store, by, "manage-users")
    if role not in ROLES:
        raise InputError(f"unknown role {role!r}: one of {', '.join(ROLES)}.")
    address = _email(email)
    with store.write() as db:
        db.execute(
            "INSERT INTO users (email, role, name, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (email) DO UPDATE SET role = excluded.role, "
            "name = COALESCE(excluded.name, users.name)",
            (address, role, name, now()),
        )
    return user(store, address)


def remove_user(store: Store, email: str, by: str | None = None) -> None:
    require(store, by, "manage-users")
    with store.write() as db:
        if db.execute("DELETE FROM users WHERE email = ?", (_email(email),)).rowcount == 0:
            raise NotFoundError(f"no user {email} in the store; `workbench users list` lists them.")


def users(store: Store) -> list[UserRow]:
    rows = store.db.execute("SELECT email, role, name, created_at FROM users ORDER BY email")
    return [UserRow(*r) for r in rows.fetchall()]


def user(store: Store, email: str) -> UserRow:
    row = store.db.execute(
        "SELECT email, role, name, created_at FROM users WHERE email = ?", (_email(email),)
    ).fetchone()
    if row is None:
        raise AccessError(
            f"{email} is not a user of this store: an admin adds them with "
            f"`workbench users add {email} --role translator`."
        )
    return UserRow(*row)


def local_mode(store: Store) -> bool:
    """True for a store with no users: one translator's own, where nobody is checked."""
    return int(store.db.execute("SELECT COUNT(*) FROM users").fetchone()[0]) == 0


def require(store: Store, actor: str | None, action: Action, doc_id: int | None = None) -> None:
    """Raise :class:`AccessError` unless ``actor`` may do ``action`` (on document ``doc_id``).

    ``actor=None`` is the local operator (the command line on the server, or a store without
    users): allowed everything. Editing needs the document assigned, unless the role sees all.
    """
    if actor is None or local_mode(store):
        return
    who = user(store, actor)
    if not who.may(action):
        raise AccessError(f"{who.email} is a {who.role}: only {_who_may(action)} may {action}.")
    if action == "edit" and doc_id is not None and not can_open(store, who.email, doc_id):
        raise AccessError(f"document {doc_id} is not assigned to {who.email}.")


def _who_may(action: Action) -> str:
    return " and ".join(f"{r}s" for r in ROLES if action in _ALLOWED[r])


def assign(store: Store, doc_id: int, email: str, by: str | None = None) -> None:
    """Give document ``doc_id`` to ``email`` (an admin's act; ``by`` records who)."""
    require(store, by, "assign")
    store.document(doc_id)  # NotFoundError names it
    who = user(store, email)
    with store.write() as db:
        db.execute(
            "INSERT INTO assignments (document_id, email, assigned_by, assigned_at) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (document_id, email) DO NOTHING",
            (doc_id, who.email, by, now()),
        )


def unassign(store: Store, doc_id: int, email: str, by: str | None = None) -> None:
    require(store, by, "assign")
    with store.write() as db:
        db.execute(
            "DELETE FROM assignments WHERE document_id = ? AND email = ?", (doc_id, _email(email))
        )


def assignees(store: Store, doc_id: int) -> list[str]:
    rows = store.db.execute(
        "SELECT email FROM assignments WHERE document_id = ? ORDER BY email", (doc_id,)
    )
    return [r[0] for r in rows.fetchall()]


def can_open(store: Store, email: str | None, doc_id: int) -> bool:
    """Whether ``email`` may see document ``doc_id`` (assigned, or a role that sees all)."""
    if email is None or local_mode(store):
        return True
    who = user(store, email)
    if who.may("see-all"):
        return True
    row = store.db.execute(
        "SELECT 1 FROM assignments WHERE document_id = ? AND email = ?", (doc_id, who.email)
    ).fetchone()
    return row is not None


def visible_documents(store: Store, email: str | None) -> list[DocumentRow]:
    """The documents ``email`` sees: those assigned to them (reviewers and admins: all)."""
    if email is None or local_mode(store) or user(store, email).may("see-all"):
        return store.documents()
    mine = set(
        r[0]
        for r in store.db.execute(
            "SELECT document_id FROM assignments WHERE email = ?", (_email(email),)
        ).fetchall()
    )
    return [d for d in store.documents() if d.id in mine]


def approve(store: Store, segment_id: int, expected_version: int, actor: str | None) -> SegmentRow:
    """A reviewer accepts a confirmed segment: status ``approved`` (a new version)."""
    require(store, actor, "review")
    current = store.segment(segment_id)
    if current.status != "confirmed":
        raise InputError(
            f"segment {segment_id} is {current.status}: only a confirmed segment is approved."
        )
    return store._update(segment_id, expected_version, {"status": "approved"}, "approve", actor)


def send_back(
    store: Store, segment_id: int, expected_version: int, note: str, actor: str | None
) -> SegmentRow:
    """A reviewer returns a segment to its translator (status ``edited``) with a note."""
    require(store, actor, "review")
    if not note.strip():
        raise InputError("say why the segment goes back: the note is what the translator reads.")
    comments.clean_body(note)
    with store.write() as db:
        current = store.segment(segment_id)
        if current.version != expected_version:
            raise ConflictError(segment_id, expected_version, current.version, current.target, None)
        updated = store._apply(db, current, {"status": "edited"}, "send-back", actor)
        history_id = db.execute(
            "SELECT MAX(id) FROM history WHERE segment_id = ?", (segment_id,)
        ).fetchone()[0]
        comments.insert(db, segment_id, "send-back", note, actor, history_id)
    return updated


def review_notes(store: Store, segment_id: int) -> list[tuple[int, str, str | None, str]]:
    """``(history_id, note, reviewer, at)`` for each time the segment was sent back (its
    ``send-back`` comments; store.comments has them with their resolution)."""
    rows = store.db.execute(
        "SELECT h.id, c.body, h.actor, h.at FROM comments c JOIN history h "
        "ON h.id = c.history_id WHERE c.segment_id = ? AND c.kind = 'send-back' ORDER BY c.id",
        (segment_id,),
    )
    return [tuple(r) for r in rows.fetchall()]


def review_state(store: Store, segment_id: int) -> tuple[str, str | None, str] | None:
    """The segment's last review act as ``(action, reviewer, at)``: ``approve`` or
    ``send-back``; None if no reviewer has acted on it."""
    row = store.db.execute(
        "SELECT action, actor, at FROM history WHERE segment_id = ? "
        "AND action IN ('approve', 'send-back') ORDER BY id DESC LIMIT 1",
        (segment_id,),
    ).fetchone()
    return None if row is None else (str(row[0]), row[1], str(row[2]))


def record_export(store: Store, doc_id: int, fmt: str, actor: str | None) -> None:
    """Log that ``actor`` exported document ``doc_id`` as ``fmt``."""
    with store.write() as db:
        db.execute(
            "INSERT INTO exports (document_id, format, actor, at) VALUES (?, ?, ?, ?)",
            (doc_id, fmt, actor, now()),
        )


def exports(store: Store, doc_id: int) -> list[tuple[str, str | None, str]]:
    """``(format, actor, at)`` of each export of the document, oldest first."""
    rows = store.db.execute(
        "SELECT format, actor, at FROM exports WHERE document_id = ? ORDER BY id", (doc_id,)
    )
    return [tuple(r) for r in rows.fetchall()]


def effort_by_actor(store: Store, doc_id: int | None = None) -> dict[str | None, tuple[int, float]]:
    """``actor -> (saves, seconds)``: each human save and the editing time it added."""
    where, args = ("WHERE s.document_id = ?", (doc_id,)) if doc_id is not None else ("", ())
    rows = store.db.execute(
        "SELECT h.segment_id, h.actor, h.action, h.edit_seconds FROM history h "
        f"JOIN segments s ON s.id = h.segment_id {where} ORDER BY h.segment_id, h.id",
        args,
    ).fetchall()
    out: dict[str | None, tuple[int, float]] = {}
    last: tuple[int, float] = (-1, 0.0)
    for segment_id, actor, action, seconds in rows:
        before = last[1] if last[0] == segment_id else 0.0
        last = (segment_id, float(seconds))
        if action in ("edit", "confirm", "restore"):
            saves, total = out.get(actor, (0, 0.0))
            out[actor] = (saves + 1, total + max(0.0, float(seconds) - before))
    return out
