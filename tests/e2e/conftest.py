"""A real ``streamlit run`` of the editor and a headless Chromium to drive it.

The server gets its own ``WORKBENCH_HOME`` holding the seed article, and ``WORKBENCH_MODELS``
pointing at the tiny CTranslate2 model (``tiny_model_dir``), so it translates with the real engine
code path. It is started on a free port, awaited on ``/_stcore/health`` and always killed (its whole
process group) at the end. Tests skip, saying why, without Playwright or a Chromium binary.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from workbench.config import HOME_ENV, MODELS_ENV
from workbench.pipeline.document import import_files
from workbench.store.sqlite import Store
from workbench.ui import launch

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_ec79a99fe1463192.txt"
SCREENSHOTS = REPO / "artifacts" / "screenshots"
#: Overrides where the Chromium binary is looked for.
CHROMIUM_ENV = "WORKBENCH_CHROMIUM"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@dataclass(frozen=True)
class Server:
    """A running editor: its base URL, its store, and the seed document's id."""

    url: str
    store: Store
    doc_id: int

    def editor(self) -> str:
        return f"{self.url}/editor?doc={self.doc_id}"


def _chromium() -> str:
    path = os.environ.get(CHROMIUM_ENV) or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).is_file():
        pytest.skip(
            f"no Chromium at {path}: install it (apt-get install -y chromium) or set {CHROMIUM_ENV}"
        )
    return path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit did not answer in {timeout} s:\n{log.read_text()}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> Iterator[Server]:
    """The editor served from a fresh store with the seed article imported."""
    home = tmp_path_factory.mktemp("ui-home")
    store = Store(home / "workbench.db")
    doc_id = next(iter(import_files(store, [SEED]))).document_id
    assert doc_id is not None
    port = _free_port()
    env = {**os.environ, HOME_ENV: str(home), MODELS_ENV: str(tiny_model_dir.parent)}
    env.pop("WORKBENCH_MODEL_DIR", None)
    log = home / "streamlit.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            launch.command(port, document=doc_id),
            env=env,
            cwd=home,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so the kill takes every child
        )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_healthy(url, proc, log)
        yield Server(url, store, doc_id)
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium (Debian's binary: Playwright's own download is not needed)."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    executable = _chromium()
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def screenshots() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


def wait_for(check: Callable[[], bool], what: str, timeout: float = 15) -> None:
    """Poll ``check`` until it holds; fail naming ``what`` after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")
