"""Drafts per person (migration 9): two people typing in one segment keep their own, on both
backends; a save of the same text ends anyone's, a restore or a discard only the actor's."""

from __future__ import annotations

from pathlib import Path

from workbench.pipeline.document import add_document
from workbench.store import users
from workbench.store.sqlite import Store
from workbench.text.read import read_text

A, B = "amal@example.org", "badr@example.org"


def _segment(store: Store) -> tuple[int, int]:
    doc = add_document(store, read_text("جملة أولى. جملة ثانية.", name="d.txt"))[0]
    return doc, next(s.id for s in store.segments(doc) if s.kind == "prose")


def test_two_people_keep_their_own_drafts_of_one_segment(any_store: Store) -> None:
    store = any_store
    doc, seg = _segment(store)
    for who in (A, B):
        users.add_user(store, who, "reviewer")
    store.save_draft(seg, "Amal's half", 0, author=A)
    store.save_draft(seg, "Badr's half", 0, author=B)
    store.save_draft(seg, "Amal's whole", 0, author=A)
    mine, theirs = store.draft(seg, A), store.draft(seg, B)
    assert mine is not None and (mine.text, mine.author) == ("Amal's whole", A)
    assert theirs is not None and theirs.text == "Badr's half"
    assert store.draft(seg) is None, "the local translator has none"
    assert set(store.drafts(doc, B)) == {seg}
    store.discard_draft(seg, B)
    assert store.draft(seg, B) is None and store.draft(seg, A) is not None
    store.save_draft(seg, "Badr again", 0, author=B)
    saved = store.save_edit(seg, "Amal's whole", 0, actor=A)
    assert store.draft(seg, A) is None, "her save ends her draft"
    left = store.draft(seg, B)
    assert left is not None and left.base_version == 0 < saved.version, "his is now a conflict"
    store.restore(seg, store.history(seg)[0].id, saved.version, actor=A)
    assert store.draft(seg, B) is not None, "her restore leaves his draft"
    store.set_aside(seg, "Badr again", actor=B)
    assert store.draft(seg, B) is None


def test_migration_9_keeps_the_drafts_as_the_local_translators(tmp_path: Path) -> None:
    store = Store(tmp_path / "old.db")
    _, seg = _segment(store)
    with store.write() as db:  # the store as migration 8 left it, with a draft typed then
        db.execute("DROP TABLE drafts")
        db.execute(
            "CREATE TABLE drafts (segment_id INTEGER PRIMARY KEY REFERENCES segments(id) "
            "ON DELETE CASCADE, text TEXT NOT NULL, base_version INTEGER NOT NULL, "
            "updated_at TEXT NOT NULL)"
        )
        db.execute("INSERT INTO drafts VALUES (?, 'typed before', 0, 'then')", (seg,))
        db.execute("PRAGMA user_version = 8")
    store.close()
    again = Store(tmp_path / "old.db")
    draft = again.draft(seg)
    assert draft is not None and (draft.text, draft.author) == ("typed before", None)
    again.save_draft(seg, "mine now", 0, author=A)
    assert again.draft(seg) is not None and again.draft(seg, A) is not None
