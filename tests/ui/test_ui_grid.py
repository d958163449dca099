"""The editor's grid in AppTest: the badges every row's head carries (QA, open comments), drawn
cheaply (the QA checks run once per pair, not once per redraw)."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest
from ui_support import (
    fresh_caches,  # noqa: F401  (an autouse fixture)
    open_page,
)

from workbench.pipeline.document import add_document
from workbench.quality.qa import check_pair
from workbench.store import comments
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text
from workbench.ui.views.editor import panels

pytestmark = pytest.mark.usefixtures("fake_model")

SIGNATURE = str(FakeTranslator().signature())
#: Three segments, and MT for each: the first's and the third's drop the number of their source.
ARTICLE = "قتل ٢٥ شخصا في الهجوم. وقال الوزير إن الخطة تبدأ غدا. وأصيب ١٠ آخرون."
MT = (
    "People were killed in the attack.",
    "The minister said the plan starts tomorrow.",
    "And others were wounded.",
)


def _doc(store: Store) -> tuple[int, list[int]]:
    doc_id = add_document(store, read_text(ARTICLE, name="grid.txt"))[0]
    ids = [seg.id for seg in store.segments(doc_id) if seg.kind == "prose"]
    for seg_id, mt in zip(ids, MT, strict=True):
        store.set_mt(seg_id, mt, SIGNATURE)
    return doc_id, ids


def heads(at: AppTest) -> dict[int, str]:
    """Each row's head (its first cell's HTML), by segment number (#n)."""
    found = {}
    for element in at.html:
        body = element.proto.body
        number = re.search(r'class="wb-head wb-rowhead".*?<span class="wb-num">#(\d+)<', body)
        if number:
            found[int(number.group(1))] = body
    return found


def test_every_row_head_has_its_qa_badge_with_the_codes_in_the_tooltip(store: Store) -> None:
    doc_id, (first, _, third) = _doc(store)
    store.save_edit(first, "25 people were killed in the attack.", 1, confirm=True)
    at = open_page("editor", doc_id)
    shown = heads(at)
    assert sorted(shown) == [1, 2, 3]
    assert "wb-qa-count" not in shown[1], "the translator's English has the 25"
    assert "wb-qa-count" not in shown[2], "no number in the source: nothing to miss"
    badge = re.search(r'<span class="wb-badge wb-qa-count wb-qa-mt"[^>]*>QA 1</span>', shown[3])
    assert badge, shown[3]
    assert 'data-qa-codes="number-mismatch"' in badge.group(0)
    assert 'title="QA issues of the MT:\nnumber-mismatch: ' in badge.group(0)
    store.save_edit(third, "Some  others were wounded.", 1)  # no 10, and a double space
    at.run()
    mine = heads(at)[3]
    assert "wb-qa-mt" not in mine, "now the translator's English"
    assert 'data-qa-codes="number-mismatch double-space"' in mine and ">QA 2<" in mine


def test_every_row_head_counts_its_open_comments(store: Store) -> None:
    doc_id, (_, second, third) = _doc(store)
    comments.add_comment(store, third, "Is it <b>ten</b>?", None)
    comments.add_comment(store, third, "Or eleven?", None)
    done = comments.add_comment(store, second, "Resolved already.", None)
    comments.resolve(store, done.id, None)
    shown = heads(open_page("editor", doc_id))
    assert 'data-comments="2"' in shown[3] and "💬 2" in shown[3] and "2 open comments" in shown[3]
    assert "wb-comments" not in shown[2], "a resolved comment is not counted"
    assert "wb-comments" not in shown[1]


def test_the_qa_checks_run_once_per_pair_however_often_the_page_is_drawn(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc_id, _ = _doc(store)
    calls: list[tuple[str, str]] = []
    real = check_pair

    def counted(source: str, target: str | None, glossary: object = None) -> object:
        calls.append((source, target or ""))
        return real(source, target, glossary)  # type: ignore[arg-type]

    monkeypatch.setattr(panels, "check_pair", counted)
    panels._checked.cache_clear()
    at = open_page("editor", doc_id)
    for _ in range(3):
        at.run()
    assert len(calls) == len(set(calls)) == 3, calls
