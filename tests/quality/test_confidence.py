"""Confidence from the model's scores and attention coverage; Spearman's ρ."""

from __future__ import annotations

import math

import pytest

from workbench.quality.confidence import Confidence, confidence, ranks, spearman


def test_confidence_from_meta() -> None:
    got = confidence("قال الوزير إن الاجتماع كان مثمرا", {"scores": [-0.5], "unattended": [3]})
    assert got == Confidence(-0.5, 0.8)
    assert got.value == pytest.approx(math.exp(-0.5) * 0.8)
    assert confidence("قال", {"scores": []}) is None
    assert confidence("و في", {"scores": [0.0]}) == Confidence(0.0, 1.0)


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], []),
        ([5.0], [0.0]),
        ([3.0, 1.0, 2.0], [2.0, 0.0, 1.0]),
        ([1.0, 1.0, 2.0], [0.5, 0.5, 2.0]),
    ],
)
def test_ranks(values: list[float], expected: list[float]) -> None:
    assert list(ranks(values)) == expected


@pytest.mark.parametrize(
    ("a", "b", "rho"),
    [
        ([1, 2, 3, 4], [10, 20, 30, 40], 1.0),
        ([1, 2, 3, 4], [4, 3, 2, 1], -1.0),
        ([1, 2, 3, 4], [1, 4, 9, 16], 1.0),
    ],
)
def test_spearman(a: list[float], b: list[float], rho: float) -> None:
    assert spearman(a, b) == pytest.approx(rho)


def test_spearman_degenerate() -> None:
    assert math.isnan(spearman([1.0], [2.0]))
    assert math.isnan(spearman([1.0, 1.0], [1.0, 2.0]))
    with pytest.raises(ValueError, match="as many values"):
        spearman([1.0], [1.0, 2.0])
