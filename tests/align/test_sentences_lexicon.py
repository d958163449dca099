"""The lexicon learned from the document pair: IBM Model 1, cross-fitting, and its use in realignment."""

from __future__ import annotations

import random
from typing import Any

import numpy as np
import pytest

from workbench.align.features import SparseRows
from workbench.align.lexicon import lexical_view, train_model1, word_rows
from workbench.align.realign import confident
from workbench.align.sentences import AlignOptions, align_sentences, score_alignment

PAIRS = [
    ("das haus", "la maison"),
    ("das buch", "le livre"),
    ("ein buch", "un livre"),
    ("ein haus", "une maison"),
    ("das rote haus", "la maison rouge"),
]


def _lexicon(pairs: list[tuple[str, str]]) -> dict[str, dict[str, float]]:
    src_vocab: dict[str, int] = {}
    tgt_vocab: dict[str, int] = {}
    src = word_rows([s for s, _ in pairs], src_vocab)
    tgt = word_rows([t for _, t in pairs], tgt_vocab)
    e, f, prob = train_model1(src, tgt, len(src_vocab), iterations=10)
    src_words = {i: w for w, i in src_vocab.items()} | {len(src_vocab): "NULL"}
    tgt_words = {i: w for w, i in tgt_vocab.items()}
    out: dict[str, dict[str, float]] = {}
    for a, b, p in zip(e, f, prob, strict=True):
        out.setdefault(src_words[int(a)], {})[tgt_words[int(b)]] = float(p)
    return out


@pytest.mark.parametrize(
    ("word", "translation"),
    [("haus", "maison"), ("buch", "livre"), ("rote", "rouge")],
)
def test_model1_learns_translations(word: str, translation: str) -> None:
    lexicon = _lexicon(PAIRS)
    assert max(lexicon[word], key=lexicon[word].__getitem__) == translation


def test_model1_probabilities_sum_to_one_per_source_word() -> None:
    for translations in _lexicon(PAIRS).values():
        assert sum(translations.values()) == pytest.approx(1.0)


def test_model1_without_pairs() -> None:
    empty = SparseRows(np.zeros(1, dtype=np.int64), np.zeros(0, np.int64), np.zeros(0))
    e, f, prob = train_model1(empty, empty, 0)
    assert e.size == f.size == prob.size == 0


def test_word_rows_leave_punctuation_out() -> None:
    vocab: dict[str, int] = {}
    rows = word_rows(["Das Haus , das Haus .", ""], vocab)
    assert vocab == {"das": 0, "haus": 1}
    assert rows.indptr.tolist() == [0, 2, 2]
    assert rows.data.tolist() == [2.0, 2.0]


def test_lexical_view_is_cross_fitted() -> None:
    # Three folds of one pair each: every line is translated by the lexicon of the other two
    # pairs. Line 0 ("das haus") never meets "maison"; line 2 ("das buch") learns "das" from
    # pair 0 and "buch" from pair 1, so it gets "maison" and "un" but not its own "le".
    src = ["das haus", "ein buch", "das buch"]
    tgt = ["la maison", "un livre", "le livre"]
    view = lexical_view(src, tgt, [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3)], folds=3, floor=0.0)
    la, maison, un, livre, le = range(5)  # target vocabulary in order of first sight
    line = [view.a.indices[view.a.indptr[p] : view.a.indptr[p + 1]].tolist() for p in range(3)]
    assert maison not in line[0] and {le, livre} <= set(line[0])
    assert set(line[1]) == {le, livre}  # "buch" from pair 2; "ein" is only in its own pair
    assert set(line[2]) == {la, maison, un, livre}


def test_lexicon_changes_nothing_without_evidence() -> None:
    # Five unrelated one-word lines: the lexicon learns nothing that carries over, so the
    # realignment is skipped and the result equals the one without it.
    src = ["alpha", "beta", "gamma", "delta", "epsilon"]
    tgt = ["one", "two", "three", "four", "five"]
    with_lexicon = align_sentences(src, tgt)
    without = align_sentences(src, tgt, options=AlignOptions(lexicon=0.0))
    assert [(x.src, x.tgt) for x in with_lexicon] == [(x.src, x.tgt) for x in without]


def test_signature_records_lexicon_settings() -> None:
    sig = str(AlignOptions(lexicon=0.5).signature())
    assert "lexicon" in sig and "sentalign-" in sig


def _invented_bitext(seed: int, n: int = 120) -> tuple[list[str], list[str], list[Any]]:
    """Two invented languages with a one-to-one word mapping and nothing else in common but a
    number on every third line; long target sentences are sometimes split in two."""
    rng = random.Random(seed)
    src_words = [f"s{chr(97 + k % 26)}{chr(97 + k // 26)}q" for k in range(60)]
    tgt_words = [f"t{chr(97 + (k * 7) % 26)}{chr(97 + k // 26)}z" for k in range(60)]
    src: list[str] = []
    tgt: list[str] = []
    gold = []
    for _ in range(n):
        ids = [rng.randrange(60) for _ in range(rng.randint(3, 9))]
        num = [str(1000 + len(src))] if len(src) % 3 == 0 else []
        words = num + [tgt_words[i] for i in ids]
        rng.shuffle(words)
        if len(ids) >= 8 and rng.random() < 0.3:
            cut = len(words) // 2
            gold.append(([len(src)], [len(tgt), len(tgt) + 1]))
            tgt += [" ".join(words[:cut]) + " .", " ".join(words[cut:]) + " ."]
        else:
            gold.append(([len(src)], [len(tgt)]))
            tgt.append(" ".join(words) + " .")
        src.append(" ".join(num + [src_words[i] for i in ids]) + " .")
    return src, tgt, gold


@pytest.mark.parametrize("seed", range(3))
def test_realignment_learns_the_words_without_translation(seed: int) -> None:
    # Numbers and length alone get a rough path (0.81-0.94 strict F1); the lexicon learned from
    # it gets every link.
    src, tgt, gold = _invented_bitext(seed)
    without = score_alignment(align_sentences(src, tgt, options=AlignOptions(lexicon=0.0)), gold)
    with_lexicon = score_alignment(align_sentences(src, tgt), gold)
    assert without["f1_strict"] < 0.95
    assert with_lexicon["f1_strict"] == 1.0


@pytest.mark.parametrize(
    ("gains", "share", "expected"),
    [
        ([0.5, 0.1, -0.05, 0.3], 0.7, [(0, 1, 0, 1), (3, 4, 3, 4)]),
        ([0.5, 0.1, -0.05, 0.3], 1.0, [(0, 1, 0, 1), (1, 3, 1, 2), (3, 4, 3, 4)]),
        ([0.5, 0.1, -0.05, 0.3], 0.0, [(0, 1, 0, 1)]),  # at least one pair
    ],
)
def test_confident_keeps_the_best_links_in_order(
    gains: list[float], share: float, expected: list[Any]
) -> None:
    spans = [(0, 1, 0, 1), (1, 3, 1, 2), (3, 3, 2, 3), (3, 4, 3, 4)]  # the 0-1 never trains
    assert confident(spans, gains, share) == expected
