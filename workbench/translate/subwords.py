"""SentencePiece pieces for the model, with spans back into the text they came from.

This is the only module that imports :mod:`sentencepiece`. It follows what the model was trained
with (Marian / ``MarianTokenizer``): the source is cut with ``source.spm``, every piece the converted
model's vocabulary does not hold becomes ``<unk>``, ``</s>`` is appended (a missing EOS makes Marian
repeat itself), and output pieces are turned back into text with ``target.spm``'s own decoder.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import sentencepiece as spm

from workbench.errors import ModelError
from workbench.model.layout import (
    SHARED_VOCABULARY,
    SOURCE_SPM,
    SOURCE_VOCABULARY,
    TARGET_SPM,
    missing_files,
)

EOS = "</s>"
UNK = "<unk>"


@dataclass(frozen=True)
class Encoding:
    """The model's view of a text: pieces (``</s>`` last) and each piece's span in that text.

    Spans are ``(start, end)`` character offsets with surrounding whitespace trimmed: a piece that is
    only the word-boundary marker ``▁`` gets an empty span where the next word starts, and ``</s>``
    gets ``(len(text), len(text))``. ``len(encoding)`` counts ``</s>``: it is what the model's
    position table must hold.
    """

    pieces: tuple[str, ...]
    spans: tuple[tuple[int, int], ...]

    def __len__(self) -> int:
        return len(self.pieces)

    @property
    def unknown(self) -> int:
        """How many pieces the model will read as ``<unk>``."""
        return self.pieces.count(UNK)


@dataclass(frozen=True)
class Word:
    """A whitespace-delimited word of the original text and the indices of the pieces that cover it."""

    start: int
    end: int
    text: str
    pieces: tuple[int, ...]


def read_source_vocabulary(model_dir: Path) -> list[str]:
    """The source vocabulary of a converted model, whichever layout the converter chose."""
    shared = model_dir / SHARED_VOCABULARY
    path = shared if shared.is_file() else model_dir / SOURCE_VOCABULARY
    try:
        tokens = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the vocabulary {path}: {exc}") from exc
    if not isinstance(tokens, list) or not all(isinstance(t, str) for t in tokens):
        raise ModelError(f"{path} is not a JSON list of tokens; convert the model again")
    return tokens


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


class Subwords:
    """Encodes source text for the model and decodes its output, from the two SentencePiece models.

    ``vocabulary`` is the converted model's source vocabulary; a piece outside it (and any ``</s>``
    that did not come from us) is replaced by ``<unk>``, so text that spells ``</s>`` can never end
    the sentence early. Without a vocabulary only ``</s>`` is guarded.
    """

    def __init__(
        self,
        source_model: str | Path,
        target_model: str | Path,
        vocabulary: Sequence[str] | None = None,
    ) -> None:
        try:
            self._source = spm.SentencePieceProcessor(model_file=str(source_model))
            self._target = spm.SentencePieceProcessor(model_file=str(target_model))
        except (OSError, RuntimeError) as exc:
            raise ModelError(
                f"cannot load SentencePiece models {source_model}, {target_model}: {exc}"
            ) from exc
        # EOS is removed from the known set: only the one we append may reach the model.
        self._known = None if vocabulary is None else frozenset(vocabulary) - {EOS}

    @classmethod
    def from_model_dir(cls, model_dir: str | Path) -> Subwords:
        """Loads ``source.spm``, ``target.spm`` and the source vocabulary of a converted model."""
        path = Path(model_dir)
        missing = missing_files(path)
        if missing:
            raise ModelError(f"model directory {path} is missing {', '.join(missing)}")
        return cls(path / SOURCE_SPM, path / TARGET_SPM, read_source_vocabulary(path))

    def encode(self, text: str) -> Encoding:
        """Cuts ``text`` into model pieces with ``</s>`` appended, each with its span in ``text``.

        SentencePiece normalises (NFKC, spaces collapsed, some invisible characters dropped), so the
        spans are the way back to the text exactly as given; ``decode(pieces)`` is not.
        """
        mapping = self._source.encode(text, out_type="offset_mapping")
        pieces = [self._checked(piece) for piece in mapping["pieces"]]
        spans = [_trim(text, start, end) for start, end in mapping["offsets"]]
        # A piece that is only "▁" (before an emoji or unknown character) belongs with what follows.
        for i in range(len(spans) - 1, -1, -1):
            start, end = spans[i]
            if start == end:
                following = spans[i + 1][0] if i + 1 < len(spans) else len(text)
                spans[i] = (following, following)
        return Encoding((*pieces, EOS), (*spans, (len(text), len(text))))

    def count(self, text: str) -> int:
        """How many positions ``text`` takes in the model, ``</s>`` included."""
        return len(self._source.encode(text, out_type=str)) + 1

    def decode(self, pieces: Sequence[str]) -> str:
        """Turns target pieces into text with ``target.spm`` (never with string replaces)."""
        return str(self._target.decode_pieces(list(pieces)))

    def _checked(self, piece: str) -> str:
        if piece == EOS or (self._known is not None and piece not in self._known):
            return UNK
        return piece


def group_words(text: str, spans: Sequence[tuple[int, int]]) -> list[Word]:
    """Groups piece indices into the whitespace-delimited words of ``text``.

    ``spans`` are piece spans in ``text`` (as :meth:`Subwords.encode` gives them, possibly mapped
    back to an original text). A piece belongs to the word its span starts in; an empty span
    belongs to the next word; pieces after the last word (``</s>``) belong to none. A word no piece
    starts in (one SentencePiece dropped entirely) gets an empty tuple.
    """
    bounds: list[tuple[int, int]] = []
    start = None
    for i, char in enumerate(text):
        if char.isspace():
            if start is not None:
                bounds.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        bounds.append((start, len(text)))
    members: list[list[int]] = [[] for _ in bounds]
    w = 0
    # Spans arrive in text order, so one pass over the words suffices.
    for index, (begin, _end) in sorted(enumerate(spans), key=lambda item: item[1][0]):
        while w < len(bounds) and bounds[w][1] <= begin:
            w += 1
        if w == len(bounds):
            break
        members[w].append(index)
    return [
        Word(b, e, text[b:e], tuple(sorted(m))) for (b, e), m in zip(bounds, members, strict=True)
    ]
