"""Replacing found text in the English: each replacement an ordinary saved version.

A replacement is a translator's edit (:meth:`Store.save_edit`, status ``edited``: the new sentence
has not been read through, so it is no longer confirmed), with the version the text was found in:
a segment saved elsewhere since the find is a conflict, never overwritten. A segment whose box
holds the translator's unsaved typing (their draft) is left alone, so the typing is never hidden
under a new version; another person's draft stays theirs (shown to them as a conflict).
Every replacement is in the segment's history (Restore brings the old English back), and
:func:`undo` restores a whole "replace all" at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.errors import ConflictError, InputError, NotFoundError, UnsavedDraftError
from workbench.search.match import Hit, Span
from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store


@dataclass(frozen=True)
class Replaced:
    """One segment changed by a replacement: its version before and after, and how many
    occurrences were replaced."""

    segment_id: int
    position: int
    before: int
    after: int
    count: int


@dataclass(frozen=True)
class Report:
    """What a "replace all" did: the segments changed, and the ones it left (by 0-based position)."""

    changed: tuple[Replaced, ...] = ()
    #: Left because the box holds unsaved typing (a draft).
    drafts: tuple[int, ...] = ()
    #: Left because the segment was saved elsewhere after the find.
    conflicts: tuple[int, ...] = ()

    @property
    def occurrences(self) -> int:
        return sum(r.count for r in self.changed)

    def summary(self) -> str:
        """One line for the translator: how many segments changed, and what was left alone."""
        line = (
            f"Replaced {self.occurrences} occurrence(s) in {len(self.changed)} segment(s) "
            "(each is a new version, status edited; undo from each row's history)."
        )
        if self.drafts:
            line += f" Left {_numbers(self.drafts)}: unsaved typing (a draft) is in the box."
        if self.conflicts:
            line += f" Left {_numbers(self.conflicts)}: saved elsewhere since the find."
        return line


def _numbers(positions: Sequence[int]) -> str:
    shown = ", ".join(f"#{p + 1}" for p in positions[:10])
    more = f" and {len(positions) - 10} more" if len(positions) > 10 else ""
    return f"segment(s) {shown}{more}"


def replaced_text(text: str, spans: Sequence[Span], replacement: str) -> str:
    """``text`` with each span replaced by ``replacement`` (literally: no patterns)."""
    out, at = [], 0
    for span in sorted(spans, key=lambda s: s.start):
        out += [text[at : span.start], replacement]
        at = span.end
    return "".join(out) + text[at:]


def _check(store: Store, hit: Hit, actor: str | None) -> SegmentRow:
    if hit.side != "english":
        raise InputError("Only the English can be replaced: find in the English to replace.")
    current = store.segment(hit.segment_id)
    if current.version != hit.version or current.target != hit.text:
        raise ConflictError(
            hit.segment_id, hit.version, current.version, current.target, None, None
        )
    # The person's own draft (a signed-in store's ``draft`` is its user's): someone else's draft
    # stays theirs and is shown to them as a conflict, so it is not lost.
    draft = store.draft(hit.segment_id) if actor is None else store.draft(hit.segment_id, actor)
    if draft is not None and draft.text != current.target:
        raise UnsavedDraftError(hit.segment_id, hit.position)
    return current


def replace_hit(
    store: Store,
    hit: Hit,
    replacement: str,
    *,
    only: Span | None = None,
    actor: str | None = None,
) -> Replaced:
    """Replace the matches of ``hit`` (or just ``only``, one of them) in its segment's English.

    Raises :class:`ConflictError` if the segment was saved since the find (nothing written) and
    :class:`UnsavedDraftError` if its box holds unsaved typing.
    """
    _check(store, hit, actor)
    spans = hit.spans if only is None else (only,)
    if only is not None and only not in hit.spans:
        raise InputError(f"segment #{hit.position + 1} has no match at {only.start}–{only.end}.")
    saved = store.save_edit(
        hit.segment_id, replaced_text(hit.text, spans, replacement), hit.version, actor=actor
    )
    return Replaced(hit.segment_id, hit.position, hit.version, saved.version, len(spans))


def replace_all(
    store: Store, hits: Sequence[Hit], replacement: str, *, actor: str | None = None
) -> Report:
    """Replace every match of ``hits`` (one save per segment); segments that cannot be changed
    safely are listed in the report, not changed."""
    changed: list[Replaced] = []
    drafts: list[int] = []
    conflicts: list[int] = []
    for hit in hits:
        try:
            changed.append(replace_hit(store, hit, replacement, actor=actor))
        except UnsavedDraftError:
            drafts.append(hit.position)
        except (ConflictError, NotFoundError):
            conflicts.append(hit.position)
    return Report(tuple(changed), tuple(drafts), tuple(conflicts))


def undo(store: Store, report: Report, *, actor: str | None = None) -> Report:
    """Bring back the English each changed segment had before the replacement (a restore from
    its history, a new version); a segment saved since is left (its position in ``conflicts``)."""
    restored: list[Replaced] = []
    conflicts: list[int] = []
    for item in report.changed:
        before = [h for h in store.history(item.segment_id) if h.version == item.before]
        try:
            if not before:
                raise NotFoundError(f"segment {item.segment_id} has no version {item.before}")
            saved = store.restore(item.segment_id, before[-1].id, item.after, actor=actor)
        except (ConflictError, NotFoundError):
            conflicts.append(item.position)
            continue
        restored.append(Replaced(item.segment_id, item.position, item.after, saved.version, 0))
    return Report(tuple(restored), (), tuple(conflicts))
