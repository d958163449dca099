"""``tm export`` writes the memory with the export package's TMX writer; ``tm import`` reads it back.

Hostile text (C0 controls XML cannot hold, U+FFFE/U+FFFF, bidi controls, ZWJ, CR, markup-like
text) survives ``tm export`` → ``tm import`` exactly; a lone surrogate is refused with the unit
named, not a traceback.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli.main import cli
from workbench.config import DATABASE_URL_ENV
from workbench.export.xml import pairs_tmx_bytes
from workbench.memory import add_entries, entries, read_tmx
from workbench.store import Store

HOSTILE = [
    ("قال\x01 الوزير\x0b\x0c\x1b", "The\x00 minister\x1f said\x08"),
    ("\u202eالرئيس\u2067 وصل\u2069\u200f", "The \u202epresident\u202c arrived\u200d"),
    ("نص\ufffe غريب\uffff", "odd\ufffe text\uffff"),
    ("سطر\rثان\tو\nثالث", "line\rtwo\tand\nthree"),
    ("a < b & c ]]> <script>alert(1)</script>", "&amp; is not &; \\u0001 stays text"),
]


def test_pairs_tmx_is_well_formed_xml_with_codes() -> None:
    data = pairs_tmx_bytes(HOSTILE)
    root = ET.fromstring(data)  # every character is legal XML 1.0
    codes = [ph.text for ph in root.iter("ph") if ph.get("type") == "x-cp"]
    assert "U+0001" in codes and "U+0000" in codes and "U+FFFE" in codes
    assert "\u202e" in data.decode()  # bidi controls are legal: they stay literal
    assert b"&#13;" in data  # a CR would be read back as LF


def test_tm_export_import_round_trip(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    default_store: Store,
    request: pytest.FixtureRequest,
) -> None:
    kept = [(ar, en.replace("\x00", "")) for ar, en in HOSTILE]  # no store keeps a NUL
    add_entries(default_store, kept, "test")
    out = tmp_path / "memory.tmx"
    runner = CliRunner()
    exported = runner.invoke(cli, ["tm", "export", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    assert read_tmx(out).pairs == kept

    # Into another, empty store of the same backend.
    monkeypatch.setenv("WORKBENCH_HOME", str(tmp_path / "other-home"))
    if os.environ.get(DATABASE_URL_ENV):
        monkeypatch.setenv(DATABASE_URL_ENV, request.getfixturevalue("pg_server").url())
    imported = runner.invoke(cli, ["tm", "import", str(out)])
    assert imported.exit_code == 0, imported.output
    assert f"{len(HOSTILE)} pairs added" in imported.output
    assert [(e.source, e.target) for e in entries(Store.open_default())] == kept


def test_tm_import_refuses_a_lone_surrogate(tmp_path: Path, default_store: Store) -> None:
    path = tmp_path / "bad.tmx"
    path.write_bytes(pairs_tmx_bytes([("جيد", "good"), ("سيء\ud800", "bad")]))
    result = CliRunner().invoke(cli, ["tm", "import", str(path)])
    assert result.exit_code != 0
    assert "unit 2" in result.output and "U+D800" in result.output
    assert "Traceback" not in result.output
    assert entries(default_store) == []
