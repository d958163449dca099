"""CPU time and peak memory of sentence alignment on a 10,000-line document, two trees side by side.

    .venv/bin/python bench/align_speed.py [--tree OLD_CHECKOUT] [--repeats 3]

The long document is the Bleualign development document repeated 20 times (9360 x 11080 lines,
both translations), as in ``bench/eval_align.py``. Each run is a fresh process whose ``workbench``
comes from the tree being measured (this checkout, and ``--tree`` if given); runs alternate
between the trees so that the machine's load falls on both alike. Reported per run: CPU seconds of
the alignment alone (``time.process_time``, all threads of the process), peak RSS of the whole
process, and a hash of the JSONL output; then the median CPU time of each tree and their ratio.
``--outputs`` also aligns the development document (both, one or no translation) and the
FLORES-built Arabic–English documents (opus-mt, none) in each tree and compares the outputs.
CPU time, not wall time: on a busy machine wall time measures the other processes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _worker(mode: str) -> None:
    # ``workbench`` comes from PYTHONPATH (the tree measured), imported before the bench helpers
    # (align_cv puts this checkout first on sys.path); the helpers come from here.
    import workbench.align.sentences as sentences
    from workbench.config import Settings

    sys.path.insert(0, str(HERE))
    from align_cv import flores_documents
    from align_data import load_dev, repeat

    align_sentences, links_to_jsonl = sentences.align_sentences, sentences.links_to_jsonl
    score_alignment = sentences.score_alignment

    data = Settings.from_env().data_dir
    dev = load_dev(data / "bleualign-dev")
    out: dict[str, object] = {}
    if mode == "long":
        big = repeat(dev, 20)
        cpu = time.process_time()
        links = align_sentences(
            big.src, big.tgt, translation=big.mt_src, reverse_translation=big.mt_tgt
        )
        out["cpu"] = time.process_time() - cpu
        out["lines"] = [len(big.src), len(big.tgt)]
        out["f1"] = score_alignment(links, big.gold)["f1_strict"]
        text = links_to_jsonl(links)
    else:
        texts: list[str] = []
        f1: dict[str, list[float]] = {}
        cases = [(f"dev {k}", dev, fwd, rev) for k, fwd, rev in _DEV]
        docs = flores_documents(data / "flores101-dev")
        cases += [(f"flores {k}", d, fwd, False) for k, fwd in _FLORES for d in docs]
        for name, bt, fwd, rev in cases:
            links = align_sentences(
                bt.src,
                bt.tgt,
                translation=bt.mt_src if fwd else None,
                reverse_translation=bt.mt_tgt if rev else None,
            )
            texts.append(links_to_jsonl(links))
            f1.setdefault(name, []).append(score_alignment(links, bt.gold)["f1_strict"])
        out["f1"] = {k: sum(v) / len(v) for k, v in f1.items()}
        text = "".join(texts)
    out["code"] = str(Path(sentences.__file__).resolve().parent)
    out["sha"] = hashlib.sha256(text.encode()).hexdigest()[:16]
    out["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


_DEV = [("both", True, True), ("--translation", True, False), ("none", False, False)]
_FLORES = [("opus-mt", True), ("none", False)]


def _run(tree: Path, mode: str) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(tree))
    env.setdefault("WORKBENCH_SHARED", str(HERE.parent.parent / "shared"))
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", mode]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"{tree}: worker failed\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--tree", type=Path, help="an older checkout to measure beside this one")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--outputs", action="store_true", help="also compare dev and FLORES outputs")
    ap.add_argument("--worker", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        _worker(args.worker)
        return 0
    trees = {"this": HERE.parent}
    if args.tree:
        trees["tree"] = args.tree.resolve()
    cpu: dict[str, list[float]] = {name: [] for name in trees}
    for k in range(args.repeats):
        for name, tree in trees.items():
            got = _run(tree, "long")
            if not str(got["code"]).startswith(str(tree)):
                raise SystemExit(f"{tree}: the worker ran {got['code']}, not this tree's code")
            cpu[name].append(float(str(got["cpu"])))
            print(
                f"run {k + 1} {name:<4} {tree}: {got['lines']} lines, {got['cpu']:.1f} s CPU, "
                f"peak RSS {got['rss_mb']:.0f} MB, strict F1 {got['f1']:.4f}, output {got['sha']}",
                flush=True,
            )
    for name, values in cpu.items():
        print(f"{name}: median {statistics.median(values):.1f} s CPU over {len(values)} runs")
    if args.tree:
        ratio = statistics.median(cpu["tree"]) / statistics.median(cpu["this"])
        print(f"--tree / this: {ratio:.2f}x the CPU time")
    if args.outputs:
        for name, tree in trees.items():
            got = _run(tree, "outputs")
            print(
                f"outputs {name} ({got['code']}): {got['sha']}, mean strict F1 {json.dumps(got['f1'])}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
