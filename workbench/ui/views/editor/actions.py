"""The editor's button callbacks: each writes to the store at once, or records why it could not.

Callbacks get the segment version the row was drawn with (bound when the row rendered), so a save
from a stale tab names a stale version and the store refuses it with a :class:`ConflictError`;
the conflict is kept in the session and the row shows both texts. Nothing the translator typed
lives only in the session: a save either lands in the store or becomes that visible conflict.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import streamlit as st

from workbench.errors import ConflictError
from workbench.quality.effort import attributed_seconds
from workbench.store.records import SegmentRow
from workbench.ui import resources
from workbench.ui.views.editor import editing

#: Session key: monotonic time of this tab's latest save (edit time is counted from it).
LAST_SAVE = "wb_last_save"
#: Session key: position after which the cursor should go next (set by a confirming save).
MOVE_AFTER = "wb_move_after"
#: Session key: id of the segment whose text box should take the focus on the next page draw.
FOCUS = "wb_focus"


@dataclass(frozen=True)
class Pending:
    """A replacement of a human edit waiting for the translator's confirmation."""

    text: str
    version: int
    what: str


def text_key(segment: SegmentRow) -> str:
    """Widget key of the row's text box; the version in it gives a fresh box after each save."""
    return f"wb-edit-{segment.id}-{segment.version}"


def conflict_key(segment_id: int) -> str:
    return f"wb-conflict-{segment_id}"


def pending_key(segment_id: int) -> str:
    return f"wb-pending-{segment_id}"


def alternatives_key(segment_id: int) -> str:
    return f"wb-alternatives-{segment_id}"


def mark_shown(segment: SegmentRow) -> None:
    """Remember when this version of the row was first drawn (the start of its edit time)."""
    st.session_state.setdefault(f"wb-shown-{segment.id}-{segment.version}", time.monotonic())


def _seconds(segment_id: int, version: int) -> float:
    now = time.monotonic()
    shown = st.session_state.get(f"wb-shown-{segment_id}-{version}", now)
    since = max(shown, st.session_state.get(LAST_SAVE, shown))
    return attributed_seconds(now, since)


def _saved(segment_id: int, confirm: bool, position: int) -> None:
    st.session_state[LAST_SAVE] = time.monotonic()
    for key in (conflict_key(segment_id), pending_key(segment_id)):
        st.session_state.pop(key, None)
    if confirm:
        st.session_state[MOVE_AFTER] = position


def save(segment_id: int, version: int, key: str, confirm: bool, position: int) -> None:
    """Save the text box ``key`` as the segment's edit (confirmed or not), against ``version``."""
    text = str(st.session_state.get(key) or "")
    store = resources.store()
    try:
        store.save_edit(
            segment_id, text, version, confirm=confirm, seconds=_seconds(segment_id, version)
        )
    except ConflictError as err:
        st.session_state[conflict_key(segment_id)] = editing.conflict_from(
            store, err, text, confirm
        )
        return
    _saved(segment_id, confirm, position)


def keep_mine(segment_id: int, position: int) -> None:
    """Resolve a conflict by saving the translator's text over the other save."""
    conflict: editing.Conflict | None = st.session_state.get(conflict_key(segment_id))
    if conflict is None:
        return
    store = resources.store()
    try:
        editing.keep_mine(store, conflict, _seconds(segment_id, conflict.their_version))
    except ConflictError as err:
        st.session_state[conflict_key(segment_id)] = editing.conflict_from(
            store, err, conflict.yours, conflict.confirm
        )
        return
    _saved(segment_id, conflict.confirm, position)


def take_theirs(segment_id: int) -> None:
    """Resolve a conflict by keeping the other save (the translator's text is dropped)."""
    st.session_state.pop(conflict_key(segment_id), None)


def _replace(segment_id: int, text: str, version: int, position: int) -> None:
    store = resources.store()
    try:
        store.save_edit(segment_id, text, version, seconds=_seconds(segment_id, version))
    except ConflictError as err:
        st.session_state[conflict_key(segment_id)] = editing.conflict_from(store, err, text, False)
        return
    st.session_state.pop(alternatives_key(segment_id), None)
    _saved(segment_id, False, position)


def propose(segment: SegmentRow, text: str, what: str) -> None:
    """Put ``text`` in as the edit; over a human edit, only after a confirmation step."""
    if editing.is_human(segment):
        st.session_state[pending_key(segment.id)] = Pending(text, segment.version, what)
    else:
        _replace(segment.id, text, segment.version, segment.position)


def confirm_pending(segment_id: int, position: int) -> None:
    """The translator confirmed the replacement: do it (against the version they saw)."""
    pending: Pending | None = st.session_state.pop(pending_key(segment_id), None)
    if pending is not None:
        _replace(segment_id, pending.text, pending.version, position)


def cancel_pending(segment_id: int) -> None:
    st.session_state.pop(pending_key(segment_id), None)


def find_alternatives(segment_id: int) -> None:
    """Re-translate the segment with a beam of :data:`editing.ALTERNATIVES`; keep the n-best."""
    translator = resources.model_state().translator
    if translator is None:
        return
    source = resources.store().segment(segment_id).source
    try:
        found = editing.alternatives(translator, source)
    # Whatever the engine raises, the row stays usable and says what went wrong.
    except Exception as err:
        st.session_state[alternatives_key(segment_id)] = f"Re-translation failed: {err}"
        return
    st.session_state[alternatives_key(segment_id)] = found


def close_alternatives(segment_id: int) -> None:
    st.session_state.pop(alternatives_key(segment_id), None)


def restore(segment_id: int, history_id: int, version: int, text: str, position: int) -> None:
    """Make a history entry's English current again (a new version; nothing is deleted)."""
    store = resources.store()
    try:
        store.restore(segment_id, history_id, version)
    except ConflictError as err:
        st.session_state[conflict_key(segment_id)] = editing.conflict_from(store, err, text, False)
        return
    _saved(segment_id, False, position)
