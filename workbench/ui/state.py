"""Every ``st.session_state`` key of the UI, and typed access to what is kept under them.

No other module names a key: the views read and write the session through the slots here, and
give widgets the keys made here. All keys are ``wb-`` and lowercase words joined by dashes, ids
last:

* **Session keys** (what a tab remembers between reruns) are ``wb-<page>-<what>[-<id>]``, and
  ``wb-doc`` for the document the pages share. Each is a :class:`Slot` that knows the type it
  holds: ``last_save.get()``, ``conflict(segment_id).set(...)``, ``focus.take()``. Only a
  conflict holds text that is not in the store (the save that lost, shown until the translator
  resolves it; see docs/HAZARDS.md).
* **Widget keys** (``st.button(key=...)``, ``st.text_area(key=...)``) are looked up by the
  AppTests, the Playwright tests and bench/ui_bench.py, so their strings stay as they were; the
  editor's carry no page word (``wb-edit-<id>-<version>``, ``wb-next-top``).

Keys never grow with the number of saves: a row's text box key names its version, but Streamlit
drops a widget's state once the widget is no longer drawn, and when a version was first shown is
one :class:`Shown` per segment (:func:`mark_shown` replaces an older version's; a save clears it).
"""

from __future__ import annotations

from concurrent.futures import Future
from dataclasses import dataclass
from typing import Final, Generic, Literal, TypeVar

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from workbench.align.bitext import Bitext
from workbench.align.sentences import Link
from workbench.search.replace import Report
from workbench.ui.editing import DEFAULT_PAGE_SIZE, Conflict

# --- Widget keys -------------------------------------------------------------------------------

#: The document pickers of the Editor, Library and Scores pages, and the editor's page size.
EDITOR_DOC: Final = "wb-editor-doc"
#: The editor's two header lines (their compact CSS is scoped to it).
EDITOR_HEAD: Final = "wb-editor-head"
LIBRARY_DOC: Final = "wb-library-doc"
SCORES_DOC: Final = "wb-scores-doc"
PAGE_SIZE: Final = "wb-page-size"
#: The editor's "Go to the first unconfirmed" button and its "Go to segment #" box.
FIRST_OPEN: Final = "wb-first-open"
GO_TO: Final = "wb-go-to"
#: Prefixes of download buttons (see :func:`download_key`).
EXPORT_EDITOR: Final = "wb-export-editor"
EXPORT_SCORES: Final = "wb-export-scores"
EFFORT: Final = "wb-effort"
#: The Library's forms and buttons.
UPLOAD_FORM: Final = "wb-upload"
PASTE_FORM: Final = "wb-paste"
LIBRARY_PASTE: Final = "wb-library-paste"
OPEN: Final = "wb-open"
OPEN_IMPORTED: Final = "wb-open-imported"
DELETE: Final = "wb-delete"
DELETE_YES: Final = "wb-delete-yes"
DELETE_NO: Final = "wb-delete-no"
#: The Align page's two text boxes (their uploads: :func:`upload_key`), units, name, buttons.
ALIGN_SRC: Final = "wb-align-src"
ALIGN_TGT: Final = "wb-align-tgt"
ALIGN_MODE: Final = "wb-align-mode"
ALIGN_NAME: Final = "wb-align-name"
ALIGN_RUN: Final = "wb-align-run"
ALIGN_SAVE: Final = "wb-align-save"

Where = Literal["top", "bottom"]
Direction = Literal["prev", "next"]
#: The widgets of an editor row; "row" is its container, "form" the form around its text box.
RowWidget = Literal[
    "row",
    "wait",
    "form",
    "edit",
    "keep",
    "take",
    "pending-yes",
    "pending-no",
    "copy",
    "alt",
    "alt-close",
    "use",
    "history",
    "restore",
    "discard",
    "act",
    "more",
]
AlignWidget = Literal["row", "merge", "split"]


def row_widget(what: RowWidget, segment_id: int, n: int | None = None) -> str:
    """Key of a widget of a segment's editor row: ``wb-<what>-<segment id>[-<n>]``."""
    key = f"wb-{what}-{int(segment_id)}"
    return key if n is None else f"{key}-{int(n)}"


def text_key(segment_id: int, version: int) -> str:
    """Key of a row's text box; the version in it gives a fresh box after each save."""
    return row_widget("edit", segment_id, version)


def css_class(key: str) -> str:
    """The CSS class Streamlit gives an element drawn with ``key`` (a container, a button)."""
    return f"st-key-{key}"


def editor_nav(direction: Direction, where: Where) -> str:
    return f"wb-{direction}-{where}"


def align_nav(direction: Direction, where: Where) -> str:
    return f"wb-align-{direction}-{where}"


def align_widget(what: AlignWidget, k: int) -> str:
    """Key of a widget of the Align page's pair ``k``: ``wb-align-<what>-<k>``."""
    return f"wb-align-{what}-{int(k)}"


def upload_key(side: str) -> str:
    """Key of the file uploader that fills the text box ``side``."""
    return f"{side}-file"


def download_key(prefix: str, fmt: str) -> str:
    return f"{prefix}-{fmt}"


# --- Session keys -------------------------------------------------------------------------------

T = TypeVar("T")


class Slot(Generic[T]):
    """One session key and the type of what is kept under it (nothing: None)."""

    def __init__(self, key: str) -> None:
        self.key = key

    def get(self) -> T | None:
        found: T | None = st.session_state.get(self.key)
        return found

    def set(self, value: T) -> None:
        st.session_state[self.key] = value

    def clear(self) -> None:
        st.session_state.pop(self.key, None)

    def take(self) -> T | None:
        """What is kept, removed from the session (a request answered once)."""
        found: T | None = st.session_state.pop(self.key, None)
        return found


class PerSegment(Generic[T]):
    """A slot per segment, ``wb-editor-<what>-<segment id>``: ``conflict(segment_id).get()``."""

    def __init__(self, what: str) -> None:
        self.what = what

    def key(self, segment_id: int) -> str:
        return f"wb-editor-{self.what}-{int(segment_id)}"

    def __call__(self, segment_id: int) -> Slot[T]:
        return Slot(self.key(segment_id))


#: The document last chosen in this tab (the Editor and Scores pages share it).
document: Final = Slot[int]("wb-doc")


def forget_document(doc_id: int) -> None:
    """Forget the chosen document if it is ``doc_id`` (it was deleted)."""
    if document.get() == doc_id:
        document.clear()


# --- Editor -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Pending:
    """A replacement of a human edit waiting for the translator's confirmation."""

    text: str
    version: int
    what: str


@dataclass(frozen=True)
class Alternatives:
    """The n-best of a re-translation, best first, or why it failed."""

    texts: tuple[str, ...] = ()
    error: str | None = None


@dataclass(frozen=True)
class Shown:
    """When a version of a segment's row was first drawn: the start of its edit time."""

    version: int
    at: float


#: Monotonic time of this tab's latest save (edit time is counted from it).
last_save: Final = Slot[float]("wb-editor-last-save")
#: Position after which the cursor should go next (set by a confirming save).
move_after: Final = Slot[int]("wb-editor-move-after")
#: The ids the editor's view shows, in its order (none: the whole document in document order):
#: where a confirming save goes next.
view_order: Final = Slot[tuple[int, ...]]("wb-editor-view-order")
#: Id of the segment whose text box should take the focus on the next page draw.
focus: Final = Slot[int]("wb-editor-focus")
#: A counter that makes each focus script differ from the last (so the browser runs it again).
_focus_nonce: Final = Slot[int]("wb-editor-focus-nonce")
#: Per segment: the shown version, a save that lost, a replacement to confirm, the n-best, and
#: why the latest save could not be written (the store failed: a full disk, an I/O error).
shown: Final = PerSegment[Shown]("shown")
conflict: Final = PerSegment[Conflict]("conflict")
pending: Final = PerSegment[Pending]("pending")
alternatives: Final = PerSegment[Alternatives]("alternatives")
#: A re-translation under way in a background thread (its n-best when done).
alternatives_job: Final = PerSegment[Future[list[str]]]("alternatives-job")
save_error: Final = PerSegment[str]("save-error")


def typed_text(segment_id: int, version: int) -> str:
    """What the text box of ``version`` of the segment holds."""
    return str(st.session_state.get(text_key(segment_id, version)) or "")


def page_size() -> int:
    return int(st.session_state.get(PAGE_SIZE, DEFAULT_PAGE_SIZE))


def mark_shown(segment_id: int, version: int, at: float) -> None:
    """Remember ``at`` as when ``version`` was first drawn (an older version's record goes)."""
    found = shown(segment_id).get()
    if found is None or found.version != version:
        shown(segment_id).set(Shown(version, at))


def shown_at(segment_id: int, version: int) -> float | None:
    """When ``version`` of the segment was first drawn in this tab, if it was."""
    found = shown(segment_id).get()
    return found.at if found is not None and found.version == version else None


def next_focus_nonce() -> int:
    nonce = (_focus_nonce.get() or 0) + 1
    _focus_nonce.set(nonce)
    return nonce


def take_move_after(position: int) -> bool:
    """Whether the cursor should move on from the segment at ``position`` (asked once)."""
    if move_after.get() != position:
        return False
    move_after.clear()
    return True


# --- Align --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AlignInputs:
    """What the Align page's boxes hold: the Arabic, the English, and whether to cut paragraphs."""

    src_text: str
    tgt_text: str
    segment: bool


@dataclass(frozen=True)
class Alignment:
    """A draft alignment: what it was made from, its links as edited, and its save, if any."""

    made_from: AlignInputs
    bitext: Bitext
    links: tuple[Link, ...]
    saved: int | None = None

    def is_stale(self, now: AlignInputs) -> bool:
        """Whether the text boxes or the mode changed since this alignment was made."""
        return now != self.made_from


#: Widgets whose value outlives leaving their page: Streamlit drops a widget's state at the end
#: of a run that does not draw it, so the Align page's texts were gone on coming back.
KEPT_WIDGETS: Final = (ALIGN_SRC, ALIGN_TGT, ALIGN_MODE, ALIGN_NAME)


def keep_widgets() -> None:
    """Re-save the kept widgets' values (run on every page, before it draws anything)."""
    for key in KEPT_WIDGETS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]


#: The draft alignment being edited, the page of pairs shown, and the last error.
align_draft: Final = Slot[Alignment]("wb-align-draft")
align_page: Final = Slot[int]("wb-align-page")
align_error: Final = Slot[str]("wb-align-error")
#: What the widgets hold: the units chosen and the document name.
align_mode: Final = Slot[str](ALIGN_MODE)
align_name: Final = Slot[str](ALIGN_NAME)


def align_text(side: str) -> Slot[str]:
    """The text box ``side`` (:data:`ALIGN_SRC` or :data:`ALIGN_TGT`)."""
    return Slot(side)


def align_upload(side: str) -> Slot[UploadedFile]:
    """The file uploaded into the text box ``side``."""
    return Slot(upload_key(side))


# --- Library ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportOutcome:
    """What the latest import said: the message, and the document it made (None on an error)."""

    ok: bool
    message: str
    doc_id: int | None = None
    warnings: tuple[str, ...] = ()


#: The outcome of the latest import, and the document waiting for a delete confirmation.
last_import: Final = Slot[ImportOutcome]("wb-library-last-import")
pending_delete: Final = Slot[int]("wb-library-pending-delete")


# --- Find, replace and the editor's view (ui/views/editor/finder.py) ---------------------------

#: The editor's view: statuses, MT flags, "with QA issues", "hardest first".
VIEW_STATUS: Final = "wb-view-status"
VIEW_FLAG: Final = "wb-view-flag"
VIEW_QA: Final = "wb-view-qa"
VIEW_HARDEST: Final = "wb-view-hardest"
VIEW_WIDGETS: Final = (VIEW_STATUS, VIEW_FLAG, VIEW_QA, VIEW_HARDEST)
#: The editor's find and replace: the text, where, the options, the replacement, the buttons.
FIND_PANEL: Final = "wb-find-panel"
FIND_TEXT: Final = "wb-find-text"
FIND_SIDE: Final = "wb-find-side"
FIND_WHOLE: Final = "wb-find-whole"
FIND_CASE: Final = "wb-find-case"
FIND_FOLD: Final = "wb-find-fold"
REPLACE_TEXT: Final = "wb-replace-text"
REPLACE_ALL: Final = "wb-replace-all"
REPLACE_UNDO: Final = "wb-replace-undo"
#: The Library's search box and its options.
LIBRARY_SEARCH: Final = "wb-library-search"
LIBRARY_SEARCH_IN: Final = "wb-library-search-in"
LIBRARY_SEARCH_WHOLE: Final = "wb-library-search-whole"
LIBRARY_SEARCH_CASE: Final = "wb-library-search-case"
FindWidget = Literal["go", "replace"]


def find_widget(what: FindWidget, n: int) -> str:
    """Key of a button of the find's result ``n``: ``wb-find-<what>-<n>``."""
    return f"wb-find-{what}-{int(n)}"


#: The latest "replace all" (to report it and to undo it), and the latest find message.
replace_report: Final = Slot[Report]("wb-editor-replace-report")
find_message: Final = Slot[str]("wb-editor-find-message")
