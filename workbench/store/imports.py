"""Writes of English made elsewhere: edits imported from a file, documents that come with their MT.

Beside :class:`~workbench.store.sqlite.Store` rather than in it, so the class stays within the size
limit; both are single transactions through the store's own write path and history.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.errors import ConflictError
from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store
from workbench.text.records import Document, Sentence

#: The history action of English imported from a file, and of a document imported with its MT.
IMPORT_ACTION = "import"
IMPORT_MT_ACTION = "import-mt"


def import_edits(
    store: Store,
    edits: Sequence[tuple[int, int, str, bool]],
    *,
    actor: str | None,
    signature: str,
) -> list[SegmentRow]:
    """Save English edited elsewhere, ``(segment_id, version read, text, confirm)``, at once.

    One transaction: if any segment moved on since its version was read, :class:`ConflictError`
    is raised and nothing is written. The history rows have the action ``import``, the ``actor``
    and ``signature`` (which file the English came from).
    """
    out = []
    with store.write() as db:
        for segment_id, version, text, confirm in edits:
            current = store.segment(segment_id)
            if current.version != version:
                raise ConflictError(segment_id, version, current.version, current.target, text)
            changes = {"post_edit": text, "status": "confirmed" if confirm else "edited"}
            out.append(store._apply(db, current, changes, IMPORT_ACTION, actor, signature))
    return out


def add_document_with_mt(
    store: Store,
    doc: Document,
    segments: Sequence[tuple[Sentence, str | None]],
    segmenter_version: str,
    signature: str,
) -> int:
    """Store a document with machine translation made elsewhere, in one transaction; its id.

    Each item is ``(sentence, mt)``; the MT gets ``signature`` (which engine made it) and its
    segment the status ``translated`` (``new`` without MT); each history starts with an
    ``import-mt`` row.
    """
    items = [(s, mt, "new" if mt is None else "translated") for s, mt in segments]
    return store._insert_document(
        doc, items, segmenter_version, (IMPORT_MT_ACTION, signature), mt_signature=signature
    )
