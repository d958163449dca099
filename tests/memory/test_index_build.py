"""The one-sort build of the trigram index gives exactly the posting lists of the two-sort build."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
from conftest import require_shared

from workbench.memory.index import TrigramIndex
from workbench.text.fold import fold


def _lists(index: TrigramIndex) -> list[np.ndarray]:
    return [index._codes, index._offsets, index._postings, index._sizes]


def _same(texts: list[str]) -> None:
    compact, wide = TrigramIndex(texts), TrigramIndex(texts)
    wide.build(compact=False)
    for a, b in zip(_lists(compact), _lists(wide), strict=True):
        assert a.dtype == b.dtype
        assert np.array_equal(a, b)


def test_build_same_on_flores(shared_dir: Path) -> None:
    path = require_shared(shared_dir / "data" / "flores101-dev" / "flores-dev.ar")
    lines = path.read_text(encoding="utf-8").splitlines()
    _same([fold(line) for line in lines] + lines[:50])


@pytest.mark.parametrize(
    "texts",
    [[], [""], ["a"], ["ab"], ["", "", "x"], ["abc", "abc", ""], ["😀 ok", "ﻻ ١٢", "a\U0010ffffb"]],
)
def test_build_same_on_edge_cases(texts: list[str]) -> None:
    _same(texts)


def test_build_same_on_random_texts() -> None:
    rng = random.Random(7)
    alphabet = [*"ابتثجحخ دذرزسش", "😀", "\U00010348", "z", " "]
    texts = ["".join(rng.choices(alphabet, k=rng.randint(0, 12))) for _ in range(500)]
    _same(texts)
