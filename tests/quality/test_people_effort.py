"""Effort per person (quality.people): who last set each segment's English, their time and HTER."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.pipeline.document import add_document
from workbench.quality.metrics import hter
from workbench.quality.people import effort_by_person
from workbench.store.sqlite import Store
from workbench.text.read import read_text


def test_each_translator_gets_their_segments_time_and_hter(tmp_path: Path) -> None:
    store = Store(tmp_path / "wb.db")
    doc = add_document(store, read_text("جملة أولى. جملة ثانية. جملة ثالثة.", name="x.txt"))[0]
    one, two, three = (s for s in store.segments(doc) if s.kind == "prose")
    for seg in (one, two, three):
        store.set_mt(seg.id, "the machine said this", "sig")
    a = store.save_edit(
        one.id, "the machine said that", one.version + 1, seconds=4, actor="a@x.org"
    )
    store.save_edit(two.id, "someone else wrote it", two.version + 1, seconds=6, actor="b@x.org")
    store.save_edit(one.id, "the machine said so", a.version, seconds=1, actor="b@x.org")
    rows = {r.actor: r for r in effort_by_person(store, doc)}
    assert (rows["a@x.org"].saves, rows["a@x.org"].seconds, rows["a@x.org"].segments) == (1, 4, 0)
    assert rows["a@x.org"].hter is None, "their segment was later set by b"
    b = rows["b@x.org"]
    assert (b.saves, b.seconds, b.segments) == (2, 7, 2)
    expected = (
        hter("the machine said this", "the machine said so")
        + hter("the machine said this", "someone else wrote it")
    ) / 2
    assert b.hter == pytest.approx(round(expected, 2))
