"""The editor's grid: one row per segment, each an ``st.fragment`` (a save redraws that row only).

Every row is one line of the grid: number and status, the Arabic (right-to-left, escaped HTML)
and the English box, each clipped to two lines. The *active* row (the one whose box has the
focus, or was last used; ``keys`` marks it in the browser, no server round trip) opens: the
whole Arabic, the box growing with its text, the save buttons, the raw MT read-only with what
made it, the MT's flags explained, the tools (copy MT, alternatives, discard draft, history) and
the panels of other modules. A conflict, a failed save and a replacement to confirm are shown on
the row whether it is active or not. When the MT has a word alignment, the Arabic and the MT are
drawn word by word: hovering or clicking a word lights up the words it is linked to in the other
language (CSS ``:has()`` rules scoped to the row's container, no JavaScript), and source words the
model paid no attention to are underlined.

The first button of the form is "Save ✓ confirm & next", which is what Ctrl+Enter (⌘+Enter) in the
text box presses: the edit is saved as confirmed and the cursor moves to the next segment not yet
confirmed in the order shown (the view's: "hardest first", the filters; else the document's), on
this page or another; from the end, from the start; a toast says when none is left.
"""

from __future__ import annotations

import streamlit as st

from workbench.errors import NotFoundError
from workbench.store.drafts import DraftRow
from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store
from workbench.ui import editing, markup, resources, state
from workbench.ui.markup import WordLinks
from workbench.ui.views.editor import actions, panels, review, tools

#: Fixed script (only an integer and a class made from one are interpolated) that focuses a row's
#: text box, caret at the end.
_FOCUS_SCRIPT = """<script>/* {nonce} */
(function () {{
  var tries = 0;
  function go() {{
    var row = document.querySelector(".{row_class}");
    var box = row && row.querySelector("textarea");
    if (!box) {{ if (tries++ < 40) setTimeout(go, 50); return; }}
    if (window.__wbFocusRow) {{ window.__wbFocusRow(row); return; }}
    box.focus();
    box.setSelectionRange(box.value.length, box.value.length);
    box.scrollIntoView({{block: "center"}});
  }}
  go();
}})();
</script>"""


#: The row form's two buttons (Ctrl+Enter presses the first).
CONFIRM_LABEL = "Save ✓ confirm & next"
UNCONFIRMED_LABEL = "Save unconfirmed"


def row_class(segment_id: int) -> str:
    """The CSS class Streamlit gives a row's container (``st.container(key=...)``)."""
    return state.css_class(state.row_widget("row", segment_id))


def focus(segment_id: int) -> None:
    """Move the keyboard focus to a row's text box (the row must be on the page)."""
    script = _FOCUS_SCRIPT.format(nonce=state.next_focus_nonce(), row_class=row_class(segment_id))
    st.html(script, unsafe_allow_javascript=True)


def _next(store: Store, segment: SegmentRow) -> tuple[SegmentRow | None, int, str]:
    """The segment a confirm moves to, its index in what is shown, and what to say if none."""
    order = state.view_order.get()
    if order is None or segment.id not in order:
        nxt = editing.next_unconfirmed(store, segment.document_id, segment.position)
        return nxt, nxt.position if nxt else 0, "Every segment of this document is confirmed."
    every = store.segments(segment.document_id)
    nxt = editing.next_in_view(order, segment.id, {s.id: s for s in every})
    if nxt is not None:
        return nxt, order.index(nxt.id), ""
    outside = editing.open_count(s for s in every if s.id not in set(order))
    told = "Every segment in this view is confirmed."
    if outside:
        told += f" {outside} unconfirmed outside it: clear the filters to see them."
    return None, 0, told


def _move_on(store: Store, segment: SegmentRow, page_ids: tuple[int, ...]) -> None:
    """After a confirming save: focus the next unconfirmed segment's box in the order shown (the
    view's, or the document's), on this page or another; from the end, round from the start."""
    nxt, index, told = _next(store, segment)
    if nxt is None:
        st.toast(told, icon="✅")
        return
    if nxt.id in page_ids:
        focus(nxt.id)
        return
    st.query_params["page"] = str(editing.page_containing(index, state.page_size()))
    state.focus.set(nxt.id)
    st.rerun(scope="app")


#: How often a page with rows still being translated checks for their MT.
WAIT_POLL_S = 0.5
WAITING = "Translating… this row opens for editing as soon as its MT is in."


def waiting_row(segment: SegmentRow) -> None:
    """A prose row whose MT the background worker has not stored yet: its number and Arabic, no
    box (a box drawn now would be replaced by the MT's); :func:`await_mt` redraws the page."""
    with st.container(key=state.row_widget("wait", segment.id), border=False):
        head_col, source_col, target_col = st.columns([0.8, 6, 6], gap="small")
        head_col.html(markup.row_head(segment.position + 1, segment.status, []))
        source_col.html(markup.arabic(segment.source))
        target_col.html(markup.label(WAITING, css="wb-label wb-running"))


@st.fragment(run_every=WAIT_POLL_S)
def await_mt(doc_id: int, waiting: tuple[int, ...]) -> None:
    """Redraw the page once MT has come in for one of its ``waiting`` rows (a batch at a time)."""
    store = resources.store()
    try:
        arrived = any(store.segment(segment_id).mt is not None for segment_id in waiting)
    except NotFoundError:  # the document was deleted meanwhile
        return
    if arrived:
        st.rerun(scope="app")
    worker = resources.workers().get(doc_id)
    failed = worker.progress().error if worker is not None else None
    if failed is not None:
        st.html(markup.alert(f"{failed} Reload the page to try again."))


def furniture_row(segment: SegmentRow) -> None:
    """Page furniture: shown greyed and labelled, never editable."""
    st.html(markup.furniture(segment.position + 1, segment.source))


def _conflict(segment: SegmentRow) -> None:
    conflict = state.conflict(segment.id).get()
    if conflict is None:
        return
    st.error(
        "Not saved: this segment was saved elsewhere (another tab or person) after you opened "
        "it. Nothing was overwritten. Compare the two texts, then keep yours or take theirs.",
        icon="⚠️",
    )
    theirs, yours = st.columns(2)
    theirs.html(markup.label(editing.theirs_caption(conflict)))
    theirs.html(markup.english(conflict.theirs, css="wb-text", empty="(empty)"))
    yours.html(markup.label("Yours (not saved)"))
    yours.html(markup.english(conflict.yours, css="wb-text", empty="(empty)"))
    if conflict.yours != conflict.theirs:
        st.html(
            markup.label(
                "Taking theirs keeps yours in the History (as unsaved-conflict), to restore later."
            )
        )
    keep, take = st.columns(2)
    keep.button(
        "Keep mine (save over theirs)",
        key=state.row_widget("keep", segment.id),
        on_click=actions.keep_mine,
        args=(segment.id, segment.position),
        type="primary",
    )
    take.button(
        "Take theirs",
        key=state.row_widget("take", segment.id),
        on_click=actions.take_theirs,
        args=(segment.id,),
        help="Keep the saved text; yours goes into the History, where Restore brings it back.",
    )


def _save_error(segment: SegmentRow) -> None:
    failed = state.save_error(segment.id).get()
    if failed is not None:
        st.html(markup.alert(failed))


def _pending(segment: SegmentRow) -> None:
    pending = state.pending(segment.id).get()
    if pending is None:
        return
    st.warning(
        f"Replace the English saved as version {pending.version} with {pending.what}? "
        "The text it replaces stays in the history.",
        icon="↩️",
    )
    st.html(markup.english(pending.text, css="wb-text", empty="(empty)"))
    yes, no = st.columns(2)
    yes.button(
        "Replace my edit",
        key=state.row_widget("pending-yes", segment.id),
        on_click=actions.confirm_pending,
        args=(segment.id, segment.position),
        type="primary",
    )
    no.button(
        "Keep my edit",
        key=state.row_widget("pending-no", segment.id),
        on_click=actions.cancel_pending,
        args=(segment.id,),
    )


def _flags(segment: SegmentRow) -> list[str]:
    flags = segment.mt_meta.get("flags", []) if isinstance(segment.mt_meta, dict) else []
    return [str(flag) for flag in flags]


def _head(store: Store, segment: SegmentRow, draft: bool) -> None:
    """The row's first cell; every row shows it, so its badges are cheap (QA cached per pair)."""
    badges = (panels.qa_count(segment), review.comment_count(store, segment.id))
    st.html(
        markup.row_head(
            segment.position + 1, segment.status, _flags(segment), draft=draft, badges=badges
        )
    )


def _source(segment: SegmentRow, links: WordLinks | None) -> None:
    if links is None:
        st.html(markup.arabic(segment.source))
    else:
        # The rules are scoped to this row's container, which holds both columns.
        st.html(
            markup.alignment_style(links, row_class(segment.id))
            + markup.aligned_arabic(segment.source, links)
        )
    hidden = markup.invisible_characters(segment.source)
    if hidden:
        st.html(markup.label("Invisible characters in the source: " + ", ".join(hidden)))


def _mt(segment: SegmentRow, links: WordLinks | None) -> None:
    mt_label = editing.mt_label(segment)
    flags = markup.flag_line(_flags(segment), links.omitted if links else ())
    if links is None or segment.mt is None:
        st.html(flags + markup.label(mt_label) + markup.english(segment.mt))
    else:
        if links.links:
            mt_label += " · hover or click a word to see its Arabic source"
        st.html(flags + markup.label(mt_label) + markup.aligned_english(segment.mt, links))


def _draft_line(segment: SegmentRow, draft: DraftRow | None) -> str:
    if draft is None or draft.base_version != segment.version:
        return ""
    return (
        f"Draft from {draft.updated_at[11:19]} UTC in the box: typed, not saved, not confirmed. "
        "Ctrl+Enter confirms it."
    )


def _edit_form(segment: SegmentRow, draft: DraftRow | None) -> None:
    human = editing.is_human(segment)
    stamp = f"saved v{segment.version} · {segment.updated_at[11:19]} UTC" if human else ""
    text = editing.box_text(segment, draft)
    with st.form(key=state.row_widget("form", segment.id), border=False):
        st.text_area(
            "Your English",
            value=text,
            key=state.text_key(segment.id, segment.version),
            height="content",
            label_visibility="collapsed",
        )
        with st.container(key=state.row_widget("act", segment.id)):
            st.html(markup.draft_note(segment.id, _draft_line(segment, draft)))
            save_col, draft_col, stamp_col = st.columns([3, 2, 2], vertical_alignment="center")
            for col, label, confirm in (
                (save_col, CONFIRM_LABEL, True),
                (draft_col, UNCONFIRMED_LABEL, False),
            ):
                col.form_submit_button(
                    label,
                    type="primary" if confirm else "secondary",
                    on_click=actions.save,
                    args=(segment.id, segment.version, confirm, segment.position),
                )
            if stamp:
                stamp_col.html(markup.label(stamp))


def _more_source(
    store: Store, segment: SegmentRow, can_translate: bool, draft: DraftRow | None
) -> None:
    """Under the active row's Arabic: its tools and history (hidden on the other rows)."""
    with st.container(key=state.row_widget("more", segment.id)):
        panels.glossary_terms(segment)
        tools.tools(segment, can_translate, draft)
        panels.repetitions(segment)
        tools.history(store, segment)


def _more_target(segment: SegmentRow, links: WordLinks | None) -> None:
    """Under the active row's box: the MT, its flags, the alternatives (hidden on the others)."""
    with st.container(key=state.row_widget("more", segment.id, 0)):
        panels.qa_badges(segment)
        panels.tm_matches(segment)
        _mt(segment, links)
        tools.alternatives(segment)


def _panels(store: Store, segment: SegmentRow) -> None:
    """The active row's panels from other modules, under its tools in the Arabic column (hidden
    on the others): that column is the shorter one of an opened row, so they add no height.
    Each module adds ONE call line here: a function taking the segment (and what it needs),
    drawing with Streamlit, kept out of this module (see docs/ARCHITECTURE.md)."""
    with st.container(key=state.row_widget("more", segment.id, 1)):
        review.panel(store, segment)


@st.fragment
def segment_row(segment_id: int, page_ids: tuple[int, ...], can_translate: bool) -> None:
    """One prose segment's row; re-reads the segment, so a rerun shows what the store holds."""
    store = resources.store()
    try:
        segment = store.segment(segment_id)
    except NotFoundError:
        st.html(markup.alert("This segment is gone: its document was deleted.", "warning"))
        return
    actions.mark_shown(segment)
    draft = store.draft(segment.id)
    found = editing.draft_conflict(segment, draft)
    if found is not None and state.conflict(segment.id).get() is None:
        state.conflict(segment.id).set(found)
    with st.container(key=state.row_widget("row", segment.id), border=False):
        links = markup.word_links(segment.source, segment.mt, segment.mt_meta)
        head_col, source_col, target_col = st.columns([0.8, 6, 6], gap="small")
        with head_col:
            _head(store, segment, draft is not None and draft.text != segment.target)
        with source_col:
            _source(segment, links)
            _more_source(store, segment, can_translate, draft)
            _panels(store, segment)
        with target_col:
            _conflict(segment)
            _save_error(segment)
            _edit_form(segment, draft)
            _pending(segment)
            _more_target(segment, links)
    if state.take_move_after(segment.position):
        _move_on(store, segment, page_ids)
