"""Sign-in pieces without a browser: the signed-in user's store, and refusing to serve unsigned."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import pytest
from click.testing import CliRunner

from workbench.cli.main import cli
from workbench.errors import AccessError, ConfigError, NotFoundError
from workbench.pipeline.document import add_document
from workbench.store import users
from workbench.store.sqlite import Store
from workbench.text.read import read_text
from workbench.ui import launch
from workbench.ui.signin import SignedInStore, document_allowed


def test_a_signed_in_store_shows_only_assigned_documents_and_signs_saves(tmp_path: Path) -> None:
    store = Store(tmp_path / "wb.db")
    mine = add_document(store, read_text("جملة لي.", name="mine.txt"))[0]
    other = add_document(store, read_text("جملة لغيري.", name="other.txt"))[0]
    users.add_user(store, "t@example.org", "translator")
    users.assign(store, mine, "t@example.org")
    view = SignedInStore(store, "t@example.org")
    assert [d.id for d in view.documents()] == [mine]
    for call in (view.document, view.segments, view.document_text, view.source_text):
        with pytest.raises(NotFoundError, match="not assigned"):
            call(other)
    seg = view.segments(mine)[0]
    view.save_edit(seg.id, "Mine.", seg.version)
    assert store.history(seg.id)[-1].actor == "t@example.org"
    theirs = store.segments(other)[0]
    with pytest.raises(NotFoundError):
        view.save_edit(theirs.id, "Not mine.", theirs.version)
    with pytest.raises(AccessError, match="admins"):
        view.delete_document(mine)
    assert document_allowed(store, "t@example.org", str(mine))
    assert not document_allowed(store, "t@example.org", str(other))
    assert document_allowed(store, "t@example.org", "not-a-number")


def test_serving_beyond_loopback_needs_sign_in_or_the_unsafe_flag(tmp_path: Path) -> None:
    launch.check_exposure("127.0.0.1", auth=False)
    launch.check_exposure("localhost", auth=False)
    launch.check_exposure("0.0.0.0", auth=True)
    launch.check_exposure("0.0.0.0", auth=False, unsafe_no_auth=True)
    with pytest.raises(ConfigError, match="unsafe-no-auth"):
        launch.check_exposure("0.0.0.0", auth=False)
    secrets = tmp_path / ".streamlit" / "secrets.toml"
    secrets.parent.mkdir()
    secrets.write_text('[other]\nx = "1"\n')
    assert not launch.auth_configured([secrets, tmp_path / "missing.toml"])
    secrets.write_text('[auth]\nclient_id = "x"\n')
    assert launch.auth_configured(launch.secrets_files(tmp_path))


def test_workbench_ui_refuses_a_public_address_without_sign_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    result = CliRunner().invoke(cli, ["ui", "--address", "0.0.0.0"])
    assert result.exit_code == 1
    assert "refusing to serve" in result.output and "Traceback" not in result.output


def test_a_signed_in_translator_cannot_import(tmp_path: Path) -> None:
    store = Store(tmp_path / "wb.db")
    users.add_user(store, "boss@example.org", "admin")
    users.add_user(store, "t@example.org", "translator")
    doc = read_text("جملة جديدة.", name="new.txt")
    with pytest.raises(AccessError, match="only admins may import"):
        add_document(cast(Store, SignedInStore(store, "t@example.org")), doc)
    assert store.documents() == []
    add_document(cast(Store, SignedInStore(store, "boss@example.org")), doc)
    assert len(store.documents()) == 1
