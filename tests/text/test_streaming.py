"""Big articles stream: sentences one at a time into the store, and no per-character lists.

Memory figures are measured by bench/memory_bench.py, not asserted here.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.store.sqlite import Store
from workbench.text.chars import ARABIC_LETTER
from workbench.text.read import check_text, classify, language_warnings, read_file
from workbench.text.records import Block, Sentence
from workbench.text.segment import SEGMENTER_VERSION, iter_sentences, segment_text

TEXTS = [
    "",
    "قال الرئيس: «انتهى الأمر». وغادر القاعة.\r\nسطر ثان؟ نعم!\u2029فقرة أخرى.",
    "• Monday, 16 February 2026\nlogo\n\nعنوان\n\nعنوان\nنص المقال. ثم نص آخر.\n\nالموقع",
    "\n\n   \n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_iter_sentences_is_segment_text(text: str) -> None:
    assert list(iter_sentences(text)) == segment_text(text)
    blocks = classify(text)
    assert list(iter_sentences(text, blocks)) == segment_text(text, blocks)


def test_iter_sentences_of_the_seed_article(seed_path: Path) -> None:
    doc = read_file(seed_path)
    assert list(iter_sentences(doc.text, doc.blocks)) == segment_text(doc.text, doc.blocks)


def test_iter_sentences_is_lazy() -> None:
    text = "أولى. ثانية.\nثالثة."
    pulled: list[Block] = []

    def blocks() -> Iterator[Block]:
        for block in classify(text):
            pulled.append(block)
            yield block

    sentences = iter_sentences(text, blocks())
    assert pulled == []
    assert next(sentences).text == "أولى."
    assert len(pulled) == 1
    assert [s.text for s in sentences] == ["ثانية.", "ثالثة."]


def test_blocks_and_sentences_have_no_instance_dict() -> None:
    # A million-line article has a million blocks: a __dict__ each would triple their cost.
    assert not hasattr(Block(0, 1, "prose", 0), "__dict__")
    assert not hasattr(Sentence(0, 1, "x"), "__dict__")


def _arabic_percent(text: str) -> int | None:
    # The definition language_warnings had when it listed every letter (None: no letters).
    letters = [ch for ch in text if unicodedata.category(ch).startswith("L")]
    arabic = sum(1 for ch in letters if ARABIC_LETTER.match(ch))
    return arabic * 100 // len(letters) if letters else None


@pytest.mark.parametrize(
    ("text", "warns"),
    [
        ("هذا نص عربي تماماً", ()),
        ("١٢٣ ٤٥ 2020 ² Ⅷ ½ !!", ("no letters",)),  # digits and numerals are not letters
        ("ـــ مَرْحَبًا", ()),  # tatweel is a letter (Lm), harakat are not
        ("This is English with one كلمة", ("% of the letters",)),
        ("نص نصف عربي half", ()),
        ("Ⅷ Ⅸ abc", ("0% of the letters",)),  # letter-numbers (Nl) are not letters
        ("این یک متن فارسی است که پژوهشگر نوشت", ("Persian",)),
        ("ﻻ ﷲ ﺍﻟﻠﻪ", ()),  # presentation forms are Arabic letters
    ],
)
def test_language_warnings_count_letters_as_before(text: str, warns: tuple[str, ...]) -> None:
    warnings = language_warnings(text)
    assert len(warnings) == len(warns)
    for warning, part in zip(warnings, warns, strict=True):
        assert part in warning
    percent = _arabic_percent(text)
    assert ("no letters" in " ".join(warnings)) is (percent is None)
    if percent is not None and percent < 50:
        assert warnings[0].startswith(f"only {percent}% of the letters")


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("", False),
        (" \t\r\n\u2029\u00a0\u3000\x1c\x85", False),  # whatever str.strip() strips
        (" \u200b ", True),  # ZWSP is not whitespace: shown, not rejected
        ("  نص  ", True),
    ],
)
def test_whitespace_only_text_is_rejected(text: str, ok: bool) -> None:
    assert (not text.strip()) is not ok
    if ok:
        check_text(text)
    else:
        with pytest.raises(InputError, match="whitespace"):
            check_text(text)


def test_store_takes_the_sentences_as_a_generator(tmp_path: Path, seed_path: Path) -> None:
    doc = read_file(seed_path)
    listed = Store(tmp_path / "list.db")
    streamed = Store(tmp_path / "stream.db")
    consumed: list[Sentence] = []

    def sentences() -> Iterator[Sentence]:
        for sentence in iter_sentences(doc.text, doc.blocks):
            consumed.append(sentence)
            yield sentence

    a = listed.add_document(doc, segment_text(doc.text, doc.blocks), SEGMENTER_VERSION)
    b = streamed.add_document(doc, sentences(), SEGMENTER_VERSION)
    assert consumed == segment_text(doc.text, doc.blocks)

    def rows(store: Store, doc_id: int) -> list[tuple[object, ...]]:
        return [
            (s.position, s.paragraph, s.kind, s.start, s.end, s.source, s.status)
            for s in store.segments(doc_id)
        ]

    assert rows(streamed, b) == rows(listed, a)
    assert [s.position for s in streamed.segments(b)] == list(range(len(consumed)))
