"""Plain-text exports: the post-edited English (txt) and a side-by-side reading view (sbs)."""

from __future__ import annotations

import re

from workbench.export.model import ExportInput
from workbench.export.tabular import visible_escape
from workbench.model.notices import STANDIN_NOTICE
from workbench.store.records import SegmentRow
from workbench.text.lines import LINE_BREAK

# What a terminal could act on (escape sequences, C1 controls) once lines are split.
_TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def export_txt(data: ExportInput) -> bytes:
    """The English article: paragraphs separated by a blank line, LF line ends, UTF-8.

    Segments of a paragraph are joined by a space, or by a line break where the original had one
    between them; page furniture is left out unless ``furniture="keep"`` (then its original text
    stands on its own line). An English text that a
    translator emptied on purpose is left out. :data:`STANDIN_NOTICE` and a blank line head the
    text when any of its English is stand-in MT.
    """
    options = data.options
    paragraphs: list[list[str]] = []
    previous: SegmentRow | None = None
    for seg in (unit.seg for unit in data.units):
        if seg.kind == "furniture":
            piece = seg.source if options.furniture == "keep" else None
        elif seg.target is not None:
            piece = seg.target or None
        else:
            piece = {"source": seg.source, "mark": f"[untranslated: {seg.source}]"}.get(
                options.untranslated
            )
        if piece is None:
            continue
        if previous is None or seg.paragraph != previous.paragraph:
            paragraphs.append([piece])
        elif "furniture" in (seg.kind, previous.kind) or LINE_BREAK.search(
            data.text, previous.end, seg.start
        ):
            paragraphs[-1].append("\n" + piece)
        else:
            paragraphs[-1].append(" " + piece)
        previous = seg
    notice = STANDIN_NOTICE + "\n\n" if data.standin else ""
    return (notice + "\n\n".join("".join(p) for p in paragraphs) + "\n").encode("utf-8")


def _sbs_lines(label: str, text: str) -> list[str]:
    # The Latin label makes each line left-to-right with the Arabic one right-to-left run in it;
    # continuation lines are indented, and controls shown as \uXXXX so none reaches the terminal.
    lines = [_TERMINAL_CONTROLS.sub(visible_escape, line) for line in text.splitlines() or [""]]
    return [f"{label}: {lines[0]}", *(" " * (len(label) + 2) + line for line in lines[1:])]


def export_sbs(data: ExportInput) -> bytes:
    """A side-by-side view to read in a terminal: a block per segment, blank lines between.

    Each block is a header ``#<number>`` (the position + 1, as the editor numbers rows; tagged ``[furniture]``, ``[untranslated]`` or
    ``[stand-in MT: not a translation]`` where it applies), ``ar: <Arabic>`` and, for a prose
    segment with English, ``en: <English>``. :data:`STANDIN_NOTICE` heads the view when any of its
    English is stand-in MT.
    """
    blocks = [STANDIN_NOTICE] if data.standin else []
    for unit in data.units:
        seg = unit.seg
        english = seg.target if seg.kind == "prose" else None
        header = f"#{seg.position + 1}"
        if seg.kind == "furniture":
            header += " [furniture]"
        elif english is None:
            header += " [untranslated]"
        elif unit.standin:
            header += " [stand-in MT: not a translation]"
        lines = [header, *_sbs_lines("ar", seg.source)]
        if english is not None:
            lines += _sbs_lines("en", english)
        blocks.append("\n".join(lines))
    return "".join(block + "\n\n" for block in blocks).encode("utf-8")
