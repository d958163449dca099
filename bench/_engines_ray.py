"""The Ray engine for ``translate_bench.py``: ``ray1`` and ``ray2`` (1 and 2 actors).

The same workload as every engine: the FLORES article imported, segmented and stored by the
driver, the distinct segments translated by the engine's Ray actors (a local Ray runtime started
inside the timed span, as ``workbench translate --engine ray`` does without ``--address``; with
``--ray-address`` a running cluster is joined instead), results stored and the jsonl export
written. The only bench-specific piece is :class:`ForcedBatch`, a
:class:`~workbench.cluster.actor.TranslateBatch` whose translator forces each segment's length
(``translate_forced``, checked token for token in the ``workbench`` engine) and which notes when
each of its calls starts and ends (a line per call in a file: the actors run on this machine).
``phases`` splits the wall time with those notes: ``start_s`` from the clock's start to the
first call (the runtime started or joined, the file read, the actors started and their model
loaded), ``decode_s`` from the first call's start to the last one's end (the actors translating,
``busy`` the share of that window their calls filled), ``end_s`` from there to the written
export (the last results stored, the export, the runtime stopped). Decoded tokens are
counted from the forced lengths of the segments the store holds MT for. Peak RSS is the
driver's only: the actors are processes of their own (their RSS is in the machine's total).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from workbench.cluster.actor import TranslateBatch


class ForcedBatch(TranslateBatch):
    """:class:`TranslateBatch` with each segment's output forced to its workload length."""

    def __init__(self, model_dir: str, options: Any, lengths: dict[str, int], trace: str) -> None:
        super().__init__(model_dir, options)
        self.lengths, self.trace = lengths, trace
        real = self.translator

        class Forced:
            def translate(self, texts: list[str], options: Any = None) -> list[Any]:
                return real.translate_forced(texts, [lengths[t] for t in texts], options)

        self.translator = Forced()  # type: ignore[assignment]

    def __call__(self, batch: Any) -> dict[str, list[str]]:
        started = time.time()
        answer = super().__call__(batch)
        note = {
            "pid": os.getpid(),
            "start": started,
            "end": time.time(),
            "rows": len(answer["source"]),
        }
        with open(self.trace, "a", encoding="utf-8") as out:  # one short append per call
            out.write(json.dumps(note) + "\n")
        return answer


def _phases(trace: Path, started: float, ended: float, workers: int) -> dict[str, float]:
    """The run's wall time split by the actors' notes (see the module's docstring)."""
    calls = [json.loads(line) for line in trace.read_text(encoding="utf-8").splitlines()]
    first = min(c["start"] for c in calls)
    last = max(c["end"] for c in calls)
    busy = sum(c["end"] - c["start"] for c in calls) / (workers * (last - first))
    return {
        "start_s": first - started,
        "decode_s": last - first,
        "end_s": ended - last,
        "busy": busy,
        "calls": len(calls),
    }


def _run_ray(spec: dict[str, Any], workers: int) -> dict[str, Any]:
    from workbench.cluster.runtime import SINGLE_MACHINE

    address = spec.get("ray_address") or ""
    if not address or address.startswith("127."):
        # Before Ray is imported: a local runtime on loopback, or a head started on 127.0.0.1
        # as the tests start theirs (tests/cluster/conftest.py); without it Ray would rewrite
        # 127.0.0.1 to this machine's address, where such a head does not listen.
        os.environ[SINGLE_MACHINE] = "0"
    import ray.cloudpickle

    from workbench.cluster.driver import Cluster, translate_sources
    from workbench.export import export_document, write_export
    from workbench.pipeline.sources import find_sources
    from workbench.store.sqlite import Store
    from workbench.translate.types import TranslationOptions

    ray.cloudpickle.register_pickle_by_value(sys.modules[__name__])
    lengths = {s["text"]: s["length"] for s in spec["segments"]}
    trace = Path(spec["out_dir"]).parent / "calls.jsonl"
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
        actor_kwargs=(("lengths", lengths), ("trace", str(trace))),
        # Batches of one forced length, as translate_forced makes them in the local engine.
        order=lambda text: (lengths[text], len(text)),
    )
    started = time.time()
    store = Store.open_default()
    [done] = list(
        translate_sources(
            store,
            find_sources([spec["article"]]),
            Path(spec["model_dir"]),
            options,
            cluster,
        )
    )
    assert done.document_id is not None, done.error
    written = write_export(export_document(store, done.document_id, "jsonl"), spec["out_dir"])
    ended = time.time()
    wall = ended - started
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
        "phases": _phases(trace, started, ended, workers),
    }


def run_ray1(spec: dict[str, Any]) -> dict[str, Any]:
    return _run_ray(spec, 1)


def run_ray2(spec: dict[str, Any]) -> dict[str, Any]:
    return _run_ray(spec, 2)


RAY = {"ray1": run_ray1, "ray2": run_ray2}
