"""The editor's save and page-change times on PostgreSQL beside SQLite (server side); not a test.

    python bench/store_backends_bench.py [--segments 500] [--repeat 10] [--browser]
    python bench/ui_bench.py --backend postgres [--no-browser]   (the same, from ui_bench)

Starts a throwaway PostgreSQL cluster (Debian's server, as the tests do: tests/conftest_pg.py),
then runs the two server-side measurements of ``bench/ui_bench.py`` once per backend on the same
500-segment document: ``store.save_edit`` alone, and AppTest's editor open / page change / save
(whole-page reruns, in-process), and with ``--browser`` the real server + headless Chromium
measurement (Ctrl+Enter → badge, Next → rows drawn; the server gets ``WORKBENCH_DATABASE_URL``).
Both backends run on this machine, one after the other, so the
figures are comparable with each other, not with another machine's.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))


def _ui_bench() -> object:
    spec = importlib.util.spec_from_file_location("ui_bench", HERE / "ui_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run(
    name: str, where: str | Path, segments: int, repeat: int, browser: Path | None = None
) -> None:
    from workbench.pipeline.document import add_document, translate_document
    from workbench.store.sqlite import Store
    from workbench.testing import FakeTranslator
    from workbench.text.read import read_text

    bench = _ui_bench()
    if isinstance(where, str):
        os.environ["WORKBENCH_DATABASE_URL"] = where
    else:
        os.environ.pop("WORKBENCH_DATABASE_URL", None)
    store = Store(where)
    article = bench._article(segments)  # type: ignore[attr-defined]
    doc_id, _ = add_document(store, read_text(article, name="bench.txt"))
    for _ in translate_document(store, doc_id, FakeTranslator()):
        pass
    print(f"== {name}: {len(store.segments(doc_id))} segments ({store.location})")
    bench.bench_store(store, doc_id, repeat)  # type: ignore[attr-defined]
    bench.bench_apptest(store, doc_id, repeat)  # type: ignore[attr-defined]
    if browser is not None:
        bench.bench_browser(browser, store, doc_id, repeat)  # type: ignore[attr-defined]
    store.close()


def run_backends(segments: int, repeat: int, browser: bool) -> None:
    """SQLite, then PostgreSQL (a throwaway cluster), each on its own fresh document."""
    home = Path(tempfile.mkdtemp(prefix="store-bench-"))
    os.environ["WORKBENCH_HOME"] = str(home)
    os.environ["WORKBENCH_MODELS"] = str(home / "models")
    from conftest_pg import start_server

    server = start_server()
    try:
        _run("SQLite", home / "workbench.db", segments, repeat, home if browser else None)
        _run("PostgreSQL", server.url("bench"), segments, repeat, home if browser else None)
    finally:
        server.stop()
        shutil.rmtree(server.folder, ignore_errors=True)
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--browser", action="store_true", help="also a real server + Chromium")
    args = parser.parse_args()
    run_backends(args.segments, args.repeat, args.browser)


if __name__ == "__main__":
    main()
