"""One round of the Ray engine on Ray Data: ``map_batches`` over the model's callable class.

:class:`Plan` is what every round of a run shares: the workers, what each holds (``num_cpus``,
or ``num_gpus`` with ``--device cuda``), its threads, the call size and the run's signature.
A local runtime's driver describes the model itself (:func:`workbench.cluster.actor.describe`:
the same files and libraries as its workers, a tenth of a second); on a cluster a worker is
asked (a probe task started when the plan is made, so that it runs while the driver reads the
first files). :func:`translate_round` hands a round's distinct sources, longest first, to Ray
Data: ``from_items`` in blocks of one call each (two engine batches per actor thread, fewer
where the round is small, so every actor gets at least two), then ``map_batches`` with an
``ActorPoolStrategy`` of ``workers`` actors of the plan's class (each loads the model once, in
its constructor), each with one call queued behind the one it decodes (so it never waits for
the next, and no more, so that calls do not wait behind a busy actor while another is idle),
and streams the translated calls back as they complete. Ray
Data restarts an actor whose process dies and retries its call.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.cluster.actor import RESULT, SIGNATURE, SOURCE, describe, options_to_dict
from workbench.cluster.runtime import Runtime
from workbench.errors import ConfigError
from workbench.signature import Signature
from workbench.translate.types import TranslationOptions, split_threads

if TYPE_CHECKING:
    from workbench.cluster.driver import Cluster


class _Model:
    """The run's signature, for :func:`untranslated`: what the workers said they run."""

    def __init__(self, signature: Signature, name: str, standin: bool) -> None:
        self._signature = signature
        self.model_name = name
        self.is_standin = standin

    @classmethod
    def of(cls, described: tuple[Any, str, bool]) -> _Model:
        """From what :func:`~workbench.cluster.actor.describe` returns."""
        fields, name, standin = described
        return cls(Signature(tuple(tuple(f) for f in fields)), name, standin)

    def signature(self, options: TranslationOptions | None = None) -> Signature:
        return self._signature


@dataclass
class Plan:
    """How every round of a run translates (see the module's docstring)."""

    runtime: Runtime
    model_dir: str
    options: TranslationOptions
    workers: int
    resources: dict[str, Any]
    #: Sources per call at most.
    rows: int
    cluster: Cluster
    _probe: Any = None
    _model: _Model | None = None

    @classmethod
    def of(
        cls, runtime: Runtime, model_dir: Path, options: TranslationOptions, cluster: Cluster
    ) -> Plan:
        gpu = options.device == "cuda"
        workers = cluster.workers or runtime.default_workers(gpu)
        resources: dict[str, Any]
        if gpu:
            resources = {"num_gpus": 1, "num_cpus": 1}
            options = replace(options, inter_threads=options.inter_threads or 1)
        else:
            cpus = max(1, runtime.cpus() // workers)
            resources = {"num_cpus": cpus}
            inter, intra = split_threads(options.inter_threads, options.intra_threads, cpus)
            device = "cpu" if options.device == "auto" else options.device
            options = replace(options, device=device, inter_threads=inter, intra_threads=intra)
        rows = cluster.rows_per_call or 2 * options.batch_size * options.inter_threads
        plan = cls(
            runtime, str(Path(model_dir).resolve()), options, workers, resources, rows, cluster
        )
        args = (cluster.actor, plan.model_dir, options_to_dict(options), dict(cluster.actor_kwargs))
        if runtime.address is None and not gpu:
            # A local runtime's workers are this machine's processes, with its files and
            # libraries: the driver describes the model itself (a tenth of a second) rather
            # than wait for a worker process to start and load it.
            plan._model = _Model.of(describe(*args))
        else:
            plan._probe = runtime.ray.remote(**resources)(describe).remote(*args)
        return plan

    def model(self) -> _Model:
        """The run's model as a worker described it (waits for the probe the first time)."""
        if self._model is None:
            [described] = self.runtime.call([self._probe], self.model_dir)
            self._model = _Model.of(described)
        return self._model

    def check(self, signatures: set[str]) -> None:
        """Refuse results made under another signature than the run's."""
        expected = str(self.model().signature())
        if signatures - {expected}:
            raise ConfigError(
                f"a worker translates under {sorted(signatures - {expected})}, not "
                f"{expected}: every machine needs the same model in {self.model_dir}"
            )


def translate_round(
    runtime: Runtime, plan: Plan, sources: list[str]
) -> Iterator[list[tuple[str, dict[str, Any]]]]:
    """Each call's results as it comes back: ``(source, stored result)`` pairs.

    ``sources`` (sorted, longest first) go in consecutive calls of at most ``plan.rows``, at
    least two for every actor.
    """
    ray = runtime.ray
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.print_on_execution_start = False
    logging.getLogger("ray.data").setLevel(logging.ERROR)  # not "progress bars disabled"
    share = -(-len(sources) // (plan.workers * 2))
    rows = max(1, min(plan.rows, share))
    dataset = ray.data.from_items(
        [{SOURCE: source} for source in sources], override_num_blocks=-(-len(sources) // rows)
    ).map_batches(
        plan.cluster.actor,
        fn_constructor_args=(plan.model_dir, options_to_dict(plan.options)),
        fn_constructor_kwargs=dict(plan.cluster.actor_kwargs),
        # One call queued behind the one an actor decodes: with none, each actor idled ~0.2 s
        # between calls while Ray Data sent it the next (measured); with more, calls would
        # wait behind a busy actor while another has nothing. The longest calls come first, so
        # what waits at the end of a round is short.
        compute=ray.data.ActorPoolStrategy(size=plan.workers, max_tasks_in_flight_per_actor=2),
        # A block is one call (blocks bundled up to a batch size would wait for each other).
        batch_size=None,
        batch_format="numpy",
        **plan.resources,
    )
    batches = dataset.iter_batches(batch_size=None, batch_format="numpy", prefetch_batches=0)
    try:
        for batch in batches:
            plan.check({str(s) for s in batch[SIGNATURE]})
            yield [
                (str(src), json.loads(str(res)))
                for src, res in zip(batch[SOURCE], batch[RESULT], strict=True)
            ]
    except ray.exceptions.RayError as err:
        cause = getattr(err, "cause", None)
        raise ConfigError(
            f"a Ray worker failed with the model in {plan.model_dir}: {cause or err}"
        ) from None
