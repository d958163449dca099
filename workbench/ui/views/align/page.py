"""Align page: an Arabic text and its English translation, aligned, fixed by hand, saved.

Paste or upload both texts, align them (with the real model's MT of the Arabic when it is
installed), merge or split the pairs, and save them as a document whose English is a human
translation (confirmed), to review in the Editor and reuse. The pairs are a draft in this tab
until they are saved (see ``align_actions``); nothing is written to the store before.
"""

from __future__ import annotations

from collections import Counter

import streamlit as st

from workbench.align.bitext import link_type
from workbench.ui import markup, resources, state
from workbench.ui.editing import Page, page_of
from workbench.ui.resources import ModelState
from workbench.ui.state import Alignment
from workbench.ui.views.align import actions as align_actions
from workbench.ui.views.align import markup as align_markup
from workbench.ui.widgets import literal

INTRO = (
    "Paste or upload an Arabic text and its English translation, align them, fix the pairs "
    "(merge, split), then save them as a document whose English is a human translation "
    "(confirmed), to review in the Editor and reuse."
)


def _side(key: str, label: str, placeholder: str) -> None:
    st.text_area(label, key=key, height=220, placeholder=placeholder)
    st.file_uploader(
        "…or upload a UTF-8 .txt file into the box",
        type=["txt", "text", "ar", "en"],
        key=state.upload_key(key),
        on_change=align_actions.load_upload,
        args=(key,),
    )


def _model_hint(model: ModelState) -> None:
    if model.translator is not None and not model.is_standin:
        st.caption(f"The Arabic is machine-translated with {model.label} first, for better links.")
    else:
        st.caption(
            "No real translation model is installed: the texts are aligned without machine "
            "translation (by length, numbers, punctuation and names). Check the pairs."
        )


def _inputs(model: ModelState) -> None:
    src_col, tgt_col = st.columns(2)
    with src_col:
        _side(state.ALIGN_SRC, "Arabic text", "النص العربي، جملة في كل سطر")
    with tgt_col:
        _side(state.ALIGN_TGT, "English translation", "The English translation")
    st.radio("Units", list(align_actions.MODES), key=state.ALIGN_MODE, horizontal=True)
    if state.align_draft.get() is None:
        _model_hint(model)
    if st.button("Align", type="primary", key=state.ALIGN_RUN):
        with st.spinner("Aligning…"):
            try:
                align_actions.run(model.translator)
            # The page must stay usable whatever the engine raises: the texts are still there.
            except Exception as err:
                state.align_error.set(f"Alignment failed: {err}")


def _summary(alignment: Alignment) -> None:
    links = alignment.links
    counts = Counter(link_type(link) for link in links)
    kinds = " · ".join(f"{n} × {kind}" for kind, n in sorted(counts.items(), key=lambda i: -i[1]))
    st.html(
        markup.label(
            f"{len(links)} pairs from {len(alignment.bitext.src)} Arabic and "
            f"{len(alignment.bitext.tgt)} English "
            f"{'sentences' if alignment.made_from.segment else 'lines'}: {kinds}"
        )
    )
    for note in alignment.bitext.notes:
        literal(f"Note: {note}", "info")


def _navigation(page: Page, total: int, *, where: state.Where) -> None:
    if page.count <= 1:
        return
    prev_col, info_col, next_col = st.columns([1, 3, 1], vertical_alignment="center")
    prev_col.button(
        "◀ Previous",
        key=state.align_nav("prev", where),
        disabled=not page.has_previous,
        on_click=align_actions.set_page,
        args=(page.number - 1,),
    )
    last = min(page.offset + page.size, total)
    info_col.html(
        markup.label(f"Page {page.number} of {page.count} · pairs {page.offset + 1}–{last}")
    )
    next_col.button(
        "Next ▶",
        key=state.align_nav("next", where),
        disabled=not page.has_next,
        on_click=align_actions.set_page,
        args=(page.number + 1,),
    )


def _row(alignment: Alignment, k: int) -> None:
    link = alignment.links[k]
    src, tgt = alignment.bitext.src, alignment.bitext.tgt
    with st.container(key=state.align_widget("row", k), border=True):
        st.html(align_markup.pair_header(k + 1, link))
        src_col, tgt_col, tools_col = st.columns([5, 5, 2])
        src_col.html(align_markup.arabic_cell([src[i] for i in link.src]))
        tgt_col.html(align_markup.english_cell([tgt[j] for j in link.tgt]))
        tools_col.button(
            "Merge with next",
            key=state.align_widget("merge", k),
            on_click=align_actions.merge,
            args=(k,),
            disabled=k + 1 >= len(alignment.links),
            help="Join this pair and the next one into one pair.",
            width="stretch",
        )
        tools_col.button(
            "Split",
            key=state.align_widget("split", k),
            on_click=align_actions.split,
            args=(k,),
            disabled=len(link.src) + len(link.tgt) < 2,
            help="Cut this pair in two: the first half of each side, then the rest "
            "(a 1-1 pair becomes Arabic alone and English alone). Split again or merge to refine.",
            width="stretch",
        )


def _save(alignment: Alignment) -> None:
    st.subheader("Save")
    st.caption(
        "Merges and splits are kept in this tab only until you save. Each pair with Arabic "
        "becomes a segment whose English is confirmed; Arabic without English stays untranslated "
        "(new); English without Arabic is added to the previous segment, marked edited."
    )
    name_col, save_col = st.columns([3, 1], vertical_alignment="bottom")
    name_col.text_input(
        "Document name", key=state.ALIGN_NAME, placeholder=align_actions.DEFAULT_NAME
    )
    save_col.button(
        "Save as document",
        type="primary",
        key=state.ALIGN_SAVE,
        on_click=align_actions.save,
        disabled=alignment.saved is not None,
        width="stretch",
    )
    if alignment.saved is not None:
        document = resources.store().document(alignment.saved)
        literal(
            f"Saved as document {document.id} ({document.name}): {document.segments} segments, "
            f"{document.confirmed} confirmed.",
            "info",
        )
        for warning in document.warnings:
            literal(f"Warning: {warning}", "warning")
        st.page_link(
            "views/editor/page.py",
            label=f"Open document {document.id} in the Editor",
            icon=":material/edit_note:",
            query_params={"doc": str(document.id)},
        )


def render() -> None:
    """The Align page."""
    st.html(align_markup.STYLE)
    st.header("Align")
    st.caption(INTRO)
    _inputs(resources.model_state())
    error = state.align_error.get()
    if error:
        literal(error, "error")
    alignment = state.align_draft.get()
    if alignment is None:
        return
    if alignment.is_stale(align_actions.inputs()):
        literal(
            "The texts or the units changed since they were aligned: the pairs below are from "
            "the earlier texts (and that is what a save stores). Press Align to align the new ones.",
            "warning",
        )
    _summary(alignment)
    total = len(alignment.links)
    page = page_of(total, state.align_page.get(), align_actions.PAGE_SIZE)
    _navigation(page, total, where="top")
    for k in range(page.offset, min(page.offset + page.size, total)):
        _row(alignment, k)
    _navigation(page, total, where="bottom")
    _save(alignment)


render()
