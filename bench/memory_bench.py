"""Peak memory of reading, segmenting and importing a big article, and of one over-long sentence.

Usage: python bench/memory_bench.py [--cases read segment import import-stream stored-read
                                            reimport long]
                                    [--sizes 52 5] [--words 5000] [--beam 4] [--threads 0]
                                    [--batch-size 32]
                                    [--root PATH] [--before COMMIT]

Each case runs in a fresh process; its peak RSS is that process's own ``VmHWM`` (see
``_engines.peak_rss_mb``), the Python interpreter and the imported workbench included.

* The articles are synthetic: the seed article (seeds/000_…txt) repeated, copies separated by a
  blank line, to about ``--sizes`` MB each (52 MB is the size from issue 10).
* ``read``: ``read_file`` only (decode, checks, line blocks, language warnings).
* ``segment``: ``read_file``, then every sentence of the article, one after the other
  (``iter_sentences`` where the code has it, else ``segment_text``), counted and dropped.
* ``import``: ``pipeline.document.add_document`` into a fresh store: what ``workbench import`` does.
* ``import-stream``: ``Store.add_document`` fed by ``iter_sentences`` (``segment_text`` where the code
  has no ``iter_sentences``).
* ``stored-read``: the article imported first (by another process, not measured), then its text
  read back from the store whole (``Store.source_text``; ``document_text`` where the code has
  none), as an export does.
* ``reimport``: the article imported first (likewise), then imported again with
  ``pipeline.document.import_files``: what ``workbench translate`` does with a stored file.
* ``long``: one unpunctuated sentence of ``--words`` Arabic words (the seed's words, repeated)
  translated by the stand-in model (models/opus-mt-ar-en-standin) at ``--beam`` and
  ``--batch-size`` (parts per ``translate_batch``); the time is the ``translate`` call alone, the
  peak RSS includes the loaded model. The stand-in's random weights never emit ``</s>``: every
  part decodes to its limit, the worst case.

``--root`` runs the cases against another checkout (its ``workbench`` package and stand-in model);
``--before COMMIT`` makes a temporary ``git worktree`` of COMMIT, runs there too, and prints both.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _engines import peak_rss_mb

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_ec79a99fe1463192.txt"
STANDIN = Path("models") / "opus-mt-ar-en-standin"
CASES = ("read", "segment", "import", "import-stream", "stored-read", "reimport", "long")


def write_article(path: Path, megabytes: float) -> int:
    seed = SEED.read_bytes().rstrip(b"\n") + b"\n"
    copies = max(1, round(megabytes * 1_000_000 / (len(seed) + 1)))
    with path.open("wb") as out:
        for i in range(copies):
            out.write(b"\n" + seed if i else seed)
    return path.stat().st_size


def long_sentence(words: int) -> str:
    arabic = re.compile(r"^[\u0621-\u064a]+$")
    vocabulary = [w for w in SEED.read_text(encoding="utf-8").split() if arabic.match(w)]
    return " ".join(vocabulary[i % len(vocabulary)] for i in range(words))


def _sentences(doc: Any) -> Any:
    from workbench.text import segment

    stream = getattr(segment, "iter_sentences", None) or segment.segment_text
    return stream(doc.text, doc.blocks)


def child(case: str, arg: str, args: argparse.Namespace) -> dict[str, Any]:
    """Runs one case in this (fresh) process and returns its figures."""
    start = time.perf_counter()
    out: dict[str, Any] = {}
    if case == "long":
        from workbench.translate.engine import CTranslate2Translator
        from workbench.translate.types import TranslationOptions

        options = TranslationOptions(
            device="cpu",
            beam_size=args.beam,
            batch_size=args.batch_size,
            intra_threads=args.threads,
        )
        translator = CTranslate2Translator(STANDIN, options)
        out["threads"] = f"{translator.inter_threads}x{translator.intra_threads}"
        text = long_sentence(int(arg))
        start = time.perf_counter()
        (result,) = translator.translate([text])
        out.update(
            pieces=len(result.source_pieces),
            parts=result.source_pieces.count("</s>"),
            target_tokens=len(result.target_tokens),
            flags=list(result.flags),
        )
    elif case in ("stored-read", "reimport"):
        out.update(_stored_case(case, arg, args))
    else:
        from workbench.text.read import read_file

        doc = read_file(arg)
        if case == "segment":
            out["sentences"] = sum(1 for _ in _sentences(doc))
        elif case in ("import", "import-stream"):
            from workbench.pipeline.document import add_document
            from workbench.store.sqlite import Store
            from workbench.text.segment import SEGMENTER_VERSION

            store = Store(Path(os.environ["WORKBENCH_HOME"]) / "bench.sqlite")
            if case == "import":
                doc_id, _ = add_document(store, doc)
            else:
                doc_id = store.add_document(doc, _sentences(doc), SEGMENTER_VERSION)
            count = "SELECT COUNT(*) FROM segments WHERE document_id = ?"
            out["sentences"] = store.db.execute(count, (doc_id,)).fetchone()[0]
        out["blocks"] = len(doc.blocks)
    out.setdefault("seconds", round(time.perf_counter() - start, 2))
    out["peak_rss_mb"] = round(peak_rss_mb())
    return out


def _stored_case(case: str, arg: str, args: argparse.Namespace) -> dict[str, Any]:
    """Import ``arg`` in another process, then read it back or import it again here."""
    command = [sys.executable, __file__, "--child", "import", arg, "--beam", str(args.beam)]
    subprocess.run(command, check=True, capture_output=True)
    from workbench.store.sqlite import Store

    store = Store(Path(os.environ["WORKBENCH_HOME"]) / "bench.sqlite")
    (doc_id,) = [d.id for d in store.documents()]
    start = time.perf_counter()
    if case == "reimport":
        from workbench.pipeline.document import import_files

        (item,) = import_files(store, [arg])
        return {"reused": item.reused, "seconds": round(time.perf_counter() - start, 2)}
    if hasattr(store, "source_text"):
        text = store.source_text(doc_id)
    else:
        text, _ = store.document_text(doc_id)
    return {"characters": len(text), "seconds": round(time.perf_counter() - start, 2)}


def run_case(root: Path, case: str, arg: str, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="membench-home-") as home:
        env = {**os.environ, "PYTHONPATH": str(root), "WORKBENCH_HOME": home}
        command = [sys.executable, __file__, "--child", case, arg]
        command += ["--beam", str(args.beam), "--threads", str(args.threads)]
        command += ["--batch-size", str(args.batch_size)]
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        return {"error": done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run_all(root: Path, articles: list[tuple[Path, int]], args: argparse.Namespace) -> list[str]:
    rows = []
    for case in args.cases:
        if case == "long":
            label = f"{args.words} words, beam {args.beam}, batch {args.batch_size}"
            inputs = [(str(args.words), label)]
        else:
            inputs = [(str(path), f"{size / 1e6:.1f} MB") for path, size in articles]
        for arg, label in inputs:
            figures = run_case(root, case, arg, args)
            rows.append(f"{case:14} {label:32} {json.dumps(figures, ensure_ascii=False)}")
            print(f"  {rows[-1]}", flush=True)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", choices=CASES, default=list(CASES))
    parser.add_argument("--sizes", nargs="+", type=float, default=[52.0, 5.0])
    parser.add_argument("--words", type=int, default=5000)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument(
        "--threads",
        type=int,
        default=0,
        help="intra threads per worker (0: the engine's defaults, chosen from the CPUs)",
    )
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--root", type=Path, default=REPO)
    parser.add_argument("--before", metavar="COMMIT")
    parser.add_argument("--child", nargs=2, metavar=("CASE", "ARG"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child[0], args.child[1], args)))
        return
    with tempfile.TemporaryDirectory(prefix="membench-") as tmp:
        articles = [
            (path, write_article(path, mb))
            for mb in args.sizes
            for path in [Path(tmp) / f"article-{mb:g}mb.txt"]
        ]
        roots = [("current", args.root.resolve())]
        worktree = Path(tmp) / "before"
        if args.before:
            subprocess.run(
                ["git", "worktree", "add", "--detach", str(worktree), args.before],
                cwd=REPO,
                check=True,
                capture_output=True,
            )
            # The stand-in model is not in git: the old code uses this checkout's.
            (worktree / STANDIN).parent.mkdir(exist_ok=True)
            (worktree / STANDIN).symlink_to(args.root.resolve() / STANDIN)
            roots.insert(0, (f"before ({args.before})", worktree))
        try:
            for label, root in roots:
                print(f"{label}: {root}", flush=True)
                run_all(root, articles, args)
        finally:
            if args.before:
                subprocess.run(
                    ["git", "worktree", "remove", "--force", str(worktree)],
                    cwd=REPO,
                    capture_output=True,
                )


if __name__ == "__main__":
    main()
