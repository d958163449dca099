"""QA over pairs, files and stored documents: codes, glossary terms, inconsistency, the CLI."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli.main import cli
from workbench.pipeline.document import add_document
from workbench.quality.qa import (
    CODES,
    PAIR_CHECKS,
    Issue,
    check_document,
    check_pair,
    check_pairs,
)
from workbench.store import Store
from workbench.terms import Glossary, Term
from workbench.text.read import read_text

GLOSSARY = Glossary([Term("الجيش", "army", ("military",)), Term("داعش", "Islamic State")])


def codes(issues: Sequence[Issue]) -> list[str]:
    return [i.code for i in issues]


def test_every_check_has_a_documented_code() -> None:
    assert set(PAIR_CHECKS) <= set(CODES)
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for code in CODES:
        assert f"`{code}`" in readme, f"README.md does not document {code}"


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("قال الجيش", "The army said", []),
        ("قال الجيش", "The military said", ["term-missing", "term-forbidden"]),
        ("وبالجيش", "and with the Army", []),
        ("قال الجيش", "", ["empty-target"]),
        ("قال الجيش", None, ["empty-target"]),
        ("قال الجيش عام ٢٠٢٠", "The army said in 2002", ["number-mismatch"]),
        ("مقاتلو داعش", "ISIS fighters", ["term-missing"]),
        ("مقاتلو داعش", "Islamic State fighters", []),
    ],
)
def test_check_pair(source: str, target: str | None, expected: list[str]) -> None:
    assert codes(check_pair(source, target, GLOSSARY)) == expected


def test_each_pair_check_reports_once_per_pair() -> None:
    # Two repeats, two links, two numbers: one issue each (one badge per code in the editor).
    found = check_pair("قتل ٣ و٤ في 2020 https://a.org @b", "killed in in the the 2021 @c", None)
    assert codes(found) == ["number-mismatch", "url-missing", "repeated-word"]


def test_terms_are_checked_only_with_a_glossary() -> None:
    assert check_pair("قال الجيش", "The military said") == []


def test_inconsistent_translation_only_among_confirmed() -> None:
    pairs = [("قال الجيش", "The army said"), ("قالَ الجيش", "The military said"), ("x", "y")]
    found = check_pairs(pairs, confirmed=[True, True, False])
    assert [codes(f) for f in found] == [["inconsistent-translation"]] * 2 + [[]]
    assert found[0][0].detail == "same source as line 1"
    assert check_pairs(pairs, confirmed=[True, False, False]) == [[], [], []]


def test_check_document(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    doc_id, _ = add_document(
        store, read_text("قال الجيش عام ٢٠٢٠.\nقال الجيش عام ٢٠٢٠.\n", name="a")
    )
    first, second = store.segments(doc_id)
    store.save_edit(first.id, "The army said in 2020.", first.version, confirm=True)
    store.save_edit(second.id, "The Army said in 2002.", second.version, confirm=True)
    rows = check_document(store, doc_id, GLOSSARY)
    assert [codes(list(r.issues)) for r in rows] == [
        ["inconsistent-translation"],
        ["number-mismatch", "inconsistent-translation"],
    ]
    assert rows[0].issues[0].detail == "same source as segment 1"


def test_cli_files(tmp_path: Path) -> None:
    (tmp_path / "a.ar").write_text("قال الجيش\nقتل ٣٩ شخصا\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("The army said\n93 people were killed\n", encoding="utf-8")
    (tmp_path / "g.csv").write_text("الجيش,army,military\n", encoding="utf-8")
    args = ["qa", str(tmp_path / "a.ar"), str(tmp_path / "a.en"), "--glossary"]
    result = CliRunner().invoke(cli, [*args, str(tmp_path / "g.csv")])
    assert result.exit_code == 1, result.output
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert lines == [
        {"line": 0, "issues": []},
        {
            "line": 1,
            "issues": [{"code": "number-mismatch", "detail": "٣٩ (39) not in the English"}],
        },
    ]
    text = CliRunner().invoke(cli, [*args, str(tmp_path / "g.csv"), "--format", "text"])
    assert text.output == "line 1: number-mismatch: ٣٩ (39) not in the English\n"


def test_cli_clean_files_exit_zero(tmp_path: Path) -> None:
    (tmp_path / "a.ar").write_text("قال الجيش\n", encoding="utf-8")
    (tmp_path / "a.en").write_text("The army said\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["qa", str(tmp_path / "a.ar"), str(tmp_path / "a.en")])
    assert (result.exit_code, result.output) == (0, '{"line": 0, "issues": []}\n')


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.ar"], "give SRC and EN, or --document DOC_ID"),
        (["a.ar", "b.en"], "a.ar has 1 lines but b.en has 2"),
        (["a.ar", "a.ar", "--glossary", "g.xlsx"], "unknown glossary format"),
        (["--document", "99"], "99"),
    ],
)
def test_cli_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.ar").write_text("قال\n", encoding="utf-8")
    (tmp_path / "b.en").write_text("said\nmore\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["qa", *args])
    assert result.exit_code == 2 if "give" in message else result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_document() -> None:
    store = Store.open_default()
    doc_id, _ = add_document(store, read_text("قال الجيش.\n", name="a"))
    result = CliRunner().invoke(cli, ["qa", "--document", str(doc_id), "--format", "text"])
    assert (result.exit_code, result.output) == (1, "segment 0: empty-target: no English\n")
