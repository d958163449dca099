"""Name anchors across scripts: consonant skeletons of Arabic and Latin spellings, and their use."""

from __future__ import annotations

import pytest

from workbench.align.names import arabic_skeleton, latin_skeleton, name_anchors
from workbench.align.sentences import AlignOptions, align_sentences


@pytest.mark.parametrize(
    ("word", "skeleton"),
    [
        ("ستانفورد", "STNFRD"),
        ("سِتانفُورد", "STNFRD"),  # harakat
        ("ديلوكريت", "DLKRT"),
        ("غريبن", "KRBN"),  # غ is a g, ب stands for p too
        ("والملاريا", "MLR"),  # و + the article, vowels and semivowels left out
        ("بالقاهرة", "KR"),  # ب + the article; ه and ة are not consonants here
        ("للعلماء", "LM"),  # لل (li + al)
        ("الم", "LM"),  # the article is taken only before a stem of 3 letters
        ("واشنطن", "SNTN"),
        ("باتافي", "BTF"),
        ("", ""),
        ("2020", ""),
    ],
)
def test_arabic_skeleton(word: str, skeleton: str) -> None:
    assert arabic_skeleton(word) == skeleton


@pytest.mark.parametrize(
    ("word", "skeleton"),
    [
        ("Stanford", "STNFRD"),
        ("Dilokrit", "DLKRT"),
        ("Gripen", "KRBN"),
        ("Pattavee", "BTF"),  # doubled letters collapse, v is f
        ("Washington", "SNKTN"),  # w and h are not consonants here; g is kept
        ("Philip", "FLB"),  # ph
        ("Chicago", "SK"),  # ch, hard c, g with k
        ("Vincent", "FNSNT"),  # soft c
        ("Alexander", "LKSNDR"),  # x is ks
        ("Zürich", "SRS"),  # accents dropped
        ("Thomas", "TMS"),
        ("", ""),
        ("1956", ""),
    ],
)
def test_latin_skeleton(word: str, skeleton: str) -> None:
    assert latin_skeleton(word) == skeleton


AR = ["أعلنت جامعة ستانفورد عن أداة جديدة.", "وصل الوزير متأخرا."]
EN = ["Stanford University announced a new tool.", "The minister arrived late."]


@pytest.mark.parametrize(
    ("a", "b", "line", "features"),
    [
        (AR, EN, AR[0], ["=STNFRD"]),  # shared with the other side
        (AR, EN, EN[0], ["=STNFRD"]),  # 'University' (NFRST) has no partner in the Arabic
        (AR, EN, AR[1], []),
        (AR, ["stanford university announced a new tool."], AR[0], []),  # lower case: no name
        (EN, AR, AR[0], ["=STNFRD"]),  # either side may be the Arabic one
    ],
)
def test_anchors_are_skeletons_both_sides_share(
    a: list[str], b: list[str], line: str, features: list[str]
) -> None:
    anchors = name_anchors(a, b)
    assert anchors is not None
    assert anchors(line) == features


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (EN, ["Stanford annonce un nouvel outil.", "Le ministre est arrivé."]),  # one script
        (AR, ["ستانفورد", "الوزير"]),  # both Arabic
        ([""], [""]),  # no letters at all
    ],
)
def test_no_anchors_within_one_script(a: list[str], b: list[str]) -> None:
    assert name_anchors(a, b) is None


# Lines of about the same length, no numbers: without MT only the names tell them apart. The
# English has a line the Arabic lacks (a note), placed where length alone cannot see it.
AR_DOC = [
    "زار رئيس الوزراء مدينة مانشستر صباح اليوم",
    "والتقى بالمدرب غوارديولا في ملعب النادي",
    "ثم سافر إلى ليفربول لحضور اجتماع مع رجال الأعمال",
    "وفي المساء تحدث مع بريمرلي عن خطط التمويل",
    "وختم جولته في برمنغهام بزيارة مستشفى جديد",
]
EN_DOC = [
    "The prime minister visited Manchester this morning",
    "He met coach Guardiola at the club's stadium",
    "Editor's note: the visit had been postponed once",
    "Then he travelled to Liverpool to meet business people",
    "In the evening he spoke with Brimerley about funding plans",
    "He ended his tour in Birmingham visiting a new hospital",
]


def test_names_place_the_links_without_translation() -> None:
    links = align_sentences(AR_DOC, EN_DOC)
    assert [(link.src, link.tgt) for link in links] == [
        ((0,), (0,)),
        ((1,), (1,)),
        ((), (2,)),
        ((2,), (3,)),
        ((3,), (4,)),
        ((4,), (5,)),
    ]


def test_names_off_leaves_the_view_without_anchors() -> None:
    with_names = align_sentences(AR_DOC, EN_DOC)
    without = align_sentences(AR_DOC, EN_DOC, options=AlignOptions(names=False))
    assert sum(link.score for link in with_names) > sum(link.score for link in without)


def test_signature_records_the_names_setting() -> None:
    assert AlignOptions().signature().as_dict()["names"] == "True"
    assert AlignOptions(names=False).signature().as_dict()["names"] == "False"
