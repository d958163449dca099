"""What the model is given instead of the stored source, and how its output is put right.

The stored source is never changed. For the model only:

* bidi controls (U+200E/F, U+061C, U+202A–U+202E, U+2066–U+2069) and zero-width characters
  (U+200B–U+200D, U+2060, U+FEFF) are removed: they carry no meaning for it and split pieces;
* items that must come out verbatim (URLs, e-mail addresses, @mentions, #hashtags, emoji, and numbers
  and codes with digits such as ``2.3``, ``11:00``, ``٢٠٢٠``, ``A1GP``) are replaced by markers
  ``XZ1``, ``XZ2``… Latin letter-and-digit codes are what opus-mt copies most reliably (its FLORES
  output keeps ``CG4684``, ``HJR-3``, ``A1GP`` but turns ``5-3`` into ``5.3`` and ``٣٩`` into ``93``).
  :func:`restore` puts the items back, a number as English writes it (``٢٠٢٠`` → ``2020``,
  ``٢٫٥`` → ``2.5``, ``٢٥٪`` → ``25%``: :func:`workbench.text.numbers.to_english`). An item whose marker the model dropped is *appended* to the
  output (and reported), because a post-editor can move a stray URL or number into place but cannot
  see one that silently vanished;
* text too long for the model's position table is cut at clause boundaries into parts well below
  it (:func:`split_for_model`, :func:`split_to_fit`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from workbench.text.chars import CONTROL_CHARS, TATWEEL
from workbench.text.numbers import to_english
from workbench.text.verbatim import verbatim_spans

T = TypeVar("T")

MARKER = "XZ{}"
_MARKER_IN_OUTPUT = re.compile(r"XZ ?(\d+)", re.IGNORECASE)

#: Where an over-long text may be cut, strongest boundary first: the cut goes after the mark.
_CUT_MARKS = (".!?؟…", "؛;", "،,", ":")

#: The most pieces in a part of an over-long text (see :func:`split_for_model`): halving makes parts
#: of 24 to 48 pieces, 12 to 25 words, a clause's length. Measured on the stand-in with a
#: 5,000-word sentence at beam 4 and 2 × 1 threads (bench/memory_bench.py, every part decoded to
#: its limit): 64 took 66 s and 556 MB, 48 took 53 s and 550 MB, 32 took 54 s and 581 MB
#: (128 took longer and more memory than 64).
PART_PIECES = 48


def has_letters(text: str) -> bool:
    """Whether ``text`` has a letter outside its verbatim items (else the model would hallucinate)."""
    pos = 0
    for start, end in [*verbatim_spans(text), (len(text), len(text))]:
        if any(char.isalpha() and char != TATWEEL for char in text[pos:start]):
            return True
        pos = end
    return False


@dataclass(frozen=True)
class Prepared:
    """The text the model sees, with the way back to the original.

    ``origin[i]`` is the span of the original that character ``i`` of ``text`` stands for: one
    character for copied text, the whole item for a marker's characters, an empty span for a space
    added around a marker.
    """

    text: str
    origin: tuple[tuple[int, int], ...]
    items: tuple[str, ...]
    original_length: int

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Maps a span of :attr:`text` to the span of the original it came from."""
        if start >= end:
            if start < len(self.origin):
                return self.origin[start][0], self.origin[start][0]
            return self.original_length, self.original_length
        covered = self.origin[start:end]
        return min(s for s, _ in covered), max(e for _, e in covered)


def prepare(text: str) -> Prepared:
    """The model's input for ``text``: controls removed, verbatim items replaced by markers."""
    chars: list[str] = []
    origin: list[tuple[int, int]] = []
    items: list[str] = []

    def copy(begin: int, stop: int) -> None:
        for i in range(begin, stop):
            if text[i] not in CONTROL_CHARS:
                chars.append(text[i])
                origin.append((i, i + 1))

    pos = 0
    for start, end in verbatim_spans(text):
        copy(pos, start)
        items.append(text[start:end])
        # A marker glued to a word ("بـ76") would be cut into pieces with it; keep it apart.
        if chars and chars[-1].isalnum():
            chars.append(" ")
            origin.append((start, start))
        for char in MARKER.format(len(items)):
            chars.append(char)
            origin.append((start, end))
        if end < len(text) and text[end].isalnum():
            chars.append(" ")
            origin.append((end, end))
        pos = end
    copy(pos, len(text))
    return Prepared("".join(chars), tuple(origin), tuple(items), len(text))


def restore(output: str, items: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    """Puts ``items`` back where the model left their markers; returns the text and the lost items.

    A number goes back with Western digits and English separators (the stored source keeps the
    Arabic original). Lost items are appended, separated by spaces, in source order (see the
    module docstring); the lost items returned are the originals.
    """
    found: set[int] = set()

    def put_back(match: re.Match[str]) -> str:
        number = int(match.group(1))
        if 1 <= number <= len(items):
            found.add(number)
            return to_english(items[number - 1])
        return match.group(0)

    text = _MARKER_IN_OUTPUT.sub(put_back, output) if items else output
    lost = tuple(item for number, item in enumerate(items, 1) if number not in found)
    if lost:
        text = " ".join(part for part in (text.strip(), *map(to_english, lost)) if part)
    return text, lost


class _Cuts:
    """Candidate cut positions of one text, by strength, outside verbatim items."""

    def __init__(self, text: str) -> None:
        self.text = text
        inside = {pos for start, end in verbatim_spans(text) for pos in range(start + 1, end)}

        def allowed(pos: int) -> bool:
            return pos not in inside

        self.classes = [
            [i + 1 for i, char in enumerate(text) if char in marks and allowed(i + 1)]
            for marks in _CUT_MARKS
        ]
        # The last resort short of cutting a word: the start of each whitespace run.
        self.classes.append(
            [
                i
                for i, char in enumerate(text)
                if char.isspace() and i > 0 and not text[i - 1].isspace() and allowed(i)
            ]
        )

    def best(self, start: int, end: int) -> int:
        middle = (start + end) / 2
        for positions in self.classes:
            lo, hi = bisect_right(positions, start), bisect_left(positions, end)
            if lo < hi:
                # Only the candidates on either side of the middle can be the nearest.
                at = bisect_left(positions, middle, lo, hi)
                near = positions[max(lo, at - 1) : min(hi, at + 1)]
                return min(near, key=lambda pos: abs(pos - middle))
        return (start + end) // 2


def split_to_fit(text: str, measure: Callable[[str], tuple[bool, T]]) -> list[tuple[int, int, T]]:
    """Cuts ``text`` into consecutive spans that each fit, at the strongest boundary near the middle.

    ``measure(part)`` says whether a part fits and returns what it computed (e.g. its encoding), so
    the caller need not compute it twice. Boundaries, strongest first: sentence ends, ``؛ ;``,
    ``، ,``, ``:``, then whitespace; a word is cut only when a part has no boundary at all. The
    spans cover ``text`` exactly, so nothing is lost.
    """
    cuts: _Cuts | None = None
    done: list[tuple[int, int, T]] = []
    stack = [(0, len(text))]
    while stack:
        start, end = stack.pop()
        fits, value = measure(text[start:end])
        if fits or end - start <= 1:
            done.append((start, end, value))
            continue
        cuts = cuts or _Cuts(text)
        middle = cuts.best(start, end)
        # Right half first onto the stack, so parts come out in text order.
        stack.extend([(middle, end), (start, middle)])
    return done


def split_for_model(
    text: str, measure: Callable[[str], tuple[int, T]], limit: int, target: int = PART_PIECES
) -> list[tuple[int, int, T]]:
    """``text`` whole when it fits in ``limit``, else in parts of at most ``target`` (and ``limit``).

    ``measure(part)`` gives a part's size (pieces) and what it computed. A text that overflows the
    position table is cut (:func:`split_to_fit`) well below it: attention and the beams' caches grow
    with the part's length and its decoding limit, so a 5,000-word sentence in parts of 511 pieces
    takes minutes and over a gigabyte, in parts of :data:`PART_PIECES` a fraction of the time.
    Parts of that size are clauses, the length of what the model was trained on.
    """
    size, value = measure(text)
    if size <= limit:
        return [(0, len(text), value)]
    most = min(limit, target)

    def fits(part: str) -> tuple[bool, T]:
        part_size, part_value = measure(part)
        return part_size <= most, part_value

    return split_to_fit(text, fits)
