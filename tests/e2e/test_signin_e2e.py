"""Sign-in end to end: a real OpenID Connect provider, ``st.login`` through it, in real Chromium.

The provider is panva's ``oidc-provider`` (npm, in tests/e2e/oidc; ``make test`` installs it) with
its development login form, started on 127.0.0.1 by this module; the editor runs with ``[auth]``
in its ``.streamlit/secrets.toml`` pointing at it. Checked: an anonymous visitor sees the sign-in
page and nothing of the documents, even at a document's URL; a translator signs in, sees only the
document assigned to them, cannot open the other one by URL, and their email is on the edit they
save. Both on an SQLite store and on a PostgreSQL one (the server started by conftest_pg).
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from workbench.config import DATABASE_URL_ENV, HOME_ENV, MODELS_ENV
from workbench.pipeline.document import add_document
from workbench.store import users
from workbench.store.sqlite import Store
from workbench.text.read import read_file, read_text
from workbench.ui import launch

from .conftest import SEED, _free_port, _stop, _wait_healthy, wait_for

pytestmark = pytest.mark.e2e

OIDC = Path(__file__).resolve().parent / "oidc"
TRANSLATOR = "tr@example.org"
READY_MS = 60_000


@dataclass(frozen=True)
class Newsroom:
    url: str
    store: Store
    mine: int
    other: int
    other_name: str
    home: Path


def _provider(port: int, redirect: str, client: str, secret: str, log: Path) -> Any:
    if shutil.which("node") is None:
        pytest.skip("Node.js is not installed (the test's OpenID Connect provider runs on it)")
    if not (OIDC / "node_modules" / "oidc-provider").is_dir():
        pytest.skip(f"oidc-provider is not installed: npm ci --prefix {OIDC} (make test does it)")
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            ["node", str(OIDC / "provider.mjs"), str(port), redirect, client, secret],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    deadline = time.monotonic() + 30
    while b"ready" not in log.read_bytes():
        if proc.poll() is not None or time.monotonic() > deadline:
            _stop(proc)
            raise RuntimeError(f"the OIDC provider did not start:\n{log.read_text()}")
        time.sleep(0.1)
    return proc


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def newsroom(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path
) -> Iterator[Newsroom]:
    """The editor with sign-in, on an SQLite store and then on a PostgreSQL one."""
    home = tmp_path_factory.mktemp("newsroom")
    database = None
    if request.param == "postgres":
        database = request.getfixturevalue("pg_server").url()
    store = Store(database or home / "workbench.db")
    mine = add_document(store, read_file(SEED))[0]
    other_name = "not-yours-secret-plan.txt"
    other = add_document(store, read_text("خطة سرية لا يراها المترجم.", name=other_name))[0]
    users.add_user(store, "boss@example.org", "admin")
    users.add_user(store, TRANSLATOR, "translator")
    users.assign(store, mine, TRANSLATOR)
    app_port, oidc_port = _free_port(), _free_port()
    app = f"http://127.0.0.1:{app_port}"
    client, secret = "workbench", secrets.token_urlsafe(24)
    (home / ".streamlit").mkdir()
    (home / ".streamlit" / "secrets.toml").write_text(
        "[auth]\n"
        f'redirect_uri = "{app}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        f'client_id = "{client}"\n'
        f'client_secret = "{secret}"\n'
        f'server_metadata_url = "http://127.0.0.1:{oidc_port}/.well-known/openid-configuration"\n'
        # Streamlit asks for prompt=select_account (Google's); this provider knows login/consent.
        'client_kwargs = { prompt = "login" }\n',
        encoding="utf-8",
    )
    assert launch.auth_configured(launch.secrets_files(home))
    provider = _provider(oidc_port, f"{app}/oauth2callback", client, secret, home / "oidc.log")
    env = {**os.environ, HOME_ENV: str(home), MODELS_ENV: str(tiny_model_dir.parent)}
    env.pop("WORKBENCH_MODEL_DIR", None)
    env.pop(DATABASE_URL_ENV, None)
    if database is not None:
        env[DATABASE_URL_ENV] = database
    log = home / "streamlit.log"
    try:
        with open(log, "wb") as out:
            proc = subprocess.Popen(
                launch.command(app_port),
                env=env,
                cwd=home,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            _wait_healthy(app, proc, log)
            yield Newsroom(app, store, mine, other, other_name, home)
        finally:
            _stop(proc)
    finally:
        _stop(provider)


def _sign_in(page: Any, newsroom: Newsroom, email: str) -> None:
    page.goto(newsroom.url)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_selector("input[name=login]", timeout=30_000)  # the provider's own page
    assert page.url.startswith("http://127.0.0.1:") and newsroom.url not in page.url
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "any")
    page.locator("button[type=submit]").click()
    page.get_by_role("button", name="Continue").click()  # the provider's consent page
    try:
        page.get_by_text(f"Signed in as {email}").wait_for(timeout=READY_MS)
    except Exception:
        page.screenshot(path=str(newsroom.home / "signin-failed.png"))
        raise


def test_anonymous_visitor_sees_only_the_sign_in_page(browser: Any, newsroom: Newsroom) -> None:
    page = browser.new_context().new_page()
    for path in ("/", f"/editor?doc={newsroom.mine}", "/library"):
        page.goto(newsroom.url + path)
        page.get_by_role("button", name="Sign in").wait_for(timeout=READY_MS)
        text = page.locator("body").inner_text()
        assert "Sign in with your newsroom account" in text
        assert newsroom.other_name not in text and SEED.name not in text
        assert page.locator("textarea").count() == 0
    page.context.close()


def test_translator_signs_in_edits_and_cannot_open_another_document(
    browser: Any, newsroom: Newsroom, screenshots: Path
) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    _sign_in(page, newsroom, TRANSLATOR)
    page.goto(f"{newsroom.url}/editor?doc={newsroom.other}")
    page.get_by_text("is not assigned to you").wait_for(timeout=READY_MS)
    assert page.locator("textarea").count() == 0
    page.screenshot(path=str(screenshots / "signin-refused.png"))

    first = next(s for s in newsroom.store.segments(newsroom.mine) if s.kind == "prose")
    page.goto(f"{newsroom.url}/editor?doc={newsroom.mine}")
    box = page.locator(f".st-key-wb-row-{first.id} textarea")
    box.wait_for(timeout=READY_MS)
    box.fill("A draft first. (e2e)")  # the draft route reads the sign-in cookie: it is kept
    wait_for(lambda: _draft_text(newsroom.store, first.id) == "A draft first. (e2e)", "the draft")
    box.fill("Signed and saved. (e2e)")
    box.press("Control+Enter")
    wait_for(lambda: newsroom.store.segment(first.id).status == "confirmed", "the save")
    last = newsroom.store.history(first.id)[-1]
    assert (last.post_edit, last.actor) == ("Signed and saved. (e2e)", TRANSLATOR)
    page.screenshot(path=str(screenshots / "signin-editor.png"))
    page.context.close()


def _draft_text(store: Store, segment_id: int) -> str | None:
    draft = store.draft(segment_id, TRANSLATOR)  # drafts are per person
    return None if draft is None else draft.text
