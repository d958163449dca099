"""The trigram index: its candidates hold the brute-force best, scores are edit distance."""

from __future__ import annotations

import random

import pytest

from workbench.memory.index import REBUILD, TrigramIndex, score, trigrams


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("", "", 100.0), ("abcd", "abcd", 100.0), ("abcd", "abce", 75.0), ("ab", "", 0.0)],
)
def test_score(a: str, b: str, expected: float) -> None:
    assert score(a, b) == expected


def test_trigrams_are_padded() -> None:
    assert trigrams("ab") == {" ab", "ab "}
    assert trigrams("") == set()


def test_empty_index() -> None:
    index = TrigramIndex()
    assert index.search("قال الوزير") == []
    assert len(index.candidates("x")) == 0


def test_exact_and_fuzzy_best_first() -> None:
    texts = ["قال الوزير ان الاجتماع مثمر", "قال الوزير", "وصل الرئيس الي القاهره"]
    index = TrigramIndex(texts)
    hits = index.search("قال الوزير ان الاجتماع مثمر")
    assert (hits[0].entry, hits[0].score) == (0, 100.0)
    assert index.search("قال الوزير ان الاجتماع كان مثمرا")[0].entry == 0
    assert index.search("شيء اخر تماما لا علاقه له") == []


def test_agrees_with_brute_force() -> None:
    rng = random.Random(3)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    words = ["".join(rng.choices(letters, k=rng.randint(2, 7))) for _ in range(300)]
    texts = [" ".join(rng.choices(words, k=rng.randint(4, 12))) for _ in range(400)]
    index = TrigramIndex(texts)
    for text in rng.sample(texts, 50):
        edited = text.split()
        edited[rng.randrange(len(edited))] = rng.choice(words)
        query = " ".join(edited)
        fast, slow = index.search(query, limit=1), index.brute_force(query, limit=1)
        assert [h.score for h in fast] == [h.score for h in slow]


def test_texts_added_later_are_found_before_and_after_a_rebuild() -> None:
    index = TrigramIndex(["قال الوزير"])
    index.add(["وصل الرئيس الي القاهره"])
    assert index.search("وصل الرئيس الي القاهره")[0].entry == 1
    index.add([f"نص {i}" for i in range(REBUILD + 1)])
    assert index.search("وصل الرئيس الي القاهره")[0].entry == 1
    assert index.search("قال الوزير")[0].score == 100.0
