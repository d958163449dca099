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
    store.save_edit(
        one.id, "the machine said so", a.version, confirm=True, seconds=1, actor="b@x.org"
    )
    store.save_edit(
        three.id, "the machine said this", three.version + 1, confirm=True, actor="b@x.org"
    )
    rows = {r.actor: r for r in effort_by_person(store, doc)}
    a_row = rows["a@x.org"]
    assert (a_row.saves, a_row.seconds, a_row.segments, a_row.confirmed) == (1, 4, 0, 0)
    assert a_row.hter is None, "their segment was later set by b"
    b = rows["b@x.org"]
    assert (b.saves, b.seconds, b.segments, b.confirmed) == (3, 7, 3, 2)
    # Only b's confirmed segments count: "one" (1 word of 4 changed) and "three" (untouched);
    # "two" is saved but not confirmed.
    expected = (hter("the machine said this", "the machine said so") + 0.0) / 2
    assert b.hter == pytest.approx(round(expected, 2)) == pytest.approx(12.5)
