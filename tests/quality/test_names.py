"""One source name spelled two ways across confirmed segments: with word links and without."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.pipeline.document import add_document
from workbench.quality.names import Rendered, name_variants
from workbench.quality.qa import check_document, check_pairs
from workbench.store import Store
from workbench.text.read import read_text


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        (
            [
                Rendered("قال كاغينز إن الاتفاق تم", "Then Caggins said the deal was done"),
                Rendered("وأضاف كاغينز أن", "And Kaghinz added that"),
            ],
            [["Caggins here, Kaghinz in line 1"], ["Kaghinz here, Caggins in line 0"]],
        ),
        (
            # A demonym or a plural is another word, and a sentence's first word is no name.
            [
                Rendered("قال في تشيلي", "He said in Chile"),
                Rendered("الشعب التشيلي في تشيلي", "Chileans in the Chilean state"),
            ],
            [[], []],
        ),
        (
            [
                Rendered("قال كاغينز", "Then Caggins said"),
                Rendered("وأضاف كاغينز", "And Caggins's aide added"),
            ],
            [[], []],
        ),
        (
            # Two different names (not alike) are not one name spelled two ways.
            [Rendered("قال أوباما", "So Obama said"), Rendered("قال بوتين", "So Putin said")],
            [[], []],
        ),
        (
            # No Arabic word in common: nothing to compare.
            [Rendered("قال كاغينز", "So Caggins said"), Rendered("أضاف كاغنز", "So Kaghinz added")],
            [[], []],
        ),
        (
            [
                Rendered("قال كاغينز", "Caggins said", [(0, 1), (1, 0)]),
                Rendered("وأضاف كاغينز", "Kaghinz added", [(0, 1), (1, 0)]),
            ],
            [
                ["كاغينز: Caggins here, Kaghinz in line 1"],
                ["كاغينز: Kaghinz here, Caggins in line 0"],
            ],
        ),
        (
            # The links say the name is "Caggins" in both: a similar other name is not flagged.
            [
                Rendered("قال كاغينز لكاغن", "Caggins told Cagan", [(0, 1), (1, 0), (2, 2)]),
                Rendered("وأضاف كاغينز", "Caggins added", [(0, 1), (1, 0)]),
            ],
            [[], []],
        ),
    ],
)
def test_name_variants(items: list[Rendered], expected: list[list[str]]) -> None:
    assert name_variants(items) == expected


def test_only_confirmed_pairs_are_compared() -> None:
    pairs = [("قال كاغينز", "Then Caggins said"), ("وأضاف كاغينز", "And Kaghinz added")]
    assert [i.code for i in check_pairs(pairs)[0]] == ["inconsistent-name"]
    assert check_pairs(pairs, confirmed=[True, False]) == [[], []]


def test_a_stored_documents_links_follow_the_post_edit(tmp_path: Path) -> None:
    # The name opens both sentences (the check without links skips a sentence's first word):
    # only the MT's links, mapped onto the post-edit that respelled it, find it.
    store = Store(tmp_path / "s.db")
    text = "قال كاغينز إن الاتفاق تم.\nوأضاف كاغينز أن الخطة جاهزة.\n"
    doc_id, _ = add_document(store, read_text(text, name="a"))
    first, second = store.segments(doc_id)
    mts = [
        ("Caggins said the deal was done.", "0-1 1-0 2-2 3-3 3-4 4-5"),
        ("Caggins added that the plan is ready.", "0-1 1-0 2-2 3-3 3-4 4-5 4-6"),
    ]
    for seg, (mt, links) in zip((first, second), mts, strict=True):
        seg = store.set_mt(seg.id, mt, "test", {"alignment": links})
        english = mt.replace("Caggins", "Kaghinz") if seg.id == second.id else mt
        store.save_edit(seg.id, english, seg.version, confirm=True)
    found = [[(i.code, i.detail) for i in row.issues] for row in check_document(store, doc_id)]
    assert found == [
        [("inconsistent-name", "كاغينز: Caggins here, Kaghinz in segment 1")],
        [("inconsistent-name", "كاغينز: Kaghinz here, Caggins in segment 0")],
    ]
