"""`workbench serve` itself: a real process on 127.0.0.1 with the tiny model, stopped by SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from workbench.config import HOME_ENV


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait(url: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"workbench serve exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/languages", timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"workbench serve did not answer in {timeout} s")


def test_serve_command_answers_and_stops(tiny_model_dir: Path, tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, HOME_ENV: str(tmp_path)}
    command = [sys.executable, "-m", "workbench", "serve", "--port", str(port)]
    proc = subprocess.Popen(
        [*command, "--model", str(tiny_model_dir)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, proc)
        body = json.dumps({"q": "مرحبا بكم", "source": "ar", "target": "en"}).encode()
        request = urllib.request.Request(
            f"{url}/translate", body, {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as answer:
            result = json.loads(answer.read())
            assert answer.headers["x-workbench-standin"] == "true"
        assert isinstance(result["translatedText"], str) and result["model"]["kind"] == "tiny"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        output = proc.communicate(timeout=20)[0].decode()
    assert "STAND-IN MODEL" in output and f"API: http://127.0.0.1:{port}/" in output
    assert "Traceback" not in output
