"""Copy a whole store to another (SQLite ⇄ PostgreSQL), then prove nothing was lost.

Every table is copied row for row, ids kept, parents before children (foreign keys), in one
write transaction on the destination: all of it lands or none. The destination must be empty
(a fresh store). Afterwards each table's row count and a digest of every value (texts, bytes,
numbers, NULLs) are compared between the two stores; any difference is an error, never a
warning.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from workbench.errors import StoreError
from workbench.store import large
from workbench.store.connection import Connection
from workbench.store.dialect import VERSION_TABLE

_BATCH = 1000
#: Fewer rows per batch where each row is big (a document's pieces: about a megabyte each).
_BATCHES = {large.TABLE: large.COPY_BATCH}


@dataclass(frozen=True)
class TableCopy:
    table: str
    rows: int
    digest: str


def tables(store: Connection) -> list[str]:
    """The store's tables, each after the tables it references."""
    if store.dialect == "sqlite":
        names = [
            r[0]
            for r in store.db.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "ORDER BY name"
            ).fetchall()
        ]
        parents = {
            n: {r[2] for r in store.db.execute(f"PRAGMA foreign_key_list({n})").fetchall()}
            for n in names
        }
    else:
        names = [
            r[0]
            for r in store.db.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                "current_schema() AND table_type = 'BASE TABLE' AND table_name <> ? "
                "ORDER BY table_name",
                (VERSION_TABLE,),
            ).fetchall()
        ]
        parents = {n: set() for n in names}
        for child, parent in store.db.execute(
            "SELECT tc.table_name, ccu.table_name FROM information_schema.table_constraints tc "
            "JOIN information_schema.constraint_column_usage ccu "
            "ON tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema "
            "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()"
        ).fetchall():
            parents.setdefault(child, set()).add(parent)
    ordered: list[str] = []
    while len(ordered) < len(names):
        ready = [n for n in names if n not in ordered and parents[n] - {n} <= set(ordered)]
        if not ready:
            raise StoreError(f"the tables of {store.location} reference each other in a cycle.")
        ordered.extend(ready)
    return ordered


def _columns(store: Connection, table: str) -> list[str]:
    cur = store.db.execute(f"SELECT * FROM {table} LIMIT 0")
    return [d[0] for d in cur.description]


def _rows(store: Connection, table: str, columns: list[str]) -> Any:
    """Every row of ``table``, in batches by id where it has one (else all at once)."""
    quoted = ", ".join(f'"{c}"' for c in columns)
    if "id" not in columns:
        yield from store.db.execute(f"SELECT {quoted} FROM {table}").fetchall()
        return
    last = None
    while True:
        where, args = ("", ()) if last is None else ("WHERE id > ? ", (last,))
        batch = store.db.execute(
            f"SELECT {quoted} FROM {table} {where}ORDER BY id LIMIT {_BATCHES.get(table, _BATCH)}",
            args,
        ).fetchall()
        if not batch:
            return
        yield from batch
        last = batch[-1][columns.index("id")]


def _value(value: Any) -> Any:
    if isinstance(value, memoryview):
        return bytes(value)
    if isinstance(value, bool):
        return int(value)
    return value


def verify_table(store: Connection, table: str) -> TableCopy:
    """``table``'s row count and a digest of every value, independent of the backend.

    Rows are taken in id order (ids are copied), one batch at a time, so a table of big values is
    never held whole; a table without ids is read whole and its rows sorted.
    """
    columns = sorted(_columns(store, table))
    lines: Iterator[str] = (
        repr(tuple(_value(v) for v in row)) for row in _rows(store, table, columns)
    )
    if "id" not in columns:
        lines = iter(sorted(lines))
    digest = hashlib.sha256()
    count = 0
    for line in lines:
        digest.update(line.encode("utf-8", "surrogatepass") + b"\n")
        count += 1
    return TableCopy(table, count, digest.hexdigest())


def _reset_ids(dst: Connection, db: Any, table: str) -> None:
    if dst.dialect == "postgres":  # identity columns do not see ids inserted explicitly
        db.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {table}"
        )


def copy_store(src: Connection, dst: Connection) -> list[TableCopy]:
    """Copy every row of ``src`` into the empty ``dst``; return each table's verified copy."""
    if src.schema_version != dst.schema_version:
        raise StoreError(
            f"{src.location} has schema version {src.schema_version} and {dst.location} "
            f"{dst.schema_version}: run `workbench store migrate` on the older one first."
        )
    names = tables(src)
    missing = sorted(set(names) - set(tables(dst)))
    if missing:
        raise StoreError(f"{dst.location} has no table {', '.join(missing)}.")
    for table in names:
        if dst.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]:
            raise StoreError(
                f"{dst.location} already holds rows in {table}: copy into an empty store."
            )
    with dst.write() as db:
        for table in names:
            columns = _columns(src, table)
            marks = ", ".join("?" * len(columns))
            quoted = ", ".join(f'"{c}"' for c in columns)
            db.executemany(
                f"INSERT INTO {table} ({quoted}) VALUES ({marks})",
                (tuple(_value(v) for v in row) for row in _rows(src, table, columns)),
            )
            if "id" in columns:
                _reset_ids(dst, db, table)
    return verify_copy(src, dst, names)


def verify_copy(src: Connection, dst: Connection, names: list[str]) -> list[TableCopy]:
    """Compare each table's count and digest in both stores; raise on the first difference."""
    out = []
    for table in names:
        a, b = verify_table(src, table), verify_table(dst, table)
        if a != b:
            raise StoreError(
                f"the copy of {table} differs: {a.rows} rows in {src.location}, {b.rows} in "
                f"{dst.location} (digests {a.digest[:12]} and {b.digest[:12]})."
            )
        out.append(a)
    return out
