"""Pieces every page uses: the model banner, literal alerts, and the shared document choice."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import streamlit as st

from workbench.store.records import DocumentRow
from workbench.ui import markup, state
from workbench.ui.launch import requested_document
from workbench.ui.resources import INSTALL_COMMAND, ModelState


def literal(text: str, kind: str = "error") -> None:
    """An alert box whose text is shown exactly as written (never parsed as Markdown)."""
    st.html(markup.alert(text, kind))


def model_banner(state: ModelState) -> None:
    """Say plainly when the English is not a translation, or when there is no model at all."""
    if state.translator is None:
        st.error("No translation model is loaded: new documents cannot be translated.", icon="⚠️")
        literal(state.problem or "unknown problem", "error")
    elif state.is_standin:
        # Kept to a line or two (CSS: .st-key-wb-banner): the editor's grid needs the screen.
        with st.container(key="wb-banner"):
            st.warning(
                "**Stand-in model: the English it makes is NOT a translation** (random weights, "
                f"{state.kind}: for testing the workbench only; each MT label says what made it). "
                f"Install opus-mt-ar-en: `{INSTALL_COMMAND}`, then restart `workbench ui`.",
                icon="⚠️",
            )


def _option(doc: DocumentRow) -> str:
    return f"{doc.id} · {doc.name}"


def choose_document(
    documents: Sequence[DocumentRow],
    *,
    key: str,
    label_visibility: Literal["visible", "collapsed"] = "visible",
) -> DocumentRow | None:
    """A document picker that remembers the choice in the URL (``?doc=ID``) and the session.

    The URL wins (so a reload or a shared link opens the same document), then the session, then
    ``workbench ui --doc N``, then the newest document.
    """
    if not documents:
        return None
    by_id = {doc.id: doc for doc in documents}
    wanted: int | None = None
    for candidate in (st.query_params.get("doc"), state.document.get()):
        try:
            wanted = int(candidate) if candidate is not None else None
        except (TypeError, ValueError):
            wanted = None
        if wanted in by_id:
            break
    else:
        startup = requested_document()
        wanted = startup if startup in by_id else documents[0].id
    ids = list(by_id)
    chosen = st.selectbox(
        "Document",
        ids,
        index=ids.index(wanted) if wanted in by_id else 0,
        format_func=lambda doc_id: _option(by_id[doc_id]),
        key=key,
        label_visibility=label_visibility,
    )
    remembered = state.document.get()
    if chosen != remembered or st.query_params.get("doc") != str(chosen):
        if remembered not in (None, chosen):
            st.query_params.pop("page", None)
        state.document.set(chosen)
        st.query_params["doc"] = str(chosen)
    return by_id[chosen]
