"""The lexicon learned from the document pair: IBM Model 1, cross-fitting, and its use in realignment."""

from __future__ import annotations

import numpy as np
import pytest

from workbench.align.features import SparseRows
from workbench.align.lexicon import lexical_view, train_model1, word_rows
from workbench.align.sentences import AlignOptions, align_sentences

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
    # Pairs 0 | 1, 2 are the two halves. Line 0 is translated by the second half's lexicon,
    # which never saw "haus": "das" gives it "le" but nothing gives it "maison". Line 2 is
    # translated by the first half's, learned on "das haus = la maison" alone.
    src = ["das haus", "ein buch", "das buch"]
    tgt = ["la maison", "un livre", "le livre"]
    view = lexical_view(src, tgt, [(0, 1, 0, 1), (1, 2, 1, 2), (2, 3, 2, 3)], floor=0.0)
    la, maison, le = 0, 1, 4  # target vocabulary in order of first sight
    line = [view.a.indices[view.a.indptr[p] : view.a.indptr[p + 1]].tolist() for p in range(3)]
    assert maison not in line[0] and le in line[0]
    assert line[1] == []  # "ein buch" shares no word with "das haus"
    assert sorted(line[2]) == [la, maison]


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
