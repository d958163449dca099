"""Post-editing effort: how far each post-edit moved from the MT (HTER), and the time it took.

Pure functions over stored rows: no Streamlit, no model. The editor shows these numbers, the
Scores page charts them, and :mod:`workbench.export.effort_log` writes them as an effort log.

- **HTER** of a segment is :func:`workbench.quality.metrics.hter` of its MT against its post-edit. Only
  segments a translator touched (status ``edited`` or ``confirmed``, with both texts) have one; a
  segment confirmed unchanged scores 0. The document's HTER is corpus TER over those segments
  (total edits / total post-edit words), through :func:`workbench.quality.metrics.score`, so it carries
  sacrebleu's signature.
- **Edit time** is what :meth:`Store.save_edit` accumulated in ``edit_seconds``. The editor cannot
  see the keyboard, so it approximates: each save is credited with the time since the later of
  (the row was shown, the translator's previous save in that browser tab), capped at
  :data:`IDLE_CAP_SECONDS` so a coffee break is not counted as work. See
  :func:`attributed_seconds`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.quality.metrics import hter, score
from workbench.store.records import HUMAN_STATUSES, STATUSES, DocumentRow, SegmentRow
from workbench.store.sqlite import Store
from workbench.text.chars import count_words

#: A save is credited at most this many seconds: longer gaps are breaks, not editing.
IDLE_CAP_SECONDS = 300.0


@dataclass(frozen=True)
class SegmentEffort:
    """One prose segment's effort. ``number`` is its 1-based position in the document."""

    segment_id: int
    number: int
    status: str
    source_words: int
    mt_words: int
    post_edit_words: int
    hter: float | None
    edit_seconds: float
    mt: str | None
    post_edit: str | None
    #: The MT's signature (what made it: the real model, a stand-in, another engine), or None.
    mt_signature: str | None = None

    @property
    def post_edited(self) -> bool:
        """Whether a translator saved this segment (so it has an HTER)."""
        return self.hter is not None


@dataclass(frozen=True)
class DocumentEffort:
    """A document's effort in total; ``hter`` is None until some segment is post-edited."""

    document_id: int
    name: str
    segments: int
    new: int
    translated: int
    edited: int
    confirmed: int
    source_words: int
    confirmed_words: int
    post_edited: int
    hter: float | None
    hter_signature: str
    edit_seconds: float

    @property
    def words_per_hour(self) -> float | None:
        """Confirmed source words per hour of recorded editing; None before any timed save."""
        if self.edit_seconds <= 0 or not self.confirmed_words:
            return None
        return self.confirmed_words * 3600.0 / self.edit_seconds


def segment_effort(segment: SegmentRow) -> SegmentEffort:
    """The effort of one stored segment (prose or not: callers pick the prose ones)."""
    touched = (
        segment.status in HUMAN_STATUSES
        and segment.mt is not None
        and segment.post_edit is not None
    )
    return SegmentEffort(
        segment_id=segment.id,
        number=segment.position + 1,
        status=segment.status,
        source_words=count_words(segment.source),
        mt_words=count_words(segment.mt),
        post_edit_words=count_words(segment.post_edit),
        hter=round(hter(segment.mt or "", segment.post_edit or ""), 2) if touched else None,
        edit_seconds=round(segment.edit_seconds, 1),
        mt=segment.mt,
        post_edit=segment.post_edit,
        mt_signature=segment.mt_signature,
    )


def summarize(
    document: DocumentRow, segments: Sequence[SegmentRow]
) -> tuple[DocumentEffort, list[SegmentEffort]]:
    """Effort of a document and of each of its prose segments, in document order."""
    prose = [s for s in segments if s.kind == "prose"]
    rows = [segment_effort(s) for s in prose]
    edited = [s for s, row in zip(prose, rows, strict=True) if row.post_edited]
    corpus_hter: float | None = None
    signature = ""
    if edited:
        result = score([s.mt or "" for s in edited], [s.post_edit or "" for s in edited], ["ter"])
        corpus_hter, signature = result[0].score, result[0].signature
    counts = {status: sum(1 for s in prose if s.status == status) for status in STATUSES}
    summary = DocumentEffort(
        document_id=document.id,
        name=document.name,
        segments=len(prose),
        new=counts["new"],
        translated=counts["translated"],
        edited=counts["edited"],
        confirmed=counts["confirmed"],
        source_words=sum(r.source_words for r in rows),
        confirmed_words=sum(r.source_words for r in rows if r.status == "confirmed"),
        post_edited=len(edited),
        hter=corpus_hter,
        hter_signature=signature,
        edit_seconds=round(sum(s.edit_seconds for s in prose), 1),
    )
    return summary, rows


def document_effort(store: Store, doc_id: int) -> tuple[DocumentEffort, list[SegmentEffort]]:
    """:func:`summarize` for a stored document."""
    return summarize(store.document(doc_id), store.segments(doc_id))


def attributed_seconds(now: float, since: float, cap: float = IDLE_CAP_SECONDS) -> float:
    """Seconds to credit a save made at ``now`` for work begun at ``since`` (monotonic clock).

    ``since`` is the later of when the row was shown and the previous save in the same tab; the
    result is never negative and at most ``cap``.
    """
    return max(0.0, min(now - since, cap))
