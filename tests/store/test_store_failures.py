"""The store when its file fails: a full disk, an I/O error, a damaged file.

Each ends in a :class:`StoreFileError` naming the file and the fix; the transaction that failed
leaves nothing, every one committed before it stays, and the file passes ``integrity_check``.
A full disk is made two ways: ``PRAGMA max_page_count`` (SQLite's own SQLITE_FULL, in
milliseconds) and a real 2 MiB tmpfs filled to the last byte (skipped where mounting is refused).
"""

from __future__ import annotations

import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from workbench.errors import StoreError, StoreFileError
from workbench.pipeline.document import add_document
from workbench.store import connection
from workbench.store.sqlite import Store
from workbench.text.read import read_text

ARTICLE = "أعلنت الحكومة اليوم عن خطة جديدة للتعليم. وقال الوزير إن الخطة تبدأ في أيلول."
#: Enough text to need pages a full disk cannot give.
LONG_AR = "قال الوزير إن الخطة جديدة. " * 800
LONG_EN = "The minister said the plan is new. " * 800


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "wb.db")


def _fill(store: Store) -> None:
    """From now on this connection's store cannot grow: the disk is full."""
    pages = store.db.execute("PRAGMA page_count").fetchone()[0]
    store.db.execute(f"PRAGMA max_page_count = {pages}")


def _ok(path: Path) -> None:
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def _names_file_and_fix(err: StoreError, path: Path) -> None:
    message = str(err)
    assert str(path) in message
    assert "database or disk is full" in message
    assert "Free some disk space" in message and "WORKBENCH_HOME" in message
    assert "rollback" not in message.lower(), "a failing ROLLBACK never hides the real error"
    assert isinstance(err.__cause__, sqlite3.OperationalError), "the original error is kept"


def test_full_disk_on_import_is_a_clear_error_and_keeps_earlier_work(store: Store) -> None:
    first = add_document(store, read_text(ARTICLE, name="first.txt"))[0]
    _fill(store)
    with pytest.raises(StoreFileError) as caught:
        add_document(store, read_text(LONG_AR, name="second.txt"))
    _names_file_and_fix(caught.value, store.path)
    assert caught.value.path == str(store.path)
    assert not store.db.in_transaction
    assert [d.id for d in store.documents()] == [first]
    _ok(store.path)
    store.db.execute("PRAGMA max_page_count = 1073741823")  # space freed: the same call works
    add_document(store, read_text(LONG_AR, name="second.txt"))
    assert len(store.documents()) == 2


def test_full_disk_on_save_writes_nothing(store: Store) -> None:
    doc_id = add_document(store, read_text(ARTICLE, name="a.txt"))[0]
    seg = store.segments(doc_id)[0]
    store.save_edit(seg.id, "An earlier edit.", seg.version)
    before, history = store.segment(seg.id), store.history(seg.id)
    _fill(store)
    with pytest.raises(StoreFileError) as caught:
        store.save_edit(seg.id, LONG_EN, before.version)
    _names_file_and_fix(caught.value, store.path)
    assert store.segment(seg.id) == before
    assert store.history(seg.id) == history
    _ok(store.path)


def test_full_disk_on_an_mt_batch_keeps_the_earlier_batch(store: Store) -> None:
    doc_id = add_document(store, read_text(ARTICLE, name="a.txt"))[0]
    first, second = (s.id for s in store.segments(doc_id)[:2])
    store.set_mt_many([(first, "Batch one.", "sig", None)])
    _fill(store)
    with pytest.raises(StoreFileError):
        store.set_mt_many([(second, LONG_EN, "sig", None), (first, LONG_EN, "sig", None)])
    assert store.segment(first).mt == "Batch one."
    assert store.segment(second).mt is None
    _ok(store.path)


@pytest.mark.parametrize(
    "content",
    [b"garbage bytes, not a database " * 200, b"SQLite format 3\x00" + b"\xff" * 4000],
    ids=["garbage", "bad-header"],
)
def test_a_file_that_is_not_a_store_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "wb.db"
    path.write_bytes(content)
    with pytest.raises(StoreFileError) as caught:
        Store(path)
    message = str(caught.value)
    assert str(path) in message and "move it aside" in message and "WORKBENCH_HOME" in message
    assert path.read_bytes() == content, "the file is left as it was"


def test_a_damaged_store_is_a_clear_error_when_read(tmp_path: Path) -> None:
    path = tmp_path / "wb.db"
    store = Store(path)
    add_document(store, read_text(LONG_AR, name="a.txt"))
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    size = path.stat().st_size
    with path.open("r+b") as f:  # everything after the first two pages (header, schema)
        f.seek(8192)
        f.write(b"\xa5" * (size - 8192))
    with pytest.raises(StoreFileError, match="damaged") as caught:
        Store(path).documents()
    assert str(path) in str(caught.value)


def test_a_folder_in_place_of_the_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "wb.db"
    path.mkdir()
    with pytest.raises(StoreError, match="WORKBENCH_HOME") as caught:
        Store(path)
    assert str(path) in str(caught.value)


def test_the_callers_own_errors_stay_sqlites(store: Store) -> None:
    """Only failures of the file are translated: a mistake in SQL is the caller's to see."""
    with pytest.raises(sqlite3.OperationalError, match="no such table"):
        store.db.execute("SELECT * FROM nowhere")


def test_a_failing_rollback_never_hides_the_error_and_drops_the_connection(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id = add_document(store, read_text(ARTICLE, name="a.txt"))[0]
    seg = store.segments(doc_id)[0]
    broken = store.db
    execute = connection._Database.execute

    def rollback_fails(self: connection._Database, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql == "ROLLBACK":
            err = sqlite3.OperationalError("disk I/O error")
            err.sqlite_errorcode = sqlite3.SQLITE_IOERR
            raise connection.file_error(self.path, err) or err
        return execute(self, sql, *args)

    monkeypatch.setattr(connection._Database, "execute", rollback_fails)
    with pytest.raises(ValueError, match="the body failed"), store.write() as db:
        db.execute("UPDATE segments SET post_edit = 'half' WHERE id = ?", (seg.id,))
        raise ValueError("the body failed")
    monkeypatch.undo()
    assert store.db is not broken, "a connection in an unknown state is not used again"
    assert store.segment(seg.id) == seg, "the unfinished transaction is gone"
    _ok(store.path)


# --- a real full disk ---------------------------------------------------------------------------


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, timeout=20, check=False)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MiB tmpfs, unmounted afterwards; skipped where mounting is not allowed."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    try:
        mounted = _run("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount_point))
    except (OSError, subprocess.TimeoutExpired) as err:
        pytest.skip(f"cannot mount a tmpfs here ({err}): run as root with CAP_SYS_ADMIN")
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield mount_point
    finally:
        _run("umount", "-l", str(mount_point))


def test_a_real_full_disk_stops_cleanly_and_loses_nothing(small_disk: Path) -> None:
    path = small_disk / "wb.db"
    store = Store(path)
    stored: dict[int, str] = {}
    with pytest.raises(StoreFileError) as caught:
        for n in range(200):  # 2 MiB holds far fewer than 200 of these
            text = f"وثيقة رقم {n}. " + LONG_AR
            stored[add_document(store, read_text(text, name=f"{n}.txt"))[0]] = text
    assert 3 <= len(stored) < 200
    message = str(caught.value)
    assert str(path) in message and "WORKBENCH_HOME" in message
    assert "full" in message or "I/O" in message
    seg = store.segments(next(iter(stored)))[0]
    with pytest.raises(StoreFileError):  # saving goes on failing cleanly while the disk is full
        for n in range(200):
            seg = store.save_edit(seg.id, f"{n} " + LONG_EN, seg.version)
    store.close()
    again = Store(path)  # a fresh connection sees every acknowledged write
    assert {d.id for d in again.documents()} == set(stored)
    for doc_id, text in stored.items():
        assert again.document_text(doc_id)[0] == text
    assert again.segment(seg.id) == seg
    assert again.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again.close()


def _fill_disk(folder: Path) -> None:
    with (folder / "filler").open("wb") as f, pytest.raises(OSError):
        while True:
            f.write(b"\0" * 65536)
            f.flush()


def test_opening_on_a_full_disk_is_a_clear_error_and_keeps_the_store(small_disk: Path) -> None:
    """SQLite's "disk I/O error" when it cannot make the -shm file: named, with the fix."""
    path = small_disk / "wb.db"
    store = Store(path)
    doc_id = add_document(store, read_text(ARTICLE, name="a.txt"))[0]
    store.close()
    _fill_disk(small_disk)
    with pytest.raises(StoreFileError) as caught:
        Store(path).documents()
    message = str(caught.value)
    assert str(path) in message and "Check the disk" in message and "WORKBENCH_HOME" in message
    with pytest.raises(StoreFileError, match=r"full|I/O"):  # nor can a new store be made there
        Store(small_disk / "new.db")
    (small_disk / "filler").unlink()  # space freed: everything is there
    again = Store(path)
    assert [d.id for d in again.documents()] == [doc_id]
    assert again.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    again.close()
