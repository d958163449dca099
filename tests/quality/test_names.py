"""One source name spelled two ways across confirmed segments: with word links and without."""

from __future__ import annotations

import pytest

from workbench.quality.names import Rendered, name_variants
from workbench.quality.qa import check_pairs


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
