"""Shared fixtures: every test runs with its own data directory, so none touches real user data."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from workbench.config import DATABASE_URL_ENV, HOME_ENV, MODELS_ENV, SHARED_ENV, Settings

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_ec79a99fe1463192.txt"
_SESSION_HOME: list[str] = []
#: The models folder the environment named before the tests pointed it at an empty one (read
#: when this module is imported, before pytest_configure): where tests/test_realmodel.py looks.
USER_MODELS_ENV = os.environ.get(MODELS_ENV)


def pytest_configure(config: pytest.Config) -> None:
    """Before collection, too, nothing reaches the real user data: importing a Streamlit page
    module runs it, and it opens the store of whatever home the environment names."""
    home = tempfile.mkdtemp(prefix="workbench-test-home-")
    _SESSION_HOME.append(home)
    os.environ[HOME_ENV] = home
    os.environ[MODELS_ENV] = os.path.join(home, "models")
    os.environ.pop(DATABASE_URL_ENV, None)


def pytest_unconfigure(config: pytest.Config) -> None:
    for home in _SESSION_HOME:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv(HOME_ENV, str(home))
    # No test sees the models installed in the checkout: each names the model it uses.
    monkeypatch.setenv(MODELS_ENV, str(home / "models"))
    # Nor the team's PostgreSQL server: a test that wants one starts its own (conftest_pg).
    monkeypatch.delenv(DATABASE_URL_ENV, raising=False)
    return home


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared development data; tests that need it skip, saying what is missing, without it."""
    return Settings.from_env().shared_dir


def require_shared(path: Path) -> Path:
    if not path.exists():
        pytest.skip(
            f"shared development data missing: {path} (set {SHARED_ENV} to the shared/ folder)"
        )
    return path


@pytest.fixture
def seed_path() -> Path:
    return SEED


from conftest_models import *  # noqa: E402, F403
from conftest_pg import *  # noqa: E402, F403
