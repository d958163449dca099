"""The editor's button callbacks: each writes to the store at once, or records why it could not.

Callbacks get the segment version the row was drawn with (bound when the row rendered), so a save
from a stale tab names a stale version and the store refuses it with a :class:`ConflictError`;
the conflict is kept in the session and the row shows both texts. Nothing the translator typed
lives only in the session unseen: a save lands in the store, becomes that visible conflict, or,
when the store cannot write (a full disk, an I/O error: a :class:`StoreError`), leaves the text in
its box with a message on the row saying it was not saved.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import streamlit as st

from workbench.errors import ConflictError, StoreError, WorkbenchError
from workbench.quality.effort import attributed_seconds
from workbench.store.records import SegmentRow
from workbench.ui import editing, resources, state
from workbench.ui.state import Alternatives, Pending


def mark_shown(segment: SegmentRow) -> None:
    """Remember when this version of the row was first drawn (the start of its edit time)."""
    state.mark_shown(segment.id, segment.version, time.monotonic())


def _seconds(segment_id: int, version: int) -> float:
    now = time.monotonic()
    shown = state.shown_at(segment_id, version)
    since = now if shown is None else shown
    last = state.last_save.get()
    if last is not None:
        since = max(since, last)
    return attributed_seconds(now, since)


def _saved(segment_id: int, confirm: bool, position: int) -> None:
    state.last_save.set(time.monotonic())
    state.shown(segment_id).clear()
    state.conflict(segment_id).clear()
    state.pending(segment_id).clear()
    state.save_error(segment_id).clear()
    if confirm:
        state.move_after.set(position)


def _conflict(segment_id: int, err: ConflictError, text: str, confirm: bool) -> None:
    state.conflict(segment_id).set(editing.conflict_from(resources.store(), err, text, confirm))


def _failed(segment_id: int, err: StoreError) -> None:
    # The text box keeps its text (its key names the version, which did not change).
    state.save_error(segment_id).set(
        f"Not saved: {err} Your text is still in the box: save again once this is fixed."
    )


def _write(
    segment_id: int, write: Callable[[], object], text: str, confirm: bool, position: int
) -> bool:
    """Run one store write for a row: a conflict keeps both texts, a failed write keeps the box."""
    try:
        write()
    except ConflictError as err:
        _conflict(segment_id, err, text, confirm)
        return False
    except StoreError as err:
        _failed(segment_id, err)
        return False
    _saved(segment_id, confirm, position)
    return True


def save(segment_id: int, version: int, confirm: bool, position: int) -> None:
    """Save the text box of ``version`` as the segment's edit (confirmed or not)."""
    text = state.typed_text(segment_id, version)
    seconds = _seconds(segment_id, version)
    _write(
        segment_id,
        lambda: resources.store().save_edit(
            segment_id, text, version, confirm=confirm, seconds=seconds
        ),
        text,
        confirm,
        position,
    )


def keep_mine(segment_id: int, position: int) -> None:
    """Resolve a conflict by saving the translator's text over the other save."""
    conflict = state.conflict(segment_id).get()
    if conflict is None:
        return
    seconds = _seconds(segment_id, conflict.their_version)
    _write(
        segment_id,
        lambda: editing.keep_mine(resources.store(), conflict, seconds),
        conflict.yours,
        conflict.confirm,
        position,
    )


def take_theirs(segment_id: int) -> None:
    """Resolve a conflict by keeping the other save; the translator's text goes into the history
    (an ``unsaved-conflict`` entry that Restore brings back), never away."""
    conflict = state.conflict(segment_id).get()
    if conflict is None:
        return
    try:
        if conflict.yours != conflict.theirs:
            resources.store().set_aside(segment_id, conflict.yours)
        else:
            resources.store().discard_draft(segment_id)
    except StoreError as err:
        _failed(segment_id, err)
        return
    state.conflict(segment_id).clear()


def discard_draft(segment_id: int, version: int, saved: str) -> None:
    """Forget the segment's draft; its box shows the saved English again."""
    try:
        resources.store().discard_draft(segment_id)
    except StoreError as err:
        _failed(segment_id, err)
        return
    st.session_state[state.text_key(segment_id, version)] = saved


def _replace(segment_id: int, text: str, version: int, position: int) -> None:
    seconds = _seconds(segment_id, version)
    store = resources.store()

    def write() -> None:
        store.save_edit(segment_id, text, version, seconds=seconds)
        store.discard_draft(segment_id)  # the translator chose this text over what was typed

    if _write(segment_id, write, text, False, position):
        state.alternatives(segment_id).clear()


def propose(segment: SegmentRow, text: str, what: str) -> None:
    """Put ``text`` in as the edit; over a human edit, only after a confirmation step."""
    if editing.is_human(segment):
        state.pending(segment.id).set(Pending(text, segment.version, what))
    else:
        _replace(segment.id, text, segment.version, segment.position)


def confirm_pending(segment_id: int, position: int) -> None:
    """The translator confirmed the replacement: do it (against the version they saw)."""
    pending = state.pending(segment_id).take()
    if pending is not None:
        _replace(segment_id, pending.text, pending.version, position)


def cancel_pending(segment_id: int) -> None:
    state.pending(segment_id).clear()


def find_alternatives(segment_id: int) -> None:
    """Re-translate the segment with a beam of :data:`editing.ALTERNATIVES`, in a background
    thread: the row shows that it is under way, and the other rows stay usable meanwhile."""
    translator = resources.model_state().translator
    if translator is None or state.alternatives_job(segment_id).get() is not None:
        return
    try:
        source = resources.store().segment(segment_id).source
    except WorkbenchError as err:
        state.alternatives(segment_id).set(Alternatives(error=f"Re-translation failed: {err}"))
        return
    state.alternatives(segment_id).clear()
    job = resources.jobs().submit(editing.alternatives, translator, source)
    state.alternatives_job(segment_id).set(job)


def collect_alternatives(segment_id: int) -> bool:
    """Keep a finished re-translation's n-best (or why it failed); False while it still runs."""
    job = state.alternatives_job(segment_id).get()
    if job is None:
        return True
    if not job.done():
        return False
    state.alternatives_job(segment_id).clear()
    try:
        found = job.result()
    # Whatever the engine raised, the row stays usable and says what went wrong.
    except Exception as err:
        state.alternatives(segment_id).set(Alternatives(error=f"Re-translation failed: {err}"))
        return True
    state.alternatives(segment_id).set(Alternatives(tuple(found)))
    return True


def close_alternatives(segment_id: int) -> None:
    state.alternatives(segment_id).clear()


def restore(segment_id: int, history_id: int, version: int, text: str, position: int) -> None:
    """Make a history entry's English current again (a new version; nothing is deleted)."""
    _write(
        segment_id,
        lambda: resources.store().restore(segment_id, history_id, version),
        text,
        False,
        position,
    )
