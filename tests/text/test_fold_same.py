"""The one-table :func:`fold` gives exactly what the regex-and-tables fold it replaced gave.

``_fold_before`` is that earlier implementation, frozen here as the reference: every FLORES dev
line (Arabic and English) and seeded random strings drawn from the characters fold treats
specially (harakat, alef forms, digits, separators, controls, presentation forms, spaces, Latin)
fold the same.
"""

from __future__ import annotations

import random
import re
import unicodedata
from pathlib import Path

import pytest
from conftest import require_shared

from workbench.text.chars import CONTROL_CHARS, TATWEEL
from workbench.text.fold import fold
from workbench.text.numbers import western_digits

_HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
_LETTERS = str.maketrans(
    {
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0622": "\u0627",
        "\u0671": "\u0627",
        "\u0649": "\u064a",
        "\u0629": "\u0647",
        "\u0624": "\u0648",
        "\u0626": "\u064a",
        TATWEEL: None,
        **{char: None for char in CONTROL_CHARS},
    }
)
_SPACE = re.compile(r"\s+")


def _fold_before(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _HARAKAT.sub("", text).translate(_LETTERS)
    return _SPACE.sub(" ", western_digits(text)).strip().lower()


def _alphabet() -> list[str]:
    special = [
        chr(c) for r in ((0x0600, 0x06FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)) for c in range(*r)
    ]
    spaces = [
        " ",
        "\t",
        "\n",
        "\r",
        "\x0b",
        "\x0c",
        "\x1c",
        "\x1f",
        "\x85",
        "\xa0",
        "\u2028",
        "\u3000",
    ]
    latin = list("AbcZİIıß ﬁ½²Ⅻ0123456789%.,")
    return special + spaces + latin + sorted(CONTROL_CHARS) + ["\u00ad", TATWEEL, "\ufeff"]


@pytest.mark.parametrize("name", ["flores-dev.ar", "flores-dev.en"])
def test_fold_same_on_flores(shared_dir: Path, name: str) -> None:
    path = require_shared(shared_dir / "data" / "flores101-dev" / name)
    for line in path.read_text(encoding="utf-8").splitlines():
        assert fold(line) == _fold_before(line), line


def test_fold_same_on_random_strings() -> None:
    rng = random.Random(13)
    alphabet = _alphabet()
    for _ in range(20_000):
        text = "".join(rng.choices(alphabet, k=rng.randint(0, 24)))
        assert fold(text) == _fold_before(text), ascii(text)
