"""How the Ray engine plans a run, without starting Ray: where the run's signature comes from,
what each actor holds and how large its calls are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbench.cluster.data import Plan
from workbench.cluster.driver import Cluster
from workbench.translate.engine import CTranslate2Translator
from workbench.translate.types import TranslationOptions


class _Remote:
    """What ``ray.remote(...)(fn)`` gives: records that a task was started."""

    def __init__(self, started: list[Any]) -> None:
        self.started = started

    def remote(self, *args: Any) -> str:
        self.started.append(args)
        return "probe-ref"


class _Ray:
    def __init__(self) -> None:
        self.started: list[Any] = []

    def remote(self, **resources: Any) -> Any:
        return lambda fn: _Remote(self.started)


class _Runtime:
    def __init__(self, address: str | None, cpus: int = 2) -> None:
        self.address, self._cpus, self.ray = address, cpus, _Ray()
        self.called: list[Any] = []

    def cpus(self) -> int:
        return self._cpus

    def default_workers(self, gpu: bool) -> int:
        return max(1, self._cpus // 2)

    def call(self, refs: list[Any], model_dir: str) -> list[Any]:
        from workbench.cluster.actor import TranslateBatch, describe, options_to_dict

        self.called.append(refs)
        plan_options = TranslationOptions(device="cpu", inter_threads=1, intra_threads=1)
        return [describe(TranslateBatch, model_dir, options_to_dict(plan_options), {})]


def _plan(runtime: Any, model: Path, workers: int = 2) -> Plan:
    options = TranslationOptions(device="cpu", batch_size=8, beam_size=1)
    return Plan.of(runtime, model, options, Cluster(workers=workers))


def test_a_local_runtime_describes_the_model_in_the_driver(tiny_model_dir: Path) -> None:
    runtime = _Runtime(None)
    plan = _plan(runtime, tiny_model_dir)
    assert runtime.ray.started == []  # no worker process started only to say the signature
    local = CTranslate2Translator(tiny_model_dir, TranslationOptions(device="cpu", beam_size=1))
    assert plan.model().signature() == local.signature()
    assert plan.model().model_name == local.model_name


def test_a_cluster_is_asked_by_a_probe_task(tiny_model_dir: Path) -> None:
    runtime = _Runtime("127.0.0.1:6379")
    plan = _plan(runtime, tiny_model_dir)
    assert len(runtime.ray.started) == 1 and runtime.called == []
    plan.model()
    plan.model()
    assert runtime.called == [["probe-ref"]]  # asked once, when first needed


@pytest.mark.parametrize(("cpus", "workers", "threads", "rows"), [(2, 2, 1, 16), (2, 1, 2, 32)])
def test_each_actor_holds_its_share_of_the_cpus(
    tiny_model_dir: Path, cpus: int, workers: int, threads: int, rows: int
) -> None:
    plan = _plan(_Runtime(None, cpus), tiny_model_dir, workers)
    assert plan.resources == {"num_cpus": cpus // workers}
    assert (plan.options.inter_threads, plan.options.intra_threads) == (threads, 1)
    assert plan.rows == rows  # two engine batches of 8 per thread
