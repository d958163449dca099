"""The Ray runtime a run uses: joined (``--address``) or started locally, and stopped after.

Ray is imported here and in nothing the local engine loads, so ``workbench translate`` without
``--engine ray`` never pays for it. A local runtime is started with the CPUs of this machine and
no dashboard, and listens on 127.0.0.1 only; a cluster's address is joined as given
(``ray start --head`` prints it).

Why the local runtime needs :data:`SINGLE_MACHINE`: Ray 2.x replaces a node address of
127.0.0.1 (``ray.init(_node_ip_address=...)``, ``ray start --node-ip-address``) with the
machine's own address, and its gRPC servers (GCS, raylet and object manager, every worker) then
listen on all interfaces. Only with ``RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER=0`` in the environment
when Ray is imported (single-machine Ray, the default on macOS and Windows) is the node's address
127.0.0.1, and then those servers and the runtime-env agent listen on 127.0.0.1 alone (checked
by ``tests/cluster/test_local_runtime.py``). The dashboard is off, and with it the dashboard
agent's HTTP server and the metrics endpoint.
"""

from __future__ import annotations

import importlib
import ipaddress
import logging
import os
import sys
import threading
from types import ModuleType, TracebackType
from typing import Any

from workbench.errors import ConfigError

_INSTALL = "install it with `pip install ray` (see requirements.txt)"

#: Set to "0" before Ray is imported: Ray keeps a node address of 127.0.0.1 (see above).
SINGLE_MACHINE = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"


def _ray() -> ModuleType:
    try:
        import ray
    except ImportError:
        raise ConfigError(f"--engine ray needs Ray, which is not installed: {_INSTALL}") from None
    return ray


class Runtime:
    """``with Runtime(address) as runtime``: Ray connected for the block, shut down after it."""

    def __init__(self, address: str | None = None) -> None:
        self.address = address
        if address:
            # `ray start` turns token authentication on by default; the token is read from
            # $RAY_AUTH_TOKEN or ~/.ray/auth_token (copy it to every machine, see README). Ray
            # reads the mode when it is imported.
            os.environ.setdefault("RAY_AUTH_MODE", "token")
        else:
            self._loopback_before_import()
        self.ray = _ray()

    @staticmethod
    def _loopback_before_import() -> None:
        if "ray" in sys.modules and os.environ.get(SINGLE_MACHINE) != "0":
            # Ray read the variable when it was imported: a local runtime now would listen on
            # every interface.
            raise ConfigError(
                "a local Ray runtime would listen on every network interface: Ray was imported "
                f"before the workbench could set {SINGLE_MACHINE}=0. Set it in the environment "
                "before Ray is imported, or give --address of a running cluster."
            )
        os.environ[SINGLE_MACHINE] = "0"

    def __enter__(self) -> Runtime:
        os.environ.setdefault("RAY_DEDUP_LOGS", "0")
        kwargs: dict[str, Any] = {
            "logging_level": logging.WARNING,
            "log_to_driver": False,
            "configure_logging": True,
        }
        if self.address:
            kwargs["address"] = self.address
        else:
            # "local": a new runtime even where another cluster runs (ray.init() would join it).
            # Its node address is 127.0.0.1 by SINGLE_MACHINE (set before Ray was imported).
            kwargs.update(address="local", include_dashboard=False, num_cpus=os.cpu_count() or 1)
        # Ray Data's modules load while the runtime's processes start (half a second saved).
        data = threading.Thread(target=importlib.import_module, args=("ray.data",), daemon=True)
        data.start()
        try:
            self.ray.init(**kwargs)
            data.join()
        except (ConnectionError, RuntimeError, ValueError) as err:
            where = f"the Ray cluster at {self.address}" if self.address else "a local Ray runtime"
            raise ConfigError(
                f"cannot start or join {where}: {err}. With --address, give what "
                "`ray start --head` printed (host:port) and check that the head is running."
            ) from None
        node = self.ray.util.get_node_ip_address()
        if not self.address and not ipaddress.ip_address(node).is_loopback:
            self.ray.shutdown()
            raise ConfigError(
                f"the local Ray runtime took the address {node}, not 127.0.0.1, and would "
                f"listen on every network interface; check that {SINGLE_MACHINE} is not set "
                "to 1 where Ray is imported"
            )
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.ray.shutdown()

    def cpus(self) -> int:
        """The CPUs of the cluster (of this machine, for a local runtime)."""
        return max(1, int(self.ray.cluster_resources().get("CPU", 1)))

    def default_workers(self, gpu: bool) -> int:
        """One actor per GPU, or per 2 CPUs (each actor decoding 2 batches at once)."""
        if gpu:
            gpus = int(self.ray.cluster_resources().get("GPU", 0))
            if gpus == 0:
                raise ConfigError("--device cuda was asked for but the Ray cluster has no GPU")
            return gpus
        return max(1, self.cpus() // 2)

    def call(self, refs: list[Any], model_dir: str) -> list[Any]:
        """``ray.get(refs)``, a worker's failure turned into a :class:`ConfigError`."""
        try:
            return list(self.ray.get(refs))
        except self.ray.exceptions.RayTaskError as err:
            cause = err.cause if isinstance(err.cause, Exception) else err
            raise ConfigError(
                f"a Ray worker failed with the model in {model_dir}: {cause}"
            ) from None
        except self.ray.exceptions.RayActorError as err:
            raise ConfigError(f"a Ray worker cannot load the model in {model_dir}: {err}") from None
