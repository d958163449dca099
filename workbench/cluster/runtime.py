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

_INSTALL = "install it with `pip install 'ray[data]'` (see requirements.txt)"


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
            kwargs.update(address="local", include_dashboard=False, num_cpus=os.cpu_count() or 1)
        try:
            self.ray.init(**kwargs)
        except (ConnectionError, RuntimeError, ValueError) as err:
            where = f"the Ray cluster at {self.address}" if self.address else "a local Ray runtime"
            raise ConfigError(
                f"cannot start or join {where}: {err}. With --address, give what "
                "`ray start --head` printed (host:port) and check that the head is running."
            ) from None
        context = self.data().DataContext.get_current()
        for handler in logging.getLogger("ray.data").handlers:  # keep its log file, not INFO lines
            if (
                not isinstance(handler, logging.FileHandler)
                and "File" not in type(handler).__name__
            ):
                handler.setLevel(logging.WARNING)
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.ray.shutdown()

    def data(self) -> Any:
        import ray.data

        return ray.data

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

    def probe(self, model_dir: str, options: dict[str, Any], resources: dict[str, Any]) -> Any:
        """The signature the workers translate under, asked of one worker (it loads the model)."""
        from workbench.cluster.driver import _Model

        @self.ray.remote(**resources)  # type: ignore[untyped-decorator]
        def describe(model_dir: str, options: dict[str, Any]) -> tuple[Any, str, bool]:
            from workbench.translate.engine import CTranslate2Translator
            from workbench.translate.types import TranslationOptions

            opts = TranslationOptions(**options)
            translator = CTranslate2Translator(model_dir, opts)
            fields = translator.signature(opts).fields
            return fields, translator.model_name, translator.is_standin

        try:
            fields, name, standin = self.ray.get(describe.remote(model_dir, options))
        except self.ray.exceptions.RayTaskError as err:
            cause = err.cause if isinstance(err.cause, Exception) else err
            raise ConfigError(
                f"a Ray worker cannot load the model in {model_dir}: {cause}"
            ) from None
        from workbench.signature import Signature

        return _Model(Signature(tuple(tuple(f) for f in fields)), name, standin)
