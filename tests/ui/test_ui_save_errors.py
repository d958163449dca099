"""The editor when the store cannot save: the typed text stays in the box and the row says why.

The disk is "full" for real: the save runs on a connection whose ``PRAGMA max_page_count`` leaves
no room, so SQLite itself answers "database or disk is full" through the store's own code.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from typing import Any

import pytest
from ui_support import (
    fresh_caches,  # noqa: F401  (an autouse fixture)
    open_page,
)
from ui_support import html as _html
from ui_support import submit as _submit

from workbench.config import settings
from workbench.pipeline.document import add_document
from workbench.store import connection
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text
from workbench.ui import resources
from workbench.ui.resources import ModelState

ARTICLE = "أعلنت الحكومة اليوم عن خطة جديدة للتعليم. وقال الوزير إن الخطة تبدأ في أيلول."
#: Long enough to need new pages, which a full disk cannot give.
LONG = "The government announced a new plan for education today. " * 400


@pytest.fixture(autouse=True)
def translator(monkeypatch: pytest.MonkeyPatch) -> FakeTranslator:
    fake = FakeTranslator()
    found = ModelState(fake, "standin", "fake stand-in")
    monkeypatch.setattr(resources, "model_state", lambda: found)
    return fake


@pytest.fixture
def disk_full(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """While ``full[0]`` is true, every save finds the disk full (the store grows no more)."""
    full = [True]
    save_edit = Store.save_edit

    def on_a_full_disk(self: Store, *args: Any, **kwargs: Any) -> Any:
        if not full[0]:
            return save_edit(self, *args, **kwargs)
        pages = self.db.execute("PRAGMA page_count").fetchone()[0]
        self.db.execute(f"PRAGMA max_page_count = {pages}")
        try:
            return save_edit(self, *args, **kwargs)
        finally:
            self.db.execute("PRAGMA max_page_count = 1073741823")

    monkeypatch.setattr(Store, "save_edit", on_a_full_disk)
    yield full


@pytest.mark.parametrize("label", ["Save ✓ confirm & next", "Save unconfirmed"])
def test_a_failed_save_keeps_the_text_and_says_so(
    store: Store, disk_full: list[bool], label: str
) -> None:
    doc_id = add_document(store, read_text(ARTICLE, name="a.txt"))[0]
    at = open_page("editor", doc_id)
    seg = next(s for s in store.segments(doc_id) if s.kind == "prose")
    box = f"wb-edit-{seg.id}-{seg.version}"
    at.text_area(key=box).input(LONG)
    _submit(at, seg.id, label)
    assert store.segment(seg.id) == seg, "nothing was written"
    assert at.text_area(key=box).value == LONG, "the typed text stays in the box"
    html = _html(at)
    assert "Not saved" in html and "database or disk is full" in html
    assert str(settings().store_path) in html and "Free some disk space" in html
    assert store.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    disk_full[0] = False  # space was freed: the same box saves, and the message goes
    _submit(at, seg.id, label)
    assert store.segment(seg.id).post_edit == LONG
    assert "Not saved" not in _html(at)


def test_an_io_error_on_save_is_shown_not_raised(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id = add_document(store, read_text(ARTICLE, name="a.txt"))[0]
    at = open_page("editor", doc_id)
    seg = next(s for s in store.segments(doc_id) if s.kind == "prose")
    execute = connection._Database.execute

    def failing_writes(self: connection._Database, sql: str, *args: Any) -> sqlite3.Cursor:
        if not sql.startswith("UPDATE"):
            return execute(self, sql, *args)
        # What SQLite raises when the disk fails under a write, as the connection reports it.
        err = sqlite3.OperationalError("disk I/O error")
        err.sqlite_errorcode = sqlite3.SQLITE_IOERR_WRITE
        raise connection.file_error(self.path, err) or err

    monkeypatch.setattr(connection._Database, "execute", failing_writes)
    box = f"wb-edit-{seg.id}-{seg.version}"
    at.text_area(key=box).input("My careful edit")
    _submit(at, seg.id, "Save unconfirmed")
    assert at.text_area(key=box).value == "My careful edit"
    assert "disk I/O error" in _html(at) and "Check the disk" in _html(at)
    monkeypatch.undo()
    assert store.segment(seg.id) == seg
