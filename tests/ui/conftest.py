"""Fixtures shared by the editor's AppTest tests."""

from __future__ import annotations

import pytest

from workbench.config import settings
from workbench.store import Store
from workbench.testing import FakeTranslator
from workbench.ui import resources
from workbench.ui.resources import ModelState


@pytest.fixture
def store() -> Store:
    """The store the pages open (the test's own, set up by tests/conftest.py)."""
    return Store(settings().store_path)


@pytest.fixture
def fake_model(monkeypatch: pytest.MonkeyPatch) -> ModelState:
    """Pages see the fake stand-in model (labelled as the stand-in), not a real one."""
    found = ModelState(FakeTranslator(), "standin", "fake stand-in")
    monkeypatch.setattr(resources, "model_state", lambda: found)
    return found
