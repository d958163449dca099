"""The model's input: controls stripped, verbatim items as markers and back, clause splitting."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from workbench.text.verbatim import verbatim_spans
from workbench.translate.prepare import (
    PART_PIECES,
    has_letters,
    prepare,
    restore,
    split_for_model,
    split_to_fit,
)


@pytest.mark.parametrize(
    ("text", "model_text", "items"),
    [
        ("مرحبا", "مرحبا", ()),
        ("", "", ()),
        # Bidi and zero-width controls are invisible to the model (never removed from the source).
        ("\u200fمرحبا\u202b بكم\u200c\u2066x\u2069\ufeff", "مرحبا بكمx", ()),
        # A URL keeps its path but not the Arabic comma after it.
        ("زار https://a.com/x?y=1، اليوم", "زار XZ1، اليوم", ("https://a.com/x?y=1",)),
        ("زار www.example.org.", "زار XZ1.", ("www.example.org",)),
        ("راسلنا info@x.org", "راسلنا XZ1", ("info@x.org",)),
        (
            "كتب @user و #هاشتاغ و #وسم_ثاني",
            "كتب XZ1 و XZ2 و XZ3",
            ("@user", "#هاشتاغ", "#وسم_ثاني"),
        ),
        ("فرح 😀👍🏽 و 👨‍👩‍👧", "فرح XZ1 و XZ2", ("😀👍🏽", "👨‍👩‍👧")),
        # Numbers and codes, whatever the digits; a marker glued to a word gets spaces around it.
        ("بـ76 نقطة", "بـ XZ1 نقطة", ("76",)),
        (
            "في 18.04 و 1,200 و ٢٠٢٠ و ٩:٣٠ و 88%",
            "في XZ1 و XZ2 و XZ3 و XZ4 و XZ5",
            ("18.04", "1,200", "٢٠٢٠", "٩:٣٠", "88%"),
        ),
        ("طائرة Il-76 و A1GP و H5N1", "طائرة Il-XZ1 و XZ2 و XZ3", ("76", "A1GP", "H5N1")),
        ("بنتيجة 5-3 عام 1995-96", "بنتيجة XZ1 عام XZ2", ("5-3", "1995-96")),
        # Text that already looks like a marker is an item itself, so markers never collide.
        ("نص XZ1 حرفي", "نص XZ1 حرفي", ("XZ1",)),
    ],
)
def test_prepare(text: str, model_text: str, items: tuple[str, ...]) -> None:
    prepared = prepare(text)
    assert prepared.text == model_text
    assert prepared.items == items


def test_prepared_spans_map_back_to_the_original() -> None:
    text = "\u200fبـ76 https://a.com"
    prepared = prepare(text)
    assert prepared.text == "بـ XZ1 XZ2"
    assert prepared.original_span(0, 2) == (1, 3)  # "بـ", after the stripped RLM
    assert prepared.original_span(3, 6) == (3, 5)  # XZ1 → "76"
    assert prepared.original_span(7, 10) == (6, 19)  # XZ2 → the URL
    assert prepared.original_span(2, 2) == (3, 3)  # the added space
    assert prepared.original_span(10, 10) == (19, 19)


@pytest.mark.parametrize(
    ("output", "items", "expected", "lost"),
    [
        ("Visit XZ1 now", ("https://x.com",), "Visit https://x.com now", ()),
        ("Visit xz 1 now", ("https://x.com",), "Visit https://x.com now", ()),
        ("In XZ2, XZ1 people", ("5", "2020"), "In 2020, 5 people", ()),
        ("His XZ1th goal", ("60",), "His 60th goal", ()),
        ("XZ1 and XZ1", ("7",), "7 and 7", ()),
        # Lost items are appended in source order, so nothing verbatim disappears silently.
        ("Nothing here.", ("@user", "#tag"), "Nothing here. @user #tag", ("@user", "#tag")),
        ("", ("#tag",), "#tag", ("#tag",)),
        ("XZ9 stays", ("a",), "XZ9 stays a", ("a",)),
        ("No items XZ1", (), "No items XZ1", ()),
        # Numbers come back as English writes them; the source keeps the Arabic original.
        ("In XZ1 the", ("٢٠٢٠",), "In 2020 the", ()),
        ("up XZ1 to XZ2", ("٢٫٥", "٢٥٪"), "up 2.5 to 25%", ()),
        ("at XZ1 on XZ2", ("٩:٣٠", "٢٠٢٠/١٢/٣١"), "at 9:30 on 2020/12/31", ()),
        ("XZ1 people", ("١٬٢٠٠",), "1,200 people", ()),
        ("In XZ1", ("۱۴۰۲",), "In 1402", ()),
        ("Lost:", ("٢٠٢٠",), "Lost: 2020", ("٢٠٢٠",)),
        # A hashtag or a URL with Arabic digits is not a number: it stays as written.
        ("Tag XZ1", ("#مصر_٢٠٢٠",), "Tag #مصر_٢٠٢٠", ()),
    ],
)
def test_restore(output: str, items: tuple[str, ...], expected: str, lost: tuple[str, ...]) -> None:
    assert restore(output, items) == (expected, lost)


@pytest.mark.parametrize(
    ("text", "letters"),
    [
        ("", False),
        ("   ", False),
        ("-", False),
        ("2020", False),
        ("٢٠٢٠/١٢/٣١ - 18:30", False),
        ("😀🎉", False),
        ("ـــ", False),  # tatweel only
        ("https://example.com/path", False),
        ("#هاشتاغ @user", False),
        ("\u200f\u202b", False),
        ("و", True),
        ("A", True),
        ("زار https://example.com", True),
    ],
)
def test_has_letters(text: str, letters: bool) -> None:
    assert has_letters(text) is letters


def test_verbatim_spans_never_overlap() -> None:
    text = "a@b.com https://x.y/@z #t @u 12 😀"
    spans = verbatim_spans(text)
    assert [text[s:e] for s, e in spans] == ["a@b.com", "https://x.y/@z", "#t", "@u", "12", "😀"]


def _words_at_most(limit: int) -> Callable[[str], tuple[bool, None]]:
    return lambda part: (len(part.split()) <= limit, None)


@pytest.mark.parametrize(
    ("text", "limit", "parts"),
    [
        ("قصير", 3, ["قصير"]),
        # The strongest boundary wins (؛ over ،), the nearest to the middle among equals.
        ("w1 w2، w3 w4؛ w5 w6", 3, ["w1 w2،", " w3 w4؛", " w5 w6"]),
        ("a, b, c, d, e, f", 3, ["a, b, c,", " d, e, f"]),
        ("a b. c d, e f", 2, ["a b.", " c d,", " e f"]),
        ("a: b c d e", 3, ["a:", " b c", " d e"]),
        # No punctuation: whitespace near the middle.
        ("a b c d e f g h", 2, ["a b", " c d", " e f", " g h"]),
        # Never inside a URL or a number, even at a comma.
        ("x https://a.com/p,q,r y, z w", 2, ["x https://a.com/p,q,r", " y,", " z w"]),
        ("x 1,200,300 y z", 2, ["x 1,200,300", " y z"]),
    ],
)
def test_split_to_fit(text: str, limit: int, parts: list[str]) -> None:
    spans = split_to_fit(text, _words_at_most(limit))
    assert [text[start:end] for start, end, _ in spans] == parts
    assert "".join(parts) == text


def test_split_cuts_a_word_only_as_a_last_resort() -> None:
    spans = split_to_fit("abcdefgh", lambda part: (len(part) <= 3, len(part)))
    assert [(start, end, size) for start, end, size in spans] == [
        (0, 2, 2),
        (2, 4, 2),
        (4, 6, 2),
        (6, 8, 2),
    ]


def test_split_handles_thousands_of_boundaries() -> None:
    text = "، ".join(f"كلمة{i}" for i in range(5000))
    spans = split_to_fit(text, _words_at_most(50))
    assert "".join(text[s:e] for s, e, _ in spans) == text
    assert all(len(text[s:e].split()) <= 50 for s, e, _ in spans)


def _word_count(part: str) -> tuple[int, str]:
    return len(part.split()), part


@pytest.mark.parametrize(
    ("text", "limit", "target", "parts"),
    [
        # A text that fits is never cut, however far above the target.
        ("a b c d e f", 6, 2, ["a b c d e f"]),
        ("", 6, 2, [""]),
        # One that does not is cut to the target, at the strongest boundary.
        ("a b c, d e f g", 6, 4, ["a b c,", " d e f g"]),
        ("a b c d e f g h", 7, 2, ["a b", " c d", " e f", " g h"]),
        # The target never exceeds the limit.
        ("a b c d e f g h", 3, 100, ["a b", " c d", " e f", " g h"]),
    ],
)
def test_split_for_model(text: str, limit: int, target: int, parts: list[str]) -> None:
    spans = split_for_model(text, _word_count, limit, target)
    assert [text[start:end] for start, end, _ in spans] == parts
    assert [value for _, _, value in spans] == parts


def test_one_huge_sentence_is_cut_far_below_the_limit() -> None:
    # 5,000 words and no punctuation: parts of a few dozen to PART_PIECES words, never 511.
    text = " ".join(f"كلمة{i % 97}" for i in range(5000))
    spans = split_for_model(text, _word_count, 511)
    assert "".join(text[s:e] for s, e, _ in spans) == text
    sizes = [len(text[s:e].split()) for s, e, _ in spans]
    assert max(sizes) <= PART_PIECES
    assert min(sizes) >= PART_PIECES // 4
    assert len(spans) >= 5000 // PART_PIECES
