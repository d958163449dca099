"""Reading articles: bytes → text (strictly), lines → blocks, page furniture recognised.

The decoded text is never normalised: every span the workbench shows, stores or exports indexes into
exactly what was in the file, and the raw bytes are kept alongside for byte-for-byte round trips.

The line rule is :mod:`workbench.text.lines`'s.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from collections import Counter
from pathlib import Path

from workbench.errors import InputError
from workbench.text.chars import ARABIC_LETTER, PERSIAN_URDU_LETTER
from workbench.text.lines import iter_lines
from workbench.text.records import Block, Document

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx/.odt file)"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_TERMINAL = re.compile(r"[.!?؟…۔:\"»”')]\s*$")

_WEEKDAYS = (
    "monday tuesday wednesday thursday friday saturday sunday الاثنين الإثنين الثلاثاء "
    "الأربعاء الاربعاء الخميس الجمعة السبت الأحد الاحد"
).split()
_MONTHS = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec يناير فبراير مارس أبريل ابريل إبريل "
    "مايو يونيو يوليو أغسطس اغسطس سبتمبر أكتوبر اكتوبر نوفمبر ديسمبر كانون شباط آذار اذار "
    "نيسان أيار ايار حزيران تموز آب اب أيلول ايلول تشرين الأول الاول الثاني gmt utc am pm ص م "
    "هـ الساعة"
).split()
_DATE_WORDS = frozenset(_WEEKDAYS + _MONTHS)
_NAV_WORDS = frozenset(
    (
        "logo top home menu share print email comments tweet facebook twitter whatsapp telegram "
        "الرئيسية شارك مشاركة طباعة أعلى الصفحة للأعلى تابعونا تعليقات التعليقات إعلان اعلان "
        "أخبار ذات صلة اقرأ أيضا أيضاً أيضا المزيد الكل"
    ).split()
)


#: A headline printed twice by the page template repeats one of the page's first few lines.
_HEADLINE_ZONE = 6


def sniff_binary(raw: bytes) -> str | None:
    """Name the kind of binary file ``raw`` is, or ``None`` if it may be text."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            return what
    return None


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column-in-bytes of byte ``offset``."""
    line = raw.count(b"\n", 0, offset) + 1
    return line, offset - (raw.rfind(b"\n", 0, offset) + 1) + 1


def decode(raw: bytes, *, name: str = "<input>", encoding: str | None = None) -> tuple[str, str]:
    """Decode ``raw`` strictly; return ``(text, encoding_used)``.

    Without ``encoding``: a BOM picks UTF-8/16/32, otherwise the bytes must be valid UTF-8. Nothing is
    ever replaced by U+FFFD: a bad byte is an :class:`InputError` naming the line and byte offset.
    """
    if not raw:
        raise InputError(
            "the file is empty.", path=name, fix="Choose a file with Arabic text in it."
        )
    binary = sniff_binary(raw)
    if binary:
        raise InputError(
            f"this is {binary}, not a text file.",
            path=name,
            fix="Copy the article's text into a .txt file (UTF-8) and import that.",
        )
    chosen = encoding
    if chosen is None:
        chosen = next((enc for bom, enc in _BOMS if raw.startswith(bom)), None)
    if chosen is None and b"\x00" in raw[:8192]:
        raise InputError(
            "the file contains NUL bytes and has no byte-order mark: it looks binary "
            "(or UTF-16 without a BOM).",
            path=name,
            byte=raw.index(b"\x00"),
            fix="If it is UTF-16 text, pass --encoding utf-16-le (or utf-16-be).",
        )
    chosen = chosen or "utf-8"
    try:
        codecs.lookup(chosen)
    except LookupError:
        raise InputError(
            f"unknown encoding {chosen!r}.",
            path=name,
            fix="Use a Python codec name such as utf-8, utf-16, cp1256 or iso-8859-6.",
        ) from None
    try:
        text = raw.decode(chosen, errors="strict")
    except UnicodeDecodeError as err:
        line, column = _position(raw, err.start)
        bad = raw[err.start : err.start + 4].hex(" ")
        hint = (
            "If the file was saved by an older Arabic Windows program, pass --encoding cp1256."
            if chosen.replace("_", "-").lower() in ("utf-8", "utf8", "utf-8-sig")
            else f"Check that the file really is {chosen}."
        )
        raise InputError(
            f"not valid {chosen} (bytes {bad}, column {column}): {err.reason}.",
            path=name,
            line=line,
            byte=err.start,
            fix=hint,
        ) from None
    check_text(text, name=name, encoding=chosen)
    return text, chosen


def check_text(text: str, *, name: str = "<input>", encoding: str = "utf-8") -> None:
    """Reject text that cannot be stored or shown faithfully: lone surrogates, NUL characters
    (PostgreSQL text cannot hold one: neither store keeps it), only whitespace. ``encoding``: the
    file's, to say at which byte."""
    if "\x00" in text:
        at = text.index("\x00")
        raise InputError(
            f"contains a NUL character (U+0000) at character {at}: the store cannot keep one "
            "(PostgreSQL text cannot hold it, so neither backend does).",
            path=name,
            line=text.count("\n", 0, at) + 1,
            byte=len(text[:at].encode(encoding, errors="replace")),
            fix="Remove it: re-save the file as plain UTF-8 text from the program that made it.",
        )
    for m in re.finditer(r"[\ud800-\udfff]", text):
        line = text.count("\n", 0, m.start()) + 1
        raise InputError(
            f"lone surrogate U+{ord(m.group()):04X} at character {m.start()}: "
            "the text is not valid Unicode.",
            path=name,
            line=line,
            fix="Re-save the file as UTF-8 from the program that produced it.",
        )
    if not text or text.isspace():  # not text.strip(): that copies the whole text
        raise InputError(
            "the file contains only whitespace.", path=name, fix="Choose a file with text in it."
        )


def _words(line: str) -> list[str]:
    return line.split()


def _norm(line: str) -> str:
    return " ".join(line.split())


def _has_letters(line: str) -> bool:
    return any(unicodedata.category(ch).startswith("L") for ch in line)


def _is_date_line(words: list[str]) -> bool:
    if not words:
        return False
    datey = 0
    for w in words:
        core = w.strip("•·-–—,.،:/()[]|").lower()
        if not core or core in _DATE_WORDS or core.isdigit() or re.fullmatch(r"[\d:/.\-]+", core):
            datey += 1
    return datey == len(words) and any(ch.isdigit() for ch in "".join(words))


def _furniture_reason(line: str, seen: set[str]) -> str:
    words = _words(line)
    if not _has_letters(line):
        return "no letters"
    if _is_date_line(words):
        return "date line"
    lowered = {w.strip("•·-–—,.،:|").lower() for w in words}
    if len(words) <= 3 and lowered and lowered <= _NAV_WORDS:
        return "navigation"
    if not ARABIC_LETTER.search(line) and len(words) <= 6:
        return "short non-Arabic line"
    if _norm(line) in seen and len(words) >= 3 and not _TERMINAL.search(line):
        # A headline printed twice by the page template; repeated *sentences* stay prose.
        return "repeated headline"
    return ""


def classify(text: str) -> tuple[Block, ...]:
    """Cut ``text`` into non-blank line blocks and tell prose from page furniture.

    Furniture: lines without letters, date lines, navigation words ("logo", "Top", "شارك"), short
    non-Arabic lines, a line repeating an earlier one (the headline printed twice), and short lines
    without final punctuation after the article's last sentence (site name, byline).
    """
    blocks: list[Block] = []
    seen: set[str] = set()
    paragraph = 0
    previous_blank = False
    for line in iter_lines(text):
        body = text[line.start : line.end]
        stripped = body.strip()
        if not stripped:
            if blocks and not previous_blank:
                paragraph += 1
            previous_blank = True
            continue
        previous_blank = False
        offset = len(body) - len(body.lstrip())
        start = line.start + offset
        end = start + len(stripped)
        reason = _furniture_reason(stripped, seen)
        blocks.append(Block(start, end, "furniture" if reason else "prose", paragraph, reason))
        if not reason and len(blocks) <= _HEADLINE_ZONE:
            seen.add(_norm(stripped))
        if line.breaks_paragraph:
            paragraph += 1
            previous_blank = True
    return tuple(_mark_trailer(text, blocks))


def _mark_trailer(text: str, blocks: list[Block]) -> list[Block]:
    # Site names and bylines sit after the last real sentence: short, no final punctuation.
    last_sentence = max(
        (
            i
            for i, b in enumerate(blocks)
            if b.kind == "prose" and _TERMINAL.search(text[b.start : b.end])
        ),
        default=None,
    )
    if last_sentence is None:
        return blocks
    out = list(blocks)
    for i in range(last_sentence + 1, len(out)):
        b = out[i]
        body = text[b.start : b.end]
        if b.kind == "prose" and len(body.split()) <= 3 and not _TERMINAL.search(body):
            out[i] = Block(b.start, b.end, "furniture", b.paragraph, "short line after the article")
    return out


def language_warnings(text: str) -> tuple[str, ...]:
    """Warnings when the text is not (mostly) Arabic, since the model is Arabic→English only."""
    # Counted per distinct character: a list of the letters would hold one str object per letter
    # (about 40 times the file's size for a big article).
    counts = Counter(text)
    letters = sum(n for ch, n in counts.items() if ch.isalpha())
    if not letters:
        return ("the text has no letters: nothing to translate.",)
    arabic = sum(n for ch, n in counts.items() if ch.isalpha() and ARABIC_LETTER.match(ch))
    warnings = []
    if arabic / letters < 0.5:
        warnings.append(
            f"only {arabic * 100 // letters}% of the letters are Arabic script: "
            "the model translates Arabic into English, other languages will come out as noise."
        )
    if arabic:
        persian = sum(n for ch, n in counts.items() if PERSIAN_URDU_LETTER.match(ch))
        if persian / arabic > 0.02:
            warnings.append(
                "the text uses letters of Persian, Urdu or Kurdish (پ چ ژ گ ک ی ے ...): "
                "the model translates Arabic only, expect poor output."
            )
    return tuple(warnings)


def read_text(text: str, *, name: str = "pasted text") -> Document:
    """Make a :class:`Document` from text already in memory (a paste in the editor)."""
    check_text(text, name=name)
    return Document(
        name=name,
        text=text,
        raw=text.encode("utf-8"),
        encoding="utf-8",
        blocks=classify(text),
        warnings=language_warnings(text),
    )


def read_bytes(
    raw: bytes, *, name: str, encoding: str | None = None, source_path: str | None = None
) -> Document:
    """Make a :class:`Document` from a file's bytes (an upload, or a file read by :func:`read_file`)."""
    text, used = decode(raw, name=name, encoding=encoding)
    return Document(
        name=name,
        text=text,
        raw=raw,
        encoding=used,
        blocks=classify(text),
        source_path=source_path,
        warnings=language_warnings(text),
    )


def read_file(path: str | Path, *, encoding: str | None = None) -> Document:
    """Read an article from disk. Errors name the file and the line or byte, and the fix."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except IsADirectoryError:
        raise InputError("is a folder, not a file.", path=p) from None
    except FileNotFoundError:
        raise InputError("no such file.", path=p) from None
    except OSError as err:
        raise InputError(f"cannot be read: {err.strerror}.", path=p) from None
    doc = read_bytes(raw, name=str(p), encoding=encoding, source_path=str(p))
    return Document(
        name=p.name,
        text=doc.text,
        raw=doc.raw,
        encoding=doc.encoding,
        blocks=doc.blocks,
        source_path=doc.source_path,
        warnings=doc.warnings,
    )


def sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()
