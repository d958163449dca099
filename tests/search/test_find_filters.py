"""Which segments the editor shows: status, MT flag, QA issues, hardest first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbench.pipeline.document import add_document
from workbench.search import View, flags_in, select
from workbench.store import Store
from workbench.text.read import read_text

ARABIC = "قال الوزير ٣ مرات.\n\nوصل الرئيس.\n\nغادر الوزير.\n\nالطقس جميل.\n"


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "s.db")
    doc_id, _ = add_document(store, read_text(ARABIC, name="a"))
    rows = store.segments(doc_id)
    meta: list[dict[str, Any]] = [
        {"flags": ["possible-omission"], "scores": [-0.1]},
        {"flags": [], "scores": [-2.0]},
        {"flags": ["possible-hallucination", "possible-omission"], "scores": [-0.7]},
    ]
    english = ["The minister said 4 times.", "The president arrived.", "He left."]
    for segment, mt, m in zip(rows, english, meta, strict=False):
        store.set_mt(segment.id, mt, "sig", m)
    store.save_edit(rows[1].id, "The president arrived.", rows[1].version + 1, confirm=True)
    return store


def positions(store: Store, view: View) -> list[int]:
    return [s.position for s in select(store, 1, view).segments]


@pytest.mark.parametrize(
    ("view", "expected"),
    [
        (View(), [0, 1, 2, 3]),
        (View(statuses=frozenset({"confirmed"})), [1]),
        (View(statuses=frozenset({"translated", "new"})), [0, 2, 3]),
        (View(flags=frozenset({"possible-omission"})), [0, 2]),
        (View(flags=frozenset({"possible-hallucination"})), [2]),
        # 4 is not the source's ٣; segment 3 has no English at all.
        (View(qa=True), [0, 3]),
        (View(hardest_first=True), [1, 2, 0, 3]),
        (View(flags=frozenset({"possible-omission"}), hardest_first=True), [2, 0]),
        (View(statuses=frozenset({"approved"})), []),
    ],
)
def test_select(store: Store, view: View, expected: list[int]) -> None:
    assert positions(store, view) == expected


def test_selection_keeps_what_it_judged_by(store: Store) -> None:
    found = select(store, 1, View(qa=True, hardest_first=True))
    codes = {sid: [i.code for i in issues] for sid, issues in found.issues.items()}
    assert codes[found.segments[0].id] == ["number-mismatch"]
    assert found.confidence[found.segments[-1].id] is None
    assert View(qa=True, hardest_first=True).describe() == "with QA issues; hardest first"
    assert not View().active


def test_flags_in(store: Store) -> None:
    assert flags_in(store.segments(1)) == ["possible-hallucination", "possible-omission"]
