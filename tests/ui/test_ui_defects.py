"""The editor's smaller defects, each pinned (issue 11, item 6): AppTest, no browser."""

from __future__ import annotations

import pytest
from ui_support import (
    fresh_caches,  # noqa: F401  (an autouse fixture)
    html,
    open_page,
)

from workbench.errors import InputError
from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.text.read import read_bytes, read_text
from workbench.ui import markup, messages, state

ARTICLE = "أعلنت الحكومة اليوم عن خطة جديدة للتعليم. وقال الوزير إن الخطة تبدأ في أيلول."


pytestmark = pytest.mark.usefixtures("fake_model")


def test_errors_name_the_encoding_box_not_a_flag() -> None:
    with pytest.raises(InputError) as caught:
        read_bytes("قال".encode("cp1256"), name="old.txt")
    said = messages.import_error(caught.value)
    assert "--encoding" not in said and "cp1256 in the Encoding box" in said
    assert "old.txt" in said  # still names the file and the byte
    with pytest.raises(InputError) as caught:
        read_bytes(b"\xff\xfeA\x00"[2:] + b"\x00A", name="u16.txt")
    assert "--encoding" not in messages.import_error(caught.value)


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n"])
def test_an_empty_paste_says_the_box_is_empty(store: Store, text: str) -> None:
    at = open_page("library")
    at.text_area(key=state.LIBRARY_PASTE).input(text)
    at.button(key="FormSubmitter:wb-paste-Import text").click().run()
    page = html(at)
    assert markup.escape(messages.EMPTY_PASTE) in page and "whitespace" not in page
    assert store.documents() == []


def test_an_import_is_in_the_table_and_picker_at_once(store: Store) -> None:
    at = open_page("library")
    at.text_input[0].input("first.txt")
    at.text_area(key=state.LIBRARY_PASTE).input(ARTICLE)
    at.button(key="FormSubmitter:wb-paste-Import text").click().run()
    assert not at.exception
    (doc,) = store.documents()
    assert at.selectbox(key=state.LIBRARY_DOC).options == [f"{doc.id} · first.txt"]
    assert len(at.dataframe) == 1 and list(at.dataframe[0].value["name"]) == ["first.txt"]


def test_import_file_without_a_file_replaces_the_last_message(store: Store) -> None:
    at = open_page("library")
    at.text_area(key=state.LIBRARY_PASTE).input(ARTICLE)
    at.button(key="FormSubmitter:wb-paste-Import text").click().run()
    at.button(key="FormSubmitter:wb-upload-Import file").click().run()
    page = html(at)
    assert messages.NO_FILE in page and "imported." not in page


def test_the_align_texts_survive_leaving_the_page(store: Store) -> None:
    at = open_page("align")
    at.text_area(key=state.ALIGN_SRC).input("جملة أولى.")
    at.text_area(key=state.ALIGN_TGT).input("First sentence.")
    at.run()
    at.switch_page("views/library/page.py").run()
    at.switch_page("views/align/page.py").run()
    assert at.text_area(key=state.ALIGN_SRC).value == "جملة أولى."
    assert at.text_area(key=state.ALIGN_TGT).value == "First sentence."


def test_ctrl_enter_on_unchanged_text_adds_no_version(store: Store) -> None:
    doc_id = add_document(store, read_text(ARTICLE, name="a.txt"))[0]
    at = open_page("editor", doc_id)
    seg = next(s for s in store.segments(doc_id) if s.kind == "prose")
    seg = store.save_edit(seg.id, "Fixed.", store.segment(seg.id).version, confirm=True)
    at = open_page("editor", doc_id)
    button = next(
        b
        for b in at.button
        if (b.key or "").startswith(f"FormSubmitter:wb-form-{seg.id}-")
        and b.label == "Save ✓ confirm & next"
    )
    button.click().run()
    assert store.segment(seg.id).version == seg.version


def test_go_to_segment_opens_its_page(store: Store) -> None:
    text = "\n\n".join(f"قال الوزير إن الخطة رقم {n} جاهزة." for n in range(25))
    doc_id = add_document(store, read_text(text, name="long.txt"))[0]
    at = open_page("editor", doc_id)
    at.number_input(key=state.GO_TO).set_value(23).run()
    assert at.query_params.get("page") == "3"
    target = store.segments(doc_id, offset=22, limit=1)[0]
    assert at.text_area(key=f"wb-edit-{target.id}-{target.version}") is not None
