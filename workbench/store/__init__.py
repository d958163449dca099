"""The store: documents, segments, their edit history and the translation cache.

``sqlite`` (:class:`Store`: queries and optimistic saves), ``connection`` (per-thread SQLite
connections, durable pragmas, write transactions), ``schema`` (numbered migrations) and
``records`` (the rows, and the segment statuses).
"""

from workbench.store.records import (
    HUMAN_STATUSES,
    STATUSES,
    DocumentRow,
    HistoryRow,
    SegmentRow,
    SegmentStatus,
)
from workbench.store.sqlite import Store

__all__ = [
    "HUMAN_STATUSES",
    "STATUSES",
    "DocumentRow",
    "HistoryRow",
    "SegmentRow",
    "SegmentStatus",
    "Store",
]
