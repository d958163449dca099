"""Finding text in a segment: spans on the stored text, whole word, case, Arabic folding."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.search import Query, find_spans, snippet
from workbench.text.fold import fold, fold_map


def spans(text: str, query: Query) -> list[str]:
    return [text[s.start : s.end] for s in find_spans(text, query)]


@pytest.mark.parametrize(
    ("text", "query", "expected"),
    [
        # English: case, whole word, several matches, literal regex characters.
        ("The minister met the Minister.", Query("minister", "english"), ["minister", "Minister"]),
        (
            "The minister met the Minister.",
            Query("Minister", "english", match_case=True),
            ["Minister"],
        ),
        ("ministers and minister", Query("minister", "english", whole_word=True), ["minister"]),
        ("pay $5.00 (now)", Query("$5.00 (now", "english"), ["$5.00 (now"]),
        ("a.b axb", Query("a.b", "english"), ["a.b"]),
        ("<b>x</b>", Query("<b>", "english"), ["<b>"]),
        ("nothing here", Query("absent", "english"), []),
        # Arabic source, folded: hamza on alef, tatweel, harakat, taa marbuta, alef maqsura.
        ("أعلنت الإمارات اليوم", Query("الامارات"), ["الإمارات"]),
        ("أعلنت الإمـــارات اليوم", Query("الامارات"), ["الإمـــارات"]),
        ("قَالَ الوَزِيرُ", Query("قال الوزير"), ["قَالَ الوَزِيرُ"]),
        ("مدرسة المدرسه", Query("مدرسه", whole_word=True), ["مدرسة"]),
        ("على علي", Query("علي"), ["على", "علي"]),
        ("العام ٢٠٢٠ و 2020", Query("2020"), ["٢٠٢٠", "2020"]),
        ("ﻻ شيء", Query("لا"), ["ﻻ"]),
        # Whole word in Arabic: a prefix glued on is another word.
        ("وزير والوزير الوزير", Query("الوزير", whole_word=True), ["الوزير"]),
        # Not folded: exact letters only.
        ("أعلنت الإمارات", Query("الامارات", fold=False), []),
        ("أعلنت الإمارات", Query("الإمارات", fold=False), ["الإمارات"]),
        # Case in the source (Latin inside Arabic).
        ("أعلنت Apple عن apple", Query("Apple", match_case=True), ["Apple"]),
        ("أعلنت Apple عن apple", Query("Apple"), ["Apple", "apple"]),
    ],
)
def test_find_spans(text: str, query: Query, expected: list[str]) -> None:
    assert spans(text, query) == expected


def test_empty_query_is_refused_with_what_to_do() -> None:
    with pytest.raises(InputError, match="type a word"):
        Query("   ")


def test_fold_map_spans_point_at_the_stored_letters() -> None:
    text = "  قَالَ   الـوزير "
    folded, origin = fold_map(text)
    assert folded == fold(text) == "قال الوزير"
    assert [text[a:b] for a, b in origin[:3]] == ["قَ", "ا", "لَ"]


def test_fold_map_equals_fold_on_flores_and_random_text(shared_dir: Path) -> None:
    lines = []
    for name in ("flores-dev.ar", "flores-dev.en"):
        path = shared_dir / "data" / "flores101-dev" / name
        if not path.exists():  # (not conftest's require_shared: tests/ui has a conftest too)
            pytest.skip(f"shared development data missing: {path} (set WORKBENCH_SHARED)")
        lines += path.read_text(encoding="utf-8").splitlines()
    alphabet = "اأإآٱىيةهؤئوـًٌٍَُِّْٰ٠١٩۰۹ﻻﷲ\u200f\u200d\u00a0 \tAbCé\u0301Z"
    rng = random.Random(7)
    lines += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    assert [line for line in lines if fold_map(line)[0] != fold(line)] == []


def test_snippet_marks_matches_and_cuts_long_text() -> None:
    text = "x" * 100 + "needle" + "y" * 100
    pieces = snippet(text, find_spans(text, Query("needle", "english")), width=10)
    assert pieces == [
        ("…", False),
        ("x" * 10, False),
        ("needle", True),
        ("y" * 10, False),
        ("…", False),
    ]
