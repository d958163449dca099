"""Importing with the memory's 100% matches: the library call that the CLI and the editor share."""

from __future__ import annotations

import pytest
from ui_support import (
    fresh_caches,  # noqa: F401  (an autouse fixture)
    open_page,
)
from ui_support import html as _html

from workbench.memory import add_entries
from workbench.pipeline.memory_fill import add_document_filled, prefill_document
from workbench.store import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text
from workbench.ui import resources
from workbench.ui.resources import ModelState

ARTICLE = "قال الوزير\nجملة أخرى\n"


def _status(store: Store, doc_id: int) -> list[tuple[str, str | None]]:
    return [(s.status, s.post_edit) for s in store.segments(doc_id) if s.kind == "prose"]


def test_add_document_filled() -> None:
    store = Store.open_default()
    add_entries(store, [("قالَ الوزيـر", "The minister said")], "tmx:m.tmx")
    doc_id, reused = add_document_filled(store, read_text(ARTICLE, name="a.txt"))
    assert not reused
    assert _status(store, doc_id) == [("tm", "The minister said"), ("new", None)]
    again, reused = add_document_filled(store, read_text(ARTICLE, name="a.txt"))
    assert (again, reused) == (doc_id, True)
    other, _ = add_document_filled(store, read_text("قال الوزير", name="b.txt"), use_memory=False)
    assert _status(store, other) == [("new", None)]


def test_prefill_document_reuses_the_memory_and_an_empty_one_fills_nothing() -> None:
    store = Store.open_default()
    first, _ = add_document_filled(store, read_text(ARTICLE, name="a.txt"))
    filled, memory = prefill_document(store, first)
    assert (filled, len(memory)) == (0, 0)
    add_entries(store, [("جملة أخرى", "Another sentence")], "tmx:m.tmx")
    filled, memory = prefill_document(store, first)
    assert filled == 1
    assert prefill_document(store, first, memory)[1] is memory


def test_library_paste_import_fills_from_the_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    state = ModelState(FakeTranslator(), "standin", "fake stand-in")
    monkeypatch.setattr(resources, "model_state", lambda: state)
    store = Store.open_default()
    add_entries(store, [("قال الوزير", "The minister said")], "tmx:m.tmx")
    at = open_page("library")
    at.text_input[0].input("news.txt")
    at.text_area[0].input(ARTICLE)
    at.button(key="FormSubmitter:wb-paste-Import text").click().run()
    assert "document 1, imported" in _html(at)
    assert _status(store, 1)[0] == ("tm", "The minister said")
