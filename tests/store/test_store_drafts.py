"""Drafts (typed, not saved), unsaved conflict texts, no identical versions, ids never reused."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from workbench.errors import NotFoundError
from workbench.pipeline.document import add_document
from workbench.store.drafts import UNSAVED_CONFLICT
from workbench.store.schema import MIGRATIONS
from workbench.store.sqlite import Store
from workbench.text.read import read_file, read_text


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "wb.db")


@pytest.fixture
def doc_id(store: Store, seed_path: Path) -> int:
    return add_document(store, read_file(seed_path))[0]


def _prose(store: Store, doc_id: int) -> list[int]:
    return [s.id for s in store.segments(doc_id) if s.kind == "prose"]


def test_a_draft_is_kept_replaced_and_survives_reopening(
    store: Store, doc_id: int, tmp_path: Path
) -> None:
    first, second = _prose(store, doc_id)[:2]
    store.save_draft(first, "half a sent", 0)
    store.save_draft(first, "half a sentence <b>$1</b>", 0)
    store.save_draft(second, "other", 0)
    store.close()
    again = Store(tmp_path / "wb.db")
    draft = again.draft(first)
    assert draft is not None and draft.text == "half a sentence <b>$1</b>"
    assert draft.base_version == 0
    assert set(again.drafts(doc_id)) == {first, second}
    assert again.segment(first).status == "new" and again.segment(first).post_edit is None
    assert again.document(doc_id).confirmed == 0  # a draft never counts


def test_a_save_or_restore_ends_the_draft_but_mt_does_not(store: Store, doc_id: int) -> None:
    seg = _prose(store, doc_id)[0]
    store.save_draft(seg, "typed", 0)
    store.set_mt(seg, "machine", "sig")
    assert store.draft(seg) is not None
    saved = store.save_edit(seg, "typed", 1, confirm=True)
    assert store.draft(seg) is None
    store.save_draft(seg, "typed again", saved.version)
    store.restore(seg, store.history(seg)[0].id, saved.version)
    assert store.draft(seg) is None


def test_a_save_of_another_text_leaves_the_draft(store: Store, doc_id: int) -> None:
    seg = _prose(store, doc_id)[0]
    store.save_draft(seg, "typed in my tab", 0)
    store.save_edit(seg, "saved from another tab", 0)
    draft = store.draft(seg)
    assert draft is not None and draft.base_version == 0  # older than the segment: a conflict


def test_drafts_go_with_their_document(store: Store, doc_id: int) -> None:
    seg = _prose(store, doc_id)[0]
    store.save_draft(seg, "typed", 0)
    store.delete_document(doc_id)
    assert store.draft(seg) is None
    with pytest.raises(NotFoundError):
        store.save_draft(seg, "typed", 0)


def test_saving_the_same_text_again_adds_no_version(store: Store, doc_id: int) -> None:
    seg = _prose(store, doc_id)[0]
    saved = store.save_edit(seg, "Same.", 0, confirm=True)
    store.save_draft(seg, "Same.", saved.version)
    entries = len(store.history(seg))
    again = store.save_edit(seg, "Same.", saved.version, confirm=True)
    assert again.version == saved.version and len(store.history(seg)) == entries
    assert store.draft(seg) is None
    unconfirmed = store.save_edit(seg, "Same.", saved.version, confirm=False)
    assert unconfirmed.version == saved.version + 1  # the status changed: a real new version


def test_a_text_set_aside_is_in_the_history_to_restore(store: Store, doc_id: int) -> None:
    seg = _prose(store, doc_id)[0]
    theirs = store.save_edit(seg, "Theirs.", 0)
    store.set_aside(seg, "Mine, lost the conflict.")
    entry = store.history(seg)[-1]
    assert entry.action == UNSAVED_CONFLICT and entry.post_edit == "Mine, lost the conflict."
    assert store.segment(seg).post_edit == "Theirs." and store.segment(seg).version == 1
    restored = store.restore(seg, entry.id, theirs.version)
    assert restored.post_edit == "Mine, lost the conflict."


def test_document_ids_are_never_reused(store: Store) -> None:
    first = add_document(store, read_text("نص أول.\n", name="a"))[0]
    second = add_document(store, read_text("نص ثان.\n", name="b"))[0]
    store.delete_document(second)
    third = add_document(store, read_text("نص ثالث.\n", name="c"))[0]
    assert third > second > first
    store.delete_document(third)
    store.delete_document(first)
    assert add_document(store, read_text("نص رابع.\n", name="d"))[0] > third


def test_migration_5_starts_after_the_highest_stored_id(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as db:
        for migration in MIGRATIONS[:4]:
            migration(db)
        db.execute("PRAGMA user_version = 4")
        db.execute(
            "INSERT INTO documents (id, name, sha256, encoding, raw, text, segmenter_version, "
            "created_at) VALUES (7, 'old', 'x', 'utf-8', x'', 'x', '1', 'now')"
        )
    store = Store(path)
    store.delete_document(7)
    assert add_document(store, read_text("نص.\n", name="new"))[0] == 8
