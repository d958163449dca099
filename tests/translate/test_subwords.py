"""SentencePiece encoding for the model: EOS, <unk> mapping, spans into the original, word groups."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
import sentencepiece as spm
from conftest import require_shared

from workbench.config import Settings
from workbench.errors import ModelError
from workbench.translate.subwords import EOS, UNK, Subwords, Word, group_words


@pytest.fixture(scope="module")
def tiny(tiny_model_dir: Path) -> Subwords:
    return Subwords.from_model_dir(tiny_model_dir)


@pytest.fixture(scope="module")
def opus() -> Subwords:
    """opus-mt-ar-en's real tokenizers and vocabulary (read from the shared data, never copied)."""
    ref = require_shared(Settings.from_env().reference_model_dir)
    vocabulary = list(json.loads((ref / "vocab.json").read_text(encoding="utf-8")))
    return Subwords(ref / "source.spm", ref / "target.spm", vocabulary)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "مرحبا بالعالم",
        "</s>",
        "<unk>",
        "قال </s> الرئيس <unk> اليوم",
        "</s></s></s>",
        "أعلنت الحكومة اليوم عن خطة جديدة للتعليم في المدارس.",
    ],
)
def test_encode_appends_exactly_one_eos(tiny: Subwords, text: str) -> None:
    encoding = tiny.encode(text)
    assert encoding.pieces[-1] == EOS
    assert EOS not in encoding.pieces[:-1]
    assert len(encoding) == tiny.count(text) == len(encoding.spans)
    assert encoding.spans[-1] == (len(text), len(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # SentencePiece spells the literal markers out; they must not become the real tokens.
        ("مرحبا </s> عالم", ["▁م", "رحب", "ا", "▁<", "/", "s", ">", "▁عالم", EOS]),
        ("a <unk> b", ["▁a", "▁<", "un", "k", ">", "▁b", EOS]),
        # Pieces source.spm has but the model's vocabulary lacks become <unk>.
        ("مرحبا 😀 عالم", ["▁م", "رحب", "ا", "▁", UNK, "▁عالم", EOS]),
        ("د\u200cي", ["▁د", UNK, "ي", EOS]),
        ("", [EOS]),
    ],
)
def test_real_tokenizer_pieces(opus: Subwords, text: str, expected: list[str]) -> None:
    assert list(opus.encode(text).pieces) == expected


def test_a_tokenizer_that_emits_eos_mid_text_is_guarded(tmp_path: Path) -> None:
    # A SentencePiece model where "</s>" and "<unk>" are ordinary user-defined pieces: the
    # hazard itself. Only the appended </s> may reach the model.
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(["a b c </s> <unk>"] * 8),
        model_writer=model,
        vocab_size=12,
        hard_vocab_limit=False,
        user_defined_symbols=["</s>", "<unk>"],
        unk_piece="[unk]",
        eos_piece="[eos]",
        bos_piece="[bos]",
        minloglevel=2,
    )
    path = tmp_path / "odd.spm"
    path.write_bytes(model.getvalue())
    processor = spm.SentencePieceProcessor(model_file=str(path))
    assert "</s>" in processor.encode("a </s> b", out_type=str)
    vocabulary = [EOS, UNK] + [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    for guarded in (Subwords(path, path, vocabulary), Subwords(path, path)):
        pieces = guarded.encode("a </s> b <unk> c").pieces
        assert pieces.count(EOS) == 1 and pieces[-1] == EOS
        assert UNK in pieces


def test_pieces_outside_the_vocabulary_become_unk(tiny_model_dir: Path, tiny: Subwords) -> None:
    text = "مرحبا بالعالم"
    full = tiny.encode(text)
    kept = set(full.pieces[1:])
    narrow = Subwords(tiny_model_dir / "source.spm", tiny_model_dir / "target.spm", sorted(kept))
    encoding = narrow.encode(text)
    assert encoding.pieces[0] == UNK
    assert encoding.pieces[1:] == full.pieces[1:]
    assert encoding.unknown == 1
    assert encoding.spans == full.spans


@pytest.mark.parametrize(
    ("text", "surfaces"),
    [
        # NFKC turns one presentation-form character into two letters: the span is still one.
        ("  ﻻ  ﷲ ٢٠٢٠ x", ["ﻻ", "ﷲ", "٢٠", "٢", "٠", "x", ""]),
        # A lone "▁" piece (before an unknown emoji) gets an empty span where the emoji starts.
        ("مرحبا 😀 عالم", ["م", "رحب", "ا", "", "😀", "عالم", ""]),
        # Zero-width characters SentencePiece drops stay inside the span of their neighbour.
        ("x\u200bد\u200cي  و", ["x", "\u200bد", "\u200c", "ي", "و", ""]),
    ],
)
def test_spans_point_into_the_original(opus: Subwords, text: str, surfaces: list[str]) -> None:
    encoding = opus.encode(text)
    assert [text[start:end] for start, end in encoding.spans] == surfaces


@pytest.mark.parametrize("text", ["", "مرحبا بالعالم", "  قال   الرئيس،  إن  "])
def test_spans_cover_every_visible_character(tiny: Subwords, text: str) -> None:
    encoding = tiny.encode(text)
    covered = {i for start, end in encoding.spans for i in range(start, end)}
    assert covered == {i for i, char in enumerate(text) if not char.isspace()}
    starts = [start for start, _ in encoding.spans]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("text", "spans", "expected"),
    [
        ("", [(0, 0)], []),
        (
            "ab cd",
            [(0, 1), (1, 2), (3, 5), (5, 5)],
            [Word(0, 2, "ab", (0, 1)), Word(3, 5, "cd", (2,))],
        ),
        # An empty span (a lone "▁") joins the word after it; </s> joins none.
        (
            "ab  cd",
            [(0, 2), (4, 4), (4, 6), (6, 6)],
            [Word(0, 2, "ab", (0,)), Word(4, 6, "cd", (1, 2))],
        ),
        # A word no piece starts in (SentencePiece dropped it) keeps its place with no pieces.
        (
            "ab \u200b cd",
            [(0, 2), (5, 7), (7, 7)],
            [Word(0, 2, "ab", (0,)), Word(3, 4, "\u200b", ()), Word(5, 7, "cd", (1,))],
        ),
        # A placeholder's pieces all map to the item they stand for.
        (
            "see https://x.y now",
            [(0, 3), (4, 15), (4, 15), (4, 15), (16, 19), (19, 19)],
            [
                Word(0, 3, "see", (0,)),
                Word(4, 15, "https://x.y", (1, 2, 3)),
                Word(16, 19, "now", (4,)),
            ],
        ),
        (
            "قال\nالرئيس",
            [(0, 3), (4, 10), (10, 10)],
            [Word(0, 3, "قال", (0,)), Word(4, 10, "الرئيس", (1,))],
        ),
    ],
)
def test_group_words(text: str, spans: list[tuple[int, int]], expected: list[Word]) -> None:
    assert group_words(text, spans) == expected


def test_group_words_of_an_encoding(tiny: Subwords) -> None:
    text = "  قال الرئيس إن الاقتصاد ينمو بسرعة، وإن البطالة تنخفض. "
    encoding = tiny.encode(text)
    words = group_words(text, encoding.spans)
    assert [word.text for word in words] == text.split()
    assigned = sorted(index for word in words for index in word.pieces)
    assert assigned == list(range(len(encoding) - 1))


def test_decode_uses_the_target_model(tiny_model_dir: Path, tiny: Subwords) -> None:
    target = spm.SentencePieceProcessor(model_file=str(tiny_model_dir / "target.spm"))
    line = "The government announced a new plan for education in schools today."
    assert tiny.decode(target.encode(line, out_type=str)) == line
    assert tiny.decode([]) == ""


def test_real_target_decoding(opus: Subwords) -> None:
    assert opus.decode(["▁The", "▁president", "▁said", ":", '▁"', "no", '"', "."]) == (
        'The president said: "no".'
    )


def test_missing_files_are_listed_together(tmp_path: Path) -> None:
    with pytest.raises(ModelError) as error:
        Subwords.from_model_dir(tmp_path)
    message = str(error.value)
    assert (
        "source.spm, target.spm, shared_vocabulary.json (or source_vocabulary.json and" in message
    )
