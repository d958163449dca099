"""English a translation memory put in (status ``tm``): filling segments and undoing a fill.

A 100% memory match is neither a human's English nor the model's: it gets its own status, which
machine translation does not overwrite (the MT is stored beside it) and a human edit replaces.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench.store.records import HUMAN_STATUSES, SegmentRow
from workbench.store.sqlite import Store


def fill_from_memory(
    store: Store, items: Sequence[tuple[int, str]], action: str = "tm", actor: str | None = None
) -> list[SegmentRow]:
    """English from a 100% memory match, ``(segment_id, text)``, in one transaction: status 'tm'.

    A segment a human edited, confirmed or approved is left as it is (and not returned), as is
    one that already holds that English; each change is in its history (``action``).
    """
    out = []
    with store.write() as db:
        for segment_id, text in items:
            current = store.segment(segment_id)
            if current.status in HUMAN_STATUSES or current.kind != "prose":
                continue
            if (current.status, current.post_edit) == ("tm", text):
                continue
            changes = {"post_edit": text, "status": "tm"}
            out.append(store._apply(db, current, changes, action, actor))
    return out


def clear_memory_fill(
    store: Store, segment_id: int, expected_version: int, actor: str | None = None
) -> SegmentRow:
    """Undoes a memory fill (status 'tm'): the segment goes back to its MT, or to new.

    A segment not in status 'tm' is returned unchanged (a human has worked on it since).
    """
    current = store.segment(segment_id)
    if current.status != "tm":
        return current
    status = "translated" if current.mt is not None else "new"
    changes = {"post_edit": None, "status": status}
    return store._update(segment_id, expected_version, changes, "undo-tm", actor)
