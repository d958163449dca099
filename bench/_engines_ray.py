"""The Ray engine for ``translate_bench.py``: ``ray1`` and ``ray2`` (1 and 2 actors).

The same workload as every engine: the FLORES article imported, segmented and stored by the
driver, the distinct segments translated by the engine's Ray actors (a local Ray runtime started
inside the timed span, as ``workbench translate --engine ray`` does without ``--address``; with
``--ray-address`` a running cluster is joined instead), results stored and the jsonl export
written. ``phases`` splits the wall time: ``ready_s`` until the first batch is stored (runtime
start or join, the actors' start and model load, one batch), the rest translating, storing and
exporting. The only bench-specific piece is :class:`ForcedBatch`, a
:class:`~workbench.cluster.actor.TranslateBatch` whose translator forces each segment's length
(``translate_forced``, checked token for token in the ``workbench`` engine). Decoded tokens are
counted from the forced lengths of the segments the store holds MT for. Peak RSS is the
driver's only: the actors are processes of their own (their RSS is in the machine's total).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from workbench.cluster.actor import TranslateBatch


class ForcedBatch(TranslateBatch):
    """:class:`TranslateBatch` with each segment's output forced to its workload length."""

    def __init__(self, model_dir: str, options: Any, lengths: dict[str, int]) -> None:
        super().__init__(model_dir, options)
        self.lengths = lengths
        real = self.translator

        class Forced:
            def translate(self, texts: list[str], options: Any = None) -> list[Any]:
                return real.translate_forced(texts, [lengths[t] for t in texts], options)

        self.translator = Forced()  # type: ignore[assignment]


def _run_ray(spec: dict[str, Any], workers: int) -> dict[str, Any]:
    from workbench.cluster.runtime import SINGLE_MACHINE

    if not spec.get("ray_address"):
        os.environ[SINGLE_MACHINE] = "0"  # before Ray is imported: a local runtime on loopback
    import ray.cloudpickle

    from workbench.cluster.driver import Cluster, translate_sources
    from workbench.export import export_document, write_export
    from workbench.pipeline.sources import find_sources
    from workbench.store.sqlite import Store
    from workbench.translate.types import TranslationOptions

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    lengths = {s["text"]: s["length"] for s in spec["segments"]}
    options = TranslationOptions(
        device="cpu",
        compute_type=spec["compute_type"],
        beam_size=spec["beam"],
        batch_size=spec["batch_size"],
        batch_type=spec.get("batch_type", "examples"),
    )
    cluster = Cluster(
        address=spec.get("ray_address"),
        workers=workers,
        actor=ForcedBatch,
        actor_kwargs=(("lengths", lengths),),
        # Batches of one forced length, as translate_forced makes them in the local engine.
        order=lambda text: (lengths[text], len(text)),
    )
    ready: list[float] = []

    def first(_: int) -> None:
        if not ready:
            ready.append(time.perf_counter())

    started = time.perf_counter()
    store = Store.open_default()
    [done] = list(
        translate_sources(
            store,
            find_sources([spec["article"]]),
            Path(spec["model_dir"]),
            options,
            cluster,
            progress=first,
        )
    )
    assert done.document_id is not None, done.error
    written = write_export(export_document(store, done.document_id, "jsonl"), spec["out_dir"])
    wall = time.perf_counter() - started
    stored = [row for row in store.segments(done.document_id) if row.kind == "prose"]
    distinct = {row.source for row in stored if row.mt is not None}
    return {
        "wall_s": wall,
        "decoded_segments": len(distinct),
        "decoded_tokens": sum(lengths[s] for s in distinct),
        "per_segment_ok": all(row.mt is not None for row in stored),
        "source_pieces": 0,
        "batches": 0,
        "stored_segments": len(stored),
        "export": str(written),
        "threads": f"{workers} actor(s)" + (" joined" if spec.get("ray_address") else ""),
        "phases": {"ready_s": ready[0] - started, "after_ready_s": wall - (ready[0] - started)},
    }


def run_ray1(spec: dict[str, Any]) -> dict[str, Any]:
    return _run_ray(spec, 1)


def run_ray2(spec: dict[str, Any]) -> dict[str, Any]:
    return _run_ray(spec, 2)


RAY = {"ray1": run_ray1, "ray2": run_ray2}
