"""Background translation of a document: the wanted page first, the rest after, resumable."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text
from workbench.translate.types import TranslationOptions, TranslationResult
from workbench.ui import editing
from workbench.ui.translating import SLICE, DocumentWorker, Workers

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
