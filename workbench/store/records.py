"""The store's rows as plain records, and the segment statuses (defined here only)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal, get_args

SegmentStatus = Literal["new", "translated", "edited", "confirmed", "approved", "tm"]
#: Every status, in the order a segment moves through them.
STATUSES: tuple[SegmentStatus, ...] = get_args(SegmentStatus)
#: Statuses whose English a human wrote or approved: machine translation never overwrites them.
HUMAN_STATUSES: tuple[SegmentStatus, ...] = ("edited", "confirmed", "approved")
#: Statuses a translator has finished with ("approved": a reviewer then accepted it as well).
DONE_STATUSES: tuple[SegmentStatus, ...] = ("confirmed", "approved")


@dataclass(frozen=True)
class DocumentRow:
    id: int
    name: str
    source_path: str | None
    sha256: str
    encoding: str
    created_at: str
    segments: int
    translatable: int
    confirmed: int
    translated: int
    words: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class SegmentRow:
    id: int
    document_id: int
    position: int
    paragraph: int
    kind: str
    start: int
    end: int
    source: str
    mt: str | None
    mt_signature: str | None
    mt_meta: dict[str, Any]
    post_edit: str | None
    status: SegmentStatus
    version: int
    edit_seconds: float
    updated_at: str

    @property
    def target(self) -> str | None:
        """The English as it stands: the post-edit if a human touched it, else the MT."""
        return self.post_edit if self.post_edit is not None else self.mt

    def signed(self, signature: str | None) -> SegmentRow:
        """This row as its history records it: ``signature``, if given, is what its new English
        came from (the file of an import) in place of the MT's."""
        return self if signature is None else replace(self, mt_signature=signature)


@dataclass(frozen=True)
class HistoryRow:
    id: int
    segment_id: int
    version: int
    action: str
    mt: str | None
    post_edit: str | None
    status: SegmentStatus
    signature: str | None
    actor: str | None
    at: str
    #: The segment's total editing time at this version (effort of this save: the difference).
    edit_seconds: float = 0.0
