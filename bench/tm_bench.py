"""Translation-memory lookup at a newsroom's scale: speed and recall against brute force.

Builds a memory of 100,000 Arabic entries from the FLORES dev sentences
(``$WORKBENCH_SHARED/data/flores101-dev``): each entry is a sentence with a share of its words
replaced by words of other sentences, cut or extended, so that a memory holds many near neighbours
(as a newsroom's datelines and boilerplate do). Queries are entries edited by one to four words
(a fuzzy match exists) and unseen FLORES sentences (the best match is often under 70%). Recall is
the share of queries whose best score from the index equals the brute-force best (ties count),
among the queries whose brute-force best is at least 70%.

    python bench/tm_bench.py [--entries 100000] [--queries 300] [--seed 13] [--max-edits 4]

``--max-edits 10`` makes the queries harder: more of them sit near the 70% threshold, where the
trigram candidates are likeliest to miss the true best.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.config import settings  # noqa: E402
from workbench.memory.index import TrigramIndex  # noqa: E402
from workbench.memory.memory import Entry, TranslationMemory  # noqa: E402
from workbench.text.fold import fold  # noqa: E402


def sentences() -> list[str]:
    path = settings().shared_dir / "data" / "flores101-dev" / "flores-dev.ar"
    return path.read_text(encoding="utf-8").splitlines()


def mutate(words: list[str], vocab: list[str], rng: random.Random, share: float) -> list[str]:
    out = [rng.choice(vocab) if rng.random() < share else w for w in words]
    if rng.random() < 0.3:
        out = out[: max(3, int(len(out) * rng.uniform(0.4, 1.0)))]
    if rng.random() < 0.3:
        out += rng.sample(vocab, rng.randint(1, 6))
    return out


def edit(words: list[str], vocab: list[str], rng: random.Random, most: int = 4) -> list[str]:
    out = list(words)
    for _ in range(rng.randint(1, most)):
        k = rng.randrange(len(out))
        op = rng.random()
        if op < 0.4:
            out[k] = rng.choice(vocab)
        elif op < 0.7 and len(out) > 3:
            del out[k]
        else:
            out.insert(k, rng.choice(vocab))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument(
        "--max-edits", type=int, default=4, help="words changed per query, 1 to this many"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    base = sentences()
    held_out, pool = base[:100], base[100:]
    vocab = [w for s in pool for w in s.split()]
    entries = [
        " ".join(mutate(rng.choice(pool).split(), vocab, rng, rng.choice([0.0, 0.1, 0.3, 0.6])))
        for _ in range(args.entries)
    ]
    started, cpu = time.perf_counter(), time.process_time()
    index = TrigramIndex([fold(e) for e in entries])
    build, build_cpu = time.perf_counter() - started, time.process_time() - cpu
    queries = [
        " ".join(edit(rng.choice(entries).split(), vocab, rng, args.max_edits))
        for _ in range(args.queries)
    ]
    queries += held_out[: args.queries // 3]
    # What the editor calls for a row: the memory's search (fold, index, rank, one match per
    # distinct pair, three shown), over entries holding the same sources.
    memory = TranslationMemory([Entry(e, f"en {i}", "bench", "") for i, e in enumerate(entries)])
    times, found, total, brute_times, editor_times, editor_found = [], 0, 0, [], [], 0
    for query in queries:
        started = time.perf_counter()
        hits = index.search(fold(query), limit=1)
        times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        matches = memory.search(query, limit=3)
        editor_times.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        truth = index.brute_force(fold(query), limit=1)
        brute_times.append((time.perf_counter() - started) * 1000)
        if truth:
            total += 1
            found += bool(hits) and abs(hits[0].score - truth[0].score) < 1e-9
            editor_found += bool(matches) and abs(matches[0].score - truth[0].score) < 1e-9
    p95 = _p95(times)
    print(
        f"{len(index)} entries, folded and indexed in {build_cpu:.1f} s CPU ({build:.1f} s wall);"
        f" {len(queries)} queries"
    )
    print(
        f"lookup (fold + index + rank): median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms"
    )
    print(
        f"editor's lookup (TranslationMemory.search, 3 matches): median"
        f" {statistics.median(editor_times):.1f} ms, p95 {_p95(editor_times):.1f} ms"
    )
    print(f"brute force (every entry scored): median {statistics.median(brute_times):.1f} ms")
    print(f"recall of the true best (>= 70%): {found}/{total} = {found / max(1, total):.3f}")
    print(f"  the editor's lookup: {editor_found}/{total} = {editor_found / max(1, total):.3f}")


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[int(0.95 * (len(ordered) - 1))]


if __name__ == "__main__":
    main()
