"""The editor's server itself, no browser: which Host it answers, and how it stops.

DNS rebinding: a page on another site whose name is rebound to 127.0.0.1 reaches the server with its
own name in ``Host``, so a forged ``Host`` must get a 400 on every route and on the WebSocket
upgrade, while ``127.0.0.1:PORT`` and ``localhost:PORT`` are served. Stopping: ``kill`` (SIGTERM)
or Ctrl+C (SIGINT) of ``workbench ui`` must stop its Streamlit child too, not leave it on the port.
"""

from __future__ import annotations

import base64
import contextlib
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.config import HOME_ENV, MODELS_ENV

from .conftest import Server, _free_port, _stop, _wait_healthy

pytestmark = pytest.mark.e2e

FORGED = ["evil.example", "evil.example:{port}", "127.0.0.1.evil.example:{port}"]
SERVED = ["127.0.0.1:{port}", "localhost:{port}"]


def _port(server: Server) -> int:
    return int(server.url.rsplit(":", 1)[1])


def _get(server: Server, path: str, host: str) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", _port(server), timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True)
        conn.putheader("Host", host)
        conn.endheaders()
        return conn.getresponse().status
    finally:
        conn.close()


def _upgrade(server: Server, host: str) -> str:
    """The status line the server answers a WebSocket upgrade of ``/_stcore/stream`` with."""
    key = base64.b64encode(os.urandom(16)).decode()
    request = (
        "GET /_stcore/stream HTTP/1.1\r\n"
        f"Host: {host}\r\nOrigin: http://{host}\r\n"
        "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
        "Sec-WebSocket-Protocol: streamlit\r\n\r\n"
    )
    with socket.create_connection(("127.0.0.1", _port(server)), timeout=10) as sock:
        sock.sendall(request.encode())
        return sock.recv(4096).split(b"\r\n", 1)[0].decode()


@pytest.fixture(scope="module")
def asset(server: Server) -> str:
    """A static file the index page loads (a script bundle)."""
    with urllib.request.urlopen(f"{server.url}/", timeout=10) as answer:
        page = answer.read().decode()
    found = re.search(r'src="\.?(/static/[^"]+)"', page)
    assert found, "no static asset linked from the index page"
    return found.group(1)


@pytest.mark.parametrize("forged", FORGED)
def test_a_forged_host_is_refused_on_http(server: Server, asset: str, forged: str) -> None:
    host = forged.format(port=_port(server))
    for path in ("/", "/_stcore/health", asset, "/editor"):
        assert _get(server, path, host) == 400, path


@pytest.mark.parametrize("forged", FORGED)
def test_a_forged_host_is_refused_on_the_websocket(server: Server, forged: str) -> None:
    assert " 400 " in _upgrade(server, forged.format(port=_port(server)))


@pytest.mark.parametrize("served", SERVED)
def test_the_hosts_it_serves_are_answered(server: Server, asset: str, served: str) -> None:
    host = served.format(port=_port(server))
    for path in ("/", "/_stcore/health", asset):
        assert _get(server, path, host) == 200, path
    assert " 101 " in _upgrade(server, host)


def _children(pid: int) -> list[int]:
    """The live processes whose parent is ``pid`` (from /proc, no psutil)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def cli_ui(tmp_path: Path, tiny_model_dir: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """``workbench ui`` (the CLI) on a free port, answering; killed with its server at the end."""
    port = _free_port()
    env = {**os.environ, HOME_ENV: str(tmp_path), MODELS_ENV: str(tiny_model_dir.parent)}
    env.pop("WORKBENCH_MODEL_DIR", None)
    log = tmp_path / "ui.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "workbench", "ui", "--port", str(port)],
            env=env,
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    children: list[int] = []
    try:
        _wait_healthy(f"http://127.0.0.1:{port}", proc, log)
        children = _children(proc.pid)
        yield proc, port
    finally:
        for child in children:
            if _alive(child):
                os.kill(child, signal.SIGKILL)
        _stop(proc)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # anything left in its group once it is gone


@pytest.mark.parametrize(("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_to_workbench_ui_stops_streamlit_too(
    cli_ui: tuple[subprocess.Popen[bytes], int], signum: signal.Signals, status: int, tmp_path: Path
) -> None:
    proc, port = cli_ui
    streamlit = _children(proc.pid)
    assert streamlit, "workbench ui started no server process"
    proc.send_signal(signum)
    assert proc.wait(timeout=30) == status
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (_answers(port) or any(map(_alive, streamlit))):
        time.sleep(0.1)
    assert not _answers(port), "the port still answers"
    assert not [pid for pid in streamlit if _alive(pid)], "a streamlit process outlived it"
    assert "Traceback" not in (tmp_path / "ui.log").read_text()
