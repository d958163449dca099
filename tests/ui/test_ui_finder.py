"""The editor's find and replace, its view bar (status, flag, QA, hardest first), and go to."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest
from ui_support import html, open_page

from workbench.pipeline.document import add_document
from workbench.store import Store
from workbench.text.read import read_text
from workbench.ui import state

HOSTILE = "<b>$5</b> :red[x]"


def _document(store: Store, count: int = 25) -> int:
    text = "\n\n".join(f"قال الوزير إن الخطة رقم {n} جاهزة." for n in range(count))
    doc_id = add_document(store, read_text(text, name="long.txt"))[0]
    for segment in store.segments(doc_id):
        n = segment.position
        meta = {"flags": ["possible-omission"] if n % 5 == 0 else [], "scores": [-n / 10]}
        english = f"The minister said plan {n} is ready {HOSTILE}."
        store.set_mt(segment.id, english if n != 7 else "The minister said the plan.", "s", meta)
    return doc_id


def _rows(at: AppTest) -> list[str]:
    return [k for k in (t.key or "" for t in at.text_area) if k.startswith("wb-edit-")]


def test_find_in_english_lists_escaped_hits_and_replace_all_then_undo(store: Store) -> None:
    doc_id = _document(store)
    at = open_page("editor", doc_id)
    at.radio(key=state.FIND_SIDE).set_value("english").run()
    at.text_input(key=state.FIND_TEXT).input("minister").run()
    assert "25 match(es) in 25 segment(s)." in [c.value for c in at.caption]
    shown = html(at)
    assert "<mark>minister</mark>" in shown and "&lt;b&gt;$5&lt;/b&gt; :red[x]" in shown
    assert "<b>$5</b>" not in shown
    at.text_input(key=state.REPLACE_TEXT).input("Minister").run()
    at.button(key=state.REPLACE_ALL).click().run()
    assert not at.exception
    assert "Replaced 25 occurrence(s) in 25 segment(s)" in html(at)
    assert all(s.target and "Minister" in s.target for s in store.segments(doc_id))
    assert store.segments(doc_id)[0].status == "edited"
    at.button(key=state.REPLACE_UNDO).click().run()
    assert all(s.target and "minister" in s.target for s in store.segments(doc_id))


def test_replace_one_and_a_stale_hit_is_a_conflict(store: Store) -> None:
    doc_id = _document(store, 3)
    at = open_page("editor", doc_id)
    at.radio(key=state.FIND_SIDE).set_value("english").run()
    at.text_input(key=state.FIND_TEXT).input("plan").run()
    at.text_input(key=state.REPLACE_TEXT).input("scheme").run()
    first = store.segments(doc_id)[0]
    store.save_edit(first.id, "Someone else's plan.", first.version)  # another tab, after the find
    at.button(key=state.find_widget("replace", 0)).click().run()
    assert "was saved elsewhere" in html(at)
    assert store.segment(first.id).target == "Someone else's plan."
    at.button(key=state.find_widget("replace", 1)).click().run()
    assert store.segments(doc_id)[1].target == f"The minister said scheme 1 is ready {HOSTILE}."


def test_find_in_the_source_folds_and_goes_to_the_segment(store: Store) -> None:
    doc_id = _document(store)
    at = open_page("editor", doc_id)
    at.checkbox(key=state.FIND_WHOLE).check().run()
    at.text_input(key=state.FIND_TEXT).input("الخـطة رقم ٢٣").run()
    assert "1 match(es) in 1 segment(s)." in [c.value for c in at.caption]
    assert "<mark>الخطة رقم 23</mark>" in html(at)
    at.button(key=state.find_widget("go", 0)).click().run()
    assert at.query_params.get("page") == "3"
    target = store.segments(doc_id)[23]
    assert f"wb-edit-{target.id}-{target.version}" in _rows(at)


def test_filters_and_hardest_first_paginate_the_view(store: Store) -> None:
    doc_id = _document(store)
    ids = [s.id for s in store.segments(doc_id)]
    at = open_page("editor", doc_id)
    at.multiselect(key=state.VIEW_FLAG).set_value(["possible-omission"]).run()
    assert len(_rows(at)) == 5  # segments 0, 5, 10, 15, 20
    assert any("1–5 of 5 shown (flag possible-omission)" in h for h in html(at).split("\n"))
    at.multiselect(key=state.VIEW_FLAG).set_value([]).run()
    at.checkbox(key=state.VIEW_QA).check().run()  # segment 7's English drops the number
    assert _rows(at) == [f"wb-edit-{ids[7]}-1"]
    assert "QA: number-mismatch" in html(at)
    at.checkbox(key=state.VIEW_QA).uncheck().run()
    at.checkbox(key=state.VIEW_HARDEST).check().run()
    assert _rows(at)[0] == f"wb-edit-{ids[24]}-1"  # the lowest score first
    at.multiselect(key=state.VIEW_STATUS).set_value(["confirmed"]).run()
    assert _rows(at) == [] and "No segment matches this view" in at.info[-1].value
    at.number_input(key=state.GO_TO).set_value(4).run()  # hidden by the view: the view resets
    assert at.multiselect(key=state.VIEW_STATUS).value == []
    assert f"wb-edit-{ids[3]}-1" in _rows(at)


def test_library_search_lists_documents_and_links_to_the_segment(store: Store) -> None:
    _document(store, 3)
    other = add_document(store, read_text("الطقس جميل اليوم.", name="weather <i>"))[0]
    at = open_page("library")
    at.text_input(key=state.LIBRARY_SEARCH).input("الوزير").run()
    assert "1 document(s) found" in at.caption[-1].value
    links = [(p.proto.label, p.proto.page, p.proto.query_string) for p in at.get("page_link")]
    assert ("Open #2", "editor", "doc=1&segment=2") in links
    at.text_input(key=state.LIBRARY_SEARCH).input("weather").run()
    assert f"{other} · <mark>weather</mark> &lt;i&gt;" in html(at)


def test_editor_opens_at_the_segment_of_a_library_link(store: Store) -> None:
    doc_id = _document(store)
    at = open_page("library")
    at.switch_page("views/editor/page.py")
    at.query_params.update({"doc": str(doc_id), "segment": "17"})
    at.run()
    assert at.query_params.get("page") == "2" and "segment" not in at.query_params
    target = store.segments(doc_id)[16]
    assert f"wb-edit-{target.id}-{target.version}" in _rows(at)
