"""A translation memory kept current while the editor runs, without re-indexing on every confirm.

:class:`LiveMemory` builds the whole :class:`~workbench.memory.memory.TranslationMemory` once,
then on a :meth:`LiveMemory.search` reads only the segments changed since the last look (by
``updated_at``; at most once every :attr:`LiveMemory.min_interval` seconds, so a confirm shows
up in other rows' matches within about a second): a newly confirmed segment is added to the
index, one whose English changed or that is no longer confirmed has its old entry hidden. It
rebuilds from scratch when the imported pairs change or when the number of confirmed segments
does not add up (a deleted document). The segment being edited never matches itself.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from workbench.memory.memory import THRESHOLD, Entry, Match, TranslationMemory
from workbench.memory.memory import entries as imported_and_confirmed
from workbench.store.records import DONE_STATUSES
from workbench.store.sqlite import Store

_STATUSES = ", ".join(f"'{s}'" for s in DONE_STATUSES)
#: Who confirmed (as :data:`workbench.memory.memory._CONFIRMED` reads it), for changed segments.
_CHANGED = (
    "SELECT s.id, s.status, s.kind, s.source, s.post_edit, s.document_id, s.updated_at, "
    "(SELECT h.actor FROM history h WHERE h.segment_id = s.id "
    "AND h.status IN ('confirmed', 'approved') AND h.actor IS NOT NULL "
    "ORDER BY CASE WHEN h.status = 'confirmed' THEN 0 ELSE 1 END, h.id DESC LIMIT 1) "
    "FROM segments s WHERE s.updated_at >= ? ORDER BY s.updated_at, s.id"
)
_CONFIRMED_COUNT = (
    f"SELECT COUNT(*) FROM segments WHERE status IN ({_STATUSES}) "
    "AND post_edit IS NOT NULL AND kind = 'prose'"
)
_CONFIRMED_IDS = (
    f"SELECT id, updated_at, post_edit FROM segments WHERE status IN ({_STATUSES}) "
    "AND post_edit IS NOT NULL AND kind = 'prose' ORDER BY updated_at, id"
)


@dataclass
class _Built:
    memory: TranslationMemory
    imported: tuple[int, int]
    since: str
    #: segment id -> (its entry in the memory, the updated_at and English it was made from)
    by_segment: dict[int, tuple[Entry, str, str]]
    hidden: set[int]


class LiveMemory:
    """The memory of one store, brought up to date before each search (thread-safe)."""

    def __init__(self, min_interval: float = 1.0) -> None:
        self._lock = threading.Lock()
        self._built: _Built | None = None
        self.rebuilds = 0
        #: Seconds between two looks at the store: a page of rows searches within milliseconds,
        #: and finding the changed segments scans them (``updated_at`` has no index).
        self.min_interval = min_interval
        self._looked = -math.inf

    def _imported_key(self, store: Store) -> tuple[int, int]:
        count, last = store.db.execute("SELECT COUNT(*), MAX(id) FROM tm_entries").fetchone()
        return int(count), int(last or 0)

    def _build(self, store: Store) -> _Built:
        self.rebuilds += 1
        imported = self._imported_key(store)
        for _ in range(3):  # a confirm between the two reads: read both again
            items = imported_and_confirmed(store)
            rows = store.db.execute(_CONFIRMED_IDS).fetchall()
            confirmed = items[len(items) - len(rows) :]
            if len(items) >= len(rows) and all(
                e.target == r[2] for e, r in zip(confirmed, rows, strict=True)
            ):
                break
        memory = TranslationMemory(items)
        by_segment = {
            int(r[0]): (entry, str(r[1]), str(r[2]))
            for r, entry in zip(rows, confirmed, strict=False)
        }
        since = max((str(r[1]) for r in rows), default="")
        return _Built(memory, imported, since, by_segment, set())

    def _catch_up(self, store: Store, built: _Built) -> bool:
        """Apply the segments changed since the last look; False when a rebuild is needed."""
        if self._imported_key(store) != built.imported:
            return False
        for row in store.db.execute(_CHANGED, (built.since,)).fetchall():
            seg_id, status, kind, source, target, doc_id, at, by = row
            built.since = max(built.since, str(at))
            old = built.by_segment.get(int(seg_id))
            done = status in DONE_STATUSES and kind == "prose" and target is not None
            if old is not None and done and (old[1], old[2]) == (str(at), target):
                continue
            if old is not None:
                built.hidden.add(id(old[0]))
                del built.by_segment[int(seg_id)]
            if done:
                entry = Entry(source, target, f"document {doc_id}", str(at), int(doc_id), by)
                built.memory.add(entry)
                built.by_segment[int(seg_id)] = (entry, str(at), str(target))
        (count,) = store.db.execute(_CONFIRMED_COUNT).fetchone()
        return int(count) == len(built.by_segment)

    def search(
        self,
        store: Store,
        source: str,
        segment_id: int | None = None,
        threshold: float = THRESHOLD,
        limit: int = 3,
    ) -> list[Match]:
        """Exact and fuzzy matches of ``source``, best first; never the segment ``segment_id``."""
        with self._lock:
            built = self._built
            now = time.monotonic()
            if built is None or now - self._looked >= self.min_interval:
                if built is None or not self._catch_up(store, built):
                    built = self._built = self._build(store)
                self._looked = now
            own = built.by_segment.get(segment_id) if segment_id is not None else None
            hide = built.hidden | ({id(own[0])} if own is not None else set())
            found = built.memory.search(source, threshold, limit=limit + min(len(hide), 16))
        return [m for m in found if id(m.entry) not in hide][:limit]
