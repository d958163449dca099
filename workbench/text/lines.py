"""The line rule, used everywhere a text is cut into lines.

Line rule (one rule, used everywhere): a line ends at ``\\r\\n``, ``\\r``, ``\\n``, U+0085 (NEL) or
U+2028 (LINE SEPARATOR). U+2029 (PARAGRAPH SEPARATOR) ends a line and a paragraph. A line that holds
only whitespace is blank; one or more blank lines separate paragraphs. ``str.splitlines`` is not used
because it also breaks at form feeds, vertical tabs and file/group/record separators.
A final line break does not make an extra empty line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError

LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class Line:
    """A line of the text: ``[start, end)`` excludes the line break; ``breaks_paragraph`` marks U+2029."""

    number: int
    start: int
    end: int
    breaks_paragraph: bool = False


def iter_lines(text: str) -> Iterator[Line]:
    """Yield the lines of ``text`` under the line rule (1-based numbers)."""
    pos = 0
    number = 1
    for m in LINE_BREAK.finditer(text):
        yield Line(number, pos, m.start(), m.group() == "\u2029")
        pos = m.end()
        number += 1
    if pos < len(text) or pos == 0:
        yield Line(number, pos, len(text))


def split_lines(text: str) -> list[str]:
    """The lines of ``text`` as strings; an empty text has none."""
    return [text[line.start : line.end] for line in iter_lines(text)] if text else []


def read_lines(path: str | Path) -> list[str]:
    """The lines of a UTF-8 text file (one segment per line), cut by the line rule.

    A final newline does not make an extra empty line. Errors name the file and the line.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as err:
        raise InputError(f"cannot be read: {err.strerror}.", path=p) from None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        raise InputError(
            f"not valid UTF-8: {err.reason}.",
            path=p,
            line=line,
            byte=err.start,
            fix="Convert the file to UTF-8.",
        ) from None
    return split_lines(text)
