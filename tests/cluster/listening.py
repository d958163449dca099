"""The sockets a tree of processes listens on, read from ``/proc`` (Linux): for the tests that
check where Ray listens.

A listener is a TCP socket in the LISTEN state or an unconnected bound UDP socket, found by the
inode that ``/proc/PID/fd`` links to in ``/proc/net/{tcp,tcp6,udp,udp6}``.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

_PROC = Path("/proc")
#: The ``st`` column: TCP_LISTEN, and for UDP TCP_CLOSE (bound, not connected).
_STATES = {"tcp": "0A", "tcp6": "0A", "udp": "07", "udp6": "07"}


@dataclass(frozen=True)
class Listener:
    pid: int
    process: str
    protocol: str
    address: ipaddress.IPv4Address | ipaddress.IPv6Address
    port: int

    @property
    def loopback(self) -> bool:
        """127.0.0.0/8, ::1, or 127.x mapped into IPv6 (``[::ffff:127.0.0.1]``)."""
        mapped = getattr(self.address, "ipv4_mapped", None)
        return self.address.is_loopback or (mapped is not None and mapped.is_loopback)

    def __str__(self) -> str:
        return f"{self.process} (pid {self.pid}) {self.protocol} {self.address}:{self.port}"


def tree(root: int) -> set[int]:
    """``root`` and every process below it."""
    children: dict[int, list[int]] = {}
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [root]
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(children.get(pid, []))
    return found


def _address(hexed: str) -> tuple[ipaddress.IPv4Address | ipaddress.IPv6Address, int]:
    host, port = hexed.split(":")
    # The kernel prints each 32-bit word of the address in host (little-endian) order.
    raw = b"".join(bytes.fromhex(host[i : i + 8])[::-1] for i in range(0, len(host), 8))
    return ipaddress.ip_address(raw), int(port, 16)


def _sockets() -> dict[str, tuple[str, ipaddress.IPv4Address | ipaddress.IPv6Address, int]]:
    found = {}
    for protocol, state in _STATES.items():
        table = _PROC / "net" / protocol
        if not table.exists():
            continue
        for line in table.read_text(encoding="ascii").splitlines()[1:]:
            cols = line.split()
            if cols[3] == state:
                address, port = _address(cols[1])
                found[cols[9]] = (protocol, address, port)
    return found


def _process(pid: int) -> str:
    try:
        argv = (_PROC / str(pid) / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return "?"
    return Path(argv[0].decode(errors="replace").split(" ")[0]).name


def listening(pids: set[int]) -> list[Listener]:
    """What the processes ``pids`` listen on (processes gone meanwhile are left out)."""
    sockets = _sockets()
    found = []
    for pid in sorted(pids):
        try:
            fds = list((_PROC / str(pid) / "fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                link = os.readlink(fd)
            except OSError:  # closed meanwhile
                continue
            if link.startswith("socket:[") and link[8:-1] in sockets:
                protocol, address, port = sockets[link[8:-1]]
                found.append(Listener(pid, _process(pid), protocol, address, port))
    return found
