"""Arabic-aware sentence segmentation with character spans into the original text.

Rules, in the order they are applied inside one line (a line break always ends a sentence):

* ``.`` ``!`` ``?`` ``؟`` ``…`` ``۔`` (and runs of them, with closing quotes or brackets after them) end a
  sentence when whitespace, the end of the line, or (for sloppy scraped text) an Arabic letter follows
  (``الماضي.وقال``, ``«انتهى».وغادر``, ``2020.وقال``; not ``الجزيرة.نت``). None right after a comma
  (``، ...`` marks words left out).
* No break inside numbers (``18.04``, ``٢٫٥``), URLs or e-mail addresses; none after an abbreviation
  (``د.``, ``م.``, ``أ.د.``, ``U.S.``, ``Dr.``), a list number (``1.``), or a single Latin letter that
  a name, an initial or a number follows (``J. K. Rowling``, ``p. 12``; ``فيتامين D. وأوصى`` ends one).
  Bidi controls around the dot (``د\u202a.\u202c``) are looked through.
* Quotes (``"…"``, ``«…»``, ``“…”``) do not hide sentence ends: a full stop inside reported speech is a
  boundary when a new sentence (two words or more) follows inside the quote, and the closing quote stays
  with the sentence it closes (``."`` ``!"`` ``؟»`` then a new sentence: the cut comes after the quote).
  A quote that never closes within the paragraph hides nothing. What stays whole is a short quoted title
  or phrase inside a sentence (``فيلم "من أنا؟" في ...``, ``هتاف "ارحل!" أمام ...``): six words at most
  and not introduced as speech (by a colon, ``أن``/``إن``, or a verb of saying up to three words back);
  its ``?`` or ``!`` does not end the sentence. Text in parentheses stays whole.
* The Arabic comma ``،`` and semicolon ``؛`` never end a sentence: Arabic news chains clauses with them
  (pySBD's Arabic rule 5 splits at ``،``; we deliberately do not).
* A colon ends a sentence only after a heading-like lead at the start of a line: two words at most with
  no verb of saying (``سؤال وجواب:``), or a dateline (``الاحد, 21 فبراير ... الصنداي تايمز:``), and not
  when a quotation follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from workbench.text.chars import ARABIC_LETTER, CONTROL_CHARS, DIGIT, DIGITS
from workbench.text.lines import iter_lines
from workbench.text.read import classify
from workbench.text.records import Block, Sentence
from workbench.text.verbatim import verbatim_spans

#: Bumped whenever a rule changes, so translations record which segmentation produced them.
SEGMENTER_VERSION = "2"

_BIDI = "".join(sorted(CONTROL_CHARS))
_TERMINATORS = ".!?؟…۔‼⁇⁈⁉"
# “ closes as often as it opens in Arabic text typed right to left.
_CLOSERS = "\"'»”“’)]}›" + _BIDI
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
    r"قول|بقول|هتف|صاح|متسائل|"
    r"said|says|told|added|asked)"
)
_WEEKDAY = re.compile(
    r"^[•·\-–—(]*(?:ال)?(?:اثنين|إثنين|ثلاثاء|أربعاء|اربعاء|خميس|جمعة|سبت|أحد|احد)\b"
)
# Arabic news sites named with a glued Arabic domain: "الجزيرة.نت", "مصراوي.كوم".
_ARABIC_DOMAIN = re.compile(r"\.(?:نت|كوم)(?![\u0620-\u064a])")
_PROCLITIC = re.compile("(?:^|\\s)[وفبلك]{1,2}\u0640?$")
_QUOTES_OPEN = "«“„‹"
_QUOTES_CLOSE = {"«": "»", "“": "”", "„": "”", "‹": "›"}
# Words that make a following quote reported speech: "قال إن «...»", "أكد أن "..."".
_SPEECH_LINKS = frozenset("أن إن ان بأن بان لأن".split())
# Words that name what a quote after them is: a title or a slogan, not speech ("فيلم «...؟»").
_TITLE_NOUN = re.compile(
    r"^[وب]?(?:ال)?(?:عنوان|فيلم|كتاب|رواية|برنامج|مسلسل|أغني|شعار|هتاف|حملة|مقال|قصيد|لافتة|"
    r"لافتات|مسرحي|وسم|هاشتاغ)"
)
# A quote of this many words or fewer, inside a sentence and not introduced as speech, is a title
# or a phrase ("فيلم «من أنا؟»", "شعار "ارحل!""): its ? or ! does not end the sentence.
_TITLE_WORDS = 6


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
            # A proclitic glued to the quote opens it too: و"الأهم", بـ"الفاشلة".
            glued = bool(_PROCLITIC.search(line, max(0, i - 4), i))
            looks_open = (before.isspace() or before in "(:[«—-" or i == 0 or glued) and not (
                after.isspace()
            )
            if straight_open is not None and not looks_open:
                ranges.append((straight_open, i))
                straight_open = None
            elif looks_open:
                # An opening quote while one is open: the earlier one never closed; forget it.
                straight_open = i
    return ranges


def _enclosures(
    ranges: list[tuple[int, int]], stops: list[int]
) -> dict[int, list[tuple[int, int]]]:
    """The ranges around each of ``stops``, in one sweep (a line may hold thousands of quotes)."""
    pending = sorted(ranges, reverse=True)
    live: list[tuple[int, int]] = []
    around = {}
    for stop in sorted(stops):
        while pending and pending[-1][0] < stop:
            live.append(pending.pop())
        live = [r for r in live if r[1] > stop]
        around[stop] = list(live)
    return around


def _char_before(line: str, pos: int) -> str:
    while pos > 0 and line[pos - 1].isspace():
        pos -= 1
    return line[pos - 1 : pos]


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
    if len(word) == 1 and "A" <= word.upper() <= "Z":
        # A Latin initial comes before a name or another initial ("J. K. Rowling", "p. 12"); before
        # an Arabic word it is a letter that ends the sentence ("فيتامين D. وأوصى", "الخطة B.").
        return bool(re.match(r"\s*[A-Z0-9]", line[dot + 1 :]))
    lowered = word.lower()
    if word in _ERA_MARKERS and DIGIT.search(_previous_word(line, dot) or ""):
        return False
    if word in _ARABIC_ABBREVIATIONS or lowered in _LATIN_ABBREVIATIONS:
        return True
    if re.fullmatch(r"[^\W\d_](?:\.[^\W\d_])+", word):  # U.S, أ.د: letters joined by dots
        return True
    if len(word) == 1 and word.isalpha():  # an initial in another script
        return True
    # A list number at the start of a sentence ("1. ", "٣. ") is a label, not a sentence.
    return (
        bool(re.fullmatch(f"[{DIGITS}]{{1,2}}", word))
        and not line[sentence_start:dot].strip()[: -len(word) or None].strip()
    )


def _glued_end(line: str, stop: int, end: int, close: int, closing: frozenset[int]) -> bool:
    """Whether a sentence end with an Arabic word glued after it ("الماضي.وقال") is one."""
    if not ARABIC_LETTER.match(line, close) or _ARABIC_DOMAIN.match(line, stop):
        return False
    before = line[stop - 1 : stop] or " "
    word_end = bool(ARABIC_LETTER.match(before) or DIGIT.match(before))
    if before not in _CLOSERS and not (word_end and len(_word_before(line, stop)) >= 2):
        return False  # "«انتهى».وغادر" and "الماضي.وقال" end sentences; "و.و" does not
    # A straight quote glued on both sides may close this sentence or open the next: only one
    # that closes a quote of the line tells.
    return all(line[i] not in "\"'" or i in closing for i in range(end, close))


def _introduces_speech(line: str, opener: int, sentence_start: int) -> bool:
    """Whether the quote opening at ``opener`` is reported speech, not a title inside a sentence."""
    before = line[sentence_start:opener].translate({ord(c): None for c in _BIDI}).rstrip()
    if not before or before[-1] in ":-–—":
        return True
    # Arabic puts the subject between the verb and the quote ("وتساءل النائب «إلى متى؟»"): look a
    # few words back, stopping at a word that names a work or a slogan, or at a clause of its own.
    for back, word in enumerate(reversed(before.split()[-3:])):
        if word[-1:] in "،,؛;":
            return False
        word = word.strip("\"'«“”»()")
        if _TITLE_NOUN.match(word):
            return False
        if word in _SPEECH_LINKS:
            return back == 0
        if _SPEECH_VERB.match(word):
            return True
    return False


def _is_title(line: str, opener: int, closer: int, sentence_start: int) -> bool:
    return len(line[opener + 1 : closer].split()) <= _TITLE_WORDS and not _introduces_speech(
        line, opener, sentence_start
    )


def _enclosure_hides(
    line: str, stop: int, close: int, around: list[tuple[int, int]], sentence_start: int
) -> bool:
    """Whether the quotes or parentheses ``around`` the sentence end at ``stop`` keep it whole."""
    going_on = [r for r in around if r[1] >= close]
    if any(line[o] == "(" for o, _ in going_on):
        return True  # a parenthesis is an aside; it never holds a sentence of the paragraph's
    if going_on:
        # Inside a quote that goes on: a new sentence inside it (two words or more) starts here,
        # unless the quote is a short title or phrase, which is kept whole.
        opener, closer = max(going_on)
        return _is_title(line, opener, closer, sentence_start) or (
            len(line[close:closer].split()) < 2
        )
    # The quote closes with this sentence end; the sentence ends after it, except a short title
    # or phrase ending in ? or ! inside a sentence ("فيلم «من أنا؟» في ...").
    quotes = [r for r in around if line[r[0]] != "("]
    if not quotes or line[stop] == ".":
        return False
    opener, closer = min(quotes)
    return _is_title(line, opener, closer, sentence_start)


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
    paired = _paired_ranges(line)
    closing = frozenset(c for _, c in paired)
    cuts: list[int] = []
    sentence_start = 0
    candidates = [(m.start(), m.end(), "t") for m in _TERMINATOR_RUN.finditer(line)]
    candidates += [(m.start(), m.end(), ":") for m in re.finditer(r"[:：]", line)]
    stops = [c[0] for c in candidates]
    protected = _enclosures(verbatim_spans(line), stops)
    around = _enclosures(paired, stops)
    for start, end, kind in sorted(candidates):
        if start < sentence_start or protected[start]:
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
        if follower and not follower.isspace() and not _glued_end(line, start, end, close, closing):
            continue
        if _char_before(line, start) in "،,؛;":
            continue  # "، ..." marks words left out, or trailing off, inside the sentence
        if (
            line[start] == "."
            and end - start == 1
            and _is_abbreviation(line, start, sentence_start)
        ):
            continue
        if _enclosure_hides(line, start, close, around[start], sentence_start):
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


def iter_sentences(text: str, blocks: Iterable[Block] | None = None) -> Iterator[Sentence]:
    """The sentences of a whole text one by one, in order: :func:`segment_text`, lazily.

    For big articles: a consumer that stores or counts them holds one sentence at a time, not a
    list of them all (each with its own copy of its text).
    """
    for block in classify(text) if blocks is None else blocks:
        yield from split_block(text, block)


def segment_text(text: str, blocks: tuple[Block, ...] | None = None) -> list[Sentence]:
    """Segment a whole text (blocks from :func:`workbench.text.read.classify` unless given)."""
    return list(iter_sentences(text, blocks))


def split_sentences(paragraph: str) -> list[str]:
    """Convenience for scripts: the sentences of a string, as strings (no furniture detection)."""
    out: list[str] = []
    for line in iter_lines(paragraph):
        body = paragraph[line.start : line.end]
        out.extend(body[s:e] for s, e in split_line(body))
    return out
