"""Editor page: post-edit one document, a page of segments at a time.

The document and the page are kept in the URL (``?doc=ID&page=N``), so a reload comes back to the
same place; every save is already in the store, so a reload or a server restart shows it. A
document without MT is translated in the background when it is opened (``ui.translating``: the page
on screen first, then the rest; resumable, what is done is stored and not redone), with the
attention kept, so each segment's word alignment and its quality flags are stored too.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from workbench.errors import NotFoundError
from workbench.search import Selection, View, select
from workbench.store.records import DocumentRow, SegmentRow
from workbench.store.sqlite import Store
from workbench.translate.types import Translator
from workbench.ui import drafts, editing, keys, markup, resources, state
from workbench.ui.downloads import export_buttons
from workbench.ui.translating import FIRST_ROWS, DocumentWorker
from workbench.ui.views.editor import finder, header, panels, rows
from workbench.ui.widgets import literal

#: The longest wait for the page on screen to be translated before it is drawn anyway.
PAGE_WAIT_S = 60.0


def _translate_page(
    store: Store, document: DocumentRow, translator: Translator, page: editing.Page
) -> bool:
    """Have the document's worker translate this page next, and wait (a little) for the page's
    first rows (:data:`FIRST_ROWS`); whether the worker still translates (the page's other rows
    are drawn as they come in, the rest of the document follows; the progress line says how far).
    """
    worker = _start_translating(store, document, translator, page.offset, page.size)
    deadline = time.monotonic() + PAGE_WAIT_S
    with st.spinner("Translating this page first (the rest follows in the background)…"):
        while worker.alive and time.monotonic() < deadline:
            rows = store.segments(document.id, offset=page.offset, limit=page.size)
            if all(s.mt is not None for s in [s for s in rows if s.kind == "prose"][:FIRST_ROWS]):
                break
            time.sleep(0.05)
    failed = worker.progress().error
    if failed is not None:
        literal(failed, "error")
    return worker.alive


def _start_translating(
    store: Store, document: DocumentRow, translator: Translator, offset: int, size: int
) -> DocumentWorker:
    options = editing.document_options(translator)
    return resources.workers().start(store, document.id, translator, options, (offset, size))


def _shown(store: Store, document: DocumentRow) -> Shown:
    """The view bar (filters, order) and what it selects."""
    every = store.segments(document.id)
    view = finder.view_bar(every)
    if not view.active:
        state.view_order.clear()
        return Shown(view, document.segments)
    selection = select(store, document.id, view, segments=every)
    state.view_order.set(selection.ids)
    return Shown(view, len(selection.segments), selection)


def _why_shown(selection: Selection, segment: SegmentRow) -> None:
    """A line over a row of a view: its QA issues and its confidence (why it is here, and where)."""
    parts = []
    issues = selection.issues.get(segment.id)
    if issues:
        parts.append("QA: " + ", ".join(dict.fromkeys(i.code for i in issues)))
    if segment.id in selection.confidence:
        value = selection.confidence[segment.id]
        parts.append("confidence: no model score" if value is None else f"confidence {value:.2f}")
    if parts:
        st.html(markup.label(f"#{segment.position + 1} · " + " · ".join(parts)))


def _set_page(number: int) -> None:
    st.query_params["page"] = str(number)


def _first_open(doc_id: int, size: int) -> None:
    segment = editing.first_open(resources.store().segments(doc_id))
    if segment is not None:
        finder.go_to(doc_id, segment.position, size)


def _go_to(doc_id: int, size: int) -> None:
    number = st.session_state.get(state.GO_TO)
    if isinstance(number, int):
        finder.go_to(doc_id, number - 1, size)


def _segment_from_url(doc_id: int, size: int) -> None:
    """``?segment=N`` (the Library search's links): open the page showing segment #N, once."""
    wanted = st.query_params.pop("segment", None)
    try:
        number = int(wanted) if wanted is not None else None
    except ValueError:
        number = None
    if number is not None:
        finder.go_to(doc_id, number - 1, size)


@dataclass(frozen=True)
class Shown:
    """What the page shows: the segments in the view's order (None: the whole document, read a
    page at a time), how many there are, and the view in words."""

    view: View
    total: int
    selection: Selection | None = None

    def page_rows(self, store: Store, doc_id: int, page: editing.Page) -> list[SegmentRow]:
        if self.selection is None:
            return store.segments(doc_id, offset=page.offset, limit=page.size)
        return list(self.selection.segments[page.offset : page.offset + page.size])


def _focused_page(shown: Shown, requested: str | None, size: int) -> str | None:
    """In a view, the page of the segment to be focused (a confirm's "next", a go to), or of the
    view's first segment after it when the view hides it; else the page asked for."""
    focus_id = state.focus.get()
    if shown.selection is None or focus_id is None:
        return requested
    ids = shown.selection.ids
    if focus_id not in ids:
        try:
            after = resources.store().segment(focus_id).position
        except NotFoundError:
            return requested
        nxt = next((s for s in shown.selection.segments if s.position > after), None)
        if nxt is None:
            return requested
        state.focus.set(nxt.id)
        focus_id = nxt.id
    return str(editing.page_containing(ids.index(focus_id), size))


def _navigation(
    document: DocumentRow,
    page: editing.Page,
    shown: Shown,
    cells: Sequence[DeltaGenerator],
    *,
    where: state.Where,
) -> None:
    """Previous, where we are, Next; at the top also "first unconfirmed" and "go to"."""
    prev_col, info_col, next_col, open_col, go_col = cells
    if where == "top":
        go_col.number_input(
            "Go to segment #",
            min_value=1,
            max_value=max(document.segments, 1),
            value=None,
            step=1,
            key=state.GO_TO,
            on_change=_go_to,
            args=(document.id, page.size),
            placeholder="Go to #",
            label_visibility="collapsed",
            help="Type a segment number (as shown on its row, and in the SBS export) and press Enter.",
        )
    prev_col.button(
        "◀ Previous",
        key=state.editor_nav("prev", where),
        disabled=not page.has_previous,
        on_click=_set_page,
        args=(page.number - 1,),
    )
    first = min(page.offset + 1, shown.total)
    last = min(page.offset + page.size, shown.total)
    where_text = f"segments {first}–{last} of {shown.total}"
    if shown.selection is not None:
        where_text = f"{first}–{last} of {shown.total} shown ({shown.view.describe()})"
    info_col.html(markup.label(f"Page {page.number} of {page.count} · {where_text}"))
    next_col.button(
        "Next ▶",
        key=state.editor_nav("next", where),
        disabled=not page.has_next,
        on_click=_set_page,
        args=(page.number + 1,),
    )
    if where == "top":
        open_col.button(
            "First unconfirmed",
            key=state.FIRST_OPEN,
            on_click=_first_open,
            args=(document.id, page.size),
            help="Go to the first segment not yet confirmed. (Alt+U)",
        )


def _translate(
    store: Store,
    document: DocumentRow,
    translator: Translator | None,
    shown: Shown,
    page: editing.Page,
) -> bool:
    """Have the document's missing MT translated, this page first; whether rows of the page
    may still be waiting for theirs (they are drawn as it comes in)."""
    if not editing.needs_translation(document):
        return False
    if translator is None:
        st.info(
            "This document has untranslated segments; they stay empty until a model is installed."
        )
        return False
    if shown.selection is None:
        return _translate_page(store, document, translator, page)
    # A view's page is not one stretch of the document: no waiting for it.
    first = shown.page_rows(store, document.id, page)[:1]
    offset = first[0].position if first else 0
    _start_translating(store, document, translator, offset, page.size)
    return False


def _grid(
    store: Store,
    doc_id: int,
    shown: Shown,
    page: editing.Page,
    can_translate: bool,
    translating: bool,
) -> tuple[int, ...]:
    """The page's rows (a row still without MT waits for it); the ids of those drawn."""
    segments = shown.page_rows(store, doc_id, page)
    page_ids = tuple(s.id for s in segments)
    waiting = []
    for segment in segments:
        if shown.selection is not None:
            _why_shown(shown.selection, segment)
        if segment.kind != "prose":
            rows.furniture_row(segment)
        elif translating and segment.mt is None:
            rows.waiting_row(segment)
            waiting.append(segment.id)
        else:
            rows.segment_row(segment.id, page_ids, can_translate)
    if waiting:
        rows.await_mt(doc_id, tuple(waiting))
    if not segments:
        st.info("No segment matches this view: change the filters above.")
    return page_ids


def render() -> None:
    """The Editor page."""
    store = resources.store()
    model = resources.model_state()
    docs = store.documents()
    if not docs:
        st.header("Editor")
        st.info("No documents yet: import one on the Library page.")
        st.page_link(
            "views/library/page.py", label="Go to the Library", icon=":material/library_books:"
        )
        return
    with st.container(key=state.EDITOR_HEAD):
        # One element for the page's scripts and styles: each element is a gap in the header.
        st.html(drafts.script() + keys.SCRIPT + panels.page_assets(), unsafe_allow_javascript=True)
        document, size = header.document_line(docs)
        if document is None:
            return
        for warning in document.warnings:
            literal(f"Warning: {warning}", "warning")
        _segment_from_url(document.id, size)
        line = header.tool_line()
        with line.view:
            shown = _shown(store, document)
    page = editing.page_of(
        shown.total, _focused_page(shown, st.query_params.get("page"), size), size
    )
    translating = _translate(store, document, model.translator, shown, page)
    with line.find:
        finder.find_and_replace(document.id, size)
    top = (line.prev, line.info, line.next, line.first_open, line.go_to)
    _navigation(document, page, shown, top, where="top")
    page_ids = _grid(store, document.id, shown, page, model.translator is not None, translating)
    bottom = st.columns([1.1, 2.6, 0.9, 1.9, 1.2], vertical_alignment="center")
    _navigation(document, page, shown, bottom, where="bottom")
    focus_id = state.focus.take()
    if focus_id is not None and focus_id in page_ids:
        rows.focus(focus_id)
    with st.expander("Export this document"):
        export_buttons(document, key=state.EXPORT_EDITOR)


render()
