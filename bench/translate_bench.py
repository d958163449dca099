"""Translation throughput: the workbench's batch path against a bare CTranslate2 loop and transformers.

Usage: python bench/translate_bench.py [--beams 1 4] [--batch-size 32] [--threads 2] [--repeat N]
                                       [--limit N] [--engines bare workbench transformers]
                                       [--chunk-size N] [--profile]

The stand-in opus-mt-ar-en (random weights, the real shape) is forced to decode as many tokens as
the real opus-mt-ar-en produced on FLORES-101 dev, so every engine does the real model's work:

* The 997 Arabic lines are written as one article, a sentence per line. The workbench's segmenter
  cuts some lines in two (FLORES lines sometimes hold two sentences), so the unit of work is the
  segments it makes; every engine decodes exactly those segments.
* A line's length is the number of target.spm pieces of the real English (flores-dev.opusmt.en),
  without ``</s>``. A line cut in parts shares its pieces among them in proportion to their
  source.spm pieces (largest remainder, so the sum is kept). Each segment then gets one more step,
  the one in which the real model emits ``</s>``: ``forced = pieces + 1``.
* CTranslate2 with ``min_decoding_length == max_decoding_length == forced`` returns ``forced``
  tokens, none of them ``</s>``. transformers with ``min_new_tokens == max_new_tokens == forced``
  generates ``forced`` tokens after the decoder start token, the last one the ``</s>`` that
  opus-mt's ``forced_eos_token_id`` imposes. Either way: ``forced`` decoder steps per segment. Each
  engine counts what it decoded; the totals are printed and must be equal.
* Each distinct segment is decoded once by every engine (the workbench deduplicates by itself; the
  two loops do it with a dict), in batches of one forced length, sorted by source length.

Engines, each in a fresh process per run. Peak RSS is that process's own high-water mark, model
included (``VmHWM``; ``ru_maxrss`` would start at the spawning process's peak, see
``_engines.peak_rss_mb``), the highest over its runs:

* ``bare``: ctranslate2.Translator on the stand-in directory, source.spm + ``</s>``,
  translate_batch, target.spm decode, output written to a file. The limit.
* ``workbench``: import_files → translate_document → export_document + write_export (jsonl), in a
  fresh WORKBENCH_HOME, timed from reading the file to the written export. The only bench-specific
  piece is ``_engines.ForcedLengths``, a Translator that calls ``translate_forced``.
* ``transformers``: MarianMTModel (fp32, torch.inference_mode) with the same random weights,
  regenerated from the stand-in's seed (sha256 checked against the stand-in's manifest).

Models load before the clock starts and decode one short warm-up sentence. With ``--repeat N``
the engines take turns N times and the fastest run of each counts. Results also go to
bench/results/translate-<time>.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _engines import all_engines, child_main

REPO = Path(__file__).resolve().parent.parent
RESULTS = REPO / "bench" / "results"
#: Targets from the issue: the workbench against the bare loop.
MIN_THROUGHPUT_RATIO = 0.95
MAX_RSS_RATIO = 1.10
#: Issue 16: the workbench's new defaults against today's bare loop (1 × threads), per beam.
SPEEDUP_TARGETS = {1: 1.5, 4: 1.25}
#: Issue 16: the Ray engine with 2 workers against the local engine on the same cores.
RAY_TARGET = 0.9


def _split_evenly(total: int, weights: list[int]) -> list[int]:
    """``total`` shared in proportion to ``weights`` (largest remainder: the parts sum to it)."""
    if len(weights) == 1:
        return [total]
    weights = [max(1, w) for w in weights]
    exact = [total * w / sum(weights) for w in weights]
    parts = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: exact[i] - parts[i], reverse=True)
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def bucketed(length: int, bucket: int) -> int:
    """``length`` rounded up to a multiple of ``bucket`` (1: unchanged)."""
    return -(-length // bucket) * bucket if bucket > 1 else length


def build_workload(
    data_dir: Path, model_dir: Path, work: Path, limit: int | None, bucket: int = 1
) -> dict[str, Any]:
    """Write the article and give every segment the workbench will make of it a forced length."""
    import bisect

    import sentencepiece as spm

    from workbench.text.read import read_file
    from workbench.text.segment import segment_text

    arabic = (data_dir / "flores-dev.ar").read_text(encoding="utf-8").splitlines()
    english = (data_dir / "flores-dev.opusmt.en").read_text(encoding="utf-8").splitlines()
    if len(arabic) != len(english):
        raise SystemExit(f"{data_dir}: {len(arabic)} Arabic lines but {len(english)} English")
    arabic, english = arabic[:limit], english[:limit]
    article = work / "flores-dev.ar.txt"
    article.write_text("".join(line + "\n" for line in arabic), encoding="utf-8")

    source = spm.SentencePieceProcessor(model_file=str(model_dir / "source.spm"))
    target = spm.SentencePieceProcessor(model_file=str(model_dir / "target.spm"))
    doc = read_file(article)
    starts = [0]
    for line in arabic:
        starts.append(starts[-1] + len(line) + 1)
    segments = segment_text(doc.text, doc.blocks)
    if any(seg.kind != "prose" for seg in segments):
        raise SystemExit("the segmenter took some FLORES lines for page furniture")
    by_line: dict[int, list[Any]] = {}
    for seg in segments:
        by_line.setdefault(bisect.bisect_right(starts, seg.start) - 1, []).append(seg)
    items = []
    for line, segs in sorted(by_line.items()):
        pieces = len(target.encode(english[line]))
        shares = _split_evenly(pieces, [len(source.encode(s.text)) for s in segs])
        items += [
            {"text": s.text, "line": line, "length": bucketed(n + 1, bucket), "real": n + 1}
            for s, n in zip(segs, shares, strict=True)
        ]
    lengths: dict[str, int] = {}
    for item in items:
        if lengths.setdefault(item["text"], item["length"]) != item["length"]:
            raise SystemExit(f"segment {item['text']!r} appears with two forced lengths")
    distinct = list(lengths.values())
    real = {item["text"]: item["real"] for item in items}
    return {
        "bucket": bucket,
        "unbucketed_tokens": sum(real.values()),
        "article": str(article),
        "lines": len(arabic),
        "split_lines": sum(1 for segs in by_line.values() if len(segs) > 1),
        "segments": items,
        "distinct_segments": len(distinct),
        "forced_tokens": sum(distinct),
        "forced_tokens_all_segments": sum(item["length"] for item in items),
        "real_pieces": sum(len(target.encode(line)) for line in english),
        "distinct_lengths": len(set(distinct)),
        "length_range": [min(distinct), max(distinct)],
    }


def hf_export(model_dir: Path, given: Path | None) -> Path:
    """The Hugging Face export with the stand-in's weights: regenerated from its seed, checked."""
    from workbench.config import Settings
    from workbench.model.sources import sha256_file

    if given is not None:
        return given
    manifest = json.loads((model_dir / "workbench.json").read_text(encoding="utf-8"))
    if manifest.get("kind") != "standin" or manifest.get("seed") is None:
        raise SystemExit(
            f"{model_dir} is not a stand-in built from a seed: pass --hf-model, a Hugging Face "
            "export with the same weights, to run the transformers engine"
        )
    export = RESULTS / f"hf-standin-seed{manifest['seed']}-{manifest['sha256'][:12]}"
    weights = export / "model.safetensors"
    reference = Settings.from_env().reference_model_dir
    if not (weights.is_file() and sha256_file(weights) == manifest["sha256"]):
        print(f"regenerating the stand-in's HF export (seed {manifest['seed']})…", file=sys.stderr)
        shutil.rmtree(export, ignore_errors=True)
        # In a process of its own: the children would inherit this one's peak RSS (see
        # _engines.peak_rss_mb), and torch with a 300 MB model would raise it for all of them.
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from pathlib import Path; "
                "from workbench.model.standin import write_random_export; "
                "write_random_export(Path(sys.argv[1]), Path(sys.argv[2]), seed=int(sys.argv[3]))",
                str(export),
                str(reference),
                str(manifest["seed"]),
            ],
            check=True,
        )
        if sha256_file(weights) != manifest["sha256"]:
            raise SystemExit(
                f"the regenerated weights do not match {model_dir} (other torch/transformers "
                "versions?): rebuild the stand-in with `workbench model standin` and run again"
            )
    # What a user downloading opus-mt-ar-en gets: 4 beams by default (overridden here), <pad>
    # banned, forced </s> at the last step, renormalised logits.
    shutil.copyfile(reference / "generation_config.json", export / "generation_config.json")
    return export


def run_child(spec: dict[str, Any], work: Path) -> dict[str, Any]:
    """Run one engine once in a fresh interpreter; return what it reports."""
    run_dir = Path(tempfile.mkdtemp(prefix=f"{spec['engine']}-b{spec['beam']}-", dir=work))
    spec = {**spec, "out_dir": str(run_dir / "out")}
    Path(spec["out_dir"]).mkdir()
    spec_path, result_path = run_dir / "spec.json", run_dir / "result.json"
    spec_path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    env = {**os.environ, "WORKBENCH_HOME": str(run_dir / "home")}
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(spec_path), str(result_path)],
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0 or not result_path.exists():
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"the {spec['engine']} engine failed (beam {spec['beam']})")
    result: dict[str, Any] = json.loads(result_path.read_text(encoding="utf-8"))
    shutil.rmtree(run_dir, ignore_errors=True)
    return result


def summarise(runs: list[dict[str, Any]], workload: dict[str, Any]) -> list[dict[str, Any]]:
    """The fastest run of each (engine, beam), with the highest peak RSS seen over its runs."""
    rows = []
    for key in dict.fromkeys((r["engine"], r["beam"]) for r in runs):
        mine = [r for r in runs if (r["engine"], r["beam"]) == key]
        best = min(mine, key=lambda r: r["wall_s"])
        rows.append(
            {
                **best,
                "runs": len(mine),
                "walls_s": [round(r["wall_s"], 2) for r in mine],
                "peak_rss_mb": max(r["peak_rss_mb"] for r in mine),
                "lines_per_s": workload["lines"] / best["wall_s"],
                "segments_per_s": len(workload["segments"]) / best["wall_s"],
                "tokens_per_s": best["decoded_tokens"] / best["wall_s"],
            }
        )
    return rows


def report(rows: list[dict[str, Any]], workload: dict[str, Any]) -> tuple[list[str], bool]:
    """The table, the token check and the ratios, as lines; and whether the token check passed."""
    pages = [r for r in rows if r.get("page")]
    rows = [r for r in rows if not r.get("page")]
    lines = [
        f"{'engine':<13}{'beam':>5}{'wall s':>9}{'lines/s':>9}{'segs/s':>9}{'tok/s':>9}"
        f"{'RSS MB':>9}{'decoded tok':>13}{'batches':>9}{'CPU s':>8}  runs (s)"
    ]
    for r in rows:
        cpu = f"{r['cpu_s']:>8.1f}" if r.get("cpu_s") is not None else f"{'-':>8}"
        lines.append(
            f"{r['engine']:<13}{r['beam']:>5}{r['wall_s']:>9.2f}{r['lines_per_s']:>9.1f}"
            f"{r['segments_per_s']:>9.1f}{r['tokens_per_s']:>9.0f}{r['peak_rss_mb']:>9.0f}"
            f"{r['decoded_tokens']:>13}{r['batches']:>9}{cpu}  {r['walls_s']}"
            + (f"  threads {r['threads']}" if r.get("threads") else "")
        )
    ok = True
    expected = workload["forced_tokens"]
    lines.append("")
    for r in rows:
        good = (
            r["decoded_tokens"] == expected
            and r["per_segment_ok"]
            and r["decoded_segments"] == workload["distinct_segments"]
        )
        ok &= good
        if not good:
            lines.append(
                f"TOKEN MISMATCH: {r['engine']} beam {r['beam']} decoded {r['decoded_tokens']} "
                f"tokens in {r['decoded_segments']} segments (per segment ok: "
                f"{r['per_segment_ok']}); expected {expected} in {workload['distinct_segments']}"
            )
    for r in rows:
        if r["engine"] != "workbench":
            continue
        segments = len(workload["segments"])
        stored = (
            r["stored_segments"] == segments
            and r["stored_match_workload"]
            and r["all_translated"]
            and r["export_lines"] == segments
        )
        ok &= stored
        lines.append(
            f"workbench beam {r['beam']}: {r['stored_segments']} segments stored "
            f"({'the workload, in order' if r['stored_match_workload'] else 'NOT the workload'}), "
            f"{'all' if r['all_translated'] else 'NOT all'} translated, "
            f"{r['export_lines']} lines exported"
        )
    if ok:
        lines.append(
            f"tokens: every engine decoded exactly {expected} tokens in "
            f"{workload['distinct_segments']} distinct segments, each its forced length"
        )
    by_key = {(r["engine"], r["beam"]): r for r in rows}
    for beam in dict.fromkeys(r["beam"] for r in rows):
        bare = by_key.get(("bare", beam))
        for engine, name in (
            ("bare-best", "bare-best/bare"),
            ("workbench", "workbench/bare"),
            ("transformers", "transformers/bare"),
            *((e, f"{e}/bare") for e in ("ray1", "ray2")),
        ):
            other = by_key.get((engine, beam))
            if other is None or bare is None:
                continue
            speed = other["tokens_per_s"] / bare["tokens_per_s"]
            rss = other["peak_rss_mb"] / bare["peak_rss_mb"]
            line = f"beam {beam}: {name}: throughput {speed:.3f}×, peak RSS {rss:.2f}×"
            if engine == "workbench":
                target = SPEEDUP_TARGETS.get(beam, MIN_THROUGHPUT_RATIO)
                line += f"  (target ≥ {target}×: {'met' if speed >= target else 'NOT met'})"
                best = by_key.get(("bare-best", beam))
                if best is not None:
                    share = other["tokens_per_s"] / best["tokens_per_s"]
                    line += (
                        f"; workbench/bare-best {share:.3f}× (≥ {MIN_THROUGHPUT_RATIO}×: "
                        f"{'met' if share >= MIN_THROUGHPUT_RATIO else 'NOT met'})"
                    )
            elif engine in ("bare-best", "ray1", "ray2"):
                pass
            else:
                line += f"  (bare is {1 / speed:.1f}× faster)"
            lines.append(line)
        ray1, ray2, local = (by_key.get((e, beam)) for e in ("ray1", "ray2", "workbench"))
        if ray2 is not None and local is not None:
            share = ray2["tokens_per_s"] / local["tokens_per_s"]
            lines.append(
                f"beam {beam}: ray2/workbench {share:.3f}× (target ≥ {RAY_TARGET}×: "
                f"{'met' if share >= RAY_TARGET else 'NOT met'})"
            )
        if ray1 is not None and ray2 is not None:
            scale = ray2["tokens_per_s"] / ray1["tokens_per_s"]
            lines.append(f"beam {beam}: ray 1 → 2 workers: {scale:.2f}×")
        for ray in (ray1, ray2):
            if ray is not None and ray.get("phases"):
                ph = ray["phases"]
                line = (
                    f"beam {beam}: {ray['engine']} ({ray['threads']}): start {ph['start_s']:.1f} s "
                    f"(runtime, reading, actors and their model), decoding {ph['decode_s']:.1f} s "
                    f"({ph['calls']} calls, actors busy {ph['busy']:.0%}), end {ph['end_s']:.1f} s "
                    "(last results stored, export, runtime stopped)"
                )
                if local is not None:
                    steady = local["phases"]["translate_s"] / ph["decode_s"]
                    line += f"; decoding at {steady:.2f}× the local engine's translate phase"
                lines.append(line)
    for r in pages:
        lines.append(
            f"editor page of {r['decoded_segments']} segments, beam {r['beam']}: "
            f"{r['page_old_ms']:.0f} ms at {r['page_old_threads']} (old) → "
            f"{r['page_new_ms']:.0f} ms at {r['page_new_threads']} (new defaults): "
            f"{'not slower' if r['page_new_ms'] <= r['page_old_ms'] * 1.05 else 'SLOWER'}"
        )
    return lines, ok


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        child_main(sys.argv[2], sys.argv[3])
        return 0
    from workbench.config import Settings
    from workbench.model.registry import model_dir
    from workbench.pipeline.document import translate_document

    default_chunk = translate_document.__kwdefaults__["chunk_size"]
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--beams", type=int, nargs="+", default=[1, 4], help="beam sizes")
    parser.add_argument("--batch-size", type=int, default=32, help="sentences per batch")
    parser.add_argument("--threads", type=int, default=2, help="intra-op threads (0 = default)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N FLORES lines")
    parser.add_argument(
        "--engines",
        nargs="+",
        choices=list(all_engines()),
        default=["bare", "bare-best", "workbench", "page"],
        help="engines to run",
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per engine; the best counts")
    parser.add_argument("--compute-type", default="int8", help="CTranslate2 compute type")
    parser.add_argument(
        "--model", type=Path, default=None, help="converted model (default: the stand-in)"
    )
    parser.add_argument(
        "--hf-model", type=Path, default=None, help="HF export with the same weights as --model"
    )
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=None,
        help=f"translate_document's chunk_size (default: the pipeline's, {default_chunk})",
    )
    parser.add_argument(
        "--profile", action="store_true", help="cProfile the workbench runs into bench/results/"
    )
    parser.add_argument("--out", type=Path, default=None, help="JSON results file")
    parser.add_argument(
        "--bucket", type=int, default=8, help="round forced lengths up to a multiple (1: real)"
    )
    parser.add_argument("--batch-type", choices=["examples", "tokens"], default="examples")
    parser.add_argument(
        "--workbench-threads",
        default=None,
        help="INTERxINTRA for the workbench engine (default: its own, from the CPUs)",
    )
    parser.add_argument("--page-runs", type=int, default=7, help="calls timed for the page")
    parser.add_argument(
        "--ray-address",
        default=None,
        help="ray1/ray2: join this running cluster instead of starting a local runtime",
    )
    parser.add_argument(
        "--workbench-ahead",
        type=int,
        default=None,
        help="batches the workbench submits ahead per worker (default: the engine's)",
    )
    args = parser.parse_args()

    settings = Settings.from_env()
    model = (args.model or model_dir("standin")).resolve()
    if not (model / "model.bin").is_file():
        raise SystemExit(f"no converted model in {model}: run `workbench model standin` first")
    RESULTS.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    work = Path(tempfile.mkdtemp(prefix="translate-bench-"))
    try:
        workload = build_workload(
            settings.data_dir / "flores101-dev", model, work, args.limit, args.bucket
        )
        hf = hf_export(model, args.hf_model) if "transformers" in args.engines else None
        print(
            f"{workload['lines']} FLORES lines → {len(workload['segments'])} segments "
            f"({workload['split_lines']} lines cut in two or more by the segmenter), "
            f"{workload['distinct_segments']} distinct; forced lengths "
            f"{workload['length_range'][0]}–{workload['length_range'][1]} "
            f"({workload['distinct_lengths']} distinct); {workload['forced_tokens_all_segments']}"
            f" tokens = {workload['real_pieces']} real target.spm pieces + one </s> step per "
            f"segment, {workload['forced_tokens']} of them in the distinct segments",
            file=sys.stderr,
        )
        extra = workload["forced_tokens"] - workload["unbucketed_tokens"]
        print(
            f"lengths bucketed up to multiples of {args.bucket}: {workload['forced_tokens']} "
            f"tokens instead of {workload['unbucketed_tokens']} (+{extra}, "
            f"{100 * extra / workload['unbucketed_tokens']:.1f} %)",
            file=sys.stderr,
        )
        common = {
            "model_dir": str(model),
            "hf_model_dir": str(hf) if hf else None,
            "compute_type": args.compute_type,
            "threads": args.threads,
            "batch_size": args.batch_size,
            "chunk_size": args.chunk_size,
            "article": workload["article"],
            "segments": workload["segments"],
            "batch_type": args.batch_type,
            "page_runs": args.page_runs,
            "workbench_ahead": args.workbench_ahead,
            "ray_address": args.ray_address,
            "workbench_threads": [int(n) for n in args.workbench_threads.split("x")]
            if args.workbench_threads
            else None,
        }
        runs = []
        for repeat in range(args.repeat):
            for beam in args.beams:
                for engine in args.engines:
                    profile = None
                    if args.profile and engine == "workbench":
                        profile = str(
                            RESULTS / f"translate-{stamp}-workbench-b{beam}-{repeat}.prof"
                        )
                    spec = {**common, "engine": engine, "beam": beam, "profile": profile}
                    result = {"engine": engine, "beam": beam, **run_child(spec, work)}
                    runs.append(result)
                    print(
                        f"run {repeat + 1}/{args.repeat} beam {beam} {engine}: "
                        f"{result['wall_s']:.2f} s, {result['peak_rss_mb']:.0f} MB"
                        + (f", profile {profile}" if profile else ""),
                        file=sys.stderr,
                    )
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows = summarise(runs, workload)
    lines, ok = report(rows, workload)
    chunk = args.chunk_size or default_chunk
    print(
        f"\nFLORES-101 dev ar→en, stand-in forced to the real output lengths; {args.compute_type}, "
        f"{args.threads} threads, batch {args.batch_size}, chunk {chunk}, best of {args.repeat}"
    )
    print("\n".join(lines))
    out = args.out or RESULTS / f"translate-{stamp}.json"
    machine = {
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "versions": _versions(args.engines),
    }
    out.write_text(
        json.dumps(
            {
                "settings": {**vars(args), "model": str(model), "chunk_size": chunk},
                "machine": machine,
                "workload": {k: v for k, v in workload.items() if k != "segments"},
                "summary": rows,
                "runs": runs,
                "tokens_match": ok,
                "parent_peak_rss_mb": _parent_rss_mb(),
            },
            indent=2,
            default=str,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"\nresults: {out}")
    return 0 if ok else 1


def _parent_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _versions(engines: list[str]) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    names = ["ctranslate2", "sentencepiece", "workbench"]
    if "transformers" in engines:
        names += ["torch", "transformers"]
    found = {}
    for name in names:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "not installed"
    return found


if __name__ == "__main__":
    sys.exit(main())
