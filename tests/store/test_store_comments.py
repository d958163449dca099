"""Comments on a segment (workbench.store.comments): who and when, resolvable, on both backends."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.errors import AccessError, InputError
from workbench.pipeline.document import add_document
from workbench.store import comments, users
from workbench.store.schema import MIGRATIONS
from workbench.store.sqlite import Store
from workbench.text.read import read_text

T, R, A = "tr@example.org", "rev@example.org", "boss@example.org"


@pytest.fixture
def desk(any_store: Store) -> tuple[Store, int, int]:
    store = any_store
    one = add_document(store, read_text("جملة أولى. جملة ثانية.", name="one.txt"))[0]
    two = add_document(store, read_text("نص آخر.", name="two.txt"))[0]
    users.add_user(store, A, "admin")
    users.add_user(store, T, "translator")
    users.add_user(store, R, "reviewer")
    users.assign(store, one, T, by=A)
    return store, one, two


def _prose(store: Store, doc: int) -> list[int]:
    return [s.id for s in store.segments(doc) if s.kind == "prose"]


def test_a_query_is_kept_with_who_and_when_and_resolved_once(desk: tuple[Store, int, int]) -> None:
    store, one, _ = desk
    seg = _prose(store, one)[0]
    hard = "Is <b>it</b> 'the' minister?\u202e 100%"
    asked = comments.add_comment(store, seg, f"  {hard} ", T)
    assert (asked.kind, asked.body, asked.author, asked.resolved) == ("query", hard, T, False)
    assert asked.created_at.endswith("Z") or "T" in asked.created_at
    done = comments.resolve(store, asked.id, R)
    assert (done.resolved_by, done.resolved) == (R, True)
    again = comments.resolve(store, asked.id, T)
    assert again.resolved_by == R, "the first resolution stays"
    assert comments.document_comments(store, one) == {seg: [again]}
    with pytest.raises(Exception, match="kept as written"):
        store.db.execute("UPDATE comments SET resolved_by = 'x'")


def test_who_may_comment_and_what_is_refused(desk: tuple[Store, int, int]) -> None:
    store, one, two = desk
    theirs = _prose(store, two)[0]
    with pytest.raises(AccessError, match="not assigned"):
        comments.add_comment(store, theirs, "why?", T)
    mine = comments.add_comment(store, _prose(store, one)[0], "why?", T)
    assert comments.add_comment(store, theirs, "ok", R).author == R
    for bad in ("  ", "x" * (comments.MAX_CHARS + 1), "a\x00b"):
        with pytest.raises(InputError):
            comments.add_comment(store, mine.segment_id, bad, T)
    with pytest.raises(AccessError, match="not a user"):
        comments.resolve(store, mine.id, "stranger@example.org")


def test_send_back_is_a_comment_and_deleting_the_document_takes_them(
    desk: tuple[Store, int, int],
) -> None:
    store, one, _ = desk
    seg = _prose(store, one)[1]
    done = store.save_edit(seg, "Second.", store.segment(seg).version, confirm=True, actor=T)
    users.send_back(store, seg, done.version, "Name the minister.", R)
    (note,) = comments.comments(store, seg)
    assert (note.kind, note.body, note.author, note.history_id is not None) == (
        "send-back",
        "Name the minister.",
        R,
        True,
    )
    assert users.review_state(store, seg)[:2] == ("send-back", R)  # type: ignore[index]
    store.delete_document(one)
    assert store.db.execute("SELECT COUNT(*) FROM comments").fetchone()[0] == 0


def test_migration_7_makes_the_old_send_back_notes_comments(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:  # the store as migration 6 left it, with a note sent back
        for migration in MIGRATIONS[:6]:
            migration(db)
        db.execute("PRAGMA user_version = 6")
        db.execute(
            "INSERT INTO documents (id, name, sha256, encoding, raw, text, segmenter_version, "
            "created_at) VALUES (1, 'x.txt', 'h', 'utf-8', x'', 'جملة.', '1', 'now')"
        )
        db.execute(
            "INSERT INTO segments (id, document_id, position, paragraph, kind, start, end, source, "
            "post_edit, status, version, updated_at) "
            "VALUES (1, 1, 0, 0, 'prose', 0, 5, 'جملة.', 'Done.', 'confirmed', 1, 'now')"
        )
        db.execute(
            "INSERT INTO history (id, segment_id, version, action, post_edit, status, actor, at) "
            "VALUES (1, 1, 1, 'confirm', 'Done.', 'confirmed', ?, 'now')",
            (T,),
        )
        db.execute("INSERT INTO review_notes (history_id, note) VALUES (1, 'old note')")
    history_id = 1
    (note,) = comments.comments(Store(path), 1)
    assert (note.kind, note.body, note.author, note.history_id) == (
        "send-back",
        "old note",
        T,
        history_id,
    )
