"""API keys and the per-key request limit.

The keys file has one key a line, optionally followed by its own limit in requests per minute
(``KEY 600``); blank lines and ``#`` comments are ignored. A bad line is an error naming the file
and the line. :class:`RateLimiter` counts requests per key (per client address when the server
runs without keys) over a sliding minute.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path

from workbench.errors import InputError

_FIX = "Write one key a line, optionally followed by a space and its requests per minute."


def load_keys(path: str | Path) -> dict[str, int | None]:
    """The keys in ``path`` with their own limits (None: the server's default)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read the API keys file ({err})", path=path) from err
    keys: dict[str, int | None] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        fields = line.split("#", 1)[0].split()
        if not fields:
            continue
        if len(fields) > 2 or (len(fields) == 2 and not fields[1].isdigit()):
            raise InputError("is not `KEY [REQUESTS_PER_MINUTE]`", path=path, line=number, fix=_FIX)
        if len(fields[0]) < 8:
            raise InputError(
                "has a key shorter than 8 characters", path=path, line=number, fix=_FIX
            )
        keys[fields[0]] = int(fields[1]) if len(fields) == 2 else None
    if not keys:
        raise InputError("holds no API key", path=path, fix=_FIX)
    return keys


class RateLimiter:
    """At most ``limit`` requests per ``window`` seconds for each name; thread-safe."""

    def __init__(
        self, limit: int, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def allow(self, name: str, limit: int | None = None) -> bool:
        """Count a request for ``name``; False (and not counted) when it is over its limit."""
        now = self._clock()
        with self._lock:
            seen = self._seen.setdefault(name, deque())
            while seen and seen[0] <= now - self.window:
                seen.popleft()
            if len(seen) >= (self.limit if limit is None else limit):
                return False
            seen.append(now)
            return True
