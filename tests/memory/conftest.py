"""The memory's tests that read or write a store run once per backend (SQLite, then a real
PostgreSQL started by ``tests/conftest_pg.py``): the memory's SQL (the confirmed segments, their
neighbours for the pre-fill's same-context rule, who confirmed) is SQLite's dialect, rewritten
for PostgreSQL by the store, and only a run on the server shows that it means the same there.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.config import DATABASE_URL_ENV
from workbench.store import Store


@pytest.fixture
def store(any_store: Store) -> Store:
    """An empty store, once per backend (``conftest_pg``'s ``any_store``, closed at the end)."""
    return any_store


@pytest.fixture
def default_store(store_where: str | Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Store]:
    """The store the command line opens (``Store.open_default()``), once per backend: the
    test's own SQLite file, or a PostgreSQL schema named by ``WORKBENCH_DATABASE_URL``."""
    if isinstance(store_where, str):
        monkeypatch.setenv(DATABASE_URL_ENV, store_where)
    opened = Store.open_default()
    yield opened
    opened.close()
