"""Arabic folded for matching: spelling variants compare equal, the meaning does not change."""

from __future__ import annotations

import pytest

from workbench.text.fold import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("", ""),
        ("مُحَمَّد", "محمد"),
        ("الجيـــش", "الجيش"),
        ("أحمد إبراهيم آمال", "احمد ابراهيم امال"),
        ("مدرسة", "مدرسه"),
        ("مستشفى", "مستشفي"),
        ("مسؤول رئيس", "مسوول رييس"),
        ("عام ٢٠٢٠ و۱۴۰۲", "عام 2020 و1402"),
        ("ﻻ", "لا"),
        ("  Apple   iPhone ", "apple iphone"),
        ("و\u200fقال", "وقال"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
