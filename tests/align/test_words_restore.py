"""Word links through the verbatim restore: hand-written attention where markers became items."""

from __future__ import annotations

import pytest

from workbench.align.words import align_words, map_target_words

EOS = "</s>"
# "ولد في ٢٠٢٠" prepared as "ولد في XZ1": the marker's pieces stand for the item's span.
SOURCE = "ولد في ٢٠٢٠"
PIECES = ["▁ولد", "▁في", "▁XZ", "1", EOS]
SPANS = [(0, 3), (4, 6), (7, 11), (7, 11), (11, 11)]


def _row(word: int) -> list[float]:
    """Attention of one target piece: nearly all on source piece ``word``."""
    row = [0.02] * len(PIECES)
    row[word] = 0.92
    return row


@pytest.mark.parametrize(
    ("why", "tokens", "rows", "output", "links", "words"),
    [
        (
            "marker in one word",
            ["▁born", "▁in", "▁XZ", "1"],
            [_row(0), _row(1), _row(2), _row(3)],
            "born in 2020",
            "0-0 1-1 2-2",
            ("born", "in", "2020"),
        ),
        (
            "the model spelled the marker as two words: later words shift back by one",
            ["▁born", "▁in", "▁XZ", "▁1", "▁today"],
            [_row(0), _row(1), _row(2), _row(3), _row(0)],
            "born in 2020 today",
            "0-0 0-3 1-1 2-2",
            ("born", "in", "2020", "today"),
        ),
        (
            "marker glued to punctuation",
            ["▁in", "▁XZ", "1", ",", "▁born"],
            [_row(1), _row(2), _row(2), _row(2), _row(0)],
            "in 2020, born",
            "0-2 1-0 2-1",
            ("in", "2020,", "born"),
        ),
        (
            "a lost item appended at the end gets no link",
            ["▁born", "▁in", "▁Egypt"],
            [_row(0), _row(1), _row(1)],
            "born in Egypt 2020",
            "0-0 1-1 1-2",
            ("born", "in", "Egypt", "2020"),
        ),
    ],
)
def test_links_map_through_the_restore(
    why: str,
    tokens: list[str],
    rows: list[list[float]],
    output: str,
    links: str,
    words: tuple[str, ...],
) -> None:
    got = align_words(SOURCE, PIECES, SPANS, tokens, rows, output=output)
    assert got.pharaoh == links, why
    assert got.target_words == words
    assert got.source_words == ("ولد", "في", "٢٠٢٠")


def test_without_output_links_index_the_model_words() -> None:
    tokens = ["▁born", "▁in", "▁XZ", "▁1"]
    got = align_words(SOURCE, PIECES, SPANS, tokens, [_row(0), _row(1), _row(2), _row(3)])
    assert got.target_words == ("born", "in", "XZ", "1")
    assert got.pharaoh == "0-0 1-1 2-2 2-3"


@pytest.mark.parametrize(
    ("model", "final", "expected"),
    [
        ([], [], []),
        (["a", "b"], ["a", "b"], [(0,), (1,)]),
        (["XZ", "1", "b"], ["2020", "b"], [(0,), (0,), (1,)]),
        (["a", "XZ1"], ["a", "x.com"], [(0,), (1,)]),
        (["a"], ["a", "#tag", "@u"], [(0,)]),
        (["XZ1", "XZ2"], ["5", "7"], [(0,), (1,)]),
        (["XZ", "1", "XZ2"], ["5", "7"], [(0, 1), (0, 1), (0, 1)]),
    ],
)
def test_map_target_words(
    model: list[str], final: list[str], expected: list[tuple[int, ...]]
) -> None:
    assert map_target_words(model, final) == expected
