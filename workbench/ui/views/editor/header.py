"""The editor's header, two lines high so the grid starts near the top of the screen.

Line 1: the document, its progress (redrawn every few seconds), segments a page, and the keys and
drafts help (a popover). Line 2: the view (filters and order) and find and replace, each in a
popover, then the page navigation and "go to". At 1280×800 this leaves the screen to at least six
rows of a FLORES-length article (``tests/e2e/test_grid_e2e.py`` measures it).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from workbench.errors import NotFoundError
from workbench.store.records import DocumentRow
from workbench.ui import editing, keys, resources, state
from workbench.ui.widgets import choose_document

#: Seconds between redraws of the progress line.
PROGRESS_EVERY_S = 2.0
DRAFTS_HELP = (
    "What you type is kept as a *draft* as you type (not saved, not confirmed until you save)."
)


@st.fragment(run_every=PROGRESS_EVERY_S)
def progress(doc_id: int) -> None:
    """The document's counts, redrawn every few seconds: saves (rows are fragments of their
    own) and other tabs show up here without a page reload."""
    try:
        document = resources.store().document(doc_id)
    except NotFoundError:
        return
    worker = resources.workers().get(doc_id)
    if worker is not None and editing.needs_translation(document):
        st.caption(editing.background_text(document, worker.progress()))
    st.progress(
        document.confirmed / document.translatable if document.translatable else 0.0,
        text=editing.progress_text(document),
    )


def document_line(docs: Sequence[DocumentRow]) -> tuple[DocumentRow | None, int]:
    """Line 1: the document picker, its progress, segments a page and the help; the document
    chosen (None: none) and the page size."""
    doc_col, progress_col, size_col, help_col = st.columns(
        [3, 4, 1.2, 1.3], vertical_alignment="center"
    )
    with doc_col:
        document = choose_document(docs, key=state.EDITOR_DOC, label_visibility="collapsed")
    size = size_col.selectbox(
        "Segments per page",
        editing.PAGE_SIZES,
        key=state.PAGE_SIZE,
        format_func=lambda n: f"{n} a page",
        label_visibility="collapsed",
    )
    with help_col.popover("Keys & help", icon=":material/keyboard:", width="stretch"):
        st.caption(keys.help_text())
        st.caption(DRAFTS_HELP)
    if document is not None:
        with progress_col:
            progress(document.id)
    return document, int(size)


@dataclass(frozen=True)
class ToolLine:
    """Line 2's cells: the view's popover, find's popover, and the navigation's five."""

    view: DeltaGenerator
    find: DeltaGenerator
    prev: DeltaGenerator
    info: DeltaGenerator
    next: DeltaGenerator
    first_open: DeltaGenerator
    go_to: DeltaGenerator


def tool_line() -> ToolLine:
    """Line 2's columns, filled in as the page learns what it shows."""
    cols = st.columns([1.6, 1.7, 1.1, 2.6, 0.9, 1.9, 1.2], vertical_alignment="center")
    view = cols[0].popover("Filter & order", icon=":material/filter_list:", width="stretch")
    find = cols[1].popover("Find & replace", icon=":material/search:", width="stretch")
    return ToolLine(view, find, *cols[2:])
