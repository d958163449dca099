"""The editor's live memory: built once, then kept current from the segments changed since."""

from __future__ import annotations

from workbench.memory import add_entries
from workbench.memory.live import LiveMemory
from workbench.pipeline.document import add_document
from workbench.store import Store
from workbench.text.read import read_text

TEXT = "قال الوزير اليوم في المؤتمر.\nوصل الرئيس إلى العاصمة.\nقال الوزير أمس في المؤتمر.\n"


def _segments(store: Store, text: str = TEXT, name: str = "a") -> list[int]:
    doc = add_document(store, read_text(text, name=name))[0]
    return [s.id for s in store.segments(doc)]


def _targets(live: LiveMemory, store: Store, source: str, seg: int | None = None) -> list[str]:
    return [m.entry.target for m in live.search(store, source, seg)]


def test_confirms_edits_and_unconfirms_are_seen_without_a_rebuild(store: Store) -> None:
    a, _, c = _segments(store)
    live = LiveMemory(min_interval=0)
    assert _targets(live, store, "قال الوزير أمس في المؤتمر.", c) == []
    store.save_edit(a, "The minister said today.", store.segment(a).version, confirm=True)
    assert _targets(live, store, "قال الوزير أمس في المؤتمر.", c) == ["The minister said today."]
    assert _targets(live, store, "قال الوزير اليوم في المؤتمر.", a) == []  # not itself
    store.save_edit(a, "The minister spoke today.", store.segment(a).version, confirm=True)
    assert _targets(live, store, "قال الوزير أمس في المؤتمر.", c) == ["The minister spoke today."]
    store.save_edit(a, "Unconfirmed.", store.segment(a).version, confirm=False)
    assert _targets(live, store, "قال الوزير أمس في المؤتمر.", c) == []
    assert live.rebuilds == 1


def test_imported_pairs_and_deleted_documents_rebuild(store: Store) -> None:
    a, _, _ = _segments(store)
    live = LiveMemory(min_interval=0)
    store.save_edit(a, "The minister said today.", store.segment(a).version, confirm=True)
    assert _targets(live, store, "قال الوزير اليوم في المؤتمر.") == ["The minister said today."]
    add_entries(store, [("وصل الرئيس إلى العاصمة.", "The president arrived.")], "tmx:x")
    assert _targets(live, store, "وصل الرئيس إلى العاصمة") == ["The president arrived."]
    assert live.rebuilds == 2
    store.delete_document(store.segment(a).document_id)
    assert _targets(live, store, "قال الوزير اليوم في المؤتمر.") == []
    assert live.rebuilds == 3


def test_a_page_of_searches_looks_at_the_store_once(store: Store) -> None:
    a, _, c = _segments(store)
    live = LiveMemory(min_interval=3600)
    assert _targets(live, store, "قال الوزير أمس في المؤتمر.", c) == []
    store.save_edit(a, "The minister said today.", store.segment(a).version, confirm=True)
    assert _targets(live, store, "قال الوزير أمس في المؤتمر.", c) == []  # not looked again yet
    live.min_interval = 0
    assert _targets(live, store, "قال الوزير أمس في المؤتمر.", c) == ["The minister said today."]
