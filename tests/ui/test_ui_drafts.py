"""Drafts in the editor (AppTest) and the draft route's rules (no server needed)."""

from __future__ import annotations

import json

import pytest
from ui_support import (
    fresh_caches,  # noqa: F401  (an autouse fixture)
    html,
    open_page,
)

from workbench.pipeline.document import add_document
from workbench.store.drafts import UNSAVED_CONFLICT
from workbench.store.sqlite import Store
from workbench.text.read import read_text
from workbench.ui import drafts, markup

ARTICLE = "أعلنت الحكومة اليوم عن خطة جديدة للتعليم. وقال الوزير إن الخطة تبدأ في أيلول."


pytestmark = pytest.mark.usefixtures("fake_model")


def _segments(store: Store) -> tuple[int, list[int]]:
    doc_id = add_document(store, read_text(ARTICLE, name="a.txt"))[0]
    return doc_id, [s.id for s in store.segments(doc_id) if s.kind == "prose"]


def _post(segment: int, version: int, text: str, token: str | None = drafts.TOKEN) -> int:
    body = json.dumps({"segment": segment, "version": version, "text": text}).encode()
    return drafts.keep(body, token)[0]


def test_the_route_keeps_a_draft_and_refuses_bad_requests(store: Store) -> None:
    _doc, (seg, _) = _segments(store)
    assert _post(seg, 0, "typed <script>x</script>") == 200
    draft = store.draft(seg)
    assert draft is not None and draft.text == "typed <script>x</script>"
    assert _post(seg, 0, "x", token="forged") == 403
    assert _post(seg, 0, "x", token=None) == 403
    assert drafts.keep(b"{not json", drafts.TOKEN)[0] == 400
    assert drafts.keep(b'{"segment": "1", "version": 0, "text": "x"}', drafts.TOKEN)[0] == 400
    assert drafts.keep(b"x" * (drafts.MAX_BYTES + 1), drafts.TOKEN)[0] == 400
    assert _post(10_000, 0, "x") == 404
    kept = store.draft(seg)
    assert kept is not None and kept.text == "typed <script>x</script>"


def test_a_late_draft_does_not_come_back_over_a_save(store: Store) -> None:
    _doc, (seg, _) = _segments(store)
    store.save_edit(seg, "Saved.", 0, confirm=True)
    assert _post(seg, 0, "Saved.") == 200  # the debounce fired after Ctrl+Enter saved it
    assert store.draft(seg) is None


def test_a_draft_is_in_the_box_and_marked(store: Store) -> None:
    doc_id, (seg, other) = _segments(store)
    at = open_page("editor", doc_id)  # translates the document
    version = store.segment(seg).version
    store.save_draft(seg, "My **draft** $x$", version)
    at = open_page("editor", doc_id)  # a new tab (or a restarted server): from the store
    assert at.text_area(key=f"wb-edit-{seg}-{version}").value == "My **draft** $x$"
    assert markup.DRAFT_LABEL in html(at)
    assert store.document(doc_id).confirmed == 0
    at.button(key=f"wb-discard-{seg}").click().run()
    assert store.draft(seg) is None
    assert at.text_area(key=f"wb-edit-{seg}-{version}").value == store.segment(seg).target
    assert at.button(key=f"wb-discard-{other}").disabled


def test_a_draft_over_an_older_version_is_a_conflict_and_mine_stays(store: Store) -> None:
    doc_id, (seg, _) = _segments(store)
    open_page("editor", doc_id)
    version = store.segment(seg).version
    store.save_draft(seg, "Typed in a tab that went stale.", version)
    store.save_edit(seg, "Saved elsewhere.", version)
    at = open_page("editor", doc_id)
    page = html(at)
    assert "Typed in a tab that went stale." in page and "Saved elsewhere." in page
    at.button(key=f"wb-take-{seg}").click().run()
    assert store.segment(seg).post_edit == "Saved elsewhere."
    entry = store.history(seg)[-1]
    assert (entry.action, entry.post_edit) == (UNSAVED_CONFLICT, "Typed in a tab that went stale.")
    assert store.draft(seg) is None


def test_the_history_compares_a_version_with_the_english_now(store: Store) -> None:
    doc_id, (seg, _) = _segments(store)
    open_page("editor", doc_id)
    version = store.segment(seg).version
    store.save_edit(seg, "The army entered the city.", version)
    store.save_edit(seg, "The army left the city.", version + 1)
    at = open_page("editor", doc_id)
    at.session_state[f"wb-history-{seg}"] = True  # open the history expander
    at.run()
    assert '<del class="wb-del">entered</del><ins class="wb-ins">left</ins>' in html(at)
