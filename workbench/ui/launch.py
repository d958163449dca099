"""How ``workbench ui`` starts the editor: the ``streamlit run`` command line, its URL, its run.

The server listens on 127.0.0.1 unless told another address, which it refuses without sign-in
(``[auth]`` in Streamlit's secrets; :func:`check_exposure`) unless told ``--unsafe-no-auth``. It keeps XSRF and CORS protection on, opens no browser and sends
no usage statistics. It answers only requests whose ``Host`` is one it serves (``localhost``,
``127.0.0.1`` and the address it listens on): a page elsewhere whose name is rebound to 127.0.0.1
(DNS rebinding) sends its own name and gets a 400. A document to open first is passed after ``--``
(Streamlit hands those arguments to the app script) and read back by :func:`requested_document`.
:func:`serve` runs the command so that stopping ``workbench ui`` stops the server too.
"""

from __future__ import annotations

import contextlib
import math
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from starlette.middleware import Middleware

APP_PATH = Path(__file__).resolve().with_name("app.py")
DEFAULT_PORT = 8501
DEFAULT_ADDRESS = "127.0.0.1"
#: The largest upload the library page accepts, in MB (Streamlit's ``server.maxUploadSize``).
DEFAULT_MAX_UPLOAD_MB = 50
DOC_FLAG = "--doc"
#: The names a browser on this machine reaches the editor by, whatever the address.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1")
#: What ``workbench ui`` passes on to the server, and stops on: ``kill``, Ctrl+C, a closed terminal.
FORWARDED_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
#: How long the server has to stop after a signal before it is killed, in seconds.
STOP_GRACE_S = 3.0


def secrets_files(cwd: Path | None = None) -> list[Path]:
    """Where Streamlit looks for its secrets when run from ``cwd`` (``[auth]`` lives there)."""
    return [
        Path.home() / ".streamlit" / "secrets.toml",
        (cwd or Path.cwd()) / ".streamlit" / "secrets.toml",
    ]


def auth_configured(files: Iterable[Path]) -> bool:
    """Whether any of these secrets files has an ``[auth]`` section (then sign-in is required)."""
    import tomllib

    for path in files:
        try:
            with open(path, "rb") as handle:
                if "auth" in tomllib.load(handle):
                    return True
        except (OSError, tomllib.TOMLDecodeError):
            continue
    return False


def check_exposure(address: str, *, auth: bool, unsafe_no_auth: bool = False) -> None:
    """Refuse to serve beyond this machine without sign-in, unless told ``--unsafe-no-auth``."""
    from workbench.errors import ConfigError

    if auth or unsafe_no_auth or address.strip().lower() in (*LOOPBACK_HOSTS, "::1"):
        return
    raise ConfigError(
        f"refusing to serve the editor on {address} without sign-in: anyone who reaches it could "
        "read and change every document. Set up [auth] in .streamlit/secrets.toml (README: "
        "'A newsroom on one server'), or pass --unsafe-no-auth if a proxy in front signs people in."
    )


def allowed_hosts(address: str = DEFAULT_ADDRESS) -> list[str]:
    """The ``Host`` names the server answers (ports aside): the loopback names and ``address``."""
    hosts = list(LOOPBACK_HOSTS)
    name = address.strip().lower()
    if name and name not in hosts:
        hosts.append(name)
    return hosts


def host_check(hosts: Iterable[str] = ()) -> Middleware:
    """The middleware that answers 400 to a request (HTTP or WebSocket) for a host not in ``hosts``.

    Streamlit's own ``server.allowedHosts`` is checked only on the WebSocket; this guards every
    route. An empty ``hosts`` (``streamlit run`` by hand, without the option) means the loopback names.
    """
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware

    names = [host for host in hosts if host] or list(LOOPBACK_HOSTS)
    return Middleware(TrustedHostMiddleware, allowed_hosts=names, www_redirect=False)


def command(
    port: int = DEFAULT_PORT,
    *,
    address: str = DEFAULT_ADDRESS,
    max_upload_mb: int = DEFAULT_MAX_UPLOAD_MB,
    document: int | None = None,
    python: str | None = None,
) -> list[str]:
    """The command that serves the editor on ``address:port``.

    ``document`` opens that document in the editor when a browser connects without choosing one.
    ``python`` is the interpreter to run Streamlit with (default: this one).
    """
    cmd = [
        python or sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_PATH),
        "--server.address",
        address,
        *(arg for host in allowed_hosts(address) for arg in ("--server.allowedHosts", host)),
        "--server.port",
        str(port),
        "--server.enableXsrfProtection",
        "true",
        "--server.enableCORS",
        "true",
        "--server.headless",
        "true",
        "--server.maxUploadSize",
        str(max_upload_mb),
        "--server.fileWatcherType",
        "none",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
    if document is not None:
        cmd += ["--", DOC_FLAG, str(int(document))]
    return cmd


def url(
    port: int = DEFAULT_PORT, *, address: str = DEFAULT_ADDRESS, document: int | None = None
) -> str:
    """Where to point a browser; with ``document``, straight at it in the editor."""
    base = f"http://{address}:{port}"
    return f"{base}/editor?doc={int(document)}" if document is not None else f"{base}/"


def requested_document(argv: Sequence[str] | None = None) -> int | None:
    """The document named by ``--doc N`` in the app's arguments, if any and valid."""
    args = list(sys.argv[1:] if argv is None else argv)
    for i, arg in enumerate(args):
        value = None
        if arg == DOC_FLAG and i + 1 < len(args):
            value = args[i + 1]
        elif arg.startswith(DOC_FLAG + "="):
            value = arg.split("=", 1)[1]
        if value is not None:
            try:
                return int(value)
            except ValueError:
                return None
    return None


def serve(cmd: Sequence[str], *, grace: float = STOP_GRACE_S) -> int:
    """Run the server ``cmd`` until it exits or this process is told to stop; its exit status.

    The server runs in its own process group, and SIGTERM, SIGINT and SIGHUP sent to this process
    are passed on to that group, so ``kill`` of this process (not only Ctrl+C in its terminal)
    stops the server as well instead of leaving it serving the port. A server that has not stopped
    ``grace`` seconds after the first signal is killed. Stopped by a signal, the status is the
    shell's convention, 128 + the signal's number (130 for SIGINT, 143 for SIGTERM).
    """
    forward = _Forwarder()
    # The handlers go in before the server starts, so no signal can slip between the two.
    previous = {signum: signal.signal(signum, forward) for signum in FORWARDED_SIGNALS}
    try:
        proc = subprocess.Popen(list(cmd), process_group=0)
        try:
            forward.started(proc.pid)
            status = _wait(proc, forward, grace)
        finally:
            if proc.poll() is None:
                _signal_group(proc.pid, signal.SIGKILL)
                proc.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return 128 + forward.received[0] if forward.received else status


class _Forwarder:
    """A signal handler that passes each signal on to the server's process group."""

    def __init__(self) -> None:
        self.received: list[int] = []
        self.pid: int | None = None

    def __call__(self, signum: int, _frame: FrameType | None) -> None:
        self.received.append(signum)
        if self.pid is not None:
            _signal_group(self.pid, signum)

    def started(self, pid: int) -> None:
        self.pid = pid
        if self.received:
            _signal_group(pid, self.received[0])


def _wait(proc: subprocess.Popen[bytes], forward: _Forwarder, grace: float) -> int:
    # Polls: a blocking wait resumes after each handler (PEP 475), so it could not time the grace.
    stop_by = math.inf
    while (status := proc.poll()) is None:
        if forward.received and stop_by == math.inf:
            stop_by = time.monotonic() + grace
        if time.monotonic() > stop_by:
            _signal_group(proc.pid, signal.SIGKILL)
        time.sleep(0.05)
    return status


def _signal_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signum)
