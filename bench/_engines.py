"""The three engines of ``translate_bench.py``, each run in a child process of its own.

Every engine gets the same workload (a JSON file the parent writes): the segments the workbench's
segmenter makes of the FLORES article, each with the number of target tokens it must decode. Each
engine decodes every distinct segment once, in the same batches (:func:`forced_batches`: one forced
length per batch, sources of similar length together, at most ``batch_size`` per batch), and
reports its wall time, the tokens it decoded and its peak RSS. Only the standard library is
imported at the top, so a child's peak RSS holds its own engine and nothing else.
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

#: A short sentence decoded once before the clock starts, so no engine pays first-call costs.
WARMUP_TEXT = "هذه جملة للإحماء."
WARMUP_LENGTH = 4


def forced_batches(
    lengths: Sequence[int], sizes: Sequence[int], batch_size: int
) -> list[tuple[int, list[int]]]:
    """``(forced length, item indices)`` batches: one length each, sorted by (length, source size).

    This is the grouping :meth:`CTranslate2Translator.translate_forced` makes of what it is given
    (a stable sort on forced length then source pieces, cut when the length changes or the batch is
    full), applied here to the whole document at once.
    """
    order = sorted(range(len(lengths)), key=lambda i: (lengths[i], sizes[i]))
    batches: list[tuple[int, list[int]]] = []
    for i in order:
        if batches and batches[-1][0] == lengths[i] and len(batches[-1][1]) < batch_size:
            batches[-1][1].append(i)
        else:
            batches.append((lengths[i], [i]))
    return batches


def ru_maxrss_mb() -> float:
    """``getrusage(RUSAGE_SELF).ru_maxrss`` in MB (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def peak_rss_mb() -> float:
    """This process's peak resident set size so far, in MB.

    On Linux this is ``VmHWM`` of the process's own memory: ``ru_maxrss`` survives ``execve``, so
    it starts at the peak of the process that spawned this one and would charge the parent's
    memory to every engine (the parent stays small, so the two agree unless something is wrong).
    """
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return ru_maxrss_mb()
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(found[1]) / 1024 if found else ru_maxrss_mb()


def cpu_s() -> float:
    """CPU seconds this process has used so far, all its threads, user and system.

    Reported beside the wall time: on a machine shared with other work the wall time swings,
    while the CPU time an engine needs for the same decoding barely moves, so two engines that
    differ only in wall time were kept waiting, not doing more.
    """
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _distinct(spec: dict[str, Any]) -> tuple[list[str], list[int]]:
    lengths: dict[str, int] = {}
    for seg in spec["segments"]:
        lengths.setdefault(seg["text"], seg["length"])
    return list(lengths), list(lengths.values())


def _write_lines(path: Path, lines: Sequence[str]) -> None:
    path.write_text("".join(line.replace("\n", " ") + "\n" for line in lines), encoding="utf-8")


def run_bare(spec: dict[str, Any]) -> dict[str, Any]:
    """A plain ctranslate2 loop: source.spm pieces + ``</s>``, translate_batch, target.spm decode."""
    import ctranslate2
    import sentencepiece as spm

    model_dir = spec["model_dir"]
    model = ctranslate2.Translator(
        model_dir,
        device="cpu",
        compute_type=spec["compute_type"],
        inter_threads=1,
        intra_threads=spec["threads"],
    )
    source = spm.SentencePieceProcessor(model_file=f"{model_dir}/source.spm")
    target = spm.SentencePieceProcessor(model_file=f"{model_dir}/target.spm")

    def decode(batch: list[list[str]], length: int) -> list[list[str]]:
        outputs = model.translate_batch(
            batch,
            beam_size=spec["beam"],
            max_batch_size=spec["batch_size"],
            # The workbench's decoding options, so the two differ only in what surrounds the call.
            max_input_length=0,
            return_scores=True,
            min_decoding_length=length,
            max_decoding_length=length,
        )
        return [list(output.hypotheses[0]) for output in outputs]

    decode([[*source.encode(WARMUP_TEXT, out_type=str), "</s>"]], WARMUP_LENGTH)
    started, cpu = time.perf_counter(), cpu_s()
    texts, lengths = _distinct(spec)
    pieces = [[*source.encode(text, out_type=str), "</s>"] for text in texts]
    tokens: list[list[str]] = [[] for _ in texts]
    batches = forced_batches(lengths, [len(p) for p in pieces], spec["batch_size"])
    for length, items in batches:
        for i, hypothesis in zip(items, decode([pieces[i] for i in items], length), strict=True):
            tokens[i] = hypothesis
    english = dict(zip(texts, (target.decode(t) for t in tokens), strict=True))
    _write_lines(
        Path(spec["out_dir"]) / "bare.en.txt", [english[s["text"]] for s in spec["segments"]]
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
    }


def run_transformers(spec: dict[str, Any]) -> dict[str, Any]:
    """MarianMTModel.generate on CPU in fp32, as a user of transformers would run it.

    ``min_new_tokens == max_new_tokens`` forces the length; opus-mt's generation config forces
    ``</s>`` at the last step, so each sequence is the decoder start token then ``length`` new
    tokens, the last of them ``</s>``: the same number of decoder steps as CTranslate2 takes.
    """
    import torch
    from transformers import MarianMTModel, MarianTokenizer
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()
    if spec["threads"]:
        torch.set_num_threads(spec["threads"])
    export = spec["hf_model_dir"]
    model = MarianMTModel.from_pretrained(export, dtype=torch.float32).eval()
    tokenizer = MarianTokenizer.from_pretrained(export)
    pad = model.generation_config.pad_token_id

    def decode(ids: list[list[int]], length: int) -> tuple[list[str], list[int]]:
        inputs = tokenizer.pad({"input_ids": ids}, return_tensors="pt")
        with torch.inference_mode():
            out = model.generate(
                **inputs,
                num_beams=spec["beam"],
                do_sample=False,
                min_new_tokens=length,
                max_new_tokens=length,
                max_length=None,
            )
        generated = (out[:, 1:] != pad).sum(dim=1).tolist()
        return tokenizer.batch_decode(out, skip_special_tokens=True), generated

    decode(tokenizer([WARMUP_TEXT])["input_ids"], WARMUP_LENGTH)
    started = time.perf_counter()
    texts, lengths = _distinct(spec)
    ids = tokenizer(texts)["input_ids"]
    outputs = [""] * len(texts)
    counts = [0] * len(texts)
    batches = forced_batches(lengths, [len(i) for i in ids], spec["batch_size"])
    for length, items in batches:
        english, generated = decode([ids[i] for i in items], length)
        for i, text, count in zip(items, english, generated, strict=True):
            outputs[i], counts[i] = text, count
    by_text = dict(zip(texts, outputs, strict=True))
    _write_lines(
        Path(spec["out_dir"]) / "transformers.en.txt",
        [by_text[s["text"]] for s in spec["segments"]],
    )
    wall = time.perf_counter() - started
    return {
        "wall_s": wall,
        "decoded_segments": len(texts),
        "decoded_tokens": sum(counts),
        "per_segment_ok": counts == lengths,
        "source_pieces": sum(len(i) for i in ids),
        "batches": len(batches),
    }


class ForcedLengths:
    """The one bench-specific piece of the workbench path: a Translator that forces lengths.

    It satisfies :class:`workbench.translate.types.Translator` by delegating to a real
    :class:`CTranslate2Translator`, except that :meth:`translate` and :meth:`translate_stream` call
    ``translate_forced`` and ``translate_forced_stream`` with
    each source's forced length from the workload. Everything else (reading, segmenting, the store,
    chunking, deduplication, the cache, export) is the workbench's own code.
    """

    def __init__(self, translator: Any, lengths: dict[str, int]) -> None:
        self.translator = translator
        self.lengths = lengths
        self.model_name = translator.model_name
        self.is_standin = translator.is_standin

    def signature(self, options: Any = None) -> Any:
        return self.translator.signature(options)

    def translate(self, texts: Sequence[str], options: Any = None) -> list[Any]:
        return self.translator.translate_forced(
            texts, [self.lengths[text] for text in texts], options
        )

    def translate_stream(self, texts: Sequence[str], options: Any = None) -> Iterator[Any]:
        return self.translator.translate_forced_stream(
            texts, [self.lengths[text] for text in texts], options
        )


def run_workbench(spec: dict[str, Any]) -> dict[str, Any]:
    """The workbench's batch path, file to written export, as ``workbench translate`` runs it.

    import_files (read, classify, segment, store) → translate_document (chunks, cache, store) →
    export_document + write_export (jsonl, the CLI's default), in a fresh ``WORKBENCH_HOME``.
    """
    from workbench.export import export_document, write_export
    from workbench.pipeline.document import import_files, translate_document
    from workbench.store.sqlite import Store
    from workbench.translate.engine import CTranslate2Translator
    from workbench.translate.types import TranslationOptions

    # The defaults choose the threads from the CPUs; --workbench-threads INTERxINTRA fixes them.
    inter, intra = spec.get("workbench_threads") or (0, 0)
    options = TranslationOptions(
        device="cpu",
        compute_type=spec["compute_type"],
        beam_size=spec["beam"],
        batch_size=spec["batch_size"],
        batch_type=spec.get("batch_type", "examples"),
        inter_threads=inter,
        intra_threads=intra,
    )
    translator = CTranslate2Translator(spec["model_dir"], options)
    if spec.get("workbench_ahead"):
        translator.ahead = spec["workbench_ahead"]
    translator.translate_forced([WARMUP_TEXT], [WARMUP_LENGTH], options)
    adapter = ForcedLengths(translator, {s["text"]: s["length"] for s in spec["segments"]})
    chunk = {} if spec["chunk_size"] is None else {"chunk_size": spec["chunk_size"]}
    batches_before = translator.stats.batches
    profiler = _profiler(spec)
    phases: dict[str, float] = {}

    started, cpu = time.perf_counter(), cpu_s()
    store = Store.open_default()
    [imported] = list(import_files(store, [spec["article"]]))
    if imported.error is not None:
        raise imported.error
    doc_id = imported.document_id
    assert doc_id is not None
    phases["import_s"] = time.perf_counter() - started
    decoded_segments = decoded_tokens = source_pieces = 0
    per_segment_ok = True
    decoded: set[str] = set()
    for item in translate_document(store, doc_id, adapter, options, **chunk):
        # A source repeated within a chunk is decoded once and its result yielded for each copy.
        if item.result is not None and item.segment.source not in decoded:
            decoded.add(item.segment.source)
            decoded_segments += 1
            decoded_tokens += len(item.result.target_tokens)
            source_pieces += len(item.result.source_pieces)
            per_segment_ok &= len(item.result.target_tokens) == adapter.lengths[item.segment.source]
    phases["translate_s"] = time.perf_counter() - started - phases["import_s"]
    written = write_export(export_document(store, doc_id, "jsonl"), spec["out_dir"])
    wall = time.perf_counter() - started
    phases["export_s"] = wall - phases["import_s"] - phases["translate_s"]
    cpu = cpu_s() - cpu
    if profiler is not None:
        profiler()

    stored = [row for row in store.segments(doc_id) if row.kind == "prose"]
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "decoded_segments": decoded_segments,
        "decoded_tokens": decoded_tokens,
        "per_segment_ok": per_segment_ok,
        "source_pieces": source_pieces,
        "batches": translator.stats.batches - batches_before,
        "phases": phases,
        "stored_segments": len(stored),
        "stored_match_workload": [row.source for row in stored]
        == [s["text"] for s in spec["segments"]],
        "all_translated": all(row.mt is not None for row in stored),
        "export": str(written),
        "export_lines": sum(1 for _ in Path(written).open(encoding="utf-8")),
        "threads": f"{translator.inter_threads}x{translator.intra_threads}",
    }


def _profiler(spec: dict[str, Any]) -> Callable[[], None] | None:
    """With ``--profile``: profile from here on; the returned function stops and saves it."""
    if not spec.get("profile"):
        return None
    import cProfile

    profile = cProfile.Profile()
    profile.enable()

    def stop() -> None:
        profile.disable()
        profile.dump_stats(spec["profile"])

    return stop


ENGINES: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "bare": run_bare,
    "workbench": run_workbench,
    "transformers": run_transformers,
}


def all_engines() -> dict[str, Callable[[dict[str, Any]], dict[str, Any]]]:
    """:data:`ENGINES` and those of ``_engines_fast`` (and ``_engines_ray``, once Ray is in)."""
    from _engines_fast import MORE

    found = {**ENGINES, **MORE}
    try:
        from _engines_ray import RAY
    except ImportError:
        return found
    return {**found, **RAY}


def child_main(spec_path: str, result_path: str) -> None:
    """Run one engine once as the spec says and write its result, peak RSS included, as JSON."""
    spec = json.loads(Path(spec_path).read_text(encoding="utf-8"))
    result = all_engines()[spec["engine"]](spec)
    result["peak_rss_mb"] = peak_rss_mb()
    result["ru_maxrss_mb"] = ru_maxrss_mb()
    Path(result_path).write_text(json.dumps(result), encoding="utf-8")
