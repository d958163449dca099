"""The active row's tools: copy MT, re-translate (alternatives) and discard the draft, the
alternatives with their choices, and the history with Restore; drawn only on the opened row
(see :mod:`workbench.ui.views.editor.rows`)."""

from __future__ import annotations

import streamlit as st

from workbench.store.drafts import DraftRow
from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store
from workbench.ui import editing, markup, state
from workbench.ui.diff import diff_html
from workbench.ui.views.editor import actions

#: How often a row checks on its re-translation, and what it says meanwhile.
JOB_POLL_S = 0.5
ALTERNATIVES_RUNNING = "Re-translating this segment… the other rows stay usable."


@st.fragment(run_every=JOB_POLL_S)
def _alternatives_running(segment_id: int) -> None:
    """While a re-translation runs: a spinner line on the row, checked twice a second; when it
    is done, the page is drawn again with the alternatives (drafts are kept meanwhile)."""
    if not actions.collect_alternatives(segment_id):
        st.html(markup.label(ALTERNATIVES_RUNNING, css="wb-label wb-running"))
        return
    st.rerun(scope="app")


def alternatives(segment: SegmentRow) -> None:
    """The row's re-translation: under way (a spinner), or its n-best with a "Use" each."""
    if state.alternatives_job(segment.id).get() is not None:
        _alternatives_running(segment.id)
        return
    found = state.alternatives(segment.id).get()
    if found is None:
        return
    if found.error is not None:
        st.html(markup.alert(found.error))
    else:
        st.html(
            markup.label(f"Alternatives ({len(found.texts)}, best first): pick one as your edit")
        )
        _choices(segment, found.texts)
    st.button(
        "Close alternatives",
        key=state.row_widget("alt-close", segment.id),
        on_click=actions.close_alternatives,
        args=(segment.id,),
    )


def _choices(segment: SegmentRow, found: tuple[str, ...]) -> None:
    for n, text in enumerate(found, 1):
        text_col, use_col = st.columns([5, 1])
        text_col.html(markup.english(text, css="wb-text"))
        use_col.button(
            f"Use #{n}",
            key=state.row_widget("use", segment.id, n),
            on_click=actions.propose,
            args=(segment, text, f"alternative #{n}"),
        )


def history(store: Store, segment: SegmentRow) -> None:
    """The row's history (drawn when opened): each version, a diff with now, and Restore."""
    box = st.expander(
        "History (Alt+H)", key=state.row_widget("history", segment.id), on_change="rerun"
    )
    if not box.open:
        return
    with box:
        for entry in reversed(store.history(segment.id)):
            text = editing.history_text(entry.mt, entry.post_edit)
            st.html(
                markup.label(
                    f"v{entry.version} · {entry.action} · {entry.status} · "
                    f"{entry.at[:19].replace('T', ' ')} UTC"
                )
            )
            text_col, restore_col = st.columns([5, 1])
            shown = markup.english(text, css="wb-text", empty="(empty)")
            if text is not None and text != (segment.target or ""):
                shown += (
                    '<details class="wb-flag-help"><summary>compare with the English now</summary>'
                    + diff_html(text, segment.target or "")
                    + "</details>"
                )
            text_col.html(shown)
            restore_col.button(
                "Restore",
                key=state.row_widget("restore", segment.id, entry.id),
                on_click=actions.restore,
                args=(segment.id, entry.id, segment.version, text or "", segment.position),
                disabled=text is None or text == segment.target,
                help="Make this version's English current again, as a new version (nothing is "
                "deleted). Alt+R puts the focus here, newest first; Enter restores.",
            )


def tools(segment: SegmentRow, can_translate: bool, draft: DraftRow | None) -> None:
    """Copy the MT, re-translate (alternatives), discard the draft."""
    copy_col, alt_col, discard_col = st.columns(3, vertical_alignment="center")
    discard_col.button(
        "Discard draft",
        key=state.row_widget("discard", segment.id),
        on_click=actions.discard_draft,
        args=(segment.id, segment.version, segment.target or ""),
        disabled=draft is None,
        help="Forget the typed, unsaved text; the box shows the saved English again. (Alt+D)",
    )
    copy_col.button(
        "Copy MT into the edit",
        key=state.row_widget("copy", segment.id),
        on_click=actions.propose,
        args=(segment, segment.mt or "", "the MT"),
        disabled=segment.mt is None or (segment.target == segment.mt and draft is None),
        help="Replace the English with the raw MT (asks first when you have edited it). "
        "Alt+M does it in the box, as typing.",
    )
    alt_col.button(
        f"Re-translate ({editing.ALTERNATIVES} alternatives)",
        key=state.row_widget("alt", segment.id),
        on_click=actions.find_alternatives,
        args=(segment.id,),
        disabled=not can_translate or state.alternatives_job(segment.id).get() is not None,
        help="Translate this segment again and pick from the n-best; nothing is replaced "
        "until you choose. (Alt+A; Alt+1… picks one)",
    )
