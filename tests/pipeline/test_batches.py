"""translate_document saves and yields each of the translator's batches as it finishes."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path

import pytest

from workbench.pipeline.document import add_document, translate_document, untranslated
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text
from workbench.translate.types import TranslationOptions

TEN = "\n".join(f"جملة رقم {i}." for i in range(10))
BATCHES_OF_2 = TranslationOptions(batch_size=2)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "wb.db")


def translated(store: Store, doc_id: int) -> int:
    return sum(s.mt is not None for s in store.segments(doc_id))


def test_an_interrupt_inside_a_window_keeps_the_finished_batches(store: Store) -> None:
    doc_id, _ = add_document(store, read_text(TEN, name="ten"))
    fake = FakeTranslator([*(f"out {i}" for i in range(5)), KeyboardInterrupt()])
    with pytest.raises(KeyboardInterrupt):
        for _ in translate_document(store, doc_id, fake, BATCHES_OF_2):
            pass
    # batches [0, 1] and [2, 3] were saved; [4, 5] was interrupted at its second text
    assert translated(store, doc_id) == 4
    fake2 = FakeTranslator()
    out = list(translate_document(store, doc_id, fake2, BATCHES_OF_2))
    assert len(fake2.texts) == 6
    assert [t.origin for t in out] == ["store"] * 4 + ["model"] * 6


def test_each_batch_is_in_the_store_before_it_is_yielded(store: Store) -> None:
    doc_id, _ = add_document(store, read_text(TEN, name="ten"))
    seen = []
    for item in translate_document(store, doc_id, FakeTranslator(), BATCHES_OF_2):
        assert store.segment(item.segment.id).mt == item.segment.mt is not None
        seen.append(translated(store, doc_id))
    assert seen == [2, 2, 4, 4, 6, 6, 8, 8, 10, 10]


def test_untranslated_counts_what_a_run_would_do(store: Store) -> None:
    doc_id, _ = add_document(store, read_text(TEN, name="ten"))
    fake = FakeTranslator()
    assert len(untranslated(store, doc_id, fake, BATCHES_OF_2)) == 10
    run = translate_document(store, doc_id, fake, BATCHES_OF_2)
    assert isinstance(run, Generator)
    for _ in range(3):
        next(run)
    run.close()
    assert len(untranslated(store, doc_id, fake, BATCHES_OF_2)) == 6
    with_alignments = TranslationOptions(batch_size=2, return_attention=True)
    assert len(untranslated(store, doc_id, fake, with_alignments)) == 10


def test_cached_and_stored_segments_come_with_the_first_batch(store: Store) -> None:
    text = "نعم.\nلا.\nربما.\nنعم."
    first, _ = add_document(store, read_text(text, name="a"))
    list(translate_document(store, first, FakeTranslator(), BATCHES_OF_2))
    second, _ = add_document(store, read_text(text + "\nأبدا.", name="b"))
    fake = FakeTranslator()
    out = list(translate_document(store, second, fake, BATCHES_OF_2))
    assert fake.texts == ["أبدا."]
    assert [t.origin for t in out] == ["cache", "cache", "cache", "cache", "model"]


def test_cache_and_segments_land_in_one_transaction(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id, _ = add_document(store, read_text(TEN, name="ten"))
    fake = FakeTranslator()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("killed between the cache and the segments")

    monkeypatch.setattr(Store, "_apply", fail)
    with pytest.raises(OSError):
        list(translate_document(store, doc_id, fake, BATCHES_OF_2))
    monkeypatch.undo()
    sources = [s.source for s in store.segments(doc_id)]
    assert store.cached(sources, str(fake.signature(BATCHES_OF_2))) == {}
    assert translated(store, doc_id) == 0
