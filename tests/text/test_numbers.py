"""Numbers across scripts: the English form of an item and the values QA compares."""

from __future__ import annotations

from collections import Counter

import pytest

from workbench.text.numbers import (
    month_values,
    number_values,
    to_english,
    western_digits,
    word_values,
)


@pytest.mark.parametrize(
    ("item", "english"),
    [
        ("٢٠٢٠", "2020"),
        ("٢٫٥", "2.5"),
        ("٢٥٪", "25%"),
        ("١٬٢٠٠", "1,200"),
        ("۱۴۰۲", "1402"),
        ("٩:٣٠", "9:30"),
        ("٢٠٢٠/١٢/٣١", "2020/12/31"),
        ("2020", "2020"),
        ("A1GP", "A1GP"),
        ("#مصر_٢٠٢٠", "#مصر_٢٠٢٠"),
        ("https://x.com/٢", "https://x.com/٢"),
        ("", ""),
    ],
)
def test_to_english(item: str, english: str) -> None:
    assert to_english(item) == english


def test_western_digits() -> None:
    assert western_digits("٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ٫٬٪") == "0123456789 0123456789 .,%"


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("", {}),
        ("لا أرقام", {}),
        ("عام ٢٠٢٠", {2020.0: 1}),
        ("in 2,000 and 2000", {2000.0: 2}),
        ("٢٫٥ و 2.5", {2.5: 2}),
        ("at 9:30", {9.0: 1, 30.0: 1}),
        ("0230 UTC", {230.0: 1}),
        ("the 19th", {19.0: 1}),
        ("٢٥٪", {25.0: 1}),
        ("1,200,000", {1200000.0: 1}),
        ("2,5", {2.5: 1}),
        ("۱۴۰۲", {1402.0: 1}),
        ("783،562 كم", {783562.0: 1}),
        ("3، 4 و5،6", {3.0: 1, 4.0: 1, 5.0: 1, 6.0: 1}),
    ],
)
def test_number_values(text: str, values: dict[float, int]) -> None:
    assert number_values(text) == Counter(values)


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("three people", {3.0: 1}),
        ("Twenty and a dozen", {20.0: 1, 12.0: 1}),
        ("on 19 March", {}),
        ("nothing", {}),
    ],
)
def test_word_values(text: str, values: dict[float, int]) -> None:
    assert word_values(text) == Counter(values)


@pytest.mark.parametrize(
    ("text", "values"),
    [("on 19 March", {3.0: 1}), ("they may go", {}), ("in May and Sept.", {5.0: 1, 9.0: 1})],
)
def test_month_values(text: str, values: dict[float, int]) -> None:
    assert month_values(text) == Counter(values)
