"""The PostgreSQL connection under the store: a connection pool, write transactions, the dialect.

Selected by a ``postgresql://`` URL (``WORKBENCH_DATABASE_URL``). The store's SQL is SQLite's
dialect, rewritten per statement by :func:`workbench.store.dialect.to_postgres`; rows look like
``sqlite3.Row`` (by index, by name, ``dict(row)``) and an ``INSERT`` into a table with an ``id``
gives ``cursor.lastrowid``, so :class:`workbench.store.sqlite.Store` runs unchanged on both.

The same durability rules as SQLite: ``synchronous_commit=on``; every write is one transaction
that first takes a transaction-scoped advisory lock, so writers run one at a time exactly as
SQLite's ``BEGIN IMMEDIATE`` makes them (a read-then-write inside :meth:`write` sees the latest
committed rows); reads outside a transaction run on a pooled connection in autocommit. A failed
transaction is rolled back whole; a connection left in an unknown state is discarded by the pool.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import psycopg
from psycopg.pq import TransactionStatus
from psycopg_pool import ConnectionPool, PoolTimeout

from workbench.errors import StoreError
from workbench.store.dialect import VERSION_DDL, masked, refuse_nul, to_postgres

#: The advisory lock every write transaction takes ("work" in ASCII): one writer at a time.
WRITE_LOCK = 0x776F726B
_INSERT = re.compile(r"^\s*INSERT\s+INTO\s+(\w+)", re.IGNORECASE)
_RETURNING = re.compile(r"\bRETURNING\b", re.IGNORECASE)
_UNREACHABLE = (
    "Check WORKBENCH_DATABASE_URL (user, password, host, port, database) and that the server "
    "is running and reachable from here; work saved before this is kept."
)


class Row(tuple):  # type: ignore[type-arg]
    """A row read by position or by column name, like ``sqlite3.Row``."""

    _index: dict[str, int]

    def keys(self) -> list[str]:
        return list(self._index)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)


def _row_factory(cursor: Any) -> Any:
    if cursor.description is None:
        return tuple
    index = {column.name: i for i, column in enumerate(cursor.description)}

    def make(values: Sequence[Any]) -> Row:
        row = Row(values)
        row._index = index
        return row

    return make


class _Cursor(psycopg.Cursor[Any]):
    """A cursor that runs the store's SQLite-dialect SQL and reports ``lastrowid``."""

    lastrowid: int | None = None

    def execute(self, query: Any, params: Any = None, **kwargs: Any) -> _Cursor:
        refuse_nul(params, getattr(self.connection, "location", "PostgreSQL"))
        statements = to_postgres(str(query))
        try:
            for sql in statements[:-1]:
                super().execute(sql, ())
            sql = statements[-1]
            table = _INSERT.match(sql)
            wants_id = bool(table) and not _RETURNING.search(sql)
            if wants_id and table and self._has_id(table.group(1)):
                super().execute(sql + " RETURNING id", tuple(params or ()), **kwargs)
                ids = super().fetchall()
                self.lastrowid = int(ids[-1][0]) if ids else None
                return self
            super().execute(sql, tuple(params or ()), **kwargs)
        except psycopg.OperationalError as err:
            raise _failure(self.connection, err) from err
        return self

    def executemany(self, query: Any, params_seq: Iterable[Any], **kwargs: Any) -> None:
        (sql,) = to_postgres(str(query))
        rows = [tuple(p) for p in params_seq]
        for row in rows:
            refuse_nul(row, getattr(self.connection, "location", "PostgreSQL"))
        try:
            super().executemany(sql, rows, **kwargs)
        except psycopg.OperationalError as err:
            raise _failure(self.connection, err) from err

    def _has_id(self, table: str) -> bool:
        conn = self.connection
        known: dict[str, bool] = conn.__dict__.setdefault("_has_id", {})
        if table not in known:
            cur = psycopg.Cursor(conn)
            cur.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND table_name = %s AND column_name = 'id'",
                (table.lower(),),
            )
            known[table] = cur.fetchone() is not None
        return known[table]


class PgConnection(psycopg.Connection[Any]):
    """A pooled connection that answers ``in_transaction`` as ``sqlite3.Connection`` does."""

    location = "PostgreSQL"
    dialect = "postgres"

    @property
    def in_transaction(self) -> bool:
        return self.info.transaction_status != TransactionStatus.IDLE

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> psycopg.Cursor[Any]:
        cur = self.cursor()
        cur.executemany(sql, parameters)
        return cur


def _failure(conn: Any, err: psycopg.Error) -> StoreError:
    where = getattr(conn, "location", "PostgreSQL")
    return StoreError(f"the PostgreSQL store {where} failed: {err}. {_UNREACHABLE}")


class _Fetched:
    """The rows of one statement run on a connection that has gone back to the pool."""

    def __init__(self, cur: psycopg.Cursor[Any]) -> None:
        self.rows: list[Any] = cur.fetchall() if cur.description is not None else []
        self.rowcount = cur.rowcount
        self.lastrowid: int | None = getattr(cur, "lastrowid", None)
        self.description = cur.description

    def fetchone(self) -> Any:
        return self.rows.pop(0) if self.rows else None

    def fetchall(self) -> list[Any]:
        rows, self.rows = self.rows, []
        return rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


class _Reader:
    """``store.db`` outside a transaction: each statement on a pooled connection, autocommit."""

    in_transaction = False

    def __init__(self, engine: PostgresEngine) -> None:
        self._engine = engine

    def execute(self, sql: str, parameters: Any = (), /) -> _Fetched:
        with self._engine.connection() as conn:
            return _Fetched(conn.execute(sql, parameters))

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> _Fetched:
        with self._engine.connection() as conn:
            return _Fetched(conn.executemany(sql, parameters))


class PostgresEngine:
    """A PostgreSQL store: its connection pool and its write transactions."""

    dialect = "postgres"

    def __init__(self, url: str, max_size: int = 8) -> None:
        self.url = url
        self.location = masked(url)
        self.max_size = max_size
        self._pool: ConnectionPool[PgConnection] | None = None
        self._lock = threading.Lock()
        self._local = threading.local()
        self._reader = _Reader(self)
        with self.write() as db:
            for statement in VERSION_DDL:
                db.execute(statement)

    def _configure(self, conn: PgConnection) -> None:
        conn.location = self.location
        conn.execute("SET synchronous_commit = on")

    def _open_pool(self) -> ConnectionPool[PgConnection]:
        try:  # one direct attempt first: its error says what is wrong (a pool only times out)
            psycopg.connect(self.url, connect_timeout=10).close()
        except psycopg.Error as err:
            raise StoreError(
                f"cannot open the PostgreSQL store {self.location}: {err}. " + _UNREACHABLE
            ) from None
        return ConnectionPool(
            self.url,
            connection_class=PgConnection,
            kwargs={"autocommit": True, "row_factory": _row_factory, "cursor_factory": _Cursor},
            configure=self._configure,
            min_size=1,
            max_size=self.max_size,
            timeout=30.0,
            open=True,
        )

    @contextmanager
    def connection(self) -> Iterator[PgConnection]:
        with self._lock:
            if self._pool is None:
                self._pool = self._open_pool()
            pool = self._pool
        try:
            with pool.connection() as conn:
                yield conn
        except PoolTimeout as err:
            raise StoreError(
                f"no connection to the PostgreSQL store {self.location} came "
                f"free in time: {err}. " + _UNREACHABLE
            ) from None

    @property
    def db(self) -> Any:
        tx = getattr(self._local, "tx", None)
        return self._reader if tx is None else tx

    @contextmanager
    def write(self) -> Iterator[Any]:
        """A write transaction holding the store's write lock: all of it lands, or none of it."""
        if getattr(self._local, "tx", None) is not None:
            raise StoreError("a store write transaction is already open in this thread.")
        with self.connection() as conn:
            try:
                with conn.transaction():
                    conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
                    self._local.tx = conn
                    try:
                        yield conn
                    finally:
                        self._local.tx = None
            except psycopg.OperationalError as err:
                raise _failure(conn, err) from err

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()
