"""Word alignment from attention: hand-written matrices with known answers, and the real path."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.align.words import (
    OMISSION,
    PILE_UP,
    REPETITION,
    WordAlignOptions,
    align_words,
    parse_pharaoh,
    repeated_word_indices,
    target_word_index,
)
from workbench.translate.engine import CTranslate2Translator
from workbench.translate.types import TranslationOptions

EOS = "</s>"


def spans_of(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Spans of pieces laid over ``text`` in order (``▁`` is the word-boundary marker)."""
    out = []
    pos = 0
    for p in pieces:
        if p == EOS:
            out.append((len(text), len(text)))
            continue
        core = p.lstrip("▁")
        start = text.index(core, pos)
        out.append((start, start + len(core)))
        pos = start + len(core)
    return out


CASES = [
    # (why, source, source pieces, target pieces, attention rows (target × source incl. </s>), links)
    (
        "monotone one to one",
        "ذهب الولد",
        ["▁ذهب", "▁الولد", EOS],
        ["▁went", "▁boy"],
        [[0.9, 0.05, 0.05], [0.1, 0.8, 0.1]],
        "0-0 1-1",
    ),
    (
        "reordering",
        "ذهب الولد",
        ["▁ذهب", "▁الولد", EOS],
        ["▁The", "▁boy", "▁went"],
        [[0.2, 0.7, 0.1], [0.1, 0.85, 0.05], [0.9, 0.05, 0.05]],
        "0-2 1-0 1-1",
    ),
    (
        "source pieces merge into one word",
        "والبيشمركة قاتلت",
        ["▁وال", "بيش", "مركة", "▁قاتلت", EOS],
        ["▁Peshmerga", "▁fought"],
        [[0.3, 0.3, 0.3, 0.05, 0.05], [0.05, 0.05, 0.0, 0.85, 0.05]],
        "0-0 1-1",
    ),
    (
        "target pieces merge into one word",
        "الولد",
        ["▁الولد", EOS],
        ["▁the", "▁bo", "y"],
        [[0.9, 0.1], [0.8, 0.2], [0.7, 0.3]],
        "0-0 0-1",
    ),
    (
        "attention parked on </s> aligns nothing",
        "ذهب",
        ["▁ذهب", EOS],
        ["▁went", "▁."],
        [[0.9, 0.1], [0.05, 0.95]],
        "0-0 0-1",
    ),
    (
        "a row with no attention is unaligned",
        "ذهب",
        ["▁ذهب", EOS],
        ["▁went", "▁x"],
        [[0.9, 0.1], [0.0, 0.0]],
        "0-0",
    ),
    ("empty target", "ذهب", ["▁ذهب", EOS], [], [], ""),
]


@pytest.mark.parametrize(
    ("why", "source", "pieces", "target", "attention", "links"), CASES, ids=[c[0] for c in CASES]
)
def test_links(
    why: str,
    source: str,
    pieces: list[str],
    target: list[str],
    attention: list[list[float]],
    links: str,
) -> None:
    got = align_words(source, pieces, spans_of(source, pieces), target, attention)
    assert got.pharaoh == links
    assert parse_pharaoh(got.pharaoh) == list(got.links)
    assert len(got.source_words) == len(source.split())


def test_source_words_keep_original_spans() -> None:
    source = "  أعلنت   Apple اليوم"
    pieces = ["▁أعلنت", "▁Apple", "▁اليوم", EOS]
    got = align_words(
        source, pieces, spans_of(source, pieces), ["▁Apple"], [[0.1, 0.8, 0.05, 0.05]]
    )
    assert got.source_words == ("أعلنت", "Apple", "اليوم")
    assert [source[s:e] for s, e in got.source_spans] == list(got.source_words)
    assert got.pharaoh == "1-0"


@pytest.mark.parametrize(
    ("source", "target", "attention", "flag"),
    [
        ("ذهب الولد مسرعا", ["▁went"], [[0.9, 0.05, 0.0, 0.05]], OMISSION),
        ("الولد", ["▁boy", "▁boy", "▁boy", "▁boy"], [[1.0, 0.0]] * 4, PILE_UP),
        ("الولد", ["▁boy", "▁boy", "▁boy", "▁boy"], [[1.0, 0.0]] * 4, REPETITION),
        (
            "ذهب الولد",
            ["▁the", "▁boy", "▁went", "▁the", "▁boy", "▁went"],
            [[0.5, 0.5, 0.0]] * 6,
            REPETITION,
        ),
    ],
    ids=["omission", "pile-up", "stutter", "repeated trigram"],
)
def test_quality_flags(
    source: str, target: list[str], attention: list[list[float]], flag: str
) -> None:
    pieces = [f"▁{w}" for w in source.split()] + [EOS]
    got = align_words(source, pieces, spans_of(source, pieces), target, attention)
    assert flag in got.flags


def test_clean_segment_has_no_flags() -> None:
    source = "ذهب الولد"
    pieces = ["▁ذهب", "▁الولد", EOS]
    got = align_words(
        source,
        pieces,
        spans_of(source, pieces),
        ["▁boy", "▁went"],
        [[0.1, 0.85, 0.05], [0.9, 0.05, 0.05]],
    )
    assert got.flags == ()


def test_short_particles_are_not_reported_as_omitted() -> None:
    source = "و ذهب"
    pieces = ["▁و", "▁ذهب", EOS]
    got = align_words(source, pieces, spans_of(source, pieces), ["▁went"], [[0.0, 1.0, 0.0]])
    assert got.unattended == ()


REPEATS = [
    # (why, words, n, the indices marked as repeated)
    ("no words", "", 3, set()),
    ("one word", "said", 3, set()),
    ("no repeat", "the minister said the plan starts", 3, set()),
    ("a repeated trigram marks both", "he said that he said that", 3, {0, 1, 2, 3, 4, 5}),
    ("overlapping occurrences", "a b a b a", 3, {0, 1, 2, 3, 4}),
    ("only a bigram repeats", "the plan and the plan", 3, set()),
    ("the same with n = 2", "the plan and the plan", 2, {0, 1, 3, 4}),
    ("case and edge punctuation ignored", 'The plan, "the plan.', 2, {0, 1, 2, 3}),
    ("inner punctuation counts", "u.s. plan u-s plan", 2, set()),
    ("a word four times is a stutter", "boy boy boy boy", 5, {0, 1, 2, 3}),
    ("three times is not", "boy boy boy", 5, set()),
    ("stutter inside a sentence", "the boy boy boy boy went", 5, {1, 2, 3, 4}),
    ("n longer than the output", "he went he went", 9, set()),
    ("n = 1: any word said twice", "he said he", 1, {0, 2}),
    ("Arabic-script words too", "قال قال قال قال", 3, {0, 1, 2, 3}),
]


@pytest.mark.parametrize(
    ("text", "n", "expected"), [row[1:] for row in REPEATS], ids=[row[0] for row in REPEATS]
)
def test_repeated_word_indices(text: str, n: int, expected: set[int]) -> None:
    assert repeated_word_indices(text.split(), n) == frozenset(expected)


@pytest.mark.parametrize(
    ("text", "n", "expected"), [row[1:] for row in REPEATS], ids=[row[0] for row in REPEATS]
)
def test_repetition_flag_is_a_nonempty_set(text: str, n: int, expected: set[int]) -> None:
    source = "ذهب"
    pieces = ["▁ذهب", EOS]
    target = [f"▁{w}" for w in text.split()]
    got = align_words(
        source,
        pieces,
        spans_of(source, pieces),
        target,
        [[1.0, 0.0]] * len(target),
        WordAlignOptions(repeat_ngram=n),
    )
    assert (REPETITION in got.flags) == bool(expected)


@pytest.mark.parametrize("n", [0, -1])
def test_repeated_word_indices_needs_a_positive_n(n: int) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        repeated_word_indices(["a", "a"], n)


def test_target_word_index() -> None:
    assert target_word_index(["▁The", "▁bo", "y", "▁went", "."]) == [0, 1, 1, 2, 2]
    assert target_word_index(["y", "▁x"]) == [0, 1]
    assert target_word_index([]) == []


def test_real_path_shapes(tiny_model_dir: Path) -> None:
    translator = CTranslate2Translator(tiny_model_dir)
    source = "أعلنت الحكومة عن خطة جديدة"
    result = translator.translate([source], TranslationOptions(beam_size=1, return_attention=True))[
        0
    ]
    assert result.attention is not None
    got = align_words(
        result.source,
        result.source_pieces,
        result.source_spans,
        result.target_tokens,
        result.attention,
    )
    assert got.source_words == tuple(source.split())
    for i, j in got.links:
        assert 0 <= i < len(got.source_words)
        assert 0 <= j < len(got.target_words)
