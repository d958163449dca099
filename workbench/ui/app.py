"""The editor's frame: ``streamlit run workbench/ui/app.py`` (``workbench ui`` builds the command).

Pages: Library (import, progress, delete), Editor (post-edit a document), Scores (effort and
export). The store and the translator are loaded once per process (see ``resources``); every page
shows a banner when the model is a stand-in or missing.

Environment: ``WORKBENCH_HOME`` (the store), ``WORKBENCH_MODELS`` (installed models),
``WORKBENCH_MODEL_DIR`` (one model directory, overriding the lookup). Arguments after ``--``:
``--doc N`` makes document N the editor's default (``launch.url`` links straight to it).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench.ui import markup, resources
from workbench.ui.widgets import model_banner

VIEWS = Path(__file__).resolve().parent / "views"

st.set_page_config(page_title="Arabic→English workbench", page_icon="📰", layout="wide")
st.html(markup.STYLE)

pages = [
    st.Page(
        VIEWS / "library" / "page.py",
        title="Library",
        icon=":material/library_books:",
        url_path="library",
        default=True,
    ),
    st.Page(
        VIEWS / "editor" / "page.py", title="Editor", icon=":material/edit_note:", url_path="editor"
    ),
    st.Page(
        VIEWS / "scores" / "page.py",
        title="Scores",
        icon=":material/monitoring:",
        url_path="scores",
    ),
    st.Page(
        VIEWS / "align" / "page.py",
        title="Align",
        icon=":material/compare_arrows:",
        url_path="align",
    ),
]
page = st.navigation(pages, position="top")
model_banner(resources.model_state())
page.run()
