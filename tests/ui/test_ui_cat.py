"""The editor's CAT panels through AppTest: memory matches, glossary terms, QA badges, repetitions."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from ui_support import (
    fresh_caches,  # noqa: F401  (an autouse fixture)
    html,
    open_page,
)

from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.terms.glossary import Term
from workbench.terms.stored import save_terms, stored_terms
from workbench.testing import FakeTranslator
from workbench.text.read import read_text
from workbench.ui.views.editor.panels import key

pytestmark = pytest.mark.usefixtures("fake_model")

SIGNATURE = str(FakeTranslator().signature())


def _doc(store: Store, text: str, name: str) -> list[int]:
    doc_id = add_document(store, read_text(text, name=name))[0]
    ids = []
    for seg in store.segments(doc_id):
        if seg.kind == "prose":
            store.set_mt(seg.id, f"MT {seg.position}", SIGNATURE)
            ids.append(seg.id)
    return ids


def _click(at: AppTest, key_: str) -> None:
    next(b for b in at.button if b.key == key_).click().run()
    assert not at.exception, at.exception


def test_a_memory_match_is_shown_and_inserted_as_an_edit(store: Store) -> None:
    (done,) = _doc(store, "أعلنت الحكومة اليوم عن خطة جديدة للتعليم في البلاد.", "a.txt")
    store.save_edit(done, "The government announced a new <plan> today.", 1, confirm=True)
    (seg,) = _doc(store, "أعلنت الحكومة أمس عن خطة جديدة للتعليم في البلاد.", "b.txt")
    doc_id = store.segment(seg).document_id

    at = open_page("editor", doc_id)
    page = html(at)
    assert "wb-tm-changed" in page and "أمس" not in page.split("wb-tm-changed")[1][:40]
    assert "The government announced a new &lt;plan&gt; today." in page  # escaped
    assert "document " in page and "%" in page
    _click(at, key("tm-use", seg, 1))
    now = store.segment(seg)
    assert now.target == "The government announced a new <plan> today."
    assert now.status == "edited"
    assert [h.action for h in store.history(seg)][-1] == "edit"


def test_a_confirmed_segment_does_not_match_itself(store: Store) -> None:
    (seg,) = _doc(store, "أعلنت الحكومة اليوم عن خطة جديدة للتعليم في البلاد.", "c.txt")
    store.save_edit(seg, "Mine.", 1, confirm=True)
    at = open_page("editor", store.segment(seg).document_id)
    assert 'class="wb-tm-pct' not in html(at)


def test_glossary_terms_are_found_through_prefixes_and_a_term_can_be_added(store: Store) -> None:
    save_terms(store, [Term("الجيش", "the army", ("the military",))])
    (seg,) = _doc(store, "وقال المتحدث إن الاتفاق يتعلق وبالجيش أيضا.", "d.txt")
    at = open_page("editor", store.segment(seg).document_id)
    page = html(at)
    assert '<mark dir="rtl" lang="ar">وبالجيش</mark>' in page
    assert "the army" in page and "the military" in page

    at.text_input(key=key("term-ar", seg)).input("المتحدث")
    at.text_input(key=key("term-en", seg)).input("the spokesman")
    next(b for b in at.button if b.label == "Add to the glossary").click().run()
    assert not at.exception, at.exception
    assert Term("المتحدث", "the spokesman") in stored_terms(store)
    assert '<mark dir="rtl" lang="ar">المتحدث</mark>' in html(at)


def test_qa_badges_show_the_codes_of_the_english_and_of_the_mt(store: Store) -> None:
    (seg,) = _doc(store, "قتل ٢٥ شخصا في الهجوم.", "e.txt")
    at = open_page("editor", store.segment(seg).document_id)
    assert 'data-qa="number-mismatch"' in html(at)  # the MT "MT 0" lacks the 25
    store.save_edit(seg, "25 people were killed in the attack.", 1, confirm=True)
    page = html(open_page("editor", store.segment(seg).document_id))
    assert "QA: no issues in your English" in page


def test_repetitions_are_copied_in_one_click_and_undone(store: Store) -> None:
    text = "انتهى الاجتماع. وقال الوزير إن الخطة تبدأ غدا. انتهى الاجتماع."
    first, middle, last = _doc(store, text, "f.txt")
    store.save_edit(first, "The meeting ended.", 1, confirm=True)
    at = open_page("editor", store.segment(first).document_id)
    _click(at, key("tm-prop", first))
    assert (store.segment(last).target, store.segment(last).status) == ("The meeting ended.", "tm")
    assert store.segment(middle).status == "translated"
    assert "English copied to the identical segments #3." in html(at)
    _click(at, key("tm-unprop", first))
    assert (store.segment(last).target, store.segment(last).status) == ("MT 2", "translated")


def test_export_waits_for_export_anyway_when_segments_have_issues(store: Store) -> None:
    first, second = _doc(store, "قتل ٢٥ شخصا في الهجوم. وأصيب ١٠ آخرون.", "g.txt")
    store.save_edit(first, "25 people were killed in the attack.", 1, confirm=True)
    at = open_page("editor", store.segment(first).document_id)
    page = html(at)
    assert "1 segment has QA issues: export anyway?" in page
    assert "number-mismatch ×1 (segments #2)" in page
    buttons = [
        b for b in at.get("download_button") if (b.key or "").startswith("wb-export-editor-")
    ]
    assert buttons and all(b.proto.disabled for b in buttons)
    at.checkbox(key="wb-export-editor-qa-anyway").check().run()
    buttons = [
        b for b in at.get("download_button") if (b.key or "").startswith("wb-export-editor-")
    ]
    assert buttons and not any(b.proto.disabled for b in buttons)
    store.save_edit(second, "Ten others were wounded.", 1, confirm=True)  # "10" spelt out
    assert "QA: no issues in the 2 segments." in html(
        open_page("editor", store.segment(first).document_id)
    )


def test_scores_page_shows_how_the_signals_predicted_the_effort(store: Store) -> None:
    text = "قال الوزير. وقال المتحدث إن الخطة تبدأ غدا. انتهى الاجتماع اليوم. وصل الوفد."
    ids = _doc(store, text, "h.txt")
    at = open_page("scores", store.segment(ids[0]).document_id)
    assert any("Appears once segments" in i.value for i in at.info)
    for n, seg in enumerate(ids):
        store.save_edit(seg, f"MT {n} edited" + " more" * n, 1, confirm=True)
    at = open_page("scores", store.segment(ids[0]).document_id)
    table = at.dataframe[-1].value
    assert list(table["Signal"])[1] == "QA issues of the MT"
    assert list(table["Segments"])[3] == 4
    assert any("its confidence says nothing" in w.value for w in at.warning)
