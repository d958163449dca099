"""The Ray runtime a run uses: joined (``--address``) or started locally, and stopped after.

Ray is imported here and in nothing the local engine loads, so ``workbench translate`` without
``--engine ray`` never pays for it. A local runtime is started with the CPUs of this machine and
no dashboard; a cluster's address is joined as given (``ray start --head`` prints it).
"""

from __future__ import annotations

import logging
import os
from types import ModuleType, TracebackType
from typing import Any

from workbench.errors import ConfigError

_INSTALL = "install it with `pip install ray` (see requirements.txt)"


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
        self.ray = _ray()

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
            # Loopback: the runtime is this machine's, and its addresses are advertised as such.
            kwargs.update(
                address="local",
                include_dashboard=False,
                num_cpus=os.cpu_count() or 1,
                _node_ip_address="127.0.0.1",
            )
        try:
            self.ray.init(**kwargs)
        except (ConnectionError, RuntimeError, ValueError) as err:
            where = f"the Ray cluster at {self.address}" if self.address else "a local Ray runtime"
            raise ConfigError(
                f"cannot start or join {where}: {err}. With --address, give what "
                "`ray start --head` printed (host:port) and check that the head is running."
            ) from None
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

    def actors(
        self,
        cls: type,
        count: int,
        resources: dict[str, Any],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> list[Any]:
        """``count`` actors of ``cls(*args, **kwargs)``, each holding ``resources``.

        A dead actor's process is restarted (without limit) and the calls it had are retried,
        so a worker killed mid-run costs its model load and its call, nothing else.
        """
        remote = self.ray.remote(max_restarts=-1, max_task_retries=-1, **resources)(cls)
        return [remote.remote(*args, **kwargs) for _ in range(count)]

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
