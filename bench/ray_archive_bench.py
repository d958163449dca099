"""Archive-scale memory of the Ray engine's driver: 20,000 synthetic articles, peak RSS < 500 MB.

Usage: python bench/ray_archive_bench.py [--files 20000] [--sentences 8] [--group-files 2000]
                                         [--workers 2] [--model DIR] [--format jsonl]

The articles are made from FLORES dev lines (the shared data): each has ``--sentences`` lines
drawn in turn from the 997, and a first line with the article's number, so every article has one
segment no other has (20,000 + 997 distinct sources). The run is ``workbench translate --engine
ray``'s own path (``cluster.driver.translate_sources`` and the CLI's export writer) in this
process, with a local Ray runtime; the model is the tiny test model (``tests/conftest_models``)
unless ``--model`` names another: the driver's memory, not decoding speed, is measured, and the
tiny model keeps 170,000 segments within minutes on 2 cores. Peak RSS is this process's ``VmHWM``
(the driver: reading, segmenting, the store, the groups, the exports); Ray's own processes
(raylet, GCS, the actors) are not the driver and are not counted.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
REPO = Path(__file__).resolve().parent.parent

from _engines import peak_rss_mb  # noqa: E402

TARGET_MB = 500


def write_archive(folder: Path, files: int, sentences: int, lines: list[str]) -> int:
    total = 0
    for i in range(files):
        body = [f"الخبر رقم {i} من الأرشيف."]
        body += [lines[(i * sentences + k) % len(lines)] for k in range(sentences)]
        path = folder / f"{i // 1000:03d}" / f"article-{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(body) + "\n", encoding="utf-8")
        total += path.stat().st_size
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=20000)
    parser.add_argument("--sentences", type=int, default=8)
    parser.add_argument("--group-files", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--model", type=Path, default=None)
    parser.add_argument("--format", default="jsonl")
    args = parser.parse_args()

    import os

    from workbench.cli.translate import _write
    from workbench.cluster.driver import Cluster, translate_sources
    from workbench.config import Settings
    from workbench.export import ExportOptions
    from workbench.pipeline.sources import find_sources, output_paths
    from workbench.store.sqlite import Store
    from workbench.translate.types import TranslationOptions

    work = Path(tempfile.mkdtemp(prefix="ray-archive-"))
    os.environ["WORKBENCH_HOME"] = str(work / "home")
    try:
        flores = Settings.from_env().data_dir / "flores101-dev" / "flores-dev.ar"
        lines = flores.read_text(encoding="utf-8").splitlines()
        if args.model is None:  # built in a child: its imports would count as the driver's
            import subprocess

            args.model = work / "tiny"
            code = "import sys, pathlib; from conftest_models import build_tiny_model as b; b(pathlib.Path(sys.argv[1]))"
            env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(REPO / "tests")])}
            subprocess.run([sys.executable, "-c", code, str(args.model)], check=True, env=env)
        src, out = work / "archive", work / "out"
        size = write_archive(src, args.files, args.sentences, lines)
        print(f"{args.files} articles, {size / 1e6:.1f} MB", file=sys.stderr)
        before = peak_rss_mb()
        started = time.perf_counter()
        sources = list(find_sources([src]))
        outputs = output_paths(sources, args.format, out)
        store = Store.open_default()
        options = TranslationOptions(device="cpu", beam_size=1)
        cluster = Cluster(workers=args.workers, group_files=args.group_files)
        export = (args.format, ExportOptions(include_standin=True))
        written = failed = 0
        for item in translate_sources(store, sources, args.model, options, cluster):
            if item.document_id is None:
                failed += 1
                continue
            _write(store, item.document_id, item.source.path, export, outputs[item.source.path])
            written += 1
        wall = time.perf_counter() - started
        segments = store.db.execute("SELECT COUNT(*) FROM segments").fetchone()[0]
        peak = peak_rss_mb()
        print(
            f"{written} written, {failed} failed, {segments} segments in {wall:.0f} s; "
            f"driver peak RSS {peak:.0f} MB (before the run: {before:.0f} MB); target < "
            f"{TARGET_MB} MB: {'met' if peak < TARGET_MB else 'NOT met'}"
        )
        return 0 if written == args.files and peak < TARGET_MB else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
