"""`workbench align`: output format, coverage, errors, --segment, and the dev figure."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from conftest import require_shared

from workbench.align.sentences import score_alignment
from workbench.cli.main import cli


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def links(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines()]


def test_jsonl_links_cover_every_line_in_order(tmp_path: Path) -> None:
    src = write(tmp_path / "ar", ["ذهب الولد إلى المدرسة.", "", "عاد في المساء 2020."])
    tgt = write(
        tmp_path / "en",
        ["The boy went to school.", "He came back in the evening 2020.", "Photo: AFP"],
    )
    mt = write(tmp_path / "mt", ["The boy went to school.", "", "He returned in the evening 2020."])
    result = CliRunner().invoke(cli, ["align", str(src), str(tgt), "--translation", str(mt)])
    assert result.exit_code == 0, result.output
    got = links(result.stdout)
    assert [i for link in got for i in link["src"]] == [0, 1, 2]  # type: ignore[attr-defined]
    assert [j for link in got for j in link["tgt"]] == [0, 1, 2]  # type: ignore[attr-defined]
    assert all(set(link) == {"src", "tgt", "score"} for link in got)


def test_translation_line_count_mismatch_names_the_file(tmp_path: Path) -> None:
    src = write(tmp_path / "ar", ["أ", "ب"])
    tgt = write(tmp_path / "en", ["a", "b"])
    mt = write(tmp_path / "mt.en", ["a"])
    result = CliRunner().invoke(cli, ["align", str(src), str(tgt), "--translation", str(mt)])
    assert result.exit_code == 1
    assert "mt.en" in result.stderr and "Traceback" not in result.output


def test_segment_option_cuts_paragraphs(tmp_path: Path) -> None:
    src = write(tmp_path / "ar", ["ذهب الولد. عاد الولد."])
    tgt = write(tmp_path / "en", ["The boy went. The boy came back."])
    result = CliRunner().invoke(cli, ["align", "--segment", "-f", "tsv", str(src), str(tgt)])
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


def test_no_model_and_no_translation_still_aligns(tmp_path: Path) -> None:
    src = write(tmp_path / "ar", ["جملة 1.", "جملة 2."])
    tgt = write(tmp_path / "en", ["Sentence 1.", "Sentence 2."])
    result = CliRunner().invoke(cli, ["align", str(src), str(tgt)])
    assert result.exit_code == 0, result.output
    assert "without machine translation" in result.stderr
    assert len(links(result.stdout)) == 2


def test_dev_document_strict_f1(shared_dir: Path) -> None:
    data = require_shared(shared_dir / "data" / "bleualign-dev")
    result = CliRunner().invoke(
        cli,
        [
            "align", str(data / "eval1957.de"), str(data / "eval1957.fr"),
            "--translation", str(data / "eval1957.google.fr"),
            "--reverse-translation", str(data / "eval1957.google.de"),
        ],
    )  # fmt: skip
    predicted = [(link["src"], link["tgt"]) for link in links(result.stdout)]
    gold = json.loads((data / "gold_alignments.eval1957.dev.json").read_text())["documents"][0][
        "alignments"
    ]
    scores = score_alignment(predicted, gold)  # type: ignore[arg-type]
    assert scores["f1_strict"] >= 0.88
    assert scores["f1_lax"] >= 0.95
