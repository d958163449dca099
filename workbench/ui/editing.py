"""The editor's rules, kept out of the views: pages, what comes next, conflicts, confirmations.

Nothing here imports Streamlit; the views call these functions and only draw the results, so the
rules are tested without a browser.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from workbench.errors import ConflictError
from workbench.export.model import Unit
from workbench.store.drafts import DraftRow
from workbench.store.records import HUMAN_STATUSES, DocumentRow, SegmentRow
from workbench.store.sqlite import Store
from workbench.translate.types import TranslationOptions, Translator
from workbench.ui.translating import Progress

PAGE_SIZES = (10, 20, 50)
DEFAULT_PAGE_SIZE = 10
#: How many alternatives "Re-translate" asks for (also the beam width).
ALTERNATIVES = 4


@dataclass(frozen=True)
class Page:
    """One page of a document's segments: 1-based ``number`` of ``count`` pages."""

    number: int
    count: int
    size: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def page_of(total: int, requested: int | str | None, size: int = DEFAULT_PAGE_SIZE) -> Page:
    """The page to show for a request (from a URL, so possibly junk): clamped to ``1..count``.

    An empty document has one (empty) page; an unreadable or missing request means page 1.
    """
    if size not in PAGE_SIZES:
        size = DEFAULT_PAGE_SIZE
    count = max(1, math.ceil(total / size))
    try:
        number = int(requested) if requested is not None else 1
    except (TypeError, ValueError):
        number = 1
    return Page(min(max(number, 1), count), count, size)


def page_containing(position: int, size: int) -> int:
    """The 1-based page that shows the segment at 0-based ``position``."""
    return position // size + 1


def first_open(segments: Sequence[SegmentRow]) -> SegmentRow | None:
    """The first prose segment not yet confirmed, or None when all are."""
    return next((s for s in segments if s.kind == "prose" and s.status != "confirmed"), None)


#: Statuses that "confirm and go to the next unconfirmed segment" passes over.
DONE_STATUSES = frozenset({"confirmed", "approved"})


def next_unconfirmed(
    store: Store, doc_id: int, after_position: int, chunk: int = 200
) -> SegmentRow | None:
    """The first prose segment after ``after_position`` not yet confirmed (or approved); from the
    end of the document, the first such one from its start; None when every one is done."""
    for start, stop in ((after_position + 1, None), (0, after_position)):
        offset = start
        while stop is None or offset < stop:
            found = store.segments(doc_id, offset=offset, limit=chunk)
            if not found:
                break
            for segment in found:
                if stop is not None and segment.position >= stop:
                    return None
                if segment.kind == "prose" and segment.status not in DONE_STATUSES:
                    return segment
            offset += chunk
    return None


def next_in_view(
    order: Sequence[int], current_id: int, segments: Mapping[int, SegmentRow]
) -> SegmentRow | None:
    """The first segment after ``current_id`` in a view's ``order`` not yet confirmed (or
    approved), as ``segments`` (the store's rows by id) have them now; from the end of the view,
    the first such one from its start; None when every one is done."""
    at = order.index(current_id) if current_id in order else len(order)
    for segment_id in (*order[at + 1 :], *order[:at]):
        segment = segments.get(segment_id)
        if segment is not None and segment.kind == "prose" and segment.status not in DONE_STATUSES:
            return segment
    return None


def open_count(segments: Iterable[SegmentRow]) -> int:
    """How many prose segments are not yet confirmed (or approved)."""
    return sum(1 for s in segments if s.kind == "prose" and s.status not in DONE_STATUSES)


def needs_translation(document: DocumentRow) -> bool:
    """Whether some prose segment still lacks MT (cheap: from the document's counts)."""
    return document.translated < document.translatable


def progress_text(document: DocumentRow) -> str:
    """The editor's progress line: segments confirmed, translated, and words (confirmed / all)."""
    return (
        f"{document.confirmed} of {document.translatable} segments confirmed · "
        f"{document.translated} translated · {document.words} words"
    )


def background_text(document: DocumentRow, progress: Progress) -> str:
    """What the progress line says about the background translation of a document."""
    if progress.error is not None:
        return f"{progress.error} Reopen the document to try again."
    left = document.translatable - document.translated
    if not progress.running:
        return f"{left} segments still without MT: reopen the document to translate them."
    return (
        f"Translating in the background: {document.translated} of {document.translatable} "
        f"segments have MT, {left} to go. Edit freely; opening a page translates it next."
    )


def is_human(segment: SegmentRow) -> bool:
    """Whether a translator's text is stored for this segment (so replacing it needs a confirm)."""
    return segment.status in HUMAN_STATUSES and segment.post_edit is not None


@dataclass(frozen=True)
class Conflict:
    """A save that lost to another save: both texts, and the version that won.

    ``theirs`` is re-read from the store when the conflict is recorded, so it is exactly the
    text that "keep mine" would replace, and ``their_version`` is what that save must name.
    """

    segment_id: int
    theirs: str | None
    yours: str
    their_version: int
    confirm: bool
    #: Who saved the version that won (None: unknown, a machine, or local mode without sign-in).
    their_actor: str | None = None


def conflict_from(store: Store, error: ConflictError, yours: str, confirm: bool) -> Conflict:
    """Describe ``error`` for the translator, with the segment as it stands now."""
    current = store.segment(error.segment_id)
    return Conflict(
        error.segment_id, current.target, yours, current.version, confirm, error.current_actor
    )


def theirs_caption(conflict: Conflict) -> str:
    """The caption over the other text: whose it is (when the store knows) and its version."""
    by = f"saved by {conflict.their_actor}" if conflict.their_actor else "saved"
    return f"Theirs ({by}, version {conflict.their_version})"


def keep_mine(store: Store, conflict: Conflict, seconds: float = 0.0) -> SegmentRow:
    """Save the translator's text over the other one, naming the version they saw.

    Raises :class:`ConflictError` again if yet another save came in meanwhile; the overwritten
    text stays in the history.
    """
    return store.save_edit(
        conflict.segment_id,
        conflict.yours,
        conflict.their_version,
        confirm=conflict.confirm,
        seconds=seconds,
    )


def document_options(translator: Translator) -> TranslationOptions:
    """How the editor translates a document: as a call without options would (the translator's
    own options), but keeping the attention, so each segment's word alignment and its quality
    flags are stored with the MT."""
    base = getattr(translator, "options", None)
    if not isinstance(base, TranslationOptions):
        base = TranslationOptions()
    return dataclasses.replace(base, return_attention=True)


def alternatives(translator: Translator, source: str, count: int = ALTERNATIVES) -> list[str]:
    """Up to ``count`` distinct translations of ``source``, best first (a beam of ``count``)."""
    options = TranslationOptions(num_hypotheses=count, beam_size=count)
    result = translator.translate([source], options)[0]
    return list(dict.fromkeys(h for h in result.hypotheses if h.strip()))


def history_text(mt: str | None, post_edit: str | None) -> str | None:
    """The English a history entry holds: what :meth:`Store.restore` would bring back."""
    return post_edit if post_edit is not None else mt


def keep_draft(store: Store, segment_id: int, base_version: int, text: str) -> bool:
    """Keep what the translator typed as the segment's draft; False when there is nothing to keep.

    Text equal to the English as it stands is no draft (typed back, or a save got there first: a
    late draft must not come back over the saved text); any older draft then goes too.
    """
    return store.save_draft(segment_id, text, base_version) is not None


def draft_conflict(segment: SegmentRow, draft: DraftRow | None) -> Conflict | None:
    """A draft typed over an older version than the segment's: shown as a conflict, not saved."""
    if draft is None or draft.base_version == segment.version or draft.text == segment.target:
        return None
    return Conflict(segment.id, segment.target, draft.text, segment.version, False)


def box_text(segment: SegmentRow, draft: DraftRow | None) -> str:
    """What the row's English box starts with: its draft if typed over this version, else the
    English as it stands."""
    if draft is not None and draft.base_version == segment.version:
        return draft.text
    return segment.target or ""


#: What the MT label adds for MT that is not a translation (a stand-in, the tiny model, a fake).
STANDIN_MT_NOTE = "stand-in model: NOT a translation"


def mt_label(segment: SegmentRow) -> str:
    """The label over a row's MT, from that segment's own MT signature (not the loaded model).

    Uses the export package's :class:`~workbench.export.model.Unit` rules, so the editor and
    every export agree: MT another engine made (``kind:external``) names its engine; MT of any
    model but the real one says it is not a translation.
    """
    unit = Unit(segment)
    if unit.mt_origin is not None:
        return f"MT from {unit.mt_origin} (imported), read-only"
    if unit.mt_is_translation is False:
        return f"MT, read-only ({STANDIN_MT_NOTE})"
    return "MT, read-only"
