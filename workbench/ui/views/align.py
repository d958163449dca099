"""Align page: a placeholder until the alignment view is built."""

from __future__ import annotations

import streamlit as st

st.header("Align")
st.info(
    "Not built yet: this page will show word alignments between the Arabic and the English. "
    "Use the Editor to post-edit and the Scores page for effort figures.",
    icon="🚧",
)
