"""Background translation of a document: the wanted page first, the rest after, resumable."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from ui_support import html, open_page

from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text
from workbench.translate.types import TranslationOptions, TranslationResult
from workbench.ui import editing, resources, state
from workbench.ui.resources import ModelState
from workbench.ui.translating import FIRST_ROWS, SLICE, DocumentWorker, Workers
from workbench.ui.views.editor import rows

#: 120 distinct sentences, one paragraph each (so one segment each).
ARTICLE = "\n\n".join(f"قال الوزير إن الخطة رقم {n} جاهزة." for n in range(120))


def _wait(worker: DocumentWorker, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while worker.alive and time.monotonic() < deadline:
        time.sleep(0.02)
    assert not worker.alive, "the worker did not finish"


def test_the_wanted_page_is_translated_first_then_the_rest(tmp_path: Path) -> None:
    store = Store(tmp_path / "wb.db")
    doc_id = add_document(store, read_text(ARTICLE, name="long.txt"))[0]
    fake = FakeTranslator()
    options = editing.document_options(fake)
    worker = Workers().start(store, doc_id, fake, options)
    worker.want(100, 10)  # page 11 of 10 rows: as when the translator opens it
    _wait(worker)
    texts = fake.texts
    page = {s.source for s in store.segments(doc_id, offset=100, limit=10)}
    assert set(texts) >= page
    first_page_done = max(texts.index(source) for source in page)
    assert first_page_done < SLICE + 10  # at most one slice was under way when it was asked
    assert all(s.mt is not None for s in store.segments(doc_id) if s.kind == "prose")
    progress = worker.progress()
    assert (progress.left, progress.running, progress.error) == (0, False, None)


def test_a_new_worker_resumes_and_redoes_nothing(tmp_path: Path) -> None:
    store = Store(tmp_path / "wb.db")
    doc_id = add_document(store, read_text(ARTICLE, name="long.txt"))[0]
    first = FakeTranslator()
    options = TranslationOptions()  # the fake keeps no attention: results count as finished
    workers = Workers()
    worker = workers.start(store, doc_id, first, options)
    _wait(worker)
    again = FakeTranslator()
    _wait(Workers().start(store, doc_id, again, options))  # a restarted server
    assert again.texts == []


class _Failing(FakeTranslator):
    def translate_stream(
        self, texts: Sequence[str], options: TranslationOptions | None = None
    ) -> Iterator[list[tuple[int, TranslationResult]]]:
        raise RuntimeError("engine fell over")


def test_a_failure_is_reported_not_swallowed(tmp_path: Path) -> None:
    store = Store(tmp_path / "wb.db")
    doc_id = add_document(store, read_text(ARTICLE, name="long.txt"))[0]
    worker = Workers().start(store, doc_id, _Failing(), TranslationOptions(return_attention=True))
    _wait(worker)
    assert worker.progress().error == "Translation stopped: engine fell over"


def test_one_worker_per_document(tmp_path: Path) -> None:
    store = Store(tmp_path / "wb.db")
    doc_id = add_document(store, read_text(ARTICLE, name="long.txt"))[0]
    gate = threading.Event()

    class Slow(FakeTranslator):
        def translate_stream(
            self, texts: Sequence[str], options: TranslationOptions | None = None
        ) -> Iterator[list[tuple[int, TranslationResult]]]:
            gate.wait(10)
            return super().translate_stream(texts, options)

    workers = Workers()
    fake = Slow()
    options = editing.document_options(fake)
    one = workers.start(store, doc_id, fake, options)
    assert workers.start(store, doc_id, fake, options) is one
    gate.set()
    _wait(one)


def test_a_wanted_page_s_first_rows_come_in_a_batch_of_their_own(tmp_path: Path) -> None:
    """Page 11's first FIRST_ROWS rows first (what the editor waits for), then the rest of the
    page, then the document; the page is known before the thread starts (no race with want)."""
    store = Store(tmp_path / "wb.db")
    doc_id = add_document(store, read_text(ARTICLE, name="long.txt"))[0]
    fake = FakeTranslator()
    worker = Workers().start(store, doc_id, fake, editing.document_options(fake), (100, 10))
    _wait(worker)
    page = [s.source for s in store.segments(doc_id, offset=100, limit=10)]
    assert fake.texts[:FIRST_ROWS] == page[:FIRST_ROWS]
    assert fake.texts[FIRST_ROWS:10] == page[FIRST_ROWS:], "then the rest of the page"
    assert len(fake.texts) == 120, "then the rest of the document, each segment once"


def test_the_editor_opens_on_the_first_rows_and_draws_the_others_as_they_come(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()

    class FirstBatchOnly(FakeTranslator):
        def translate_stream(
            self, texts: Sequence[str], options: TranslationOptions | None = None
        ) -> Iterator[list[tuple[int, TranslationResult]]]:
            if self.calls:  # the page's first rows pass; the rest waits for the test
                gate.wait(20)
            return super().translate_stream(texts, options)

    found = ModelState(FirstBatchOnly(), "standin", "fake stand-in")
    monkeypatch.setattr(resources, "model_state", lambda: found)
    doc_id = add_document(store, read_text(ARTICLE, name="long.txt"))[0]
    ids = [s.id for s in store.segments(doc_id, limit=10)]
    try:
        at = open_page("editor", doc_id)
        boxes = [k for k in (t.key or "" for t in at.text_area) if k.startswith("wb-edit-")]
        assert boxes == [state.text_key(i, store.segment(i).version) for i in ids[:FIRST_ROWS]]
        assert html(at).count(rows.WAITING) == 10 - FIRST_ROWS, "the others say they are coming"
    finally:
        gate.set()
    deadline = time.monotonic() + 20
    while any(store.segment(i).mt is None for i in ids) and time.monotonic() < deadline:
        time.sleep(0.05)
    at.run()  # what the page's poller does once their MT is in
    boxes = [k for k in (t.key or "" for t in at.text_area) if k.startswith("wb-edit-")]
    assert len(boxes) == 10 and rows.WAITING not in html(at)
