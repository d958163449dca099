"""Review on the editor's rows (issue 15) and comments on a segment (issue 11), in AppTest.

A signed-in user is simulated by replacing ``signin.gate`` (what ``st.login`` decides); the role
checks themselves are the store's, so a translator's approve is refused even when the button's
callback is called without the button (a forged request).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from ui_support import html, open_page

from workbench.pipeline.document import add_document
from workbench.store import comments, users
from workbench.store.sqlite import Store
from workbench.text.read import read_text
from workbench.ui import resources, signin
from workbench.ui.resources import ModelState
from workbench.ui.views.editor import review

T, R = "tr@example.org", "rev@example.org"
ARTICLE = "أعلنت الحكومة اليوم عن خطة جديدة. وقال الوزير إن الخطة تبدأ غدا."


def _as(monkeypatch: pytest.MonkeyPatch, email: str) -> None:
    def gate(store: Store) -> str:
        st.session_state[signin.SESSION_KEY] = email
        return email

    monkeypatch.setattr(signin, "gate", gate)


@pytest.fixture
def desk(store: Store, fake_model: ModelState) -> tuple[Store, int, list[int]]:
    doc = add_document(store, read_text(ARTICLE, name="desk.txt"))[0]
    users.add_user(store, R, "reviewer")
    users.add_user(store, T, "translator")
    users.assign(store, doc, T)
    prose = [s for s in store.segments(doc) if s.kind == "prose"]
    for seg in prose:
        store.save_edit(seg.id, f"English {seg.position}.", seg.version, confirm=True, actor=T)
    return store, doc, [s.id for s in prose]


def _button(at: AppTest, label: str, segment_id: int) -> Callable[[], AppTest]:
    found = next(b for b in at.button if b.label == label and f"-{segment_id}" in (b.key or ""))
    return lambda: found.click().run()


def test_a_reviewer_approves_and_sends_back_with_a_note(
    desk: tuple[Store, int, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, doc, (first, second) = desk
    _as(monkeypatch, R)
    at = open_page("editor", doc)
    _button(at, review.APPROVE_LABEL, first)()
    assert not at.exception, at.exception
    assert store.segment(first).status == "approved"
    assert f"Approved by {R}" in html(at)
    at.session_state[f"wb-rv-back-{second}"] = True  # open "Send back…"
    at.run()
    at.text_input(key=f"wb-rv-note-{second}").input("Name the <b>minister</b>.")
    _button(at, review.SEND_BACK_LABEL, second)()
    assert store.segment(second).status == "edited"
    (note,) = comments.comments(store, second)
    assert (note.kind, note.author, note.body) == ("send-back", R, "Name the <b>minister</b>.")
    shown = html(at)
    assert f"Sent back by {R}" in shown and "Name the &lt;b&gt;minister&lt;/b&gt;." in shown
    assert "1 open comment" in shown


def test_a_translator_comments_and_resolves_but_cannot_approve(
    desk: tuple[Store, int, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, doc, (first, _) = desk
    _as(monkeypatch, T)
    at = open_page("editor", doc)
    assert not [b for b in at.button if b.label in (review.APPROVE_LABEL, review.SEND_BACK_LABEL)]
    at.session_state[f"wb-rv-comments-{first}"] = True  # open "Comments"
    at.run()
    at.text_input(key=f"wb-rv-comment-{first}").input("Is it the minister or his deputy?")
    _button(at, review.COMMENT_LABEL, first)()
    (asked,) = comments.comments(store, first)
    assert (asked.author, asked.kind) == (T, "query")
    assert "1 open comment" in html(at) and f"Query by {T}" in html(at)
    _button(at, review.RESOLVE_LABEL, first)()
    assert comments.comments(store, first)[0].resolved_by == T
    assert "open comment" not in html(at)
    # A forged approve: the callback a button would run, without the button.
    monkeypatch.setattr(signin, "signed_in", lambda: T)
    monkeypatch.setattr(resources, "store", lambda: signin.SignedInStore(store, T))
    review.approve(first, store.segment(first).version)
    assert store.segment(first).status == "confirmed"
    refused = str(st.session_state[f"wb-rv-msg-{first}"])
    assert refused.startswith("Not approved") and "only reviewers and admins" in refused


def test_each_person_sees_their_own_draft_in_the_box(
    desk: tuple[Store, int, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, doc, segments = desk
    first = segments[0]
    for seg in segments:  # MT first, so opening the page changes no version
        store.set_mt(seg, f"MT {seg}.", "sig")
    version = store.segment(first).version
    store.save_draft(first, "The translator's half-typed line", version, author=T)
    store.save_draft(first, "The reviewer's own wording", version, author=R)
    _as(monkeypatch, R)
    at = open_page("editor", doc)
    box = at.text_area(key=f"wb-edit-{first}-{version}")
    assert box.value == "The reviewer's own wording"
    assert "half-typed" not in "".join(t.value or "" for t in at.text_area)
