"""Serving the API with uvicorn: the binding rule, the blocking server, and one in a thread.

Bound to a loopback address (127.0.0.1, ::1, localhost) the API may run without keys; bound to
anything else it must have them (:func:`check_binding`), since every request costs model time.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from workbench.errors import ConfigError


def is_loopback(host: str) -> bool:
    """Whether ``host`` is only reachable from this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_binding(host: str, has_keys: bool) -> None:
    """Refuse a server reachable from other machines without API keys."""
    if not is_loopback(host) and not has_keys:
        raise ConfigError(
            f"binding to {host} makes the API reachable from other machines: give it keys with "
            "--api-keys FILE (one key a line), or bind to 127.0.0.1."
        )


def run(app: Any, host: str, port: int) -> None:
    """Serve ``app`` until interrupted (Ctrl+C or SIGTERM stop it cleanly)."""
    import uvicorn

    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


@contextmanager
def serve_in_thread(app: Any, host: str = "127.0.0.1", timeout: float = 20.0) -> Iterator[str]:
    """A real uvicorn server for ``app`` on a free port of ``host``, in a thread; yields its URL
    and stops it (within ``timeout`` seconds) on leaving the block. For tests and benchmarks."""
    import uvicorn

    config = uvicorn.Config(app, host=host, port=0, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="workbench-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the API server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout)
