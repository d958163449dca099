"""Library page: the stored documents with their progress, import (upload or paste), delete."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from workbench.errors import InputError
from workbench.pipeline.memory_fill import add_document_filled
from workbench.search import SIDES, DocumentMatch, Side, search_library
from workbench.store.records import DocumentRow
from workbench.store.sqlite import Store
from workbench.text.read import read_bytes, read_text
from workbench.text.records import Document
from workbench.ui import found, markup, messages, resources, state
from workbench.ui.state import ImportOutcome
from workbench.ui.widgets import literal

ENCODINGS = {
    "Automatic (UTF-8, or UTF-16/32 with a byte-order mark)": None,
    "cp1256 (old Arabic Windows files)": "cp1256",
    "ISO-8859-6": "iso-8859-6",
    "UTF-16": "utf-16",
}

#: The paste box; Arabic in it is laid out right to left (``markup.STYLE``, by its key's class).
PASTE_BOX = state.LIBRARY_PASTE


def _table(docs: list[DocumentRow]) -> None:
    rows = [
        {
            "id": d.id,
            "name": d.name,
            "confirmed": d.confirmed / d.translatable if d.translatable else 0.0,
            "segments": f"{d.confirmed} / {d.translatable} confirmed",
            "translated": d.translated,
            "words": d.words,
            "imported": d.created_at[:16].replace("T", " "),
        }
        for d in docs
    ]
    st.dataframe(
        rows,
        hide_index=True,
        column_config={
            "confirmed": st.column_config.ProgressColumn(
                "progress", min_value=0.0, max_value=1.0, format="percent"
            ),
        },
    )


def _store_document(store: Store, read: Callable[[], Document]) -> None:
    """Read with the CLI's reader, store the document, and remember the outcome to show it."""
    try:
        doc = read()
    except InputError as err:
        state.last_import.set(ImportOutcome(False, messages.import_error(err)))
        return
    doc_id, reused = add_document_filled(store, doc)  # with the memory's 100% matches
    note = "already in the store" if reused else "imported"
    message = f"{doc.name}: document {doc_id}, {note}."
    state.last_import.set(ImportOutcome(True, message, doc_id, doc.warnings))
    state.document.set(doc_id)


def _last_import() -> None:
    outcome = state.last_import.get()
    if outcome is None:
        return
    literal(outcome.message, "info" if outcome.ok else "error")
    for warning in outcome.warnings:
        literal(f"Warning: {warning}", "warning")
    doc_id = outcome.doc_id
    if doc_id is not None and st.button("Open it in the editor", key=state.OPEN_IMPORTED):
        st.switch_page("views/editor/page.py", query_params={"doc": str(doc_id)})


def _import(store: Store) -> None:
    st.subheader("Import an article")
    limit = st.get_option("server.maxUploadSize")
    upload_tab, paste_tab = st.tabs(["Upload a file", "Paste text"])
    with upload_tab, st.form(state.UPLOAD_FORM, clear_on_submit=True):
        uploaded = st.file_uploader(
            f"A plain-text Arabic article (.txt, up to {limit} MB)",
            type=["txt", "text", "ar"],
            help=f"The size limit is {limit} MB (`--server.maxUploadSize`).",
        )
        encoding_label = st.selectbox("Encoding", list(ENCODINGS))
        if st.form_submit_button("Import file"):
            if uploaded is None:
                state.last_import.set(ImportOutcome(False, messages.NO_FILE))
            else:
                raw, name, encoding = uploaded.getvalue(), uploaded.name, ENCODINGS[encoding_label]
                _store_document(store, lambda: read_bytes(raw, name=name, encoding=encoding))
            st.rerun()  # the table and the picker above are drawn again with the new document
    with paste_tab, st.form(state.PASTE_FORM, clear_on_submit=True):
        name = st.text_input("Name", placeholder="pasted text")
        text = st.text_area("Arabic text", height=200, key=PASTE_BOX)
        if st.form_submit_button("Import text"):
            problem = messages.paste_problem(text)
            if problem is not None:
                state.last_import.set(ImportOutcome(False, problem))
            else:
                _store_document(store, lambda: read_text(text, name=name.strip() or "pasted text"))
            st.rerun()
    _last_import()


def _manage(store: Store, docs: list[DocumentRow]) -> None:
    by_id = {d.id: d for d in docs}
    chosen = st.selectbox(
        "Document",
        list(by_id),
        format_func=lambda i: f"{i} · {by_id[i].name}",
        key=state.LIBRARY_DOC,
    )
    open_col, delete_col = st.columns(2)
    if open_col.button("Open in the editor", type="primary", key=state.OPEN):
        state.document.set(chosen)
        st.switch_page("views/editor/page.py", query_params={"doc": str(chosen)})
    if delete_col.button("Delete…", key=state.DELETE):
        state.pending_delete.set(chosen)
    pending = state.pending_delete.get()
    if pending in by_id:
        doc = by_id[pending]
        literal(
            f"Delete document {doc.id} ({doc.name}) with all its translations, edits and "
            "history? This cannot be undone; export it first if you need it.",
            "warning",
        )
        yes, no = st.columns(2)
        if yes.button("Yes, delete it", type="primary", key=state.DELETE_YES):
            store.delete_document(doc.id)
            state.pending_delete.clear()
            state.forget_document(doc.id)
            st.rerun()
        if no.button("Cancel", key=state.DELETE_NO):
            state.pending_delete.clear()
            st.rerun()


#: What the Library search looks in, as the translator picks it.
SEARCH_IN = {"names": "Document names", "source": "Arabic source", "english": "English"}
#: How many matching segments each found document lists (all are counted).
SEARCH_HITS = 5


def _found(match: DocumentMatch) -> None:
    doc = match.document
    title = markup.escape(f"{doc.id} · ")
    name = found.marked(doc.name, match.name, width=200) if match.name else markup.escape(doc.name)
    count = (
        f" · {match.occurrences} match(es) in {len(match.hits)} segment(s)" if match.hits else ""
    )
    st.html(f"<div><b>{title}{name}</b>{markup.escape(count)}</div>")
    if not match.hits:
        st.page_link(
            "views/editor/page.py", label="Open in the editor", query_params={"doc": str(doc.id)}
        )
    for hit in match.hits[:SEARCH_HITS]:
        text_col, link_col = st.columns([5, 1], vertical_alignment="center")
        text_col.html(found.highlighted(hit))
        link_col.page_link(
            "views/editor/page.py",
            label=f"Open #{hit.position + 1}",
            query_params={"doc": str(doc.id), "segment": str(hit.position + 1)},
        )
    if len(match.hits) > SEARCH_HITS:
        st.caption(f"… and {len(match.hits) - SEARCH_HITS} more segment(s) in this document.")


def _search(store: Store) -> None:
    st.subheader("Search the Library")
    text_col, in_col = st.columns([3, 3], vertical_alignment="bottom")
    text = text_col.text_input(
        "Find documents", key=state.LIBRARY_SEARCH, placeholder="a name, or words of the text"
    )
    where = in_col.multiselect(
        "Look in",
        list(SEARCH_IN),
        default=list(SEARCH_IN),
        format_func=lambda k: SEARCH_IN[k],
        key=state.LIBRARY_SEARCH_IN,
    )
    whole_col, case_col = st.columns(2)
    whole = whole_col.checkbox("Whole word", key=state.LIBRARY_SEARCH_WHOLE)
    case = case_col.checkbox("Match case", key=state.LIBRARY_SEARCH_CASE)
    if not text.strip():
        return
    sides: list[Side] = [s for s in SIDES if s in where]
    matches = search_library(
        store, text, sides=sides, names="names" in where, whole_word=whole, match_case=case
    )
    st.caption(
        f"{len(matches)} document(s) found (the Arabic folded: harakat, tatweel, alef forms)."
    )
    for match in matches:
        _found(match)


def render() -> None:
    """The Library page."""
    store = resources.store()
    st.header("Library")
    docs = store.documents()
    if docs:
        _table(docs)
        _manage(store, docs)
        _search(store)
    else:
        st.info("The store is empty: import an article below, or run `workbench import FILE`.")
    _import(store)


render()
