"""Plain records passed between the workbench's steps, and the signatures that make results reproducible."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

BlockKind = Literal["prose", "furniture"]
SegmentStatus = Literal["new", "translated", "edited", "confirmed"]


@dataclass(frozen=True)
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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Signature:
    """Everything that affected a result, rendered like sacrebleu's ``key:value|key:value``."""

    fields: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, **items: object) -> Signature:
        return cls(tuple((k, str(v)) for k, v in items.items() if v is not None))

    def __str__(self) -> str:
        return "|".join(f"{k}:{v}" for k, v in self.fields)

    def as_dict(self) -> dict[str, str]:
        return dict(self.fields)


# Rows of the store ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentRow:
    id: int
    name: str
    source_path: str | None
    sha256: str
    encoding: str
    created_at: str
    segments: int
    translatable: int
    confirmed: int
    translated: int
    words: int
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class SegmentRow:
    id: int
    document_id: int
    position: int
    paragraph: int
    kind: str
    start: int
    end: int
    source: str
    mt: str | None
    mt_signature: str | None
    mt_meta: dict[str, Any]
    post_edit: str | None
    status: str
    version: int
    edit_seconds: float
    updated_at: str

    @property
    def target(self) -> str | None:
        """The English as it stands: the post-edit if a human touched it, else the MT."""
        return self.post_edit if self.post_edit is not None else self.mt


@dataclass(frozen=True)
class HistoryRow:
    id: int
    segment_id: int
    version: int
    action: str
    mt: str | None
    post_edit: str | None
    status: str
    signature: str | None
    actor: str | None
    at: str
