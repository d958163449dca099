"""Importing a document with the translation memory's 100% matches filled in: one way for all.

``workbench import`` and the editor's Library page both call these, so a document imported
either way starts the same: each untouched prose segment whose folded source equals an entry's
gets that entry's English with status ``tm`` (:func:`workbench.memory.prefill`; never a human
edit). A document already in the store is not filled again. The memory is read and indexed once
per call, or once for a batch when the caller passes the one returned.
"""

from __future__ import annotations

from workbench.memory import TranslationMemory, prefill
from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.text.records import Document


def prefill_document(
    store: Store, doc_id: int, memory: TranslationMemory | None = None
) -> tuple[int, TranslationMemory]:
    """Fills document ``doc_id`` from the memory: ``(segments filled, the memory used)``."""
    memory = memory or TranslationMemory.of_store(store)
    filled = len(prefill(store, doc_id, memory)) if len(memory) else 0
    return filled, memory


def add_document_filled(store: Store, doc: Document, use_memory: bool = True) -> tuple[int, bool]:
    """:func:`~workbench.pipeline.document.add_document`, then the 100% matches of a new document."""
    doc_id, reused = add_document(store, doc)
    if use_memory and not reused:
        prefill_document(store, doc_id)
    return doc_id, reused
