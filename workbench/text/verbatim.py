"""Items that must reach the English unchanged: URLs, e-mails, mentions, hashtags, emoji, numbers.

The segmenter never cuts inside one (``18.04``, ``www.x.com``); the translator hides each behind a
marker and puts it back (:mod:`workbench.translate.prepare`).
"""

from __future__ import annotations

import re

_PICTOGRAPH = "[\u203c\u2049\u2122\u2139\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\u3030\u303d\U0001f000-\U0001faff]"
_URL_TRAIL = ".,;:!?؟،؛)]}\"'»”’"
_VERBATIM = re.compile(
    r"(?P<url>(?:https?://|ftp://|www\.)[^\s<>\"«»]+)"
    r"|(?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
    # Arabic glues "و" (and) or "ب" (with) to the next word, so only Latin text before @ or # means
    # it is not a mention or a hashtag.
    r"|(?P<mention>(?<![A-Za-z0-9_@.])@\w+)"
    r"|(?P<hashtag>(?<![A-Za-z0-9_#&])#[\w\u064b-\u065f\u0670]+)"
    rf"|(?P<emoji>{_PICTOGRAPH}(?:{_PICTOGRAPH}|[\ufe0f\u20e3]|\u200d(?={_PICTOGRAPH}))*)"
    # Numbers and codes: any run of Latin letters and (any script's) digits holding a digit, joined
    # by number punctuation; a bare "Il-" or "UTC+" stays outside and is translated around it.
    r"|(?P<number>(?<![A-Za-z\d])[A-Za-z]*\d[A-Za-z\d]*(?:[.,:/٫٬+\-–][A-Za-z\d]*\d[A-Za-z\d]*)*[%٪]?)",
    re.IGNORECASE,
)


#: The kinds of verbatim item, as :func:`verbatim_items` names them.
KINDS = ("url", "email", "mention", "hashtag", "emoji", "number")


def verbatim_items(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, kind)`` of each verbatim item (a kind of :data:`KINDS`), in text order."""
    items = []
    for match in _VERBATIM.finditer(text):
        start, end = match.span()
        kind = match.lastgroup or "number"
        if kind == "url":
            while end > start and text[end - 1] in _URL_TRAIL:
                end -= 1
        items.append((start, end, kind))
    return items


def verbatim_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the items that must reach the output unchanged, in text order, never overlapping."""
    return [(start, end) for start, end, _ in verbatim_items(text)]
