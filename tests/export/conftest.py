"""Fixtures of the export tests: a store, and in it the seed article or hostile text."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.text.read import read_text

from .support import CONTROLS, HOSTILE_AR, HOSTILE_EN, HOSTILE_NAME, REAL, STANDIN, add_seed


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "wb.db")


@pytest.fixture
def seed_id(store: Store, seed_path: Path) -> int:
    """The seed article translated by the real model."""
    return add_seed(store, seed_path, REAL)


@pytest.fixture
def standin_id(store: Store, seed_path: Path) -> int:
    """The seed article translated by the stand-in model."""
    return add_seed(store, seed_path, STANDIN)


@pytest.fixture
def hostile_id(store: Store) -> int:
    """Arabic with markup, bidi and control characters; English edits full of the same."""
    doc_id = add_document(store, read_text(HOSTILE_AR, name=HOSTILE_NAME))[0]
    for seg in store.segments(doc_id):
        store.set_mt(seg.id, f"mt {seg.position} {CONTROLS}", "sig")
        store.save_edit(seg.id, f"{seg.position}: {HOSTILE_EN}", store.segment(seg.id).version)
    return doc_id
