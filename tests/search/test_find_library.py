"""Searching the whole Library by document name and by text."""

from __future__ import annotations

from pathlib import Path

from workbench.pipeline.document import add_document
from workbench.search import search_library
from workbench.store import Store
from workbench.text.read import read_text


def test_search_library_by_name_source_and_english(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    a, _ = add_document(store, read_text("قال الوزير.\n\nوصل الرئيس.\n", name="Cabinet news"))
    b, _ = add_document(store, read_text("الطقس جميل.\n\nقال الوزيـر.\n", name="weather"))
    store.set_mt(store.segments(b)[0].id, "Nice weather, said the minister.", "sig")
    found = {m.document.id: m for m in search_library(store, "الوزير")}
    assert sorted(found) == [a, b]
    assert [h.position for h in found[b].hits] == [1]  # tatweel folded
    by_english = search_library(store, "Minister")
    assert [(m.document.id, [(h.side, h.position) for h in m.hits]) for m in by_english] == [
        (b, [("english", 0)])
    ]
    by_name = search_library(store, "cabinet", sides=())
    assert [(m.document.id, m.name[0].start) for m in by_name] == [(a, 0)]
    assert search_library(store, "absent") == []
