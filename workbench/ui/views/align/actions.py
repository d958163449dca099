"""The Align page's state and callbacks: align, merge, split, page, save.

The alignment being edited lives in ``st.session_state`` (one :class:`Alignment` per tab): it is
a draft until "Save as document" writes it to the store in one transaction, and the page says
so. The texts and the mode it was made from are kept with it, so a save stores exactly the Arabic
that was aligned even if the text boxes changed since.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from workbench.align.bitext import Bitext, align_texts, merge_links, split_link
from workbench.align.sentences import Link
from workbench.errors import InputError
from workbench.pipeline.bitext import save_aligned
from workbench.text.read import decode
from workbench.translate.types import Translator
from workbench.ui import resources
from workbench.ui.widgets import DOC_KEY

#: Widget keys: the two texts, their uploads, the mode and the document name.
SRC, TGT = "wb-align-src", "wb-align-tgt"
MODE = "wb-align-mode"
NAME = "wb-align-name"
#: Session keys: the alignment being edited, the page shown, the last error.
STATE = "wb_alignment"
PAGE = "wb_align_page"
ERROR = "wb_align_error"
#: Links per page (one of the editor's page sizes): the script reruns on each click.
PAGE_SIZE = 20
#: The choice of units, and whether it means cutting paragraphs into sentences.
MODES = {
    "One sentence per line": False,
    "Paragraphs (cut into sentences first)": True,
}
DEFAULT_NAME = "aligned text"


@dataclass(frozen=True)
class Alignment:
    """A draft alignment: what it was made from, its links as edited, and its save, if any."""

    src_text: str
    tgt_text: str
    segment: bool
    bitext: Bitext
    links: tuple[Link, ...]
    saved: int | None = None

    def is_stale(self, src_text: str, tgt_text: str, segment: bool) -> bool:
        """Whether the text boxes or the mode changed since this alignment was made."""
        return (src_text, tgt_text, segment) != (self.src_text, self.tgt_text, self.segment)


def upload_key(side: str) -> str:
    return f"{side}-file"


def load_upload(side: str) -> None:
    """Put an uploaded file's text into its text box (strict decoding: UTF-8 or a BOM)."""
    uploaded = st.session_state.get(upload_key(side))
    if uploaded is None:
        return
    try:
        text, _ = decode(uploaded.getvalue(), name=uploaded.name)
    except InputError as err:
        st.session_state[ERROR] = str(err)
        return
    st.session_state.pop(ERROR, None)
    st.session_state[side] = text
    if side == SRC and not st.session_state.get(NAME):
        st.session_state[NAME] = uploaded.name


def current() -> Alignment | None:
    """The alignment being edited in this tab, if any."""
    found: Alignment | None = st.session_state.get(STATE)
    return found


def inputs() -> tuple[str, str, bool]:
    """What the boxes hold now: the Arabic, the English, and whether to cut paragraphs."""
    segment = MODES[st.session_state.get(MODE, next(iter(MODES)))]
    return st.session_state.get(SRC, ""), st.session_state.get(TGT, ""), segment


def run(translator: Translator | None) -> None:
    """Align the texts in the boxes; the result replaces the draft (errors are kept to show)."""
    src_text, tgt_text, segment = inputs()
    try:
        bitext = align_texts(src_text, tgt_text, segment=segment, translator=translator)
    except InputError as err:
        st.session_state[ERROR] = str(err)
        return
    st.session_state.pop(ERROR, None)
    st.session_state[STATE] = Alignment(src_text, tgt_text, segment, bitext, tuple(bitext.links))
    st.session_state[PAGE] = 1


def _edit(links: list[Link]) -> None:
    alignment = current()
    if alignment is not None:
        st.session_state[STATE] = replace(alignment, links=tuple(links), saved=None)


def merge(k: int) -> None:
    """Merge link ``k`` with the next one."""
    alignment = current()
    if alignment is not None:
        _edit(merge_links(alignment.links, k))


def split(k: int) -> None:
    """Split link ``k`` in two (see :func:`workbench.align.bitext.split_link`)."""
    alignment = current()
    if alignment is not None:
        _edit(split_link(alignment.links, k))


def set_page(number: int) -> None:
    st.session_state[PAGE] = number


def save() -> None:
    """Write the draft to the store as a new document and make it the editor's document."""
    alignment = current()
    if alignment is None:
        return
    name = (st.session_state.get(NAME) or "").strip() or DEFAULT_NAME
    bitext = alignment.bitext
    try:
        doc_id = save_aligned(
            resources.store(),
            name,
            bitext.src,
            bitext.tgt,
            alignment.links,
            text=alignment.src_text,
            signature=bitext.signature,
        )
    except InputError as err:
        st.session_state[ERROR] = str(err)
        return
    st.session_state.pop(ERROR, None)
    st.session_state[STATE] = replace(alignment, saved=doc_id)
    st.session_state[DOC_KEY] = doc_id
