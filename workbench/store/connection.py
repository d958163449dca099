"""The connection under the store: SQLite (a file) or PostgreSQL (a ``postgresql://`` URL).

:class:`Connection` opens the backend its argument names and migrates the schema; the store's
methods use only ``db`` (run a statement), ``write()`` (a transaction) and ``dialect``. This module
holds the SQLite side (:mod:`workbench.store.postgres` the other): durable settings, one
connection per thread, transactions.

SQLite: WAL, ``synchronous=FULL``, a busy timeout, foreign keys, every write in ``BEGIN IMMEDIATE``; the
schema is migrated when the store is opened (:mod:`workbench.store.schema`). When the file itself
fails (a full disk, an I/O error, a damaged or locked file) SQLite's error becomes a
:class:`StoreFileError` that names the file and the fix; a failed transaction leaves nothing
behind and every one committed before it stays.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, cast

from workbench.errors import StoreError, StoreFileError
from workbench.store.dialect import is_database_url, refuse_nul
from workbench.store.schema import migrate

_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    "PRAGMA busy_timeout=10000",
)

_KEPT = "work saved before this is kept."
_DAMAGED = (
    "The file is damaged or is not a workbench store: move it aside (keep it, it may be "
    "recoverable) and a new store is made there, or set WORKBENCH_HOME to another folder."
)
_READ_ONLY = (
    "Make the file and its folder writable, or set WORKBENCH_HOME to a folder you can write to."
)
_LOCKED = "Another program holds the store locked: close it, or wait, and try again; " + _KEPT

#: The fix for each failure of the file itself, by SQLite's primary result code. Other errors
#: (a constraint, a mistake in SQL) are the caller's and stay as SQLite raised them.
_FIXES: dict[int, str] = {
    sqlite3.SQLITE_FULL: "Free some disk space, or set WORKBENCH_HOME to a folder on a disk "
    "with room; " + _KEPT,
    sqlite3.SQLITE_IOERR: "Check the disk (is it full, removed or failing?), or set "
    "WORKBENCH_HOME to a folder on another disk; " + _KEPT,
    sqlite3.SQLITE_CORRUPT: _DAMAGED,
    sqlite3.SQLITE_NOTADB: _DAMAGED,
    sqlite3.SQLITE_READONLY: _READ_ONLY,
    sqlite3.SQLITE_PERM: _READ_ONLY,
    sqlite3.SQLITE_CANTOPEN: _READ_ONLY,
    sqlite3.SQLITE_BUSY: _LOCKED,
    sqlite3.SQLITE_LOCKED: _LOCKED,
}


def now() -> str:
    """The time a row records: UTC, ISO 8601, milliseconds."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def file_error(path: Path, err: sqlite3.Error) -> StoreFileError | None:
    """The user's error for a failure of the store file ``path``; None if ``err`` is not one."""
    code = getattr(err, "sqlite_errorcode", None)
    fix = None if code is None else _FIXES.get(code & 0xFF)  # extended codes carry the primary
    return None if fix is None else StoreFileError(path, str(err), fix)


class _Database(sqlite3.Connection):
    """An SQLite connection whose statements raise :class:`StoreFileError` when the file fails."""

    path: Path

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        refuse_nul(parameters, str(self.path))
        try:
            return super().execute(sql, parameters)
        except sqlite3.Error as err:
            failure = file_error(self.path, err)
            if failure is None:
                raise
            raise failure from err

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> sqlite3.Cursor:
        rows = list(parameters)
        for row in rows:
            refuse_nul(row, str(self.path))
        try:
            return super().executemany(sql, rows)
        except sqlite3.Error as err:
            failure = file_error(self.path, err)
            if failure is None:
                raise
            raise failure from err


class SqliteEngine:
    """A store file: its per-thread connections and its write transactions."""

    dialect = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.location = str(self.path)
        self._local = threading.local()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise StoreError(
                f"cannot create the data directory {self.path.parent}: {err.strerror}. "
                "Set WORKBENCH_HOME to a folder you can write to."
            ) from None

    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._open()
            self._local.conn = conn
        return conn

    def _open(self) -> _Database:
        try:
            conn = sqlite3.connect(self.path, timeout=10.0, isolation_level=None, factory=_Database)
        except sqlite3.Error as err:
            raise file_error(self.path, err) or StoreError(
                f"cannot open the store {self.path}: {err}. " + _READ_ONLY
            ) from err
        conn.path = self.path
        conn.row_factory = sqlite3.Row
        try:
            for pragma in _PRAGMAS:  # the first statement that reads the file: a damaged one fails
                conn.execute(pragma)
        except BaseException:
            conn.close()
            raise
        return conn

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction (``BEGIN IMMEDIATE``): all of it lands, or none of it."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
            db.execute("COMMIT")
        except BaseException:
            self._rollback(db)
            raise

    def _rollback(self, db: sqlite3.Connection) -> None:
        # On a full disk or an I/O error SQLite may have rolled back already: a second ROLLBACK
        # would raise "no transaction is active" and hide the error that matters.
        if not db.in_transaction:
            return
        try:
            db.execute("ROLLBACK")
        except (sqlite3.Error, StoreError):
            # The connection's state is unknown: drop it. The next use opens a fresh one, and
            # SQLite discards the unfinished transaction (uncommitted WAL frames) when it does.
            self.close()


class Connection:
    """A store: an SQLite file (a path) or a PostgreSQL database (a ``postgresql://`` URL).

    Either way ``db`` runs a statement (SQLite's dialect; rows by index or name), ``write()``
    is one transaction, and the schema is migrated when the store is opened.
    """

    def __init__(self, where: str | Path) -> None:
        self._engine: Any
        if is_database_url(where):
            from workbench.store.postgres import PostgresEngine

            self._engine = PostgresEngine(str(where))
        else:
            self._engine = SqliteEngine(where)
        self.dialect: str = self._engine.dialect
        #: Where the store is, for messages (a PostgreSQL URL has its password hidden).
        self.location: str = self._engine.location
        with self.write() as db:
            migrate(db, self.location)

    @property
    def path(self) -> Path:
        """The SQLite file (a PostgreSQL store has none: use ``location``)."""
        if self.dialect != "sqlite":
            raise StoreError(f"the store {self.location} is a PostgreSQL database, not a file.")
        return Path(self._engine.path)

    @property
    def db(self) -> sqlite3.Connection:
        """This thread's connection (PostgreSQL's presents the part of it the store uses)."""
        return cast(sqlite3.Connection, self._engine.db)

    def write(self) -> AbstractContextManager[sqlite3.Connection]:
        """A write transaction: all of it lands, or none of it."""
        return cast(AbstractContextManager[sqlite3.Connection], self._engine.write())

    def close(self) -> None:
        self._engine.close()

    @property
    def schema_version(self) -> int:
        return int(self.db.execute("PRAGMA user_version").fetchone()[0])
