"""Replacing in the English: saved versions, conflicts and drafts respected, undo, the count."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import ConflictError, InputError, UnsavedDraftError
from workbench.pipeline.document import add_document
from workbench.search import Hit, Query, find_hits, replace_all, replace_hit, undo
from workbench.store import Store
from workbench.text.read import read_text

ARABIC = "قال الوزير.\n\nوصل الرئيس.\n\nغادر الوزير.\n\nالطقس جميل.\n"
MT = ["The minister said.", "The president arrived.", "The minister left.", "Nice weather."]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "s.db")
    doc_id, _ = add_document(store, read_text(ARABIC, name="a"))
    for segment, mt in zip(store.segments(doc_id), MT, strict=True):
        store.set_mt(segment.id, mt, "sig")
    return store


def english(store: Store) -> list[str | None]:
    return [s.target for s in store.segments(1)]


def hits(store: Store, text: str = "minister") -> list[Hit]:
    return find_hits(store.segments(1), Query(text, "english", whole_word=True))


def test_replace_all_saves_versions_reports_the_count_and_undoes(store: Store) -> None:
    report = replace_all(store, hits(store), "Minister", actor="amal")
    assert (len(report.changed), report.occurrences) == (2, 2)
    assert "Replaced 2 occurrence(s) in 2 segment(s)" in report.summary()
    assert english(store) == [
        "The Minister said.",
        "The president arrived.",
        "The Minister left.",
        "Nice weather.",
    ]
    first = store.segments(1)[0]
    assert (first.status, first.post_edit) == ("edited", "The Minister said.")
    assert [h.action for h in store.history(first.id)][-1] == "edit"
    assert store.history(first.id)[-1].actor == "amal"
    undone = undo(store, report)
    assert len(undone.changed) == 2 and not undone.conflicts
    assert english(store) == MT


def test_a_segment_saved_since_the_find_is_a_conflict_not_overwritten(store: Store) -> None:
    found = hits(store)
    seg = store.segments(1)[0]
    store.save_edit(seg.id, "The minister says.", seg.version, confirm=True)
    with pytest.raises(ConflictError):
        replace_hit(store, found[0], "Minister")
    report = replace_all(store, found, "Minister")
    assert report.conflicts == (0,) and [r.position for r in report.changed] == [2]
    assert store.segment(seg.id).target == "The minister says."
    assert "saved elsewhere since the find" in report.summary()


def test_a_segment_with_unsaved_typing_is_left_alone(store: Store) -> None:
    seg = store.segments(1)[2]
    store.save_draft(seg.id, "The minister left today.", seg.version)
    with pytest.raises(UnsavedDraftError, match="#3 has typing that is not saved"):
        replace_hit(store, hits(store)[1], "Minister")
    report = replace_all(store, hits(store), "Minister")
    assert report.drafts == (2,) and len(report.changed) == 1
    assert store.segment(seg.id).target == "The minister left."
    assert store.draft(seg.id) is not None


def test_replace_one_occurrence_and_literal_replacement(store: Store) -> None:
    seg = store.segments(1)[3]
    store.save_edit(seg.id, "Nice nice nice.", seg.version)
    [hit] = find_hits(store.segments(1), Query("nice", "english"))
    done = replace_hit(store, hit, r"\1 $5 <b>", only=hit.spans[1])
    assert done.count == 1
    assert store.segment(seg.id).target == r"Nice \1 $5 <b> nice."


def test_the_source_cannot_be_replaced(store: Store) -> None:
    [hit, _] = find_hits(store.segments(1), Query("الوزير"))
    with pytest.raises(InputError, match="Only the English"):
        replace_hit(store, hit, "x")


def test_undo_leaves_a_segment_saved_after_the_replacement(store: Store) -> None:
    report = replace_all(store, hits(store), "Minister")
    seg = store.segments(1)[0]
    store.save_edit(seg.id, "Changed again.", seg.version)
    undone = undo(store, report)
    assert undone.conflicts == (0,) and len(undone.changed) == 1
    assert english(store)[0] == "Changed again." and english(store)[2] == "The minister left."


def test_another_persons_draft_does_not_block_and_stays(store: Store) -> None:
    seg = store.segments(1)[0]
    store.save_draft(seg.id, "Their typing.", seg.version, author="badr@example.org")
    report = replace_all(store, hits(store), "Minister", actor="amal@example.org")
    assert len(report.changed) == 2 and not report.drafts
    draft = store.draft(seg.id, "badr@example.org")
    assert draft is not None and draft.text == "Their typing."
    store.save_draft(seg.id, "Mine.", store.segment(seg.id).version, author="amal@example.org")
    blocked = replace_all(store, hits(store, "Minister"), "M.", actor="amal@example.org")
    assert blocked.drafts == (0,)
