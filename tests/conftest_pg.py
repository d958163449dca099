"""A real PostgreSQL server for the tests: Debian's binaries, a temporary cluster on 127.0.0.1.

The server refuses to run as root, so when the tests run as root ``initdb`` and ``pg_ctl`` run as
the ``postgres`` user Debian's package creates. One server per test session (started on first
use, stopped at the end); each test gets its own schema, so tests never see each other's rows.
Where the binaries are missing the tests that need them skip, saying how to install them.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from workbench.store.sqlite import Store


def _pg_bin() -> Path:
    """Debian's server binaries, newest version first (``WORKBENCH_TEST_PG_BIN`` overrides)."""
    if os.environ.get("WORKBENCH_TEST_PG_BIN"):
        return Path(os.environ["WORKBENCH_TEST_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: p.parts[-3])
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
_schemas = itertools.count()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_postgres(*command: str) -> list[str]:
    if os.geteuid() != 0:
        return list(command)
    return ["runuser", "-u", "postgres", "--", *command]


class PgServer:
    """A running cluster: its URL, and a fresh schema (an empty store) per call of :meth:`url`."""

    def __init__(self, folder: Path, port: int) -> None:
        self.folder = folder
        self.port = port
        self.base = f"postgresql://postgres@127.0.0.1:{port}/postgres"

    def url(self, schema: str | None = None) -> str:
        """The URL of an empty schema of its own (created here)."""
        import psycopg

        name = schema or f"t{os.getpid()}_{next(_schemas)}"
        with psycopg.connect(self.base, autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {name}")
        return f"{self.base}?options=-csearch_path%3D{name}"

    def stop(self) -> None:
        subprocess.run(
            _as_postgres(
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "fast",
                "-w",
                "-t",
                "30",
                "stop",
            ),
            check=False,
            capture_output=True,
        )


def start_server() -> PgServer:
    """initdb and start a cluster in a temporary folder; raise ``pytest.skip`` where none can."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"PostgreSQL server binaries missing at {PG_BIN}: apt-get install postgresql")
    folder = Path(tempfile.mkdtemp(prefix="wb-pg-"))
    data = folder / "data"
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    port = _free_port()
    subprocess.run(
        _as_postgres(
            str(PG_BIN / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        ),
        check=True,
        capture_output=True,
    )
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=400"
    )
    subprocess.run(
        _as_postgres(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(folder / "log"),
            "-w",
            "-t",
            "60",
            "start",
        ),
        check=True,
        capture_output=True,
    )
    return PgServer(folder, port)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    server = start_server()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgres"])
def store_where(request: pytest.FixtureRequest, tmp_path: Path) -> str | Path:
    """Where an empty store is, once per backend: an SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        return tmp_path / "wb.db"
    server: PgServer = request.getfixturevalue("pg_server")
    return server.url()


@pytest.fixture
def any_store(store_where: str | Path) -> Iterator[Store]:
    """An empty store, once per backend (closed at the end)."""
    from workbench.store.sqlite import Store

    store = Store(store_where)
    yield store
    store.close()
