"""A real two-node Ray cluster on this machine for the Ray engine's tests.

``ray start --head`` and a second ``ray start --address`` (one CPU each, no dashboard, token
authentication as ``ray start`` sets it up), each run with ``--block`` in a process group of its
own so that the end of the module stops both by their process group ids. The workers get this
checkout on ``PYTHONPATH``. Tests skip, saying why, where Ray is not installed.

Loopback only: both nodes and the tests' drivers take the address 127.0.0.1, so Ray's servers
(GCS, raylets, object managers, workers, agents) listen on 127.0.0.1 alone, which the fixture
checks before any test runs. Stock ``ray start`` cannot do that for a second node: it rewrites
127.0.0.1 (in ``--node-ip-address`` and ``--address``) to the machine's own address, after
which Ray listens on every interface, and the switch that stops the rewrite
(``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0``, what the engine's local runtime uses) refuses a second
node. So the nodes run Ray's CLI with that rewrite (``resolve_ip_for_localhost``, private to
Ray) made the identity, and the drivers in this process set the switch.
"""

from __future__ import annotations

import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cluster.listening import listening, tree
from workbench.cluster.runtime import SINGLE_MACHINE

REPO = Path(__file__).resolve().parents[2]
RAY = Path(sys.executable).parent / "ray"
#: Ray's CLI (``python -c _RAY_CLI start ...``), 127.0.0.1 kept as given (see above).
_RAY_CLI = (
    "import sys\n"
    "import ray._private.services as services\n"
    "services.resolve_ip_for_localhost = lambda host: host\n"
    "from ray.scripts.scripts import main\n"
    "sys.exit(main())\n"
)
#: How long the two nodes may take to come up on a slow, busy 2-core machine.
START_TIMEOUT_S = 120


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _node(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "-c", _RAY_CLI, "start", "--block", "--disable-usage-stats", *args],
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
            [sys.executable, "-c", _RAY_CLI, "status", "--address", address],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        if f"/{cpus}.0 CPU" in status.stdout:
            return
        time.sleep(2)
    raise RuntimeError(f"the Ray cluster at {address} did not reach {cpus} CPUs")


def _check_loopback(nodes: list[subprocess.Popen[bytes]]) -> None:
    listeners = listening(set().union(*(tree(node.pid) for node in nodes)))
    servers = [listener.process for listener in listeners]
    assert servers.count("gcs_server") >= 1 and servers.count("raylet") >= 2, servers
    exposed = [str(listener) for listener in listeners if not listener.loopback]
    assert not exposed, f"the test cluster listens off loopback: {exposed}"


@pytest.fixture(scope="module")
def ray_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a running head + worker cluster (1 CPU each), stopped at the end."""
    if importlib.util.find_spec("ray") is None:  # not imported: Ray reads its auth mode then
        pytest.skip("the Ray engine needs ray (make test installs it)")
    if not RAY.exists():
        pytest.skip(f"no ray command at {RAY}")
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
    env.pop(SINGLE_MACHINE, None)  # a worker node refuses to start with it
    common = ["--node-ip-address", "127.0.0.1", "--num-cpus", "1", "--num-gpus", "0"]
    nodes = [
        _node(
            ["--head", "--port", str(port), "--include-dashboard", "false", *common],
            env,
            logs / "head.log",
        )
    ]
    # For the drivers the tests run in this process (Ray reads both when it is imported).
    os.environ["RAY_AUTH_MODE"] = "token"
    os.environ[SINGLE_MACHINE] = "0"
    try:
        _wait_for_cpus(address, 1, env)
        nodes.append(_node(["--address", address, *common], env, logs / "worker.log"))
        _wait_for_cpus(address, 2, env)
        _check_loopback(nodes)
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
