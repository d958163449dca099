"""The command line: every command has help, errors are one clean line, outputs are right."""

from __future__ import annotations

import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import require_shared

from workbench.cli.main import cli


def all_commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, command in group.commands.items():
        out.append((*prefix, name))
        if isinstance(command, click.Group):
            out.extend(all_commands(command, (*prefix, name)))
    return out


@pytest.mark.parametrize("path", all_commands(cli), ids=lambda p: " ".join(p))
def test_every_command_has_help(path: tuple[str, ...]) -> None:
    command: click.Command = cli
    for name in path:
        assert isinstance(command, click.Group)
        command = command.commands[name]
    assert command.help and len(command.help.strip()) > 20, (
        f"`workbench {' '.join(path)}` needs help text"
    )
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output


def test_segment_text_output(seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["segment", str(seed_path)])
    assert result.exit_code == 0, result.output
    lines = result.output.split("\n")
    assert lines[0] == "• Monday, 16 February 2026"
    # one blank line where the seed has a paragraph break (the four before its footer count as
    # one), and the empty string after the final newline
    assert [i for i, line in enumerate(lines) if not line] == [
        2, 4, 7, 9, 11, 13, 15, 17, 19, 21, 23, 26,
    ]  # fmt: skip
    assert [line for line in lines if line] == (
        Path(__file__).parent.parent / "gold" / "seed_sentences.txt"
    ).read_text(encoding="utf-8").splitlines()


def test_segment_jsonl_has_spans(seed_path: Path) -> None:
    result = CliRunner().invoke(cli, ["segment", "--format", "jsonl", str(seed_path)])
    text = seed_path.read_text(encoding="utf-8")
    records = [json.loads(line) for line in result.output.splitlines()]
    assert len(records) == 15
    for r in records:
        assert text[r["start"] : r["end"]] == r["text"]
    assert {r["kind"] for r in records} == {"prose", "furniture"}


def test_segment_bad_file_then_good_file(tmp_path: Path, seed_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xd9\x20")
    result = CliRunner().invoke(cli, ["segment", str(bad), str(seed_path)])
    assert result.exit_code == 1
    assert f"{bad}, line 2, byte 3" in result.output
    assert "Traceback" not in result.output
    assert "أكد المتحدث" in result.output  # the batch went on


def test_segment_with_encoding(tmp_path: Path) -> None:
    path = tmp_path / "old.txt"
    path.write_bytes("جملة أولى. جملة ثانية.".encode("cp1256"))
    assert "--encoding cp1256" in CliRunner().invoke(cli, ["segment", str(path)]).output
    result = CliRunner().invoke(cli, ["segment", "--encoding", "cp1256", str(path)])
    assert result.output.splitlines() == ["جملة أولى.", "جملة ثانية."]


def test_import_and_documents(seed_path: Path, isolated_home: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["import", str(seed_path)])
    assert result.exit_code == 0, result.output
    assert (isolated_home / "workbench.db").exists()
    listing = runner.invoke(cli, ["documents", "--json"])
    row = json.loads(listing.output.splitlines()[0])
    assert (row["translatable"], row["confirmed"]) == (10, 0)


def test_import_failure_exits_non_zero(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["import", str(empty)])
    assert result.exit_code == 1
    assert "empty" in result.output


def test_score_json(shared_dir: Path) -> None:
    flores = require_shared(shared_dir / "data" / "flores101-dev")
    result = CliRunner().invoke(
        cli,
        ["score", "--json", str(flores / "flores-dev.opusmt.en"), str(flores / "flores-dev.en")],
    )
    scores = {s["metric"]: s for s in json.loads(result.output)}
    assert scores["BLEU"]["score"] == pytest.approx(33.93)
    assert scores["BLEU"]["signature"].startswith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp")


def test_score_mismatch_is_clean(tmp_path: Path) -> None:
    (tmp_path / "h").write_text("a\nb\n")
    (tmp_path / "r").write_text("a\n")
    result = CliRunner().invoke(cli, ["score", str(tmp_path / "h"), str(tmp_path / "r")])
    assert result.exit_code == 1
    assert "2 lines" in result.output and "Traceback" not in result.output
