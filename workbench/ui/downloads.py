"""Download buttons: every format of the export registry, and the effort log.

The exports go through :func:`workbench.export.core.export_document`, the command line's code path. The
bytes are made only when a button is clicked (a callable ``data``), so drawing the buttons costs
nothing however long the document is. If the export module is missing, the buttons say so.
"""

from __future__ import annotations

import streamlit as st

from workbench.export import effort_log
from workbench.quality import effort
from workbench.store.records import DocumentRow
from workbench.ui import resources, state


def export_buttons(document: DocumentRow, *, key: str) -> None:
    """One download button per registered export format."""
    try:
        from workbench.export import EXPORTERS, export_document, safe_filename
    except ImportError as err:  # the export module is optional while it is being built
        st.info(f"Export is not available in this installation ({err.name} is missing).")
        return
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
