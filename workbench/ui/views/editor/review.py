"""Review and comments on the editor's active row: approve, send back, query the desk editor.

:func:`panel` is drawn in a segment's row (one call in ``rows.py``). It shows the last review act
(approved by whom, or sent back by whom with the note), a badge with the number of open comments
(every row's head also carries :func:`comment_count`),
the comments themselves with who wrote them and when (each resolvable), a box to add a query, and,
for a reviewer or an admin (and the lone translator of a store without users), "Approve" on a
confirmed segment and "Send back" with a note.

The buttons are only the way in: every act goes through :mod:`workbench.store.users` /
:mod:`workbench.store.comments`, which check the signed-in user's role themselves, so a
translator's approve is refused even when the request is forged (the refusal is shown on the row).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

import streamlit as st

from workbench.errors import AccessError, ConflictError, InputError, NotFoundError, StoreError
from workbench.store import comments, users
from workbench.store.comments import CommentRow
from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store
from workbench.ui import markup, resources, signin

APPROVE_LABEL = "Approve ✓"
SEND_BACK_LABEL = "Send back to the translator"
COMMENT_LABEL = "Add comment"
RESOLVE_LABEL = "Resolve"
REVIEWABLE = ("confirmed", "approved")


def _key(what: str, segment_id: int, n: int | None = None) -> str:
    key = f"wb-rv-{what}-{int(segment_id)}"
    return key if n is None else f"{key}-{int(n)}"


def _message_key(segment_id: int) -> str:
    return _key("msg", segment_id)


def _store() -> Store:
    return resources.store()


def _base(store: Store) -> Store:
    # The signed-in user's store wraps the real one; the role checks read the real one.
    return cast(Store, getattr(store, "_store", store))


def may_review(store: Store, actor: str | None) -> bool:
    """Whether ``actor`` may approve and send back (local mode: the one translator may)."""
    try:
        users.require(_base(store), actor, "review")
    except AccessError:
        return False
    return True


def _run(segment_id: int, act: str, do: Callable[[], object]) -> None:
    """Run a review act for the row; a refusal or a conflict is kept to show on the row."""
    try:
        do()
    except (AccessError, InputError, ConflictError, NotFoundError) as err:
        st.session_state[_message_key(segment_id)] = f"Not {act}: {err}"
    except StoreError as err:
        st.session_state[_message_key(segment_id)] = f"Not {act}: {err} Try again."
    else:
        st.session_state.pop(_message_key(segment_id), None)


def approve(segment_id: int, version: int) -> None:
    """The "Approve" button (a callback; the store checks the role)."""
    actor = signin.signed_in()
    _run(
        segment_id,
        "approved",
        lambda: users.approve(_base(_store()), segment_id, version, actor),
    )


def send_back(segment_id: int, version: int) -> None:
    """The "Send back" button: the note typed in the row's send-back box goes with it."""
    actor = signin.signed_in()
    note = str(st.session_state.get(_key("note", segment_id), ""))
    _run(
        segment_id,
        "sent back",
        lambda: users.send_back(_base(_store()), segment_id, version, note, actor),
    )


def add_comment(segment_id: int) -> None:
    """The "Add comment" button: a query on the segment, by the signed-in user."""
    actor = signin.signed_in()
    body = str(st.session_state.get(_key("comment", segment_id), ""))
    _run(
        segment_id,
        "added",
        lambda: comments.add_comment(_base(_store()), segment_id, body, actor),
    )


def resolve(segment_id: int, comment_id: int) -> None:
    actor = signin.signed_in()
    _run(segment_id, "resolved", lambda: comments.resolve(_base(_store()), comment_id, actor))


def _when(at: str | None) -> str:
    return "" if not at else f"{at[:16].replace('T', ' ')} UTC"


def _who(email: str | None) -> str:
    return email or "the local translator"


def review_line(store: Store, segment: SegmentRow) -> str:
    """The "Approved by … · when" line of an approved segment (empty otherwise)."""
    if segment.status != "approved":
        return ""
    last = users.review_state(_base(store), segment.id)
    if last is None or last[0] != "approve":
        return ""
    return f"Approved by {_who(last[1])} · {_when(last[2])}"


def badge(open_count: int) -> str:
    """The open-comments badge for a row (escaped HTML; empty without open comments)."""
    if open_count == 0:
        return ""
    word = "comment" if open_count == 1 else "comments"
    return f'<span class="wb-badge wb-comments">💬 {open_count} open {word}</span>'


def comment_count(store: Store, segment_id: int) -> str:
    """A grid row's compact badge of open comments ("💬 2", in words on hover; empty without)."""
    found = sum(not c.resolved for c in comments.comments(_base(store), segment_id))
    if found == 0:
        return ""
    word = "comment" if found == 1 else "comments"
    return (
        f'<span class="wb-badge wb-comments" data-comments="{found}" '
        f'title="{found} open {word} (queries for the desk editor)">💬 {found}</span>'
    )


def _comment_html(comment: CommentRow) -> str:
    what = "Sent back" if comment.kind == "send-back" else "Query"
    head = f"{what} by {_who(comment.author)} · {_when(comment.created_at)}"
    if comment.resolved:
        head += f" · resolved by {_who(comment.resolved_by)} {_when(comment.resolved_at)}"
    css = "wb-label" if comment.resolved else "wb-label wb-comment-open"
    return markup.label(head, css=css) + markup.english(comment.body, css="wb-text")


def _comments(segment: SegmentRow, found: list[CommentRow]) -> None:
    for comment in found:
        text_col, resolve_col = st.columns([5, 1])
        text_col.html(_comment_html(comment))
        if not comment.resolved:
            resolve_col.button(
                RESOLVE_LABEL,
                key=_key("resolve", segment.id, comment.id),
                on_click=resolve,
                args=(segment.id, comment.id),
            )
    with st.form(key=_key("comment-form", segment.id), border=False, clear_on_submit=True):
        st.text_input(
            "Comment",
            key=_key("comment", segment.id),
            placeholder="A query for the desk editor (who and when are kept)",
            label_visibility="collapsed",
        )
        st.form_submit_button(COMMENT_LABEL, on_click=add_comment, args=(segment.id,))


def _reviewer_tools(segment: SegmentRow) -> None:
    approve_col, back_col = st.columns([1, 2])
    approve_col.button(
        APPROVE_LABEL,
        key=_key("approve", segment.id),
        on_click=approve,
        args=(segment.id, segment.version),
        disabled=segment.status != "confirmed",
        help="Accept this confirmed segment (status: approved).",
    )
    box = back_col.expander("Send back…", key=_key("back", segment.id), on_change="rerun")
    if not box.open:  # drawn only when opened: a page of rows stays light
        return
    with box.form(key=_key("back-form", segment.id), border=False, clear_on_submit=True):
        st.text_input(
            "Why it goes back",
            key=_key("note", segment.id),
            placeholder="Why it goes back (the translator reads this)",
            label_visibility="collapsed",
        )
        st.form_submit_button(
            SEND_BACK_LABEL, on_click=send_back, args=(segment.id, segment.version)
        )


def panel(store: Store, segment: SegmentRow) -> None:
    """The row's review part: status line, comments badge and list, reviewer's tools."""
    found = comments.comments(_base(store), segment.id)
    open_count = sum(not c.resolved for c in found)
    line = review_line(store, segment)
    head = badge(open_count) + (markup.label(line, css="wb-label wb-approved") if line else "")
    if head:
        st.html(head)
    failed = st.session_state.get(_message_key(segment.id))
    if failed:
        st.html(markup.alert(str(failed)))
    title = f"Comments ({open_count} open)" if found else "Comments"
    box = st.expander(
        title, expanded=open_count > 0, key=_key("comments", segment.id), on_change="rerun"
    )
    if box.open:  # its list and form are drawn only when opened
        with box:
            _comments(segment, found)
    if segment.status in REVIEWABLE and may_review(store, signin.signed_in()):
        _reviewer_tools(segment)
