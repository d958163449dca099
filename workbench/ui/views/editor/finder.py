"""The editor's view bar (filters by status, MT flag and QA issues; "hardest first") and its find
and replace. Thin: :mod:`workbench.search` finds, filters and replaces; this draws the widgets.

Matches are shown as escaped text with ``<mark>`` around the matched characters (hostile text
stays literal). A replacement is an ordinary saved version of the segment, named by the version
the find saw: a segment saved since is reported as a conflict, one with unsaved typing (a draft)
is left alone, and a "replace all" can be undone at once (or each row from its history).
"""

from __future__ import annotations

import streamlit as st

from workbench.errors import ConflictError, InputError, NotFoundError, StoreError
from workbench.search import Hit, Query, Side, Span, View, find_hits, flags_in, select
from workbench.search.replace import replace_all, replace_hit, undo
from workbench.store.records import STATUSES, SegmentRow
from workbench.ui import editing, markup, resources, state
from workbench.ui.found import highlighted
from workbench.ui.widgets import literal

#: How many matches the find lists (replace all changes every one).
SHOWN_HITS = 30
#: The result list scrolls inside this many pixels, so the rows stay near the top of the page.
RESULTS_HEIGHT = 320
SIDE_LABELS = {"source": "Arabic source", "english": "English (as shown)"}


def _flag_name(flag: str) -> str:
    return markup.FLAG_HELP.get(flag, (flag, ""))[0]


def current_view() -> View:
    """The view the bar's widgets hold (before or after they are drawn)."""
    return View(
        statuses=frozenset(st.session_state.get(state.VIEW_STATUS) or ()),
        flags=frozenset(st.session_state.get(state.VIEW_FLAG) or ()),
        qa=bool(st.session_state.get(state.VIEW_QA)),
        hardest_first=bool(st.session_state.get(state.VIEW_HARDEST)),
    )


def reset_view() -> None:
    """Show the whole document again (only before the bar is drawn, or from a callback)."""
    for key in state.VIEW_WIDGETS:
        st.session_state.pop(key, None)


def view_bar(segments: list[SegmentRow]) -> View:
    """The filters and the order; returns the view chosen."""
    st.multiselect(
        "Status",
        list(STATUSES),
        format_func=lambda s: markup.STATUS_LABELS.get(s, s),
        key=state.VIEW_STATUS,
        placeholder="any status",
    )
    flags = sorted(set(flags_in(segments)) | set(st.session_state.get(state.VIEW_FLAG) or ()))
    st.multiselect(
        "MT flag",
        flags,
        format_func=_flag_name,
        key=state.VIEW_FLAG,
        placeholder="any flag" if flags else "no MT flags in this document",
        disabled=not flags,
    )
    st.checkbox(
        "With QA issues",
        key=state.VIEW_QA,
        help="Only segments whose English fails a QA check (numbers, URLs, Arabic left, "
        "glossary terms…), as `workbench qa --document` reports them.",
    )
    st.checkbox(
        "Hardest first",
        key=state.VIEW_HARDEST,
        help="Lowest model confidence first (mean token probability × attention coverage); "
        "segments whose MT has no model score come last.",
    )
    return current_view()


def go_to(doc_id: int, position: int, size: int) -> None:
    """Open the page that shows the segment at ``position`` and focus it; a view that hides it
    is reset to the whole document (so "go to" always gets there)."""
    store = resources.store()
    rows = store.segments(doc_id, offset=max(position, 0), limit=1)
    if not rows:
        return
    segment = rows[0]
    view = current_view()
    index = segment.position
    if view.active:
        ids = select(store, doc_id, view).ids
        if segment.id in ids:
            index = ids.index(segment.id)
        else:
            reset_view()
    st.query_params["page"] = str(editing.page_containing(index, size))
    if segment.kind == "prose":
        state.focus.set(segment.id)


def _query() -> Query | None:
    text = st.session_state.get(state.FIND_TEXT) or ""
    if not text.strip():
        return None
    side: Side = "english" if st.session_state.get(state.FIND_SIDE) == "english" else "source"
    return Query(
        text,
        side,
        whole_word=bool(st.session_state.get(state.FIND_WHOLE)),
        match_case=bool(st.session_state.get(state.FIND_CASE)),
        fold=bool(st.session_state.get(state.FIND_FOLD, True)),
    )


def _replace_one(hit: Hit, span: Span) -> None:
    replacement = st.session_state.get(state.REPLACE_TEXT) or ""
    try:
        replace_hit(resources.store(), hit, replacement, only=span)
    except ConflictError:
        state.find_message.set(
            f"Not replaced: segment #{hit.position + 1} was saved elsewhere since the find. "
            "The list now shows its English as it stands."
        )
    except (StoreError, InputError) as err:
        state.find_message.set(f"Not replaced: {err}")
    else:
        state.find_message.set(f"Replaced 1 occurrence in segment #{hit.position + 1}.")


def _replace_all(hits: list[Hit]) -> None:
    replacement = st.session_state.get(state.REPLACE_TEXT) or ""
    report = replace_all(resources.store(), hits, replacement)
    state.replace_report.set(report)
    state.find_message.set(report.summary())


def _undo() -> None:
    report = state.replace_report.take()
    if report is None:
        return
    undone = undo(resources.store(), report)
    line = f"Undone: {len(undone.changed)} segment(s) have their English from before again."
    if undone.conflicts:
        line += f" Left {len(undone.conflicts)} saved since the replacement (see their history)."
    state.find_message.set(line)


def _options() -> None:
    text_col, side_col = st.columns([3, 2], vertical_alignment="bottom")
    text_col.text_input("Find", key=state.FIND_TEXT, placeholder="a word or phrase, then Enter")
    side_col.radio(
        "In", list(SIDE_LABELS), format_func=SIDE_LABELS.get, key=state.FIND_SIDE, horizontal=True
    )
    whole_col, case_col, fold_col = st.columns(3)
    whole_col.checkbox("Whole word", key=state.FIND_WHOLE)
    case_col.checkbox("Match case", key=state.FIND_CASE)
    fold_col.checkbox(
        "Ignore harakat, tatweel, alef/yaa/taa-marbuta forms",
        value=True,
        key=state.FIND_FOLD,
        disabled=st.session_state.get(state.FIND_SIDE) == "english",
        help="Arabic source only: the same folding as the translation memory and the glossary.",
    )


def _results(document_id: int, hits: list[Hit], size: int, can_replace: bool) -> None:
    count = sum(len(h.spans) for h in hits)
    st.caption(f"{count} match(es) in {len(hits)} segment(s).")
    shown = 0
    for hit in hits:
        for span in hit.spans:
            if shown >= SHOWN_HITS:
                st.caption(f"Showing the first {SHOWN_HITS}; replace all changes every one.")
                return
            one = Hit(hit.segment_id, hit.position, hit.version, hit.side, hit.text, (span,))
            text_col, go_col, replace_col = st.columns([4, 1.2, 1.2], vertical_alignment="center")
            text_col.html(highlighted(one))
            go_col.button(
                f"Go to #{hit.position + 1}",
                key=state.find_widget("go", shown),
                on_click=go_to,
                args=(document_id, hit.position, size),
            )
            if can_replace:
                replace_col.button(
                    "Replace",
                    key=state.find_widget("replace", shown),
                    on_click=_replace_one,
                    args=(hit, span),
                )
            shown += 1


def find_and_replace(document_id: int, size: int) -> None:
    """The find bar, its results (with Go to and Replace) and Replace all (in the header's
    "Find and replace" popover)."""
    with st.container(key=state.FIND_PANEL):
        _options()
        try:
            query = _query()
        except InputError as err:
            literal(str(err), "error")
            return
        english = query is not None and query.side == "english"
        st.text_input(
            "Replace with (in the English)",
            key=state.REPLACE_TEXT,
            disabled=not english,
            help="Find in the English to replace. Each replacement is saved as a new version "
            "(status edited, not confirmed); segments with unsaved typing are left alone.",
        )
        message = state.find_message.take()
        if message is not None:
            literal(message, "info")
        if state.replace_report.get() is not None:
            st.button("Undo the last replace all", key=state.REPLACE_UNDO, on_click=_undo)
        if query is None:
            return
        try:
            hits = find_hits(resources.store().segments(document_id), query)
        except NotFoundError:
            return
        if english and hits:
            st.button(
                f"Replace all ({sum(len(h.spans) for h in hits)})",
                key=state.REPLACE_ALL,
                on_click=_replace_all,
                args=(hits,),
                type="primary",
            )
        with st.container(height=RESULTS_HEIGHT if len(hits) > 4 else "content", border=False):
            _results(document_id, hits, size, english)
