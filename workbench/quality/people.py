"""Effort per person: each translator's saves, editing time and HTER (who did what, issue 15).

A segment counts for the person whose save last set its English (``edit``, ``confirm``,
``restore`` in the history): ``segments``. Of those, ``confirmed`` are the ones now confirmed or
approved, and their HTER is the mean of :func:`workbench.quality.metrics.hter` of MT against
post-edit over those confirmed segments (segments without MT are left out of it). Saves and
seconds come from every save of theirs (:func:`workbench.store.users.effort_by_actor`).
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.quality.metrics import hter
from workbench.store.records import DONE_STATUSES
from workbench.store.sqlite import Store
from workbench.store.users import effort_by_actor

_HUMAN_SAVES = ("edit", "confirm", "restore")


@dataclass(frozen=True)
class PersonEffort:
    actor: str | None
    saves: int
    seconds: float
    segments: int
    confirmed: int
    hter: float | None


def _last_editor(store: Store, segment_id: int) -> str | None:
    for row in reversed(store.history(segment_id)):
        if row.action in _HUMAN_SAVES:
            return row.actor
    return None


def effort_by_person(store: Store, doc_id: int) -> list[PersonEffort]:
    """One row per person who saved in document ``doc_id``, most saves first."""
    totals = effort_by_actor(store, doc_id)
    scores: dict[str | None, list[float]] = {}
    counts: dict[str | None, int] = {}
    done: dict[str | None, int] = {}
    for seg in store.segments(doc_id):
        if seg.kind != "prose" or seg.post_edit is None:
            continue
        who = _last_editor(store, seg.id)
        counts[who] = counts.get(who, 0) + 1
        if seg.status not in DONE_STATUSES:
            continue
        done[who] = done.get(who, 0) + 1
        if seg.mt:
            scores.setdefault(who, []).append(hter(seg.mt, seg.post_edit))
    people = set(totals) | set(counts)
    rows = [
        PersonEffort(
            actor=who,
            saves=totals.get(who, (0, 0.0))[0],
            seconds=round(totals.get(who, (0, 0.0))[1], 1),
            segments=counts.get(who, 0),
            confirmed=done.get(who, 0),
            hter=round(sum(scores[who]) / len(scores[who]), 2) if scores.get(who) else None,
        )
        for who in people
    ]
    return sorted(rows, key=lambda r: (-r.saves, r.actor or ""))
