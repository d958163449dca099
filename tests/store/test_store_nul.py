"""NUL characters (U+0000): PostgreSQL text cannot hold one, so neither store keeps one, and the
readers refuse such files first, naming the file, line and byte (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import InputError, StoreError
from workbench.pipeline.document import add_document
from workbench.pipeline.translations import import_translation
from workbench.store.sqlite import Store
from workbench.text.read import read_bytes, read_text


def test_both_stores_refuse_a_nul_alike_and_keep_nothing(any_store: Store) -> None:
    doc = add_document(any_store, read_text("جملة أولى.", name="d.txt"))[0]
    seg = any_store.segments(doc)[0]
    for write in (
        lambda: any_store.save_edit(seg.id, "Half\x00way", seg.version),
        lambda: any_store.set_mt_many([(seg.id, "m\x00t", "sig", {})]),
        lambda: any_store.save_draft(seg.id, "dr\x00aft", seg.version),
    ):
        with pytest.raises(StoreError, match=r"NUL character \(U\+0000, at character \d+"):
            write()
    after = any_store.segment(seg.id)
    assert (after.version, after.post_edit, after.mt) == (seg.version, None, None)
    assert any_store.draft(seg.id) is None


def test_the_readers_refuse_a_nul_naming_file_line_and_byte(tmp_path: Path) -> None:
    late = ("سطر عربي.\n" * 1000 + "وهنا\x00 محرف.\n").encode()  # past the binary sniffing
    with pytest.raises(InputError) as found:
        read_bytes(late, name="late.txt")
    at = late.index(b"\x00")
    assert str(found.value).startswith(f"late.txt, line 1001, byte {at}: contains a NUL")
    with pytest.raises(InputError, match=r"utf-16\.txt, line 1, byte 6: contains a NUL"):
        read_bytes("أب\x00".encode("utf-16"), name="utf-16.txt")
    with pytest.raises(InputError, match="pasted text, line 2, byte 11: contains a NUL"):
        read_text("سطر\nنص\x00")


def test_import_translation_refuses_a_nul_before_writing(tmp_path: Path) -> None:
    store = Store(tmp_path / "wb.db")
    doc = add_document(store, read_text("جملة أولى.\n\nجملة ثانية.", name="d.txt"))[0]
    path = tmp_path / "back.tsv"
    path.write_bytes("source\ttarget\nجملة أولى.\tFirst.\nجملة ثانية.\tSec\x00ond.\n".encode())
    with pytest.raises(InputError, match=r"back.tsv, line 3, byte \d+: holds a NUL"):
        import_translation(store, doc, path)
    assert all(s.post_edit is None for s in store.segments(doc))
