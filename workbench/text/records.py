"""What reading and segmenting produce: a document, its line blocks, its sentences (all spans)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

BlockKind = Literal["prose", "furniture"]

# Blocks and sentences have slots: a big article has hundreds of thousands of them, and a
# per-instance __dict__ would triple what each one costs.


@dataclass(frozen=True, slots=True)
class Block:
    """One non-blank line of an article, with its character span in the document's text.

    ``kind`` is ``"prose"`` (to be segmented and translated) or ``"furniture"`` (date line, logo,
    repeated headline, site name...: kept and shown, never translated); ``reason`` says why.
    ``paragraph`` numbers blank-line-separated paragraphs from 0.
    """

    start: int
    end: int
    kind: BlockKind
    paragraph: int
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a span ``[start, end)`` of the text it was cut from, whitespace trimmed."""

    start: int
    end: int
    text: str
    paragraph: int = 0
    kind: BlockKind = "prose"


@dataclass(frozen=True)
class Document:
    """An article as read from disk: the decoded text, the raw bytes, and its blocks.

    ``text`` is the file decoded without any normalisation (line endings and all), so every span
    indexes into exactly what the author wrote; ``raw`` is the file's bytes, kept for byte-for-byte
    round trips. ``warnings`` lists things a translator should know (e.g. "text is not Arabic").
    """

    name: str
    text: str
    raw: bytes
    encoding: str
    blocks: tuple[Block, ...]
    source_path: str | None = None
    warnings: tuple[str, ...] = ()

    def block_text(self, block: Block) -> str:
        return self.text[block.start : block.end]
