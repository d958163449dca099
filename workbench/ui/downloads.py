"""Download buttons: every format of the export registry, and the effort log.

The exports go through :func:`workbench.export.core.export_document`, the command line's code path. The
bytes are made only when a button is clicked (a callable ``data``), so drawing the buttons costs
nothing however long the document is. If the export module is missing, the buttons say so.

Before the export buttons, the document's QA (:mod:`workbench.quality.summary`, with the store's
glossary): when segments have issues, the buttons wait for "Export anyway" to be ticked.
"""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from workbench.config import settings
from workbench.errors import WorkbenchError
from workbench.export import effort_log
from workbench.quality import effort
from workbench.quality.summary import QASummary, document_summary
from workbench.store.records import DocumentRow
from workbench.terms.glossary import Glossary, Term
from workbench.terms.stored import stored_terms
from workbench.ui import markup, resources, state


@lru_cache(maxsize=16)
def _summary(
    doc_id: int, stamp: tuple[object, ...], terms: tuple[Term, ...], location: str
) -> QASummary:
    # Keyed on the document's segment count and latest change, and on the glossary.
    return document_summary(resources.store(), doc_id, Glossary(list(terms)))


def qa_summary(document: DocumentRow) -> QASummary:
    """The document's QA summary, recomputed only when a segment or the glossary changed."""
    store = resources.store()
    stamp = store.db.execute(
        "SELECT COUNT(*), MAX(updated_at) FROM segments WHERE document_id = ?", (document.id,)
    ).fetchone()
    location = str(settings().store_location)
    return _summary(document.id, tuple(stamp), tuple(stored_terms(store)), location)


def qa_gate(document: DocumentRow, *, key: str) -> bool:
    """The QA summary before an export; True when the export may go ahead."""
    try:
        summary = qa_summary(document)
    except WorkbenchError as err:
        st.html(markup.alert(f"QA could not be run: {err}", "warning"))
        return True
    if not summary.segments:
        st.html(markup.label(f"QA: no issues in the {summary.checked} segments."))
        return True
    st.html(markup.alert(f"{summary.message} {summary.detail}", "warning"))
    return st.checkbox(
        "Export anyway",
        key=state.download_key(key, "qa-anyway"),
        help="The export holds the English as it stands, issues included.",
    )


def export_buttons(document: DocumentRow, *, key: str) -> None:
    """One download button per registered export format."""
    try:
        from workbench.export import EXPORTERS, export_document, safe_filename
    except ImportError as err:  # the export module is optional while it is being built
        st.info(f"Export is not available in this installation ({err.name} is missing).")
        return
    ready = qa_gate(document, key=key)
    columns = st.columns(min(len(EXPORTERS), 6) or 1)
    for i, (name, spec) in enumerate(EXPORTERS.items()):

        def render(fmt: str = name) -> bytes:
            return export_document(resources.store(), document.id, fmt).data

        columns[i % len(columns)].download_button(
            name.upper(),
            data=render,
            file_name=safe_filename(document.name, spec.suffix),
            mime=spec.media_type,
            key=state.download_key(key, name),
            help=spec.description,
            on_click="ignore",
            icon=":material/download:",
            disabled=not ready,
        )


def effort_buttons(document: DocumentRow, *, key: str) -> None:
    """The effort log of ``document`` as JSONL and TSV."""

    def log(fmt: str) -> bytes:
        summary, rows = effort.document_effort(resources.store(), document.id)
        return (
            effort_log.to_jsonl(summary, rows)
            if fmt == "jsonl"
            else effort_log.to_tsv(summary, rows)
        )

    stem = f"effort-{document.id}"
    jsonl_col, tsv_col = st.columns(2)
    jsonl_col.download_button(
        "Effort log (JSONL)",
        data=lambda: log("jsonl"),
        file_name=f"{stem}.jsonl",
        mime="application/x-ndjson",
        key=state.download_key(key, "jsonl"),
        on_click="ignore",
        icon=":material/download:",
    )
    tsv_col.download_button(
        "Effort log (TSV)",
        data=lambda: log("tsv"),
        file_name=f"{stem}.tsv",
        mime="text/tab-separated-values; charset=utf-8",
        key=state.download_key(key, "tsv"),
        on_click="ignore",
        icon=":material/download:",
    )
