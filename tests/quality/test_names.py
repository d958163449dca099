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
                Rendered("قال كاغينز إن الاتفاق تم", "Caggins said the deal was done"),
                Rendered("وأضاف كاغينز أن", "Kaghinz added that"),
            ],
            [["Caggins here, Kaghinz in line 1"], ["Kaghinz here, Caggins in line 0"]],
        ),
        (
            [
                Rendered("قال كاغينز", "Caggins said"),
                Rendered("وأضاف كاغينز", "Caggins added"),
            ],
            [[], []],
        ),
        (
            # Two different names (not alike) are not one name spelled two ways.
            [Rendered("قال أوباما", "Obama said"), Rendered("قال بوتين", "Putin said")],
            [[], []],
        ),
        (
            # No Arabic word in common: nothing to compare.
            [Rendered("قال كاغينز", "Caggins said"), Rendered("أضاف كاغنز", "Kaghinz added")],
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
    pairs = [("قال كاغينز", "Caggins said"), ("وأضاف كاغينز", "Kaghinz added")]
    assert [i.code for i in check_pairs(pairs)[0]] == ["inconsistent-name"]
    assert check_pairs(pairs, confirmed=[True, False]) == [[], []]
