"""The command ``workbench ui`` builds, its Host allow-list, and how it runs and stops the server.

No Streamlit server here: the middleware is called as a bare ASGI app, and :func:`launch.serve` runs
a stand-in server (a Python child that sleeps) in a subprocess that the test signals.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import pytest

from workbench.ui import launch


def _values(cmd: list[str], flag: str) -> list[str]:
    return [cmd[i + 1] for i, arg in enumerate(cmd) if arg == flag]


def test_command_names_the_hosts_it_serves() -> None:
    cmd = launch.command(8600)
    assert _values(cmd, "--server.allowedHosts") == ["localhost", "127.0.0.1"]
    assert _values(cmd, "--server.address") == ["127.0.0.1"]


def test_command_keeps_the_document_after_the_options() -> None:
    cmd = launch.command(8600, document=7)
    assert cmd[-3:] == ["--", launch.DOC_FLAG, "7"]
    assert max(i for i, arg in enumerate(cmd) if arg == "--server.allowedHosts") < cmd.index("--")


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        ("127.0.0.1", ["localhost", "127.0.0.1"]),
        ("localhost", ["localhost", "127.0.0.1"]),
        ("LocalHost", ["localhost", "127.0.0.1"]),
        ("192.168.1.5", ["localhost", "127.0.0.1", "192.168.1.5"]),
        ("editor.lan", ["localhost", "127.0.0.1", "editor.lan"]),
        ("", ["localhost", "127.0.0.1"]),
    ],
)
def test_allowed_hosts(address: str, expected: list[str]) -> None:
    assert launch.allowed_hosts(address) == expected


async def _ok(scope: Any, receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"ok"})


def _status(hosts: list[str], host: str | None, kind: str = "http") -> int:
    """What the guarded app answers to a request of ``kind`` carrying ``Host: host``."""
    middleware = launch.host_check(hosts)
    guarded = middleware.cls(_ok, *middleware.args, **middleware.kwargs)
    headers = [] if host is None else [(b"host", host.encode())]
    scope = {"type": kind, "path": "/", "headers": headers, "query_string": b"", "scheme": "http"}
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    async def request() -> None:
        await guarded(scope, receive, send)

    asyncio.run(request())
    return int(sent[0]["status"])


@pytest.mark.parametrize(
    ("host", "status"),
    [
        ("127.0.0.1:8501", 200),
        ("localhost:8501", 200),
        ("LOCALHOST", 200),
        ("evil.example", 400),
        ("evil.example:8501", 400),
        ("127.0.0.1.evil.example", 400),
        ("localhost.", 400),
        (None, 400),
    ],
)
def test_host_check(host: str | None, status: int) -> None:
    assert _status(launch.allowed_hosts(), host) == status


def test_host_check_guards_the_websocket_too() -> None:
    # The 400 goes out as a WebSocket denial response ("websocket.http.response.start").
    assert _status(launch.allowed_hosts(), "evil.example", kind="websocket") == 400


def test_host_check_without_hosts_means_loopback() -> None:
    """``streamlit run app.py`` by hand, without ``--server.allowedHosts``, is guarded as well."""
    assert _status([], "evil.example") == 400
    assert _status([], "localhost:8501") == 200


def test_serve_returns_the_server_status() -> None:
    assert launch.serve([sys.executable, "-c", "raise SystemExit(3)"]) == 3
    assert launch.serve([sys.executable, "-c", "pass"]) == 0


#: ``launch.serve`` of a stand-in server that writes its pid and sleeps (ignoring SIGTERM if asked).
SERVE = textwrap.dedent(
    """
    import sys
    from workbench.ui import launch
    server = (
        "import os, signal, sys, time\\n"
        "signal.signal(signal.SIGINT, signal.SIG_DFL)\\n"
        "if sys.argv[2] == 'stubborn': signal.signal(signal.SIGTERM, signal.SIG_IGN)\\n"
        "open(sys.argv[1], 'w').write(str(os.getpid()))\\n"
        "time.sleep(60)\\n"
    )
    sys.exit(launch.serve([sys.executable, "-c", server, sys.argv[1], sys.argv[2]], grace=0.5))
    """
)


def _gone(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except FileNotFoundError:
        return True


def _poll(check: Any, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize(
    ("signum", "server", "status"),
    [
        (signal.SIGTERM, "polite", 143),
        (signal.SIGINT, "polite", 130),
        (signal.SIGHUP, "polite", 129),
        (signal.SIGTERM, "stubborn", 143),  # killed once the grace time is up
    ],
)
def test_a_signal_stops_the_server_too(
    tmp_path: Path, signum: signal.Signals, server: str, status: int
) -> None:
    pid_file = tmp_path / "server.pid"
    proc = subprocess.Popen(
        [sys.executable, "-c", SERVE, str(pid_file), server],
        start_new_session=True,
        stderr=subprocess.PIPE,
    )
    child = None
    try:
        assert _poll(lambda: pid_file.exists() and pid_file.read_text() != ""), "no server"
        child = int(pid_file.read_text())
        os.kill(proc.pid, signum)
        assert proc.wait(timeout=20) == status
        assert _poll(lambda: _gone(child)), "the server outlived launch.serve"
        assert proc.stderr is not None
        assert b"Traceback" not in proc.stderr.read()
    finally:
        if child is not None and not _gone(child):
            os.killpg(child, signal.SIGKILL)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
