"""Sign-in for a newsroom's editor: OpenID Connect through Streamlit's own ``st.login``/``st.user``.

With an ``[auth]`` section in Streamlit's secrets (``redirect_uri``, ``cookie_secret``,
``client_id``, ``client_secret``, ``server_metadata_url`` of the newsroom's SSO: Google, Microsoft
Entra, Keycloak…) every page first needs a signed-in user whose email is a user of the store
(``workbench users add``); anyone else sees the sign-in page and nothing of the documents. We store
no passwords: Streamlit keeps the identity in a signed cookie. Without ``[auth]`` the editor is one
translator's own (local mode) and ``workbench ui`` serves it on 127.0.0.1 only.

A signed-in user's store (:func:`scoped`) shows only the documents they may open and signs every
save and restore with their email, so the views need not know about users at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

import streamlit as st

from workbench.errors import AccessError, NotFoundError
from workbench.store import users
from workbench.store.records import DocumentRow, SegmentRow
from workbench.store.sqlite import Store

#: The session's signed-in email (absent in local mode).
SESSION_KEY = "wb-signed-in"


def auth_configured() -> bool:
    """Whether Streamlit's secrets hold an ``[auth]`` section (then sign-in is required)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file at all, or one Streamlit cannot read: no sign-in set up
        return False


def _sign_in_page(message: str | None = None) -> None:
    st.title("Arabic→English workbench")
    st.write("Sign in with your newsroom account to see your documents.")
    if message:
        st.warning(message)
    st.button("Sign in", key="wb-sign-in", on_click=st.login, type="primary")


def gate(store: Store) -> str | None:
    """The signed-in user's email, or None in local mode; for anyone else, stop the script here."""
    if not auth_configured():
        st.session_state.pop(SESSION_KEY, None)
        return None
    st.session_state.pop(SESSION_KEY, None)
    if not st.user.is_logged_in:
        _sign_in_page()
        st.stop()
    email = str(st.user.get("email") or "").strip().lower()
    try:
        row = users.user(store, email) if email else None
    except AccessError:
        row = None
    if row is None:
        st.title("Arabic→English workbench")
        st.error(
            f"{email or 'This account'} is not a user of this workbench: ask an admin to run "
            f"`workbench users add {email or 'EMAIL'} --role translator`."
        )
        st.button("Sign out", key="wb-sign-out", on_click=st.logout)
        st.stop()
    st.session_state[SESSION_KEY] = row.email
    return row.email


def signed_in() -> str | None:
    """This session's signed-in email, if any."""
    value = st.session_state.get(SESSION_KEY)
    return str(value) if value else None


def account_bar(email: str) -> None:
    """Who is signed in, and the way out."""
    left, right = st.columns([6, 1])
    left.caption(f"Signed in as {email}")
    right.button("Sign out", key="wb-sign-out", on_click=st.logout)


def request_email(cookies: Mapping[str, str], origin: str | None) -> str | None:
    """The signed-in email of an HTTP request to one of our routes, or None (no sign-in cookie,
    a forged or expired one, or a request from another origin than the one signed in at).

    This is Streamlit's own reading of its ``st.login`` cookie for the WebSocket (signature,
    chunks, origin), so a route trusts exactly what a page's ``st.user`` does.
    """
    from streamlit.web.server.server_util import AUTH_COOKIE_NAME
    from streamlit.web.server.starlette import starlette_websocket as ws

    if not origin:
        return None
    raw = ws._get_signed_cookie_with_chunks(dict(cookies), AUTH_COOKIE_NAME)
    info = ws._parse_decoded_user_cookie(raw, origin) if raw else {}
    email = str(info.get("email") or "").strip().lower()
    return email if info.get("is_logged_in") is True and email else None


def for_user(store: Store, email: str) -> Store:
    """``store`` as ``email`` sees it; AccessError unless they are a user of the store."""
    return cast(Store, SignedInStore(store, users.user(store, email).email))


def document_allowed(store: Store, email: str, doc: object) -> bool:
    """Whether ``doc`` (a ``?doc=`` value) is one ``email`` may open; a bad value is allowed
    through (the page says it is not a document)."""
    try:
        doc_id = int(str(doc))
    except ValueError:
        return True
    return users.can_open(store, email, doc_id)


class SignedInStore:
    """The store as one signed-in user sees it: their documents only, their email on each save."""

    def __init__(self, store: Store, email: str) -> None:
        self._store = store
        self.email = email

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def _check(self, doc_id: int) -> None:
        if not users.can_open(self._store, self.email, doc_id):
            raise NotFoundError(f"no document {doc_id} for {self.email} (not assigned to them).")

    def documents(self) -> list[DocumentRow]:
        return users.visible_documents(self._store, self.email)

    def document(self, doc_id: int) -> DocumentRow:
        self._check(doc_id)
        return self._store.document(doc_id)

    def document_text(self, doc_id: int) -> tuple[str, bytes]:
        self._check(doc_id)
        return self._store.document_text(doc_id)

    def source_text(self, doc_id: int) -> str:
        self._check(doc_id)
        return self._store.source_text(doc_id)

    def iter_source(self, doc_id: int, part: str = "text") -> Any:
        self._check(doc_id)
        return self._store.iter_source(doc_id, part)

    def segments(self, doc_id: int, **kwargs: Any) -> list[SegmentRow]:
        self._check(doc_id)
        return self._store.segments(doc_id, **kwargs)

    # Drafts are the signed-in user's own: another person's draft of the segment is not theirs.
    def save_draft(self, segment_id: int, text: str, base_version: int) -> Any:
        self._check(self._store.segment(segment_id).document_id)
        return self._store.save_draft(segment_id, text, base_version, author=self.email)

    def draft(self, segment_id: int) -> Any:
        return self._store.draft(segment_id, author=self.email)

    def drafts(self, doc_id: int) -> Any:
        self._check(doc_id)
        return self._store.drafts(doc_id, author=self.email)

    def discard_draft(self, segment_id: int) -> None:
        self._check(self._store.segment(segment_id).document_id)
        self._store.discard_draft(segment_id, author=self.email)

    def set_aside(self, segment_id: int, text: str, actor: str | None = None) -> None:
        self._check(self._store.segment(segment_id).document_id)
        self._store.set_aside(segment_id, text, actor or self.email)

    def delete_document(self, doc_id: int) -> None:
        self._store.delete_document(doc_id, actor=self.email)

    def add_document(self, *args: Any, **kwargs: Any) -> int:
        users.require(self._store, self.email, "import")
        return self._store.add_document(*args, **kwargs)

    def add_aligned_document(self, *args: Any, **kwargs: Any) -> int:
        users.require(self._store, self.email, "import")
        return self._store.add_aligned_document(*args, **kwargs)

    def save_edit(self, segment_id: int, text: str, expected_version: int, **kwargs: Any) -> Any:
        self._check(self._store.segment(segment_id).document_id)
        kwargs["actor"] = kwargs.get("actor") or self.email
        return self._store.save_edit(segment_id, text, expected_version, **kwargs)

    def restore(self, segment_id: int, history_id: int, expected_version: int, **kw: Any) -> Any:
        self._check(self._store.segment(segment_id).document_id)
        kw["actor"] = kw.get("actor") or self.email
        return self._store.restore(segment_id, history_id, expected_version, **kw)


def scoped(store: Store) -> Store:
    """``store`` as this session's signed-in user sees it (itself in local mode)."""
    email = signed_in()
    return store if email is None else cast(Store, SignedInStore(store, email))
