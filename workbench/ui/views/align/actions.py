"""The Align page's callbacks: align, merge, split, page, save.

The alignment being edited lives in the session (one :class:`~workbench.ui.state.Alignment` per
tab, see ``workbench.ui.state``): it is a draft until "Save as document" writes it to the store in
one transaction, and the page says so. The texts and the mode it was made from are kept with it,
so a save stores exactly the Arabic that was aligned even if the text boxes changed since.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.align.bitext import align_texts, merge_links, split_link
from workbench.align.sentences import Link
from workbench.errors import InputError
from workbench.pipeline.bitext import save_aligned
from workbench.text.read import decode
from workbench.translate.types import Translator
from workbench.ui import resources, state
from workbench.ui.state import AlignInputs, Alignment

#: Links per page (one of the editor's page sizes): the script reruns on each click.
PAGE_SIZE = 20
#: The choice of units, and whether it means cutting paragraphs into sentences.
MODES = {
    "One sentence per line": False,
    "Paragraphs (cut into sentences first)": True,
}
DEFAULT_NAME = "aligned text"


def load_upload(side: str) -> None:
    """Put an uploaded file's text into its text box (strict decoding: UTF-8 or a BOM)."""
    uploaded = state.align_upload(side).get()
    if uploaded is None:
        return
    try:
        text, _ = decode(uploaded.getvalue(), name=uploaded.name)
    except InputError as err:
        state.align_error.set(str(err))
        return
    state.align_error.clear()
    state.align_text(side).set(text)
    if side == state.ALIGN_SRC and not state.align_name.get():
        state.align_name.set(uploaded.name)


def inputs() -> AlignInputs:
    """What the boxes hold now: the Arabic, the English, and whether to cut paragraphs."""
    mode = state.align_mode.get()
    segment = MODES[mode if mode is not None else next(iter(MODES))]
    src_text = state.align_text(state.ALIGN_SRC).get() or ""
    tgt_text = state.align_text(state.ALIGN_TGT).get() or ""
    return AlignInputs(src_text, tgt_text, segment)


def run(translator: Translator | None) -> None:
    """Align the texts in the boxes; the result replaces the draft (errors are kept to show)."""
    now = inputs()
    try:
        bitext = align_texts(now.src_text, now.tgt_text, segment=now.segment, translator=translator)
    except InputError as err:
        state.align_error.set(str(err))
        return
    state.align_error.clear()
    state.align_draft.set(Alignment(now, bitext, tuple(bitext.links)))
    state.align_page.set(1)


def _edit(links: list[Link]) -> None:
    alignment = state.align_draft.get()
    if alignment is not None:
        state.align_draft.set(replace(alignment, links=tuple(links), saved=None))


def merge(k: int) -> None:
    """Merge link ``k`` with the next one."""
    alignment = state.align_draft.get()
    if alignment is not None:
        _edit(merge_links(alignment.links, k))


def split(k: int) -> None:
    """Split link ``k`` in two (see :func:`workbench.align.bitext.split_link`)."""
    alignment = state.align_draft.get()
    if alignment is not None:
        _edit(split_link(alignment.links, k))


def set_page(number: int) -> None:
    state.align_page.set(number)


def save() -> None:
    """Write the draft to the store as a new document and make it the editor's document."""
    alignment = state.align_draft.get()
    if alignment is None:
        return
    name = (state.align_name.get() or "").strip() or DEFAULT_NAME
    bitext = alignment.bitext
    try:
        doc_id = save_aligned(
            resources.store(),
            name,
            bitext.src,
            bitext.tgt,
            alignment.links,
            text=alignment.made_from.src_text,
            signature=bitext.signature,
        )
    except InputError as err:
        state.align_error.set(str(err))
        return
    state.align_error.clear()
    state.align_draft.set(replace(alignment, saved=doc_id))
    state.document.set(doc_id)
