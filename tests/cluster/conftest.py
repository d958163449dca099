"""A real two-node Ray cluster on this machine for the Ray engine's tests.

``ray start --head`` and a second ``ray start --address`` (one CPU each, on 127.0.0.1, no
dashboard, token authentication as ``ray start`` sets it up), each run with ``--block`` in a
process group of its own so that the end of the module stops both by their process group ids.
The workers get this checkout on ``PYTHONPATH``. Tests skip, saying why, where Ray is not
installed.

Ray 2.x's gRPC servers (GCS, raylet, workers) listen on 0.0.0.0 whatever node address they are
given, so the cluster and the module's drivers run in a network namespace of their own that has
nothing but a loopback interface (``unshare -n``, entered by this process's main thread with
``setns`` for the module and left after it): nothing of Ray can be reached from outside. Where
namespaces are not allowed (no root), the cluster runs on the machine's network, with a warning.
"""

from __future__ import annotations

import ctypes
import fcntl
import importlib.util
import os
import signal
import socket
import struct
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
RAY = Path(sys.executable).parent / "ray"
#: How long the two nodes may take to come up on a slow, busy 2-core machine.
START_TIMEOUT_S = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _node(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [str(RAY), "start", "--block", "--disable-usage-stats", *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop(nodes: list[subprocess.Popen[bytes]]) -> None:
    for node in reversed(nodes):
        try:
            os.killpg(node.pid, signal.SIGTERM)
        except ProcessLookupError:
            continue
    for node in reversed(nodes):
        try:
            node.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(node.pid, signal.SIGKILL)
            node.wait(timeout=10)


def _wait_for_cpus(address: str, cpus: int, env: dict[str, str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        status = subprocess.run(
            [str(RAY), "status", "--address", address],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if f"/{cpus}.0 CPU" in status.stdout:
            return
        time.sleep(2)
    raise RuntimeError(f"the Ray cluster at {address} did not reach {cpus} CPUs")


_CLONE_NEWNET = 0x40000000
_SIOCSIFFLAGS = 0x8914
_IFF_UP_LOOPBACK_RUNNING = 0x1 | 0x8 | 0x40


@contextmanager
def _loopback_only() -> Iterator[bool]:
    """This thread (and what it starts) in a new network namespace with only ``lo``, up."""
    libc = ctypes.CDLL(None, use_errno=True)
    try:
        holder = subprocess.Popen(["unshare", "-n", "sleep", "infinity"])
    except OSError as err:
        warnings.warn(
            f"no network namespace ({err}): Ray listens on this machine's network", stacklevel=2
        )
        yield False
        return
    old = os.open("/proc/self/ns/net", os.O_RDONLY)
    try:
        time.sleep(0.2)
        new = os.open(f"/proc/{holder.pid}/ns/net", os.O_RDONLY)
        try:
            entered = holder.poll() is None and libc.setns(new, _CLONE_NEWNET) == 0
        finally:
            os.close(new)
        if not entered:
            warnings.warn(
                "no network namespace (unshare -n or setns refused): Ray listens on this "
                "machine's network",
                stacklevel=2,
            )
            yield False
            return
        try:
            with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
                flags = struct.pack("16sh", b"lo", _IFF_UP_LOOPBACK_RUNNING)
                fcntl.ioctl(sock, _SIOCSIFFLAGS, flags)
            yield True
        finally:
            libc.setns(old, _CLONE_NEWNET)
    finally:
        os.close(old)
        holder.kill()
        holder.wait(timeout=10)


def _interfaces() -> list[str]:
    lines = Path("/proc/net/dev").read_text(encoding="ascii").splitlines()[2:]
    return [line.split(":")[0].strip() for line in lines]


@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a running head + worker cluster (1 CPU each), stopped at the end."""
    if importlib.util.find_spec("ray") is None:  # not imported: Ray reads its auth mode then
        pytest.skip("the Ray engine needs ray (make test installs it)")
    if not RAY.exists():
        pytest.skip(f"no ray command at {RAY}")
    with _loopback_only() as isolated:
        if isolated:
            assert _interfaces() == ["lo"], _interfaces()
        yield from _cluster(tmp_path_factory)


def _cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    logs = tmp_path_factory.mktemp("ray-logs")
    port = _free_port()
    address = f"127.0.0.1:{port}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
        "RAY_DEDUP_LOGS": "0",
        # `ray start` turns token authentication on; the driver and `ray status` need it too.
        "RAY_AUTH_MODE": "token",
    }
    common = ["--node-ip-address", "127.0.0.1", "--num-cpus", "1", "--num-gpus", "0"]
    nodes = [
        _node(
            ["--head", "--port", str(port), "--include-dashboard", "false", *common],
            env,
            logs / "head.log",
        )
    ]
    os.environ["RAY_AUTH_MODE"] = "token"  # for the drivers the tests run in this process
    try:
        _wait_for_cpus(address, 1, env)
        nodes.append(_node(["--address", address, *common], env, logs / "worker.log"))
        _wait_for_cpus(address, 2, env)
        yield address
    finally:
        _stop(nodes)


@pytest.fixture(scope="session")
def standin_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The full-size stand-in (``workbench model standin``), built once per session (~20 s)."""
    from workbench.config import Settings
    from workbench.model import install
    from workbench.model.standin import missing_reference_files

    for name in ("torch", "transformers"):
        pytest.importorskip(name, reason=f"{name} missing: pip install -e '.[convert]'")
    reference = Settings.from_env().reference_model_dir
    missing = missing_reference_files(reference)
    if missing:
        pytest.skip(f"shared reference model files missing in {reference}: {', '.join(missing)}")
    return Path(install.build_standin(models_dir=tmp_path_factory.mktemp("standin")).path)
