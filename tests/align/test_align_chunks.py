"""Memory bounds of the aligner's passes do not change what they compute.

Features are gathered a chunk of lines at a time and the DP computes gains a chunk of cells at a
time (issue 14: bounded memory on a 10,000-line document); the chunk sizes must not move any
result, down to a chunk of one line or one cell.
"""

from __future__ import annotations

import random

import numpy as np

from workbench.align.dp import Band, Lines, LinkScorer
from workbench.align.features import View, _build_rows, monolingual_features, tokenize
from workbench.align.lexicon import train_model1, word_rows
from workbench.align.search import run_dp

_WORDS = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa"]


def _lines(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        words = [rng.choice(_WORDS) for _ in range(rng.randint(0, 9))]
        out.append(" ".join(words) + (" ." if words and rng.random() < 0.7 else ""))
    return out


def test_feature_rows_do_not_depend_on_the_chunk() -> None:
    lines = _lines(1, 57)
    vocab: dict[str, int] = {}

    def bag(line: str) -> list[int]:
        return [vocab.setdefault(f, len(vocab)) for f in monolingual_features(tokenize(line))]

    whole = _build_rows(lines, bag, chunk=1024)
    for chunk in (1, 5, 56, 57):
        parts = _build_rows(lines, bag, chunk=chunk)
        for a, b in zip(whole, parts, strict=True):
            np.testing.assert_array_equal(a, b)
    assert whole[0][-1] == whole[1].size  # every line's entries, empty lines included
    assert _build_rows([], bag)[0].tolist() == [0]


def test_dp_path_does_not_depend_on_the_gain_chunk() -> None:
    src, tgt = _lines(2, 40), _lines(3, 44)
    view = View.from_lines(src, tgt, monolingual_features)
    view.block_norm2("a", 3)
    view.block_norm2("b", 3)
    types = [(1, 1), (1, 2), (2, 1)]
    band = Band.full(len(src), len(tgt))  # a full band: a row holds 45 cells
    scorer = LinkScorer([view], Lines.of(src), Lines.of(tgt), 1.0, band, types)
    paths = [run_dp(band, scorer, types, -0.05, chunk=c) for c in (1, 7, 45, 100, 8192)]
    assert all(p == paths[0] for p in paths[1:])
    assert paths[0][-1][1] == len(src) and paths[0][-1][3] == len(tgt)


def test_model1_learns_a_word_from_two_pairs() -> None:
    vocab_s: dict[str, int] = {}
    vocab_t: dict[str, int] = {}
    src = word_rows(["haus rot", "haus blau"], vocab_s)
    tgt = word_rows(["maison rouge", "maison bleue"], vocab_t)
    e, f, prob = train_model1(src, tgt, len(vocab_s), iterations=10)
    best = {int(w): (0.0, -1) for w in set(e.tolist())}
    for w, t, p in zip(e.tolist(), f.tolist(), prob.tolist(), strict=True):
        best[w] = max(best[w], (p, t))
    assert best[vocab_s["haus"]][1] == vocab_t["maison"]
    assert np.allclose(np.bincount(e, weights=prob), 1.0)  # t(. | e) sums to one
