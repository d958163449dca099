"""Scores page: progress, post-editing distance (HTER) and edit time of a document, the same per
translator (``quality.people``), how well the per-segment signals predicted the effort
(``quality.predict``: Spearman ρ with HTER); downloads."""

from __future__ import annotations

import streamlit as st

from workbench.export.model import Unit
from workbench.quality import effort
from workbench.quality.people import effort_by_person
from workbench.quality.predict import MIN_PAIRS, Correlation, document_correlations
from workbench.store.sqlite import Store
from workbench.ui import markup, resources, state
from workbench.ui.downloads import effort_buttons, export_buttons
from workbench.ui.widgets import choose_document


def _duration(seconds: float) -> str:
    minutes, secs = divmod(round(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min" if hours else f"{minutes} min {secs:02d} s"


def _standin_mt(store: Store, doc_id: int) -> bool:
    """Whether some segment's MT is labelled as not a translation (a stand-in or test model)."""
    return any(
        Unit(s).mt_is_translation is False for s in store.segments(doc_id) if s.mt is not None
    )


LOCAL_OPERATOR = "local operator (no sign-in)"


def people_table(store: Store, doc_id: int) -> dict[str, list[object]] | None:
    """Columns of the per-translator table (None if nobody has saved yet). Names are data cells
    of a dataframe, so they are shown as literal text, never as Markdown or HTML."""
    rows = effort_by_person(store, doc_id)
    if not rows:
        return None
    return {
        "Translator": [LOCAL_OPERATOR if r.actor is None else r.actor for r in rows],
        "Saves": [r.saves for r in rows],
        "Segments saved": [r.segments for r in rows],
        "Segments confirmed": [r.confirmed for r in rows],
        "Edit time": [_duration(r.seconds) if r.seconds else "not recorded" for r in rows],
        "HTER (confirmed)": ["–" if r.hter is None else f"{r.hter:.1f}" for r in rows],
    }


def _people(store: Store, doc_id: int) -> None:
    st.subheader("By translator")
    table = people_table(store, doc_id)
    if table is None:
        st.info("Nobody has saved a segment of this document yet.")
        return
    st.dataframe(table, hide_index=True)
    st.caption(
        "Segments saved: those whose English this person set last. HTER is over the ones of "
        "those now confirmed or approved that have MT."
    )


PREDICT_NOTE = (
    "Spearman ρ between each signal and the HTER of the confirmed segments (−1…1; 0: no "
    "relation). Confidence worked if ρ is negative (the model was surest where least was "
    "changed); the other signals if it is positive. With few segments ρ swings widely: read it "
    "as a hint until dozens of segments are confirmed."
)
STANDIN_NOTE = (
    "This MT comes from the stand-in model (random weights, not a translation): its confidence "
    "says nothing about translation quality, so its ρ here is noise. Judge confidence only on MT "
    "of the real model."
)


def predictions_table(rows: list[Correlation]) -> dict[str, list[object]]:
    """Columns of the signal-versus-effort table."""
    return {
        "Signal": [r.label for r in rows],
        "Spearman ρ with HTER": ["–" if r.rho is None else f"{r.rho:+.2f}" for r in rows],
        "Segments": [r.n for r in rows],
        "Predicts effort if ρ is": ["negative" if r.good_sign < 0 else "positive" for r in rows],
    }


def _predictions(store: Store, doc_id: int, standin: bool) -> None:
    st.subheader("Did the signals predict the effort?")
    rows = document_correlations(store, doc_id)
    if all(r.rho is None for r in rows):
        st.info(
            "Appears once segments with MT are confirmed after an edit (HTER needs both); "
            f"ρ needs at least {MIN_PAIRS}."
        )
        return
    st.dataframe(predictions_table(rows), hide_index=True)
    st.caption(PREDICT_NOTE)
    if standin:
        st.warning(STANDIN_NOTE)


def render() -> None:
    """The Scores page."""
    store = resources.store()
    st.header("Scores")
    document = choose_document(store.documents(), key=state.SCORES_DOC)
    if document is None:
        st.info("No documents yet: import one on the Library page.")
        return
    summary, rows = effort.document_effort(store, document.id)
    done = summary.confirmed / summary.segments if summary.segments else 0.0
    st.progress(done, text=f"{summary.confirmed} of {summary.segments} segments confirmed")
    cols = st.columns(4)
    cols[0].metric("Post-edited segments", f"{summary.post_edited} / {summary.segments}")
    cols[1].metric(
        "Document HTER",
        "–" if summary.hter is None else f"{summary.hter:.1f}",
        help="TER of the MT against the post-edits, over every post-edited segment: the share "
        "of words changed (lower = less editing).",
    )
    cols[2].metric("Edit time (approx.)", _duration(summary.edit_seconds))
    wph = summary.words_per_hour
    cols[3].metric("Source words / hour", "–" if wph is None else f"{wph:.0f}")
    if summary.hter_signature:
        st.html(markup.label(f"HTER signature: {summary.hter_signature}"))
    st.caption(
        "Edit time is approximate: each save counts the time since the row was shown or since "
        f"your previous save in that tab, whichever is later, at most "
        f"{effort.IDLE_CAP_SECONDS / 60:.0f} minutes."
    )
    edited = [r for r in rows if r.hter is not None]
    if edited:
        st.subheader("Edit distance over the document")
        st.bar_chart(
            {"segment": [r.number for r in edited], "HTER": [r.hter for r in edited]},
            x="segment",
            y="HTER",
        )
        st.subheader("Edit time by segment (seconds)")
        st.bar_chart(
            {"segment": [r.number for r in rows], "seconds": [r.edit_seconds for r in rows]},
            x="segment",
            y="seconds",
        )
    else:
        st.info("No segment is post-edited yet: HTER appears once you save edits in the Editor.")
    _people(store, document.id)
    _predictions(store, document.id, _standin_mt(store, document.id))
    st.subheader("Downloads")
    effort_buttons(document, key=state.EFFORT)
    export_buttons(document, key=state.EXPORT_SCORES)


render()
