"""translate_document with a fake translator: order, resume, dedupe, cache, human edits kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.pipeline.document import add_document, import_files, translate_document
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_file, read_text


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "wb.db")


def test_translates_prose_only_in_order(store: Store, seed_path: Path) -> None:
    doc_id, _ = add_document(store, read_file(seed_path))
    fake = FakeTranslator()
    out = list(translate_document(store, doc_id, fake, chunk_size=4))
    prose = [s for s in store.segments(doc_id) if s.kind == "prose"]
    assert [t.segment.id for t in out] == [s.id for s in prose]
    assert all(s.mt == f"EN: {s.source}" for s in prose)
    assert all(s.status == "translated" for s in prose)
    furniture = [s for s in store.segments(doc_id) if s.kind == "furniture"]
    assert all(s.mt is None for s in furniture)
    only_furniture = {s.source for s in furniture} - {s.source for s in prose}
    assert only_furniture and not set(fake.texts) & only_furniture


def test_identical_segments_are_translated_once(store: Store) -> None:
    doc_id, _ = add_document(store, read_text("نعم.\nنعم.\nلا.\nنعم.", name="dup"))
    fake = FakeTranslator()
    out = list(translate_document(store, doc_id, fake, chunk_size=2))
    assert fake.texts == ["نعم.", "لا."]  # the second chunk's "نعم." comes from the cache
    assert [t.origin for t in out] == ["model", "model", "model", "cache"]


def test_resume_does_not_redo_finished_segments(store: Store) -> None:
    text = "\n".join(f"جملة رقم {i}." for i in range(10))
    doc_id, _ = add_document(store, read_text(text, name="ten"))
    fake = FakeTranslator([*(f"out {i}" for i in range(4)), KeyboardInterrupt()])
    with pytest.raises(KeyboardInterrupt):
        for _ in translate_document(store, doc_id, fake, chunk_size=4):
            pass
    done = [s for s in store.segments(doc_id) if s.mt is not None]
    assert len(done) == 4  # the first chunk was committed before the interrupt
    fake2 = FakeTranslator()
    out = list(translate_document(store, doc_id, fake2, chunk_size=4))
    assert [t.origin for t in out][:4] == ["store"] * 4
    assert len(fake2.texts) == 6


def test_human_edit_survives_retranslation(store: Store) -> None:
    doc_id, _ = add_document(store, read_text("جملة.", name="one"))
    list(translate_document(store, doc_id, FakeTranslator(["first"])))
    seg = store.segments(doc_id)[0]
    store.save_edit(seg.id, "human words", seg.version)

    class OtherModel(FakeTranslator):
        model_name = "other"

    list(translate_document(store, doc_id, OtherModel(["second"])))
    after = store.segments(doc_id)[0]
    assert (after.mt, after.post_edit, after.status) == ("second", "human words", "edited")


def test_translator_error_leaves_no_half_chunk(store: Store) -> None:
    doc_id, _ = add_document(store, read_text("أ.\nب.\nج.", name="abc"))
    fake = FakeTranslator(["a", RuntimeError("engine failed")])
    with pytest.raises(RuntimeError):
        list(translate_document(store, doc_id, fake, chunk_size=8))
    assert all(s.mt is None for s in store.segments(doc_id))


def test_a_stored_unchanged_file_is_recognised_without_reading_it_again(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.pipeline.document as document

    path = tmp_path / "en.txt"
    path.write_text("Only English here, nothing to translate from Arabic.\n", encoding="utf-8")
    (first,) = import_files(store, [path])
    assert first.document_id is not None and not first.reused and first.warnings

    def no_reading(*args: object, **kwargs: object) -> None:
        raise AssertionError("the stored file was decoded again")

    monkeypatch.setattr(document, "read_file", no_reading)
    (again,) = import_files(store, [path])
    assert (again.document_id, again.reused, again.warnings) == (
        first.document_id,
        True,
        first.warnings,
    )
    path.write_text("نص جديد.\n", encoding="utf-8")  # changed: read (and here refused) again
    with pytest.raises(AssertionError, match="decoded again"):
        list(import_files(store, [path]))
