"""Saving an alignment (:mod:`workbench.align.bitext`) as a document whose English is human work."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from workbench.align.bitext import covers
from workbench.align.sentences import Link
from workbench.errors import InputError
from workbench.store.sqlite import Store
from workbench.text.read import read_text
from workbench.text.records import Block, BlockKind, Sentence
from workbench.text.segment import SEGMENTER_VERSION

#: ``segmenter_version`` of a document saved from an alignment: its segments are the links'
#: Arabic sides, so a plain import of the same text never reuses it.
ALIGNED_SEGMENTER = f"aligned-{SEGMENTER_VERSION}"


def _unit_spans(text: str, units: Sequence[str]) -> list[tuple[int, int] | None]:
    # Units are slices of the text in order, with only whitespace between them, so the first
    # match after the previous unit is the unit itself. Blank units have no span.
    spans: list[tuple[int, int] | None] = []
    pos = 0
    for number, unit in enumerate(units, 1):
        core = unit.strip()
        if not core:
            spans.append(None)
            continue
        start = text.find(core, pos)
        if start < 0:
            raise InputError(
                f"Arabic line {number} is not in the text (or not in order).",
                fix="Align the text again before saving.",
            )
        pos = start + len(core)
        spans.append((start, pos))
    return spans


@dataclass
class _Piece:
    """A segment being built: its span, its English, and whether English was added to it."""

    start: int
    end: int
    english: str | None
    added: bool = False


def _english(lines: Iterable[str]) -> str | None:
    joined = " ".join(line.strip() for line in lines if line.strip())
    return joined or None


def _excerpt(text: str, size: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def _place(pieces: list[_Piece], before: int, english: str) -> str:
    """Add English without Arabic to the segment before it (the next one at the start); the
    warning that says so."""
    at = before - 1 if before > 0 else 0
    piece = pieces[at]
    if piece.english is None:
        piece.english = english
    elif at < before:
        piece.english = f"{piece.english} {english}"
    else:
        piece.english = f"{english} {piece.english}"
    piece.added = True
    where = "end" if at < before else "start"
    return (
        f"English with no Arabic partner (“{_excerpt(english)}”) was added at the {where} of "
        f"segment #{at + 1}'s English, which is marked edited, not confirmed: check where it "
        "belongs."
    )


def _blocks_at(blocks: Sequence[Block], start: int, end: int) -> list[Block]:
    return [b for b in blocks if b.start < end and start < b.end]


def _pieces(
    spans: Sequence[tuple[int, int] | None], tgt_units: Sequence[str], links: Sequence[Link]
) -> tuple[list[_Piece], list[tuple[int, str]]]:
    """One piece per link with Arabic; English without Arabic as (segment it came before, text)."""
    pieces: list[_Piece] = []
    orphans: list[tuple[int, str]] = []
    for link in links:
        english = _english(tgt_units[j] for j in link.tgt)
        located = [span for span in (spans[i] for i in link.src) if span is not None]
        if located:
            pieces.append(_Piece(located[0][0], located[-1][1], english))
        elif english is not None:
            orphans.append((len(pieces), english))
    return pieces, orphans


def save_aligned(
    store: Store,
    name: str,
    src_units: Sequence[str],
    tgt_units: Sequence[str],
    links: Sequence[Link],
    *,
    text: str | None = None,
    signature: str | None = None,
) -> int:
    """Store aligned Arabic and English as a document whose English is a human translation.

    ``text`` is the Arabic exactly as the user gave it (by default the units joined by line
    breaks); it is stored untouched, and every unit must appear in it, in order. One segment per
    link with Arabic: its source is the slice of ``text`` from its first line to its last (line
    breaks between them included), its English the link's English lines, trimmed and joined by a
    space, stored as the post-edit with status ``confirmed``; the MT stays empty.

    * A 1-0 link (Arabic, no English) gets no English and status ``new``, so the gap shows and
      the editor machine-translates it like any new segment; it is page furniture (not
      translated) when :func:`workbench.text.read.classify` calls all its lines furniture.
    * A 0-1 link (English with no Arabic, or only blank Arabic lines) is never dropped: its
      English is added to the end of the previous segment's English (to the start of the first
      segment's when nothing comes before), that segment is marked ``edited`` rather than
      confirmed, and a document warning (shown above the editor's segments) names it.
    * A link of blank lines only is dropped: the blank lines stay in the stored text.

    ``signature`` (see :class:`Bitext`) goes into each segment's first history row. Returns the
    document's id; raises :class:`InputError` when the links do not cover both sides or the
    Arabic is empty.
    """
    if not covers(links, len(src_units), len(tgt_units)):
        raise InputError(
            "the links do not cover every Arabic and English line exactly once, in order.",
            fix="Align the texts again.",
        )
    source = "\n".join(src_units) if text is None else text
    doc = read_text(source, name=name)
    pieces, orphans = _pieces(_unit_spans(source, src_units), tgt_units, links)
    if not pieces:
        raise InputError("the Arabic text has no line with text in it.", path=name)
    warnings = [_place(pieces, before, english) for before, english in orphans]
    segments: list[tuple[Sentence, str | None, str]] = []
    for piece in pieces:
        blocks = _blocks_at(doc.blocks, piece.start, piece.end)
        furniture = bool(blocks) and all(b.kind == "furniture" for b in blocks)
        kind: BlockKind = "furniture" if piece.english is None and furniture else "prose"
        paragraph = blocks[0].paragraph if blocks else 0
        sentence = Sentence(
            piece.start, piece.end, source[piece.start : piece.end], paragraph, kind
        )
        status = "new" if piece.english is None else "edited" if piece.added else "confirmed"
        segments.append((sentence, piece.english, status))
    doc = replace(doc, warnings=(*doc.warnings, *warnings))
    return store.add_aligned_document(doc, segments, ALIGNED_SEGMENTER, signature)
