"""Glossary files: CSV, TSV and TBX in and out, and the errors that name the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.errors import InputError
from workbench.terms import Term, glossary_bytes, read_glossary

TERMS = [
    Term("الجيش", "army", ("military", "troops"), "not 'the military'"),
    Term("داعش", "Islamic State group", ("ISIS",), ""),
    Term("كاغينز", "Caggins"),
]


@pytest.mark.parametrize("kind", ["csv", "tsv", "tbx"])
def test_round_trip(tmp_path: Path, kind: str) -> None:
    path = tmp_path / f"terms.{kind}"
    path.write_bytes(glossary_bytes(TERMS, kind))
    assert read_glossary(path) == TERMS


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("الجيش,army\n", [Term("الجيش", "army")]),
        ("arabic,english\nالجيش,army\n", [Term("الجيش", "army")]),
        ("\ufeffالجيش,army,military|troops\n", [Term("الجيش", "army", ("military", "troops"))]),
        ("الجيش,army,,a note\n\n", [Term("الجيش", "army", (), "a note")]),
        ('"الجيش, البري",land army\n', [Term("الجيش, البري", "land army")]),
    ],
)
def test_read_csv(tmp_path: Path, text: str, expected: list[Term]) -> None:
    path = tmp_path / "g.csv"
    path.write_text(text, encoding="utf-8")
    assert read_glossary(path) == expected


def test_bad_row_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("الجيش\tarmy\nالتحالف\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"g\.tsv, line 2: .*arabic, english"):
        read_glossary(path)


def test_unknown_extension_lists_the_formats(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"\.csv, \.tsv, \.tbx"):
        read_glossary(tmp_path / "g.xlsx")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_bytes("الجيش,army".encode("cp1256"))
    with pytest.raises(InputError, match="byte 0: the glossary is not UTF-8"):
        read_glossary(path)


def test_tbx_from_another_tool(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text(
        """<?xml version="1.0"?>
<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" xml:lang="en"><text><body>
<conceptEntry id="c1"><langSec xml:lang="ar-SA"><termSec><term>الجيش</term></termSec></langSec>
<langSec xml:lang="en-US"><termSec><term>military</term>
<termNote type="administrativeStatus">deprecatedTerm-admn</termNote></termSec>
<termSec><term>army</term></termSec></langSec></conceptEntry>
<conceptEntry id="c2"><langSec xml:lang="fr"><termSec><term>armée</term></termSec></langSec>
</conceptEntry></body></text></tbx>""",
        encoding="utf-8",
    )
    assert read_glossary(path) == [Term("الجيش", "army", ("military",))]


def test_broken_tbx(tmp_path: Path) -> None:
    path = tmp_path / "g.tbx"
    path.write_text("<martif><text>", encoding="utf-8")
    with pytest.raises(InputError, match="line 1: not valid XML"):
        read_glossary(path)
