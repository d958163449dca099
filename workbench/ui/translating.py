"""Documents translated in the background while the translator edits: one worker per document.

Opening a document no longer waits for all of it: the page on screen is translated first (its
first rows in a batch of their own, then the rest of the page), then the rest of the document,
a slice at a time, in a worker thread of the server process (one per document, shared by every
tab). Opening another page moves that page to the front. Each batch is stored as it finishes
(:func:`workbench.pipeline.document.translate_segments`), so a restarted server resumes where
the last one stopped, and nothing a translator saved is overwritten. No Streamlit here: the
editor holds one :class:`Workers` per process and only reads the progress.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from workbench.pipeline.document import translate_segments, untranslated
from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store
from workbench.translate.types import TranslationOptions, Translator

#: Segments translated per slice once the wanted page is done.
SLICE = 32
#: The first prose rows of a newly wanted page, translated in a batch of their own before the
#: rest of the page: the editor draws the page once they are done (its first rows editable in
#: about a third of the page's time), and the other rows as their MT comes in.
FIRST_ROWS = 3


@dataclass(frozen=True)
class Progress:
    """What a worker has done: segments translated by it, still to do, and why it stopped."""

    done: int
    left: int
    running: bool
    error: str | None = None


class DocumentWorker:
    """Translates one document in a thread: the wanted page first, then in document order."""

    def __init__(
        self,
        store: Store,
        doc_id: int,
        translator: Translator,
        options: TranslationOptions,
        wanted: tuple[int, int] | None = None,
    ) -> None:
        self.store, self.doc_id, self.translator, self.options = store, doc_id, translator, options
        self._lock = threading.Lock()
        # (offset, size) of the page on screen, known before the thread starts (else its first
        # slice could be the document's start instead of that page); whether its first rows
        # are still to be done on their own.
        self._wanted = wanted
        self._head_first = wanted is not None
        self._done = 0
        self._left = len(untranslated(store, doc_id, translator, options))
        self._error: str | None = None
        self._tried: set[int] = set()
        self._thread = threading.Thread(
            target=self._run, name=f"translate-document-{doc_id}", daemon=True
        )

    def start(self) -> DocumentWorker:
        self._thread.start()
        return self

    def want(self, offset: int, size: int) -> None:
        """Translate the page at ``offset`` (``size`` segments) next."""
        with self._lock:
            if self._wanted != (offset, size):
                self._wanted = (offset, size)
                self._head_first = True

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    def progress(self) -> Progress:
        with self._lock:
            return Progress(self._done, self._left, self.alive, self._error)

    def _next_slice(self) -> list[SegmentRow]:
        # Each segment is tried once per worker: a result that still does not count as finished
        # (a translator without attention) must not be translated again and again.
        left = [
            s
            for s in untranslated(self.store, self.doc_id, self.translator, self.options)
            if s.id not in self._tried
        ]
        with self._lock:
            self._left = len(left)
            wanted, head_first = self._wanted, self._head_first
            self._head_first = False
        if wanted is not None:
            offset, size = wanted
            page = [s for s in left if offset <= s.position < offset + size]
            if page:
                return page[:FIRST_ROWS] if head_first else page
        return left[:SLICE]

    def _run(self) -> None:
        try:
            while True:
                todo = self._next_slice()
                if not todo:
                    return
                self._tried.update(s.id for s in todo)
                for _item in translate_segments(self.store, todo, self.translator, self.options):
                    with self._lock:
                        self._done += 1
                        self._left = max(0, self._left - 1)
        # A worker thread must not die silently: the editor shows why, and reopening retries.
        except Exception as err:
            with self._lock:
                self._error = f"Translation stopped: {err}"


class Workers:
    """The process's document workers (one per document at a time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._workers: dict[int, DocumentWorker] = {}

    def start(
        self,
        store: Store,
        doc_id: int,
        translator: Translator,
        options: TranslationOptions,
        wanted: tuple[int, int] | None = None,
    ) -> DocumentWorker:
        """The document's running worker, or a new one started (the old one finished or failed);
        either way translating the ``wanted`` page ((offset, size)) next."""
        with self._lock:
            worker = self._workers.get(doc_id)
            if worker is None or not worker.alive:
                worker = DocumentWorker(store, doc_id, translator, options, wanted).start()
                self._workers[doc_id] = worker
            elif wanted is not None:
                worker.want(*wanted)
            return worker

    def get(self, doc_id: int) -> DocumentWorker | None:
        with self._lock:
            return self._workers.get(doc_id)
