"""Arabic-aware sentence segmentation with character spans into the original text.

Rules, in the order they are applied inside one line (a line break always ends a sentence):

* ``.`` ``!`` ``?`` ``؟`` ``…`` ``۔`` (and runs of them, with closing quotes or brackets after them) end a
  sentence when whitespace, the end of the line, or (for sloppy scraped text) an Arabic letter follows.
* No break inside numbers (``18.04``, ``٢٫٥``), URLs or e-mail addresses; none after an abbreviation
  (``د.``, ``م.``, ``أ.د.``, ``U.S.``, ``Dr.``), a single-letter initial, or a list number (``1.``).
  Bidi controls around the dot (``د\u202a.\u202c``) are looked through.
* Reported speech in quotes (``"…"``, ``«…»``, ``“…”``) and text in parentheses stays whole; a sentence
  may end with the quote (``قال: "…."``). Quotes that never close are ignored.
* The Arabic comma ``،`` and semicolon ``؛`` never end a sentence: Arabic news chains clauses with them
  (pySBD's Arabic rule 5 splits at ``،``; we deliberately do not).
* A colon ends a sentence only after a heading-like lead at the start of a line: two words at most with
  no verb of saying (``سؤال وجواب:``), or a dateline (``الاحد, 21 فبراير ... الصنداي تايمز:``), and not
  when a quotation follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from workbench.text.chars import ARABIC_LETTER, CONTROL_CHARS, DIGIT, DIGITS
from workbench.text.lines import iter_lines
from workbench.text.read import classify
from workbench.text.records import Block, Sentence
from workbench.text.verbatim import verbatim_spans

#: Bumped whenever a rule changes, so translations record which segmentation produced them.
SEGMENTER_VERSION = "1"

_BIDI = "".join(sorted(CONTROL_CHARS))
_TERMINATORS = ".!?؟…۔‼⁇⁈⁉"
_CLOSERS = "\"'»”’)]}›" + _BIDI
_TERMINATOR_RUN = re.compile(
    f"[{re.escape(_TERMINATORS)}]+(?:[{re.escape(_BIDI)}]*[{re.escape(_TERMINATORS)}]+)*"
)

_LATIN_ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof st jr sr vs etc e.g i.e u.s u.k u.n u.s.a no nos inc ltd co corp jan "
        "feb mar apr jun jul aug sep sept oct nov dec gen col lt sgt capt rep sen gov mt ft "
        "approx dept est fig vol p pp ph.d a.m p.m"
    ).split()
)
# Arabic titles and references written with a dot: د. (Dr), م. (engineer), أ. (Prof/Mr), أ.د., ص.ب.
# (P.O. box), ق.م (BC), ج. (part), ت. (tel), ه./هـ. (Hijri; only mid-sentence, see _is_abbreviation).
_ARABIC_ABBREVIATIONS = frozenset(
    ("د م أ ا ج ت ص ب ق ش ع ف ك ل ن ه هـ س ط ر ى و أ.د ص.ب ق.م ت.ب م.م د.م").split()
)
# The Gregorian/Hijri era markers end a date, and a date may end a sentence: "عام 2020 م."
_ERA_MARKERS = frozenset({"م", "هـ", "ه"})

_SPEECH_VERB = re.compile(
    r"^(?:[وف])?(?:قال|يقول|تقول|قالت|أضاف|اضاف|يضيف|أضافت|أكد|اكد|يؤكد|أكدت|تابع|أوضح|اوضح|صرح|"
    r"ذكر|أعلن|اعلن|أشار|اشار|مضيف|قائل|مردف|بالقول|كتب|غرد|جاء|نص|حسب|ردد|سأل|تساءل|يتساءل|أجاب|"
    r"said|says|told|added|asked)"
)
_WEEKDAY = re.compile(
    r"^[•·\-–—(]*(?:ال)?(?:اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة|سبت|أحد|احد)\b"
)
_QUOTES_OPEN = "«“„‹"
_QUOTES_CLOSE = {"«": "»", "“": "”", "„": "”", "‹": "›"}


def _paired_ranges(line: str) -> list[tuple[int, int]]:
    """Ranges ``(open, close)`` of quotes and parentheses that close within the line."""
    ranges: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []
    straight_open: int | None = None
    for i, ch in enumerate(line):
        if ch in _QUOTES_OPEN or ch == "(":
            stack.append((ch, i))
        elif ch in "»”›)":
            for depth in range(len(stack) - 1, -1, -1):
                opener, pos = stack[depth]
                if _QUOTES_CLOSE.get(opener) == ch or (opener == "(" and ch == ")"):
                    ranges.append((pos, i))
                    del stack[depth:]
                    break
        elif ch == '"':
            before = line[i - 1] if i else " "
            after = line[i + 1] if i + 1 < len(line) else " "
            looks_open = (before.isspace() or before in "(:[«—-" or i == 0) and not after.isspace()
            if straight_open is not None and not looks_open:
                ranges.append((straight_open, i))
                straight_open = None
            elif looks_open:
                # An opening quote while one is open: the earlier one never closed; forget it.
                straight_open = i
    return ranges


def _inside(pos: int, ranges: list[tuple[int, int]]) -> tuple[int, int] | None:
    for start, end in ranges:
        if start < pos < end:
            return start, end
    return None


def _word_before(line: str, pos: int) -> str:
    start = pos
    while start > 0 and not line[start - 1].isspace():
        start -= 1
    word = line[start:pos]
    for ch in _BIDI:
        word = word.replace(ch, "")
    return word.lstrip("\"'«“([")


def _previous_word(line: str, pos: int) -> str:
    before = line[:pos].split()
    return before[-2] if len(before) >= 2 else ""


def _is_abbreviation(line: str, dot: int, sentence_start: int) -> bool:
    word = _word_before(line, dot)
    if not word:
        return False
    lowered = word.lower()
    if word in _ERA_MARKERS and DIGIT.search(_previous_word(line, dot) or ""):
        return False
    if word in _ARABIC_ABBREVIATIONS or lowered in _LATIN_ABBREVIATIONS:
        return True
    if re.fullmatch(r"[^\W\d_](?:\.[^\W\d_])+", word):  # U.S, أ.د: letters joined by dots
        return True
    if len(word) == 1 and word.isalpha():  # an initial: "J. K. Rowling"
        return True
    # A list number at the start of a sentence ("1. ", "٣. ") is a label, not a sentence.
    return (
        bool(re.fullmatch(f"[{DIGITS}]{{1,2}}", word))
        and not line[sentence_start:dot].strip()[: -len(word) or None].strip()
    )


def _colon_ends_lead(line: str, colon: int, sentence_start: int, line_start: bool) -> bool:
    # A headline standing alone ("التحالف الدولي: داعش ...") stays whole: only a lead glued to a
    # paragraph that goes on to end sentences of its own is cut off.
    if not line_start or not _TERMINATOR_RUN.search(line, colon):
        return False
    after = line[colon + 1 :]
    if not after[:1].isspace():
        return False
    if after.lstrip()[:1] in "\"'«“„":
        return False
    lead = line[sentence_start:colon].split()
    if not lead or any(_SPEECH_VERB.match(w) for w in lead):
        return False
    if len(lead) <= 2:
        return True
    return bool(_WEEKDAY.match(lead[0]) or DIGIT.match(lead[0])) and bool(
        DIGIT.search(" ".join(lead))
    )


def split_line(line: str) -> list[tuple[int, int]]:
    """Sentence spans ``[start, end)`` within one line, whitespace trimmed."""
    protected = verbatim_spans(line)
    paired = _paired_ranges(line)
    cuts: list[int] = []
    sentence_start = 0
    candidates = [(m.start(), m.end(), "t") for m in _TERMINATOR_RUN.finditer(line)]
    candidates += [(m.start(), m.end(), ":") for m in re.finditer(r"[:：]", line)]
    for start, end, kind in sorted(candidates):
        if start < sentence_start or _inside(start, protected):
            continue
        close = end
        while close < len(line) and line[close] in _CLOSERS:
            close += 1
        follower = line[close : close + 1]
        if kind == ":":
            if _colon_ends_lead(line, start, sentence_start, not cuts):
                cuts.append(close)
                sentence_start = close
            continue
        if follower and not follower.isspace():
            # Glued text ("الماضي.وقال"): only a full stop between Arabic words is a boundary.
            glued = (
                close == end
                and ARABIC_LETTER.match(follower)
                and len(_word_before(line, start)) >= 2
                and ARABIC_LETTER.match(line[start - 1 : start] or " ")
            )
            if not glued:
                continue
        if (
            line[start] == "."
            and end - start == 1
            and _is_abbreviation(line, start, sentence_start)
        ):
            continue
        enclosing = _inside(start, paired)
        if enclosing and enclosing[1] >= close:
            continue  # a full stop inside a quote or parentheses that goes on after it
        if enclosing and not (enclosing[1] < close and not follower.strip()):
            continue
        cuts.append(close)
        sentence_start = close
    spans = []
    begin = 0
    for cut in [*cuts, len(line)]:
        piece = line[begin:cut]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans.append((begin + lead, begin + len(piece.rstrip())))
        begin = cut
    return spans


def split_block(text: str, block: Block) -> Iterator[Sentence]:
    """The sentences of one block; furniture comes out whole, as a single unit."""
    if block.kind == "furniture":
        yield Sentence(
            block.start, block.end, text[block.start : block.end], block.paragraph, "furniture"
        )
        return
    body = text[block.start : block.end]
    for s, e in split_line(body):
        yield Sentence(block.start + s, block.start + e, body[s:e], block.paragraph, "prose")


def segment_text(text: str, blocks: tuple[Block, ...] | None = None) -> list[Sentence]:
    """Segment a whole text (blocks from :func:`workbench.text.read.classify` unless given)."""
    blocks = classify(text) if blocks is None else blocks
    return [s for block in blocks for s in split_block(text, block)]


def split_sentences(paragraph: str) -> list[str]:
    """Convenience for scripts: the sentences of a string, as strings (no furniture detection)."""
    out: list[str] = []
    for line in iter_lines(paragraph):
        body = paragraph[line.start : line.end]
        out.extend(body[s:e] for s, e in split_line(body))
    return out
