"""Reading articles: encodings, hostile files, the line rule, page furniture."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.text.lines import iter_lines
from workbench.text.read import (
    classify,
    decode,
    language_warnings,
    read_file,
    read_text,
)

ARABIC = "أكد المتحدث الرسمي أن التنظيم فقد قوته.\n"


@pytest.mark.parametrize(
    ("raw", "encoding", "expected_encoding"),
    [
        (ARABIC.encode("utf-8"), None, "utf-8"),
        (codecs.BOM_UTF8 + ARABIC.encode("utf-8"), None, "utf-8-sig"),
        (codecs.BOM_UTF16_LE + ARABIC.encode("utf-16-le"), None, "utf-16"),
        (codecs.BOM_UTF16_BE + ARABIC.encode("utf-16-be"), None, "utf-16"),
        (ARABIC.encode("cp1256"), "cp1256", "cp1256"),
    ],
    ids=["utf-8", "utf-8 BOM", "utf-16 LE BOM", "utf-16 BE BOM", "cp1256 given"],
)
def test_decodes(raw: bytes, encoding: str | None, expected_encoding: str) -> None:
    text, used = decode(raw, name="a.txt", encoding=encoding)
    assert text == ARABIC
    assert used == expected_encoding


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "empty"),
        (b"   \n\t\n", "only whitespace"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04rest", "ZIP"),
        (b"\xff\xd8\xff\xe0JFIF", "JPEG"),
        (b"\x89PNG\r\n\x1a\nxx", "PNG"),
        (b"abc\x00def", "NUL"),
        ("سطر\n".encode() + b"ok\n\xd9\x20bad", "line 3"),
        (ARABIC.encode("cp1256"), "--encoding cp1256"),
        (b"\xed\xa0\x80 lone surrogate encoded", "not valid utf-8"),
    ],
    ids=[
        "empty",
        "whitespace",
        "pdf",
        "zip",
        "jpeg",
        "png",
        "nul",
        "bad utf-8 line",
        "cp1256 hint",
        "surrogate",
    ],
)
def test_rejects_with_a_clear_message(raw: bytes, message: str) -> None:
    with pytest.raises(InputError) as info:
        decode(raw, name="bad.txt")
    assert "bad.txt" in str(info.value)
    assert message.lower() in str(info.value).lower()


def test_invalid_utf8_names_line_and_byte() -> None:
    raw = "سطر أول\nسطر ثان\n".encode() + b"x\xffy"
    with pytest.raises(InputError) as info:
        decode(raw, name="f.txt")
    assert info.value.line == 3
    assert info.value.byte == raw.index(b"\xff")
    assert "\ufffd" not in str(info.value)


def test_unknown_encoding_lists_examples() -> None:
    with pytest.raises(InputError, match="cp1256"):
        decode(b"abc", name="f.txt", encoding="no-such-codec")


def test_lone_surrogate_in_pasted_text() -> None:
    with pytest.raises(InputError, match="surrogate"):
        read_text("نص \ud800 مكسور")


def test_read_file_keeps_bytes_and_text_exactly(tmp_path: Path) -> None:
    original = codecs.BOM_UTF8 + "سطر\r\nثان\u200f ‏\r\n".encode()
    path = tmp_path / "a b ملف.txt"
    path.write_bytes(original)
    doc = read_file(path)
    assert doc.raw == original
    assert doc.text == original.decode("utf-8-sig")
    assert doc.name == "a b ملف.txt"


def test_read_file_errors_name_the_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="folder"):
        read_file(tmp_path)


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("a\nb", ["a", "b"]),
        ("a\r\nb", ["a", "b"]),
        ("a\rb", ["a", "b"]),
        ("a\r\n\r\nb", ["a", "", "b"]),
        ("a\x85b\u2028c\u2029d", ["a", "b", "c", "d"]),
        ("a\x0cb\x1cc\x0bd", ["a\x0cb\x1cc\x0bd"]),  # not line breaks (unlike str.splitlines)
        ("", [""]),
        ("a\n", ["a"]),
    ],
)
def test_line_rule(text: str, lines: list[str]) -> None:
    assert [text[ln.start : ln.end] for ln in iter_lines(text)] == lines


def test_seed_furniture(seed_path: Path) -> None:
    doc = read_file(seed_path)
    furniture = {doc.block_text(b): b.reason for b in doc.blocks if b.kind == "furniture"}
    assert set(furniture) == {
        "• Monday, 16 February 2026",
        "logo",
        "التحالف الدولي: داعش لا يستطيع الاختباء من قبضة الجيش العراقي والبيشمركة",
        "روداو",
        "Top",
    }
    assert furniture["• Monday, 16 February 2026"] == "date line"
    headline = [b for b in doc.blocks if "التحالف الدولي: داعش" in doc.block_text(b)]
    assert [b.kind for b in headline] == [
        "prose",
        "furniture",
    ]  # first kept, the repeat is furniture


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("-----", "furniture"),
        ("الأحد 16 فبراير 2026", "furniture"),
        ("12/03/2024 10:45 GMT", "furniture"),
        ("شارك", "furniture"),
        ("Share", "furniture"),
        ("أعلنت الحكومة اليوم عن خطة جديدة.", "prose"),
        ("كورونا", "prose"),  # a one-word Arabic headline before the article is prose
    ],
)
def test_furniture_rules(line: str, kind: str) -> None:
    text = f"{line}\n\nنص المقال الأساسي هنا وهو طويل بما يكفي.\n"
    assert classify(text)[0].kind == kind


def test_language_warnings() -> None:
    assert language_warnings("هذا نص عربي تماماً") == ()
    assert any("Arabic" in w for w in language_warnings("This is an English paragraph only."))
    assert any("Persian" in w for w in language_warnings("این یک متن فارسی است که پژوهشگر نوشت"))


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        (
            "عنوان الخبر المهم جداً\n\nعنوان الخبر المهم جداً\nنص المقال.",
            ["prose", "furniture", "prose"],
        ),
        ("نعم\nنعم\nنعم", ["prose", "prose", "prose"]),  # short repeated lines are content
        ("قال.\nقال.", ["prose", "prose"]),  # repeated sentences are content
    ],
    ids=["repeated headline", "repeated short lines", "repeated sentences"],
)
def test_repeated_lines(text: str, kinds: list[str]) -> None:
    assert [b.kind for b in classify(text)] == kinds
