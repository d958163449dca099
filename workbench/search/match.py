"""Finding a text in a segment's Arabic source or its English: whole word, case, Arabic folding.

A match is a span of the text as stored, never of a normalised copy, so the editor highlights
exactly the characters that matched and a replacement cuts the stored English at the right place.
Folding (the source only, on by default) is :func:`workbench.text.fold.fold_map`: the same
normalisation as the translation memory and the glossary (harakat, tatweel, alef, yaa and
taa-marbuta variants, digits, presentation forms), with each folded character's origin, so
``الامارات`` finds ``الإمارات`` and ``الإمـــارات`` and the highlight covers the stored letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Literal, get_args

from workbench.errors import InputError
from workbench.store.records import SegmentRow
from workbench.text.fold import fold, fold_map

Side = Literal["source", "english"]
SIDES: tuple[Side, ...] = get_args(Side)


@dataclass(frozen=True)
class Query:
    """What to find, and how.

    ``fold`` applies to the Arabic source only (the English is matched as written, with
    ``match_case`` deciding whether case counts). ``whole_word``: the match is neither preceded
    nor followed by a letter or digit (of any script).
    """

    text: str
    side: Side = "source"
    whole_word: bool = False
    match_case: bool = False
    fold: bool = True

    def __post_init__(self) -> None:
        if not self.text.strip():
            raise InputError("Nothing to find: type a word or phrase.")
        if self.side not in SIDES:
            raise InputError(f"Unknown side {self.side!r}: choose one of {', '.join(SIDES)}.")

    @property
    def folds(self) -> bool:
        return self.fold and self.side == "source"

    @cached_property
    def needle(self) -> str:
        """What is looked for: the text, folded when the query folds (once per query)."""
        return fold_map(self.text, lower=not self.match_case)[0] if self.folds else self.text


@dataclass(frozen=True)
class Span:
    """One match: ``text[start:end]`` of the searched text as stored."""

    start: int
    end: int


@dataclass(frozen=True)
class Hit:
    """The matches of a query in one segment, with the text and version they were found in.

    ``text`` and ``version`` let a replacement check that the English is still what was searched
    (a stale hit is a conflict, never a replacement at the wrong place).
    """

    segment_id: int
    position: int
    version: int
    side: Side
    text: str
    spans: tuple[Span, ...]


def _pattern(needle: str, query: Query) -> re.Pattern[str]:
    body = re.escape(needle)
    if query.whole_word:
        body = rf"(?<!\w){body}(?!\w)"
    return re.compile(body, 0 if query.match_case else re.IGNORECASE)


def find_spans(text: str, query: Query) -> list[Span]:
    """Every non-overlapping match of ``query`` in ``text``, as spans of ``text``."""
    if not query.folds:
        return [Span(m.start(), m.end()) for m in _pattern(query.text, query).finditer(text)]
    needle = query.needle
    if not needle or needle.lower() not in fold(text):
        return []  # fold (one C-level table pass) rules out most texts before the mapping
    folded, origin = fold_map(text, lower=not query.match_case)
    spans: list[Span] = []
    for m in _pattern(needle, query).finditer(folded):
        start, end = origin[m.start()][0], origin[m.end() - 1][1]
        if not spans or start >= spans[-1].end:  # two folded matches can share a letter cluster
            spans.append(Span(start, end))
    return spans


def searched_text(segment: SegmentRow, side: Side) -> str | None:
    """The text a query on ``side`` looks in: the source, or the English shown (human edit else
    MT: :attr:`SegmentRow.target`)."""
    return segment.source if side == "source" else segment.target


def find_hits(segments: Iterable[SegmentRow], query: Query) -> list[Hit]:
    """The segments (prose only: page furniture is not translated) where ``query`` matches."""
    hits = []
    for segment in segments:
        if segment.kind != "prose":
            continue
        text = searched_text(segment, query.side)
        if not text:
            continue
        spans = find_spans(text, query)
        if spans:
            hits.append(
                Hit(segment.id, segment.position, segment.version, query.side, text, tuple(spans))
            )
    return hits


def snippet(text: str, spans: Iterable[Span], width: int = 60) -> list[tuple[str, bool]]:
    """``text`` around its first match cut to about ``width`` characters each side, as pieces
    ``(text, is_match)`` (for escaped highlighting: the caller escapes each piece)."""
    spans = list(spans)
    if not spans:
        return [(text, False)]
    left = max(0, spans[0].start - width)
    right = min(len(text), max(s.end for s in spans[:3]) + width)
    pieces: list[tuple[str, bool]] = [("…", False)] if left else []
    at = left
    for span in spans:
        if span.start >= right:
            break
        pieces += [(text[at : span.start], False), (text[span.start : span.end], True)]
        at = span.end
    pieces.append((text[at:right], False))
    if right < len(text):
        pieces.append(("…", False))
    return [p for p in pieces if p[0]]
