"""Confirm & next follows the view on screen: its order ("hardest first") and its filters."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest
from ui_support import html, open_page, submit

from workbench.pipeline.document import add_document
from workbench.store import Store
from workbench.text.read import read_text
from workbench.ui import state

CONFIRM = "Save ✓ confirm & next"


def _document(store: Store, count: int = 25) -> list[int]:
    """``count`` segments; segment n scores -n/10 (hardest first: n = count-1 … 0), every fifth
    flagged as a possible omission."""
    text = "\n\n".join(f"قال الوزير إن الخطة رقم {n} جاهزة." for n in range(count))
    doc_id = add_document(store, read_text(text, name="view.txt"))[0]
    for segment in store.segments(doc_id):
        n = segment.position
        meta = {"flags": ["possible-omission"] if n % 5 == 0 else [], "scores": [-n / 10]}
        store.set_mt(segment.id, f"The minister said plan {n} is ready.", "s", meta)
    return [s.id for s in store.segments(doc_id)]


def _focused(at: AppTest) -> list[int]:
    """The rows the page's focus scripts move to, in the order drawn."""
    return [int(n) for n in re.findall(r'querySelector\("\.st-key-wb-row-(\d+)"\)', html(at))]


def _confirm(at: AppTest, store: Store, segment_id: int) -> None:
    version = store.segment(segment_id).version
    at.text_area(key=state.text_key(segment_id, version)).input("Confirmed here.")
    submit(at, segment_id, CONFIRM)


def _rows(at: AppTest) -> list[int]:
    keys = (t.key or "" for t in at.text_area)
    return [int(k.split("-")[2]) for k in keys if k.startswith("wb-edit-")]


def test_hardest_first_confirm_goes_to_the_next_in_that_order(store: Store) -> None:
    ids = _document(store)
    doc_id = store.segment(ids[0]).document_id
    at = open_page("editor", doc_id)
    at.checkbox(key=state.VIEW_HARDEST).check().run()
    assert _rows(at)[:2] == [ids[24], ids[23]]
    _confirm(at, store, ids[24])
    assert store.segment(ids[24]).status == "confirmed"
    assert _focused(at)[-1] == ids[23], "the next row of the view, not of the document"
    assert at.query_params.get("page", "1") == "1"
    # The last row of the view's first page: on to the view's second page, its first row.
    _confirm(at, store, ids[15])
    assert at.query_params.get("page") == "2"
    assert _rows(at)[0] == ids[14] and _focused(at)[-1] == ids[14]


def test_a_filtered_view_skips_what_it_hides_and_says_when_none_remain(store: Store) -> None:
    ids = _document(store)
    doc_id = store.segment(ids[0]).document_id
    for n in (10, 5):  # already confirmed: skipped
        store.save_edit(ids[n], f"Done {n}.", store.segment(ids[n]).version, confirm=True)
    at = open_page("editor", doc_id)
    at.multiselect(key=state.VIEW_FLAG).set_value(["possible-omission"]).run()
    at.checkbox(key=state.VIEW_HARDEST).check().run()
    assert _rows(at) == [ids[20], ids[15], ids[10], ids[5], ids[0]]
    _confirm(at, store, ids[15])
    assert _focused(at)[-1] == ids[0], "past the confirmed ones, not to #17 (hidden by the view)"
    _confirm(at, store, ids[0])
    assert _focused(at)[-1] == ids[20], "from the end of the view, round to its start"
    _confirm(at, store, ids[20])
    assert _focused(at) == [], "nowhere to go: the focus stays where it is"
    toasts = [t.value for t in at.toast]
    assert any("Every segment in this view is confirmed" in t for t in toasts), toasts
    assert any("20 unconfirmed outside it" in t for t in toasts), toasts


def test_the_whole_document_says_when_every_segment_is_confirmed(store: Store) -> None:
    ids = _document(store, 3)
    doc_id = store.segment(ids[0]).document_id
    for segment_id in ids[1:]:
        store.save_edit(segment_id, "Done.", store.segment(segment_id).version, confirm=True)
    at = open_page("editor", doc_id)
    _confirm(at, store, ids[0])
    assert [s.status for s in store.segments(doc_id)] == ["confirmed"] * 3
    assert any("Every segment of this document is confirmed" in t.value for t in at.toast)
