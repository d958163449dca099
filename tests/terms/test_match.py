"""Glossary terms found through Arabic clitics, suffixes, harakat and tatweel."""

from __future__ import annotations

import pytest

from workbench.terms import Glossary, Term

ARMY = Term("الجيش", "army")
COALITION = Term("التحالف", "coalition")
MINISTRY = Term("وزارة الخارجية", "Foreign Ministry")
GOVERNMENT = Term("حكومة", "government")
LEBANON = Term("لبنان", "Lebanon")


@pytest.mark.parametrize(
    ("term", "text", "found"),
    [
        (ARMY, "قال الجيش", "الجيش"),
        (ARMY, "جيش كبير", "جيش"),
        (ARMY, "وبالجيش", "وبالجيش"),
        (ARMY, "فالجيش", "فالجيش"),
        (ARMY, "كالجيش", "كالجيش"),
        (ARMY, "للجيش", "للجيش"),
        (ARMY, "وللجيش", "وللجيش"),
        (ARMY, "بجيشه", "بجيشه"),
        (ARMY, "جيشها", "جيشها"),
        (ARMY, "الجَيْش", "الجَيْش"),
        (ARMY, "الجيـــش", "الجيـــش"),
        (ARMY, "الجيوش", None),
        (ARMY, "جيشان", "جيشان"),
        (
            ARMY,
            "الجيشي",
            None,
        ),  # the adjective "military": the article takes no suffix but a plural
        (COALITION, "للتحالف", "للتحالف"),
        (COALITION, "وللتحالف الدولي", "وللتحالف"),
        (COALITION, "بالتحالف", "بالتحالف"),
        (COALITION, "تحالفات", "تحالفات"),
        (COALITION, "المتحالف", None),
        (MINISTRY, "قالت وزارة الخارجية", "وزارة الخارجية"),
        (MINISTRY, "وبوزارة الخارجية", "وبوزارة الخارجية"),
        (MINISTRY, "وزارة الداخلية", None),
        (MINISTRY, "وزارة  الخارجيه", "وزارة  الخارجيه"),
        (GOVERNMENT, "حكومتها", "حكومتها"),
        (GOVERNMENT, "الحكومات", "الحكومات"),
        (GOVERNMENT, "للحكومة", "للحكومة"),
        (LEBANON, "في لبنان", "لبنان"),
        (LEBANON, "ولبنان", "ولبنان"),
        (LEBANON, "بنان", None),
        (ARMY, "", None),
        # The article takes no possessive: "المحيطة" (surrounding) is not the ocean's.
        (Term("المحيط", "ocean"), "المطاعم المحيطة", None),
        (Term("المحيط", "ocean"), "محيطها", "محيطها"),
    ],
)
def test_find_through_morphology(term: Term, text: str, found: str | None) -> None:
    hits = Glossary([term]).find(text)
    assert [text[h.found.start : h.found.end] for h in hits] == ([found] if found else [])


def test_short_stems_are_not_terms() -> None:
    # "ب" + "ل" off "بلد" would leave "د": one letter is never a match.
    assert Glossary([Term("د", "D")]).find("بلد") == []


def test_longest_term_wins_where_two_overlap() -> None:
    glossary = Glossary([Term("وزارة", "ministry"), MINISTRY])
    hits = glossary.find("بيان وزارة الخارجية ووزارة")
    assert [h.term.target for h in hits] == ["Foreign Ministry", "ministry"]
