"""Bitext in memory: units, aligning texts, merging and splitting links, saving as a document."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from workbench.align.bitext import (
    MANUAL_SCORE,
    NO_MODEL_NOTE,
    align_texts,
    covers,
    default_cut,
    link_type,
    merge_links,
    split_link,
    text_units,
)
from workbench.align.sentences import Link
from workbench.errors import InputError
from workbench.model.notices import STANDIN_ALIGN_NOTE as STANDIN_NOTE
from workbench.pipeline.bitext import ALIGNED_SEGMENTER, save_aligned
from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text

Pairs = list[tuple[tuple[int, ...], tuple[int, ...]]]


def L(src: tuple[int, ...], tgt: tuple[int, ...], score: float = 0.5) -> Link:
    return Link(src, tgt, score)


def pairs(links: list[Link]) -> Pairs:
    return [(link.src, link.tgt) for link in links]


class RealFake(FakeTranslator):
    is_standin = False


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "wb.db")


# units ------------------------------------------------------------------------------------------

# Rows: name, text, segment, expected units.
UNIT_CASES = [
    ("lines", "أ.\nب.\n", False, ["أ.", "ب."]),
    ("empty line kept", "أ.\n\nب.", False, ["أ.", "", "ب."]),
    ("crlf", "أ.\r\nب.", False, ["أ.", "ب."]),
    ("no final newline", "one", False, ["one"]),
    ("paragraph cut", "ذهب الولد. عاد الولد.\n\nقال د. أحمد.", True, ["ذهب الولد.", "عاد الولد.", "قال د. أحمد."]),
    ("decimal is no end", "ارتفع 18.04 بالمئة. ثم هبط.", True, ["ارتفع 18.04 بالمئة.", "ثم هبط."]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("text", "segment", "expected"),
    [case[1:] for case in UNIT_CASES],
    ids=[case[0] for case in UNIT_CASES],
)
def test_text_units(text: str, segment: bool, expected: list[str]) -> None:
    units = text_units(text, segment=segment)
    assert units == expected
    assert all(unit in text for unit in units)


# coverage, merge, split --------------------------------------------------------------------------

# Rows: name, links, n_src, n_tgt, expected.
COVER_CASES = [
    ("1-1", [L((0,), (0,)), L((1,), (1,))], 2, 2, True),
    ("all kinds", [L((0, 1), (0,)), L((), (1,)), L((2,), ()), L((3,), (2, 3))], 4, 4, True),
    ("nothing", [], 0, 0, True),
    ("missing source line", [L((0,), (0,))], 2, 1, False),
    ("missing target line", [L((0,), (0,))], 1, 2, False),
    ("line twice", [L((0,), (0,)), L((0,), (1,))], 1, 2, False),
    ("out of order", [L((1,), (0,)), L((0,), (1,))], 2, 2, False),
    ("empty link", [L((0,), (0,)), L((), ())], 1, 1, False),
    ("index past the end", [L((0, 1), (0,))], 1, 1, False),
]


@pytest.mark.parametrize(
    ("links", "n_src", "n_tgt", "expected"),
    [case[1:] for case in COVER_CASES],
    ids=[case[0] for case in COVER_CASES],
)
def test_covers(links: list[Link], n_src: int, n_tgt: int, expected: bool) -> None:
    assert covers(links, n_src, n_tgt) is expected


BASE = [L((0,), (0,)), L((1,), ()), L((), (1,)), L((2, 3), (2, 3)), L((4,), (4, 5, 6))]

# Rows: name, k, expected pairs after merging link k with k + 1.
MERGE_CASES: list[tuple[str, int, Pairs]] = [
    ("1-1 + 1-0", 0, [((0, 1), (0,)), ((), (1,)), ((2, 3), (2, 3)), ((4,), (4, 5, 6))]),
    ("1-0 + 0-1", 1, [((0,), (0,)), ((1,), (1,)), ((2, 3), (2, 3)), ((4,), (4, 5, 6))]),
    ("0-1 + 2-2", 2, [((0,), (0,)), ((1,), ()), ((2, 3), (1, 2, 3)), ((4,), (4, 5, 6))]),
    ("2-2 + 1-3", 3, [((0,), (0,)), ((1,), ()), ((), (1,)), ((2, 3, 4), (2, 3, 4, 5, 6))]),
]


@pytest.mark.parametrize(
    ("k", "expected"), [c[1:] for c in MERGE_CASES], ids=[c[0] for c in MERGE_CASES]
)
def test_merge_links(k: int, expected: Pairs) -> None:
    merged = merge_links(BASE, k)
    assert pairs(merged) == expected
    assert covers(merged, 5, 7)
    assert math.isnan(merged[k].score)
    assert merged[:k] == BASE[:k], "links before the merge are untouched"


@pytest.mark.parametrize("k", [-1, 4, 5])
def test_merge_needs_a_next_link(k: int) -> None:
    with pytest.raises(IndexError, match="no next link"):
        merge_links(BASE, k)


# Rows: name, link, cut (None: the default), expected two parts.
SPLIT_CASES: list[tuple[str, Link, tuple[int, int] | None, Pairs]] = [
    ("1-1 → 1-0 + 0-1", L((0,), (0,)), None, [((0,), ()), ((), (0,))]),
    ("2-2 → 1-1 + 1-1", L((0, 1), (0, 1)), None, [((0,), (0,)), ((1,), (1,))]),
    ("2-1 → 1-1 + 1-0", L((0, 1), (0,)), None, [((0,), (0,)), ((1,), ())]),
    ("1-2 → 1-1 + 0-1", L((0,), (0, 1)), None, [((0,), (0,)), ((), (1,))]),
    ("3-1 → 2-1 + 1-0", L((0, 1, 2), (0,)), None, [((0, 1), (0,)), ((2,), ())]),
    ("1-3 → 1-2 + 0-1", L((0,), (0, 1, 2)), None, [((0,), (0, 1)), ((), (2,))]),
    ("2-0 → 1-0 + 1-0", L((0, 1), ()), None, [((0,), ()), ((1,), ())]),
    ("0-2 → 0-1 + 0-1", L((), (0, 1)), None, [((), (0,)), ((), (1,))]),
    ("3-3 → 2-2 + 1-1", L((0, 1, 2), (0, 1, 2)), None, [((0, 1), (0, 1)), ((2,), (2,))]),
    ("2-1 cut → 1-0 + 1-1", L((0, 1), (0,)), (1, 0), [((0,), ()), ((1,), (0,))]),
    ("1-1 cut → 0-1 + 1-0", L((0,), (0,)), (0, 1), [((), (0,)), ((0,), ())]),
]


@pytest.mark.parametrize(
    ("link", "cut", "expected"), [c[1:] for c in SPLIT_CASES], ids=[c[0] for c in SPLIT_CASES]
)
def test_split_link(link: Link, cut: tuple[int, int] | None, expected: Pairs) -> None:
    before, after = L((), (9,)), L((9,), ())  # neighbours stay where they are
    src_at, tgt_at = cut if cut is not None else (None, None)
    out = split_link([before, link, after], 1, src_at, tgt_at)
    assert out[0] == before and out[-1] == after
    assert pairs(out[1:3]) == expected
    assert all(math.isnan(part.score) for part in out[1:3])


def test_split_then_merge_is_the_same_link() -> None:
    links = [L((0, 1, 2), (0, 1))]
    assert pairs(merge_links(split_link(links, 0), 0)) == pairs(links)


def test_repeated_splits_reach_single_lines() -> None:
    links = [L((0, 1, 2), (0, 1, 2, 3))]
    while any(len(link.src) + len(link.tgt) > 1 for link in links):
        k = next(i for i, link in enumerate(links) if len(link.src) + len(link.tgt) > 1)
        links = split_link(links, k)
        assert covers(links, 3, 4)
    assert len(links) == 7


@pytest.mark.parametrize(
    ("link", "cut", "message"),
    [
        (L((0,), ()), None, "one line cannot be split"),
        (L((0, 1), (0,)), (0, 0), "empty part"),
        (L((0, 1), (0,)), (2, 1), "empty part"),
        (L((0, 1), (0,)), (3, 0), "cannot cut"),
    ],
)
def test_split_refuses_empty_parts(link: Link, cut: tuple[int, int] | None, message: str) -> None:
    src_at, tgt_at = cut if cut is not None else (None, None)
    with pytest.raises(ValueError, match=message):
        split_link([link], 0, src_at, tgt_at)


def test_split_needs_a_link() -> None:
    with pytest.raises(IndexError, match="no link 5"):
        split_link(BASE, len(BASE))


def test_default_cut_and_link_type() -> None:
    assert default_cut(L((0,), (0,))) == (1, 0)
    assert default_cut(L((0, 1, 2), (0, 1))) == (2, 1)
    assert [link_type(link) for link in BASE] == ["1-1", "1-0", "0-1", "2-2", "1-3"]
    assert math.isnan(MANUAL_SCORE)


# aligning texts ---------------------------------------------------------------------------------

AR = "ذهب الولد إلى المدرسة سنة 2019.\nعاد في المساء 2020.\n"
EN = "The boy went to school in 2019.\nHe came back in the evening 2020.\n"


def test_align_texts_without_a_model_says_so() -> None:
    bitext = align_texts(AR, EN)
    assert pairs(bitext.links) == [((0,), (0,)), ((1,), (1,))]
    assert bitext.notes and bitext.notes[0].startswith(NO_MODEL_NOTE)
    assert "translation:none" in bitext.signature and "segment:no" in bitext.signature


def test_align_texts_with_a_standin_does_not_translate() -> None:
    fake = FakeTranslator()
    bitext = align_texts(AR, EN, translator=fake)
    assert fake.calls == []
    assert bitext.notes[0].startswith(STANDIN_NOTE)


def test_align_texts_with_the_real_model_translates_the_arabic() -> None:
    fake = RealFake(["The boy went to school in 2019.", "He came back in the evening 2020."])
    bitext = align_texts(AR, EN, translator=fake, segment=True)
    assert fake.texts == ["ذهب الولد إلى المدرسة سنة 2019.", "عاد في المساء 2020."]
    assert bitext.notes == []
    assert "translation:workbench-fake" in bitext.signature and "segment:yes" in bitext.signature
    assert pairs(bitext.links) == [((0,), (0,)), ((1,), (1,))]


@pytest.mark.parametrize(("src", "tgt", "side"), [("  \n", EN, "Arabic"), (AR, "", "English")])
def test_align_texts_refuses_an_empty_side(src: str, tgt: str, side: str) -> None:
    with pytest.raises(InputError, match=f"the {side} text"):
        align_texts(src, tgt)


# saving -----------------------------------------------------------------------------------------

HOSTILE_AR = "قال <script>alert(1)</script> إن $x$ و :red[x] ارتفع."
SRC_LINES = [
    "ذهب الولد إلى المدرسة.",  # 0: 1-1
    "",  # 1: blank, with the blank English line
    "عاد في المساء",  # 2-3: 2-1
    "مع أصدقائه.",
    HOSTILE_AR,  # 4: 1-0
    "وانتهى اليوم.",  # 5: 1-1 after a 0-1
]
TGT_LINES = [
    "The boy went to school.",
    "",
    "He came back in the evening with his friends.",
    "Photo: AFP",  # 0-1
    "  And the day ended.  ",
]
LINKS = [
    L((0,), (0,)),
    L((1,), (1,)),
    L((2, 3), (2,)),
    L((4,), ()),
    L((), (3,)),
    L((5,), (4,)),
]


def test_save_aligned_round_trip(store: Store) -> None:
    text = "\n".join(SRC_LINES) + "\n"
    doc_id = save_aligned(store, "news", SRC_LINES, TGT_LINES, LINKS, text=text, signature="sig")
    stored_text, raw = store.document_text(doc_id)
    assert stored_text == text and raw == text.encode("utf-8"), "the Arabic is stored untouched"
    segments = store.segments(doc_id)
    got = [(s.source, s.post_edit, s.status, s.mt) for s in segments]
    assert got == [
        ("ذهب الولد إلى المدرسة.", "The boy went to school.", "confirmed", None),
        ("عاد في المساء\nمع أصدقائه.", "He came back in the evening with his friends.", "confirmed", None),
        (HOSTILE_AR, "Photo: AFP", "edited", None),
        ("وانتهى اليوم.", "And the day ended.", "confirmed", None),
    ]  # fmt: skip
    assert all(stored_text[s.start : s.end] == s.source for s in segments)
    assert all(s.kind == "prose" for s in segments)
    for s in segments:
        (entry,) = store.history(s.id)
        assert (entry.action, entry.post_edit, entry.status, entry.signature, entry.version) == (
            "import-aligned",
            s.post_edit,
            s.status,
            "sig",
            0,
        )
    row = store.document(doc_id)
    assert (row.name, row.segments, row.confirmed, row.translated) == ("news", 4, 3, 0)
    (warning,) = row.warnings
    assert "“Photo: AFP”" in warning and "segment #3" in warning and "edited" in warning


def test_save_aligned_gap_is_new_and_untranslated(store: Store) -> None:
    links = [L((0,), (0,)), L((1,), ())]
    doc_id = save_aligned(store, "gap", ["جملة أولى.", "جملة ثانية بلا ترجمة."], ["One."], links)
    last = store.segments(doc_id)[-1]
    assert (last.source, last.post_edit, last.status, last.kind) == (
        "جملة ثانية بلا ترجمة.",
        None,
        "new",
        "prose",
    )
    assert store.document(doc_id).warnings == ()


def test_save_aligned_date_line_without_english_is_furniture(store: Store) -> None:
    src = ["ذهب الولد إلى المدرسة.", "الأحد 21 فبراير 2016"]
    doc_id = save_aligned(
        store, "d", src, ["The boy went to school."], [L((0,), (0,)), L((1,), ())]
    )
    assert [s.kind for s in store.segments(doc_id)] == ["prose", "furniture"]


def test_save_aligned_english_before_any_arabic_goes_to_the_first_segment(store: Store) -> None:
    links = [L((), (0,)), L((0,), (1,))]
    doc_id = save_aligned(store, "t", ["ذهب الولد."], ["Headline", "The boy went."], links)
    (seg,) = store.segments(doc_id)
    assert (seg.post_edit, seg.status) == ("Headline The boy went.", "edited")
    assert "start of segment #1" in store.document(doc_id).warnings[0]


def test_save_aligned_paragraphs_keep_the_original_text(store: Store) -> None:
    text = "ذهب الولد. عاد الولد.\r\n\r\nقال د. أحمد إن الطقس جميل."
    src = text_units(text, segment=True)
    tgt = ["The boy went.", "The boy came back.", "Dr. Ahmed said the weather is nice."]
    links = [L((0,), (0,)), L((1,), (1,)), L((2,), (2,))]
    doc_id = save_aligned(store, "p", src, tgt, links, text=text)
    assert store.document_text(doc_id)[0] == text
    segments = store.segments(doc_id)
    assert [s.source for s in segments] == src
    assert [s.paragraph for s in segments] == [0, 0, 1]


def test_save_aligned_is_not_reused_by_a_plain_import(store: Store) -> None:
    text = "ذهب الولد إلى المدرسة."
    saved = save_aligned(store, "a", [text], ["The boy went to school."], [L((0,), (0,))])
    imported, reused = add_document(store, read_text(text))
    assert (imported != saved, reused) == (True, False)
    segmenter = store.db.execute(
        "SELECT segmenter_version FROM documents WHERE id = ?", (saved,)
    ).fetchone()[0]
    assert segmenter == ALIGNED_SEGMENTER


@pytest.mark.parametrize(
    ("src", "tgt", "links", "message"),
    [
        (["أ."], ["a"], [L((0,), ())], "do not cover"),
        (["", " "], ["a"], [L((0, 1), (0,))], "whitespace"),
        (["أ."], [], [], "do not cover"),
    ],
)
def test_save_aligned_refuses_bad_input(
    store: Store, src: list[str], tgt: list[str], links: list[Link], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        save_aligned(store, "bad", src, tgt, links)
    assert store.documents() == []


def test_save_aligned_units_must_be_in_the_text(store: Store) -> None:
    with pytest.raises(InputError, match="Arabic line 2 is not in the text"):
        save_aligned(
            store, "x", ["أ.", "ب."], ["a", "b"], [L((0,), (0,)), L((1,), (1,))], text="أ."
        )
    assert store.documents() == []
