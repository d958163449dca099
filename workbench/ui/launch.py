"""How ``workbench ui`` starts the editor: the ``streamlit run`` command line and its URL.

The server listens on 127.0.0.1 only, keeps XSRF and CORS protection on, opens no browser and sends
no usage statistics. A document to open first is passed after ``--`` (Streamlit hands those
arguments to the app script) and read back by :func:`requested_document`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

APP_PATH = Path(__file__).resolve().with_name("app.py")
DEFAULT_PORT = 8501
DEFAULT_ADDRESS = "127.0.0.1"
#: The largest upload the library page accepts, in MB (Streamlit's ``server.maxUploadSize``).
DEFAULT_MAX_UPLOAD_MB = 50
DOC_FLAG = "--doc"


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
