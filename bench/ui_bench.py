"""How responsive the editor is on a 500-segment document (server-side time); not a test.

    python bench/ui_bench.py [--segments 500] [--repeat 10] [--no-browser] [--backend postgres]

Each measurement is printed with its target. The document is translated beforehand with the fake
translator, so no model time is measured, except in ``first-row``.

1. ``store``: ``store.save_edit`` alone, the durable write behind every save.
2. ``apptest`` (the app script in-process, no browser): opening the editor, a page change, a save
   (AppTest reruns the whole page: an upper bound of the real save, one row's fragment rerun).
3. ``browser``: a real ``streamlit run`` in headless Chromium (skipped without them): Ctrl+Enter
   until the row's badge says "confirmed", "Next ▶" until the next page's first row is drawn, the
   grid at 50 rows a page (Next ▶ until the 50th row's box is drawn) and Alt+↓ down that page
   (until the next row shows its MT). This includes the browser's own work.
4. ``first-row`` (AppTest): a fresh untranslated document opened with a translator (the page's
   first rows translated first, the rest of the page drawn as its MT comes, the document in the
   background), beside page 1 complete and the whole document. ``--standin DIR``: the real-shape
   stand-in forced to opus-mt-ar-en's output lengths on the first ``--segments`` FLORES dev lines
   (``translate_bench.py``'s workload); else a fake taking ``--seconds-per-segment``.
   ``--first-rows 10`` translates page 1 at once (as before); ``--no-whole``: stop at page 1.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

TARGET_SAVE_MS = 200.0
TARGET_PAGE_MS = 1000.0
TARGET_FIRST_ROW_MS = 5000.0
#: Moving to the next row opens it (its MT, tools and panels): as quick as a save.
TARGET_ACTIVATE_MS = 200.0
SENTENCES = (
    "أعلنت الحكومة اليوم عن خطة جديدة للتعليم في المدارس رقم {n}.",
    "قال الرئيس إن الاقتصاد ينمو بسرعة في الربع {n} من العام.",
    "ذهب {n} من الطلاب إلى المدرسة في الصباح ثم عادوا إلى البيت.",
    "أكدت الشرطة أن التحقيق في الحادث {n} ما يزال مستمراً.",
)


def _article(segments: int) -> str:
    lines = [SENTENCES[i % len(SENTENCES)].format(n=i + 1) for i in range(segments)]
    # one sentence per paragraph, so the segmenter gives exactly one segment per line
    return "\n\n".join(lines) + "\n"


def _ms(samples: list[float]) -> str:
    return f"median {statistics.median(samples):7.1f} ms  max {max(samples):7.1f} ms  (n={len(samples)})"


def _timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _report(name: str, samples: list[float], target: float) -> None:
    verdict = "ok" if statistics.median(samples) < target else "SLOW"
    print(f"  {name:<34} {_ms(samples)}  target < {target:.0f} ms: {verdict}")


def bench_store(store: object, doc_id: int, repeat: int) -> None:
    from workbench.store.sqlite import Store

    assert isinstance(store, Store)
    prose = [s for s in store.segments(doc_id) if s.kind == "prose"][-repeat * 5 :]
    samples = [
        _timed(lambda s=s: store.save_edit(s.id, f"Stored edit {s.id}", s.version)) for s in prose
    ]
    print("store")
    _report("save_edit", samples, TARGET_SAVE_MS)


def bench_apptest(store: object, doc_id: int, repeat: int) -> None:
    from streamlit.testing.v1 import AppTest

    from workbench.store.sqlite import Store
    from workbench.testing import FakeTranslator
    from workbench.ui import resources
    from workbench.ui.resources import ModelState

    assert isinstance(store, Store)
    state = ModelState(FakeTranslator(), "standin", "fake")
    resources.model_state = lambda: state  # type: ignore[assignment]
    at = AppTest.from_file(str(Path(resources.__file__).with_name("app.py")), default_timeout=120)
    at.run()
    at.switch_page("views/editor/page.py")
    at.query_params["doc"] = str(doc_id)
    opening = [_timed(at.run)]
    pages = [_timed(lambda: at.button(key="wb-next-top").click().run()) for _ in range(repeat)]
    saves = []
    for i in range(repeat):
        segment = store.segments(doc_id, offset=repeat * 10, limit=repeat)[i]
        at.text_area(key=f"wb-edit-{segment.id}-{segment.version}").input(f"AppTest edit {i}")
        prefix = f"FormSubmitter:wb-form-{segment.id}-"
        submit = next(b for b in at.button if (b.key or "").startswith(prefix))  # confirm & next
        saves.append(_timed(lambda submit=submit: submit.click().run()))
    saved = store.segments(doc_id, offset=repeat * 10, limit=repeat)
    assert all(s.status == "confirmed" for s in saved), "an AppTest save did not land"
    at.selectbox(key="wb-page-size").select(50)
    at.query_params["page"] = "1"
    at.run()
    # Only as many Next clicks as there are pages after the first (the last page's Next is off).
    turns = min(repeat, (len(store.segments(doc_id)) - 1) // 50)
    grid = [_timed(lambda: at.button(key="wb-next-top").click().run()) for _ in range(turns)]
    assert len(at.text_area) == 50, "a page of 50 rows"
    print("AppTest (whole-page reruns, in-process)")
    _report("open the editor (page 1)", opening, TARGET_PAGE_MS)
    _report("page change (Next)", pages, TARGET_PAGE_MS)
    _report("save (whole page: upper bound)", saves, TARGET_SAVE_MS)
    _report("page change, 50 rows a page", grid, TARGET_PAGE_MS)


def _slow_fake(seconds_per_segment: float) -> object:
    from workbench.testing import FakeTranslator
    from workbench.translate.types import TranslationOptions, TranslationResult

    class Slow(FakeTranslator):
        def translate(
            self, texts: object, options: TranslationOptions | None = None
        ) -> list[TranslationResult]:
            time.sleep(seconds_per_segment * len(texts))  # type: ignore[arg-type]
            return super().translate(texts, options)  # type: ignore[arg-type]

    return Slow()


def _forced_standin(standin: Path, segments: int, work: Path) -> tuple[object, str]:
    """The stand-in forced to opus-mt-ar-en's output lengths on FLORES, and the article's text."""
    from _engines import ForcedLengths
    from translate_bench import build_workload

    from workbench.config import settings
    from workbench.translate.engine import CTranslate2Translator
    from workbench.translate.types import TranslationOptions

    shared = settings().shared_dir
    workload = build_workload(
        shared / "data" / "flores101-dev", shared / "models" / "opus-mt-ar-en", work, segments
    )
    lengths = {item["text"]: item["length"] for item in workload["segments"]}
    engine = CTranslate2Translator(standin, TranslationOptions(device="cpu"))
    text = Path(workload["article"]).read_text(encoding="utf-8")
    return ForcedLengths(engine, lengths), text


def bench_first_row(args: argparse.Namespace, home: Path) -> None:
    """Time to the first editable row of an untranslated document, to every row of page 1 having
    its MT (drawn as it comes in), and (unless ``--no-whole``) to the whole document translated."""
    from streamlit.testing.v1 import AppTest

    from workbench.pipeline.document import add_document
    from workbench.store.sqlite import Store
    from workbench.text.read import read_text
    from workbench.ui import resources, translating
    from workbench.ui.resources import ModelState

    if args.first_rows is not None:
        translating.FIRST_ROWS = args.first_rows
    translator, text, what = _first_row_translator(args, home)

    store = resources.store()
    assert isinstance(store, Store)
    doc_id, _ = add_document(store, read_text(text, name="untranslated.txt"))
    total = store.document(doc_id).translatable
    state = ModelState(translator, "standin", what)  # type: ignore[arg-type]
    resources.model_state = lambda: state  # type: ignore[assignment]
    at = AppTest.from_file(str(Path(resources.__file__).with_name("app.py")), default_timeout=600)
    at.run()
    at.switch_page("views/editor/page.py")
    at.query_params["doc"] = str(doc_id)
    at.query_params.pop("page", None)
    started = time.perf_counter()
    at.run()
    first_row = (time.perf_counter() - started) * 1000
    first = store.segments(doc_id, limit=1)[0]
    assert at.text_area(key=f"wb-edit-{first.id}-{first.version}").value, "row 1 has MT"
    _wait(lambda: all(s.mt for s in store.segments(doc_id, limit=10) if s.kind == "prose"), 600)
    page_done = (time.perf_counter() - started) * 1000
    print(f"first editable row, {total} segments: {what}")
    print(f"  page's first rows in a batch of their own: {translating.FIRST_ROWS} (10: the page)")
    _report("open → page 1 editable", [first_row], TARGET_FIRST_ROW_MS)
    print(f"  {'page 1: all 10 rows have MT':<34} {page_done:7.1f} ms")
    if args.no_whole:
        return
    _wait(lambda: store.document(doc_id).translated == total, timeout=total * 30)
    whole_ms = (time.perf_counter() - started) * 1000
    print(f"  {'whole document translated':<34} {whole_ms:7.1f} ms  (what opening once waited)")
    print(f"  {'ratio whole / first row':<34} {whole_ms / first_row:7.1f}x")


def _wait(check: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError("the page did not update in time")
        time.sleep(0.005)


def bench_browser(home: Path, store: object, doc_id: int, repeat: int) -> None:
    from workbench.store.sqlite import Store
    from workbench.ui import launch

    assert isinstance(store, Store)
    chromium = os.environ.get("WORKBENCH_CHROMIUM") or shutil.which("chromium") or ""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("browser: skipped (playwright is not installed)")
        return
    if not Path(chromium).is_file():
        print("browser: skipped (no chromium binary; apt-get install -y chromium)")
        return
    port = 8700 + os.getpid() % 200
    env = {**os.environ, "WORKBENCH_HOME": str(home), "WORKBENCH_MODELS": str(home / "models")}
    proc = subprocess.Popen(
        launch.command(port),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: _healthy(base), timeout=60)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{base}/editor?doc={doc_id}&page=30")
            rows = store.segments(doc_id, offset=290, limit=10)
            page.wait_for_selector(f".st-key-wb-row-{rows[0].id} textarea", timeout=60_000)
            saves = []
            for segment in rows[:repeat]:
                box = page.locator(f".st-key-wb-row-{segment.id} textarea")
                box.fill(f"Browser edit {segment.id}")
                badge = page.locator(f".st-key-wb-row-{segment.id} .wb-st-confirmed")
                started = time.perf_counter()
                box.press("Control+Enter")
                badge.wait_for(timeout=30_000)
                saves.append((time.perf_counter() - started) * 1000)
            pages = []
            for number in range(31, 31 + repeat):
                first = store.segments(doc_id, offset=(number - 1) * 10, limit=1)[0]
                started = time.perf_counter()
                page.locator(".st-key-wb-next-top button").click()
                page.wait_for_selector(f".st-key-wb-row-{first.id} textarea", timeout=30_000)
                pages.append((time.perf_counter() - started) * 1000)
            url = f"{base}/editor?doc={doc_id}&page=1"
            grid = _or_nan("grid", lambda: _browser_grid(page, url, store, doc_id, repeat))
            activation = _or_nan(
                "activation", lambda: _browser_activation(page, store, doc_id, repeat)
            )
            browser.close()
        print("real server + headless Chromium (includes the browser)")
        _report("save: Ctrl+Enter → badge confirmed", saves, TARGET_SAVE_MS)
        _report("page change: Next → rows drawn", pages, TARGET_PAGE_MS)
        _report("grid, 50 rows: Next → 50th row drawn", grid, TARGET_PAGE_MS)
        _report("grid, 50 rows: Alt+↓ → next row's MT", activation, TARGET_ACTIVATE_MS)
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=10)


def _or_nan(what: str, measure: Callable[[], list[float]]) -> list[float]:
    try:
        return measure()
    except Exception as err:  # the figures before it still print
        print(f"{what}: not measured ({type(err).__name__}: {err})"[:300])
        return [float("nan")]


def _browser_grid(page: Any, url: str, store: Any, doc_id: int, repeat: int) -> list[float]:
    """Next ▶ at 50 rows a page, until the next page's 50th row (its English box) is drawn."""
    size = 50
    page.goto(url)
    page.wait_for_selector('[class*="st-key-wb-row-"] textarea', timeout=60_000)
    _choose(page, ".st-key-wb-page-size input", f"{size} a page")
    last = store.segments(doc_id, offset=size - 1, limit=1)[0]
    page.wait_for_selector(f".st-key-wb-row-{last.id} textarea", timeout=60_000)
    samples = []
    turns = min(repeat, len(store.segments(doc_id)) // size - 1)
    for number in range(2, 2 + turns):
        last = store.segments(doc_id, offset=number * size - 1, limit=1)[0]
        started = time.perf_counter()
        page.locator(".st-key-wb-next-top button").click()
        page.wait_for_selector(f".st-key-wb-row-{last.id} textarea", timeout=60_000)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _browser_activation(page: Any, store: Any, doc_id: int, repeat: int) -> list[float]:
    """On the page on screen, Alt+↓ from row to row: until the next row shows its MT panel."""
    found = page.evaluate(
        """() => Array.from(document.querySelectorAll('[class*="st-key-wb-row-"]'))
             .map(r => +/st-key-wb-row-(\\d+)/.exec(r.className)[1])"""
    )
    ids = [int(i) for i in found]
    page.locator(f".st-key-wb-row-{ids[0]} textarea").click()
    samples = []
    for nxt in ids[1 : 1 + repeat]:
        started = time.perf_counter()
        page.keyboard.press("Alt+ArrowDown")
        page.locator(f".st-key-wb-row-{nxt} .wb-mt").first.wait_for(timeout=30_000)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def _choose(page: Any, box: str, option: str) -> None:
    """Pick ``option`` in a select box: its list opens only once the page has settled (a click
    while the first run is still drawing is lost), so click until it opens."""
    wanted = page.get_by_role("option", name=option, exact=True)
    for _ in range(30):
        page.locator(box).click()
        try:
            wanted.wait_for(timeout=1_000)
        except Exception:  # not open yet: close whatever opened and try again
            page.keyboard.press("Escape")
            continue
        wanted.click()
        return
    raise TimeoutError(f"the select box {box} did not open")


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/_stcore/health", timeout=1) as answer:
            return answer.status == 200
    except OSError:
        return False


def _first_row_translator(args: argparse.Namespace, home: Path) -> tuple[object, str, str]:
    standin = args.standin
    if args.build_standin:
        from workbench.model.install import build_standin

        standin = build_standin(models_dir=home / "standin").path
    if standin is not None:
        translator, text = _forced_standin(Path(standin), args.segments, home)
        return translator, text, f"stand-in {standin} forced to opus-mt's FLORES output lengths"
    # Other words than the first document's, so no segment is answered from the MT cache.
    text = _article(args.segments)
    for old, new in (("أعلنت", "كشفت"), ("قال", "أضاف"), ("ذهب", "مضى"), ("أكدت", "ذكرت")):
        text = text.replace(old, new)
    what = f"fake at {args.seconds_per_segment} s a segment"
    return _slow_fake(args.seconds_per_segment), text, what


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--seconds-per-segment", type=float, default=0.05)
    parser.add_argument("--standin", type=Path, help="an installed stand-in model directory")
    parser.add_argument("--build-standin", action="store_true", help="build one (a few minutes)")
    parser.add_argument("--first-rows", type=int, help="the page's first batch (10: all of it)")
    parser.add_argument("--no-whole", action="store_true", help="first-row: stop at page 1")
    parser.add_argument(
        "--only", choices=("store", "apptest", "first-row", "browser"), action="append"
    )
    backends = ("sqlite", "postgres")  # postgres: a throwaway cluster's times beside SQLite's
    parser.add_argument(
        "--backend", choices=backends, default="sqlite", help="postgres: beside SQLite"
    )
    args = parser.parse_args()
    if args.backend == "postgres":
        from store_backends_bench import run_backends  # bench/ is the script's folder

        return run_backends(args.segments, args.repeat, not args.no_browser)
    home = Path(tempfile.mkdtemp(prefix="ui-bench-"))
    os.environ["WORKBENCH_HOME"] = str(home)
    os.environ["WORKBENCH_MODELS"] = str(home / "models")
    from workbench.pipeline.document import add_document, translate_document
    from workbench.store.sqlite import Store
    from workbench.testing import FakeTranslator
    from workbench.text.read import read_text

    store = Store(home / "workbench.db")
    doc_id, _ = add_document(store, read_text(_article(args.segments), name="bench.txt"))
    for _ in translate_document(store, doc_id, FakeTranslator()):
        pass
    count = len(store.segments(doc_id))
    print(f"document: {count} segments, data in {home}")
    try:
        only = set(args.only or ("store", "apptest", "first-row", "browser"))
        if "store" in only:
            bench_store(store, doc_id, args.repeat)
        if "apptest" in only:
            bench_apptest(store, doc_id, args.repeat)
        if "first-row" in only:
            bench_first_row(args, home)
        if "browser" in only and not args.no_browser:
            bench_browser(home, store, doc_id, args.repeat)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
