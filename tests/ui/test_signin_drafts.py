"""The draft route with sign-in set up: over HTTP, with Streamlit's own signed ``st.login`` cookie.

The route's token is one per server process, so every signed-in user has it; what keeps a
translator's drafts to their own documents is the cookie and the same access check that opening a
document makes (``signin.for_user``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient
from streamlit.web.server.server_util import get_cookie_secret
from streamlit.web.server.starlette.starlette_app_utils import create_signed_value

from workbench.config import settings
from workbench.pipeline.document import add_document
from workbench.store import users
from workbench.store.sqlite import Store
from workbench.text.read import read_text
from workbench.ui import drafts, signin

ORIGIN = "http://testserver"
TRANSLATOR, REVIEWER = "t@example.org", "r@example.org"


def _cookie(email: str, origin: str = ORIGIN, secret: str | None = None) -> str:
    payload = json.dumps({"origin": origin, "is_logged_in": True, "email": email})
    value = create_signed_value(secret or get_cookie_secret(), "_streamlit_user", payload)
    return f"_streamlit_user={value.decode('latin-1')}"


@pytest.fixture
def newsroom(monkeypatch: pytest.MonkeyPatch) -> tuple[Store, int, int]:
    """A store with a translator's document and another one's: ``(store, mine, theirs)``."""
    monkeypatch.setattr(signin, "auth_configured", lambda: True)
    store = Store(settings().store_path)
    mine = add_document(store, read_text("جملة لي.", name="mine.txt"))[0]
    theirs = add_document(store, read_text("جملة لغيري.", name="theirs.txt"))[0]
    users.add_user(store, TRANSLATOR, "translator")
    users.add_user(store, REVIEWER, "reviewer")
    users.assign(store, mine, TRANSLATOR)
    return store, store.segments(mine)[0].id, store.segments(theirs)[0].id


def _post(segment: int, text: str, cookie: str | None, origin: str = ORIGIN) -> int:
    headers = {drafts.TOKEN_HEADER: drafts.TOKEN, "Origin": origin}
    if cookie is not None:
        headers["Cookie"] = cookie
    with TestClient(Starlette(routes=[drafts.route()])) as client:
        answer = client.post(
            drafts.PATH, json={"segment": segment, "version": 0, "text": text}, headers=headers
        )
    return answer.status_code


def test_a_translator_keeps_drafts_only_on_documents_assigned_to_them(
    newsroom: tuple[Store, int, int],
) -> None:
    store, mine, theirs = newsroom
    assert _post(mine, "My draft.", _cookie(TRANSLATOR)) == 200
    assert (draft := store.draft(mine, TRANSLATOR)) is not None and draft.text == "My draft."
    assert _post(theirs, "Not my document.", _cookie(TRANSLATOR)) == 404
    assert store.draft(theirs, TRANSLATOR) is None
    assert _post(theirs, "A reviewer sees all.", _cookie(REVIEWER)) == 200
    # Drafts are per person: the reviewer's draft of the same segment leaves the translator's.
    assert _post(mine, "The reviewer's draft.", _cookie(REVIEWER)) == 200
    assert (draft := store.draft(mine, TRANSLATOR)) is not None and draft.text == "My draft."
    assert (other := store.draft(mine, REVIEWER)) is not None and other.author == REVIEWER
    assert store.draft(mine) is None, "nothing was kept as the local translator's"


def test_an_anonymous_or_forged_draft_is_refused_when_sign_in_is_on(
    newsroom: tuple[Store, int, int], tmp_path: Path
) -> None:
    store, mine, _theirs = newsroom
    assert _post(mine, "anonymous", None) == 401
    assert _post(mine, "forged", _cookie(TRANSLATOR, secret="not-the-secret")) == 401
    assert _post(mine, "other origin", _cookie(TRANSLATOR), origin="http://evil.example") == 401
    assert _post(mine, "no user", _cookie("stranger@example.org")) == 403
    assert store.db.execute("SELECT COUNT(*) FROM drafts").fetchone()[0] == 0


def test_without_sign_in_the_route_is_local_mode(
    newsroom: tuple[Store, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    store, _mine, theirs = newsroom
    monkeypatch.setattr(signin, "auth_configured", lambda: False)
    assert _post(theirs, "the local translator", None) == 200
    assert store.draft(theirs) is not None
