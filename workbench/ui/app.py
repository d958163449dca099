"""The editor's frame: ``streamlit run workbench/ui/app.py`` (``workbench ui`` builds the command).

Pages: Library (import, progress, delete), Editor (post-edit a document), Scores (effort and
export). The store and the translator are loaded once per process (see ``resources``); every page
shows a banner when the model is a stand-in or missing.

Sign-in: with ``[auth]`` in Streamlit's secrets every page needs a signed-in user of the store
(:mod:`workbench.ui.signin`); without it, local mode.

Environment: ``WORKBENCH_HOME`` (the store; ``WORKBENCH_DATABASE_URL`` for PostgreSQL), ``WORKBENCH_MODELS`` (installed models),
``WORKBENCH_MODEL_DIR`` (one model directory, overriding the lookup). Arguments after ``--``:
``--doc N`` makes document N the editor's default (``launch.url`` links straight to it).

This file plays two parts. Streamlit runs it as the script ``__main__`` on every rerun: that is
the frame. ``streamlit run`` also finds the ``app = st.App(...)`` below and serves that instead of a
bare script: uvicorn imports this file as a module (``__name__ == "app"``), and the App runs this
same file as its script. The App is there for its middleware: Streamlit's ``server.allowedHosts``
guards only the WebSocket, so a Host allow-list in front of every HTTP route as well is what stops
a DNS-rebinding page from reaching the editor. Its one route of ours, ``drafts.PATH``, keeps what
the translator types as drafts between saves (see ``drafts``).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from workbench.ui import drafts, launch, markup, resources, signin, state
from workbench.ui.widgets import model_banner

VIEWS = Path(__file__).resolve().parent / "views"


def _home() -> None:
    st.switch_page(VIEWS / "library" / "page.py", query_params=st.query_params.to_dict())


def _signed_in() -> None:
    """With ``[auth]`` set up: stop here unless a user of the store is signed in, and refuse a
    document that is not theirs even when its URL is typed in (see ``signin``)."""
    email = signin.gate(resources.store())
    if email is None:
        return
    signin.account_bar(email)
    doc = st.query_params.get("doc")
    if doc is not None and not signin.document_allowed(resources.store(), email, doc):
        st.error(f"Document {doc} is not assigned to you: an admin assigns documents.")
        st.stop()


def _frame() -> None:
    st.set_page_config(page_title="Arabic→English workbench", page_icon="📰", layout="wide")
    st.html(markup.STYLE)
    _signed_in()

    pages = [
        st.Page(
            VIEWS / "library" / "page.py",
            title="Library",
            icon=":material/library_books:",
            url_path="library",
        ),
        st.Page(
            VIEWS / "editor" / "page.py",
            title="Editor",
            icon=":material/edit_note:",
            url_path="editor",
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
    # The root only sends on to the Library: a default page is served at "/" alone, so with the
    # Library as the default, "/library" (a bookmark, a typed address) was "Page not found".
    pages.append(
        st.Page(_home, title="Library", url_path="home", default=True, visibility="hidden")
    )
    state.keep_widgets()
    page = st.navigation(pages, position="top")
    model_banner(resources.model_state())
    page.run()


if __name__ == "__main__":
    _frame()
else:
    app = st.App(
        __file__,
        routes=[drafts.route()],
        middleware=[launch.host_check(st.get_option("server.allowedHosts"))],
    )
