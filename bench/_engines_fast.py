"""More engines for ``translate_bench.py``: the bare loop at its best, and the editor's page.

* ``bare-best``: the bare CTranslate2 loop of :func:`_engines.run_bare` with every CPU used:
  ``inter_threads × intra_threads`` from :func:`workbench.translate.types.split_threads` (2 × 1
  on 2 cores) and the batches submitted asynchronously, ``inter_threads`` ahead, so every worker
  always has one. The new limit the workbench is measured against.
* ``page``: the editor's latency for one page (the first 10 distinct segments of the workload,
  forced lengths), ``CTranslate2Translator.translate`` with the old settings (``1 × threads``) and
  with the new defaults, each the median of ``page_runs`` calls (the cache is cleared before each).
* ``workbench-ahead1``: the ``workbench`` engine submitting one batch per worker ahead (the depth
  before session 3) instead of the engine's default, to compare the two side by side.
* ``workbench-tokens``: the ``workbench`` engine with token-sized batches (``batch_type="tokens"``,
  ``batch_size × 30`` source pieces, about as many pieces as ``batch_size`` FLORES segments).
"""

from __future__ import annotations

import statistics
import time
from collections import deque
from pathlib import Path
from typing import Any

from _engines import WARMUP_LENGTH, WARMUP_TEXT, _distinct, _write_lines, cpu_s, forced_batches

PAGE = 10


def run_bare_best(spec: dict[str, Any]) -> dict[str, Any]:
    """The bare loop with all CPUs: ``split_threads`` workers, batches submitted ahead."""
    import ctranslate2
    import sentencepiece as spm

    from workbench.translate.types import split_threads

    inter, intra = split_threads(spec.get("inter", 0), spec.get("intra", 0))
    model_dir = spec["model_dir"]
    model = ctranslate2.Translator(
        model_dir,
        device="cpu",
        compute_type=spec["compute_type"],
        inter_threads=inter,
        intra_threads=intra,
    )
    source = spm.SentencePieceProcessor(model_file=f"{model_dir}/source.spm")
    target = spm.SentencePieceProcessor(model_file=f"{model_dir}/target.spm")

    def submit(batch: list[list[str]], length: int) -> list[Any]:
        return list(
            model.translate_batch(
                batch,
                beam_size=spec["beam"],
                max_batch_size=0,
                max_input_length=0,
                return_scores=True,
                min_decoding_length=length,
                max_decoding_length=length,
                asynchronous=True,
            )
        )

    warm = [[*source.encode(WARMUP_TEXT, out_type=str), "</s>"]]
    [item.result() for item in submit(warm, WARMUP_LENGTH)]
    started, cpu = time.perf_counter(), cpu_s()
    texts, lengths = _distinct(spec)
    pieces = [[*source.encode(text, out_type=str), "</s>"] for text in texts]
    tokens: list[list[str]] = [[] for _ in texts]
    batches = forced_batches(lengths, [len(p) for p in pieces], spec["batch_size"])
    pending: deque[tuple[list[int], list[Any]]] = deque()

    def collect() -> None:
        items, outputs = pending.popleft()
        for i, output in zip(items, outputs, strict=True):
            tokens[i] = list(output.result().hypotheses[0])

    for length, items in batches:
        pending.append((items, submit([pieces[i] for i in items], length)))
        if len(pending) > inter:
            collect()
    while pending:
        collect()
    english = dict(zip(texts, (target.decode(t) for t in tokens), strict=True))
    _write_lines(
        Path(spec["out_dir"]) / "bare-best.en.txt", [english[s["text"]] for s in spec["segments"]]
    )
    wall = time.perf_counter() - started
    return {
        "wall_s": wall,
        "cpu_s": cpu_s() - cpu,
        "decoded_segments": len(texts),
        "decoded_tokens": sum(len(t) for t in tokens),
        "per_segment_ok": all(len(t) == n for t, n in zip(tokens, lengths, strict=True)),
        "source_pieces": sum(len(p) for p in pieces),
        "batches": len(batches),
        "threads": f"{inter}x{intra}",
    }


def run_page(spec: dict[str, Any]) -> dict[str, Any]:
    """One editor page (10 segments) translated with the old settings and with the new defaults."""
    from workbench.translate.engine import CTranslate2Translator
    from workbench.translate.types import TranslationOptions

    texts, lengths = _distinct(spec)
    texts, lengths = texts[:PAGE], lengths[:PAGE]
    runs = int(spec.get("page_runs", 7))
    out: dict[str, Any] = {}
    for name, inter, intra in (("old", 1, spec["threads"]), ("new", 0, 0)):
        options = TranslationOptions(
            device="cpu",
            compute_type=spec["compute_type"],
            beam_size=spec["beam"],
            batch_size=spec["batch_size"],
            inter_threads=inter,
            intra_threads=intra,
        )
        translator = CTranslate2Translator(spec["model_dir"], options)
        translator.translate_forced([WARMUP_TEXT], [WARMUP_LENGTH], options)
        walls = []
        for _ in range(runs):
            started = time.perf_counter()
            translator.translate_forced(texts, lengths, options)
            walls.append(time.perf_counter() - started)
        out[f"page_{name}_ms"] = 1000 * statistics.median(walls)
        out[f"page_{name}_threads"] = f"{translator.inter_threads}x{translator.intra_threads}"
    tokens = sum(lengths)
    return {
        "wall_s": out["page_new_ms"] / 1000,
        "decoded_segments": len(texts),
        "decoded_tokens": tokens,
        "per_segment_ok": True,
        "source_pieces": 0,
        "batches": 0,
        "page": True,
        **out,
    }


def run_workbench_ahead1(spec: dict[str, Any]) -> dict[str, Any]:
    """The workbench with the old submission depth: one batch per worker ahead."""
    from _engines import run_workbench

    return run_workbench({**spec, "workbench_ahead": 1})


#: Pieces per token-sized batch, per example of ``--batch-size``: about a FLORES segment's length.
TOKENS_PER_EXAMPLE = 30


def run_workbench_tokens(spec: dict[str, Any]) -> dict[str, Any]:
    """The workbench with token-sized batches: ``batch_size × 30`` source pieces each."""
    from _engines import run_workbench

    size = spec["batch_size"] * TOKENS_PER_EXAMPLE
    return run_workbench({**spec, "batch_type": "tokens", "batch_size": size})


MORE = {
    "bare-best": run_bare_best,
    "page": run_page,
    "workbench-ahead1": run_workbench_ahead1,
    "workbench-tokens": run_workbench_tokens,
}
