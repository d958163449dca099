"""`workbench translate` and `workbench model` against the tiny real CTranslate2 model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli.main import cli
from workbench.config import MODELS_ENV
from workbench.store.sqlite import Store


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_translate_writes_jsonl_and_labels_the_standin(
    tiny_model_dir: Path, seed_path: Path, tmp_path: Path
) -> None:
    code, out, err = run(
        "translate", "--model", str(tiny_model_dir), "-o", str(tmp_path), str(seed_path)
    )
    assert code == 0, err
    assert "NOT a translation" in err
    written = Path(out.strip())
    assert written.parent == tmp_path and written.name.endswith(".jsonl")
    records = [json.loads(line) for line in written.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 15
    prose = [r for r in records if r["kind"] == "prose"]
    assert all(r["mt"] is not None for r in prose)


def test_rerun_resumes_and_redoes_nothing(
    tiny_model_dir: Path, seed_path: Path, tmp_path: Path
) -> None:
    args = ("translate", "--model", str(tiny_model_dir), "-o", str(tmp_path), str(seed_path))
    assert run(*args)[0] == 0
    store = Store.open_default()
    before = [(s.id, s.version) for s in store.segments(1)]
    assert run(*args)[0] == 0
    assert [(s.id, s.version) for s in store.segments(1)] == before


def test_bad_file_is_reported_and_the_rest_translated(
    tiny_model_dir: Path, seed_path: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00")
    (folder / "good.txt").write_bytes(seed_path.read_bytes())
    code, _, err = run(
        "translate",
        "--model",
        str(tiny_model_dir),
        "-o",
        str(tmp_path / "out"),
        "-f",
        "txt",
        str(folder),
    )
    assert code == 1
    assert "failed: " in err and "bad.txt" in err
    assert (tmp_path / "out" / "good.en.txt").exists()


def test_interrupt_says_how_to_resume(
    tiny_model_dir: Path, seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.pipeline.document

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(workbench.pipeline.document, "translate_document", interrupted)
    code, _, err = run(
        "translate", "--model", str(tiny_model_dir), "-o", str(tmp_path), str(seed_path)
    )
    assert code == 130
    assert "resume" in err
    assert not list(tmp_path.glob("*.jsonl"))  # nothing half-written


def test_no_model_installed_is_a_clear_error(
    seed_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MODELS_ENV, str(tmp_path / "empty"))
    code, _, err = run("translate", "-o", str(tmp_path), str(seed_path))
    assert code == 1
    assert "no translation model is installed" in err and "workbench model standin" in err
    code, out, _ = run("model", "info")
    assert code == 0 and "no usable model is installed" in out


def test_invalid_option_lists_choices(
    tiny_model_dir: Path, seed_path: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        "translate", "--model", str(tiny_model_dir), "--compute-type", "int3", str(seed_path)
    )
    assert code == 1
    assert "int8" in err and "Traceback" not in err


def test_alignments_in_jsonl(tiny_model_dir: Path, seed_path: Path, tmp_path: Path) -> None:
    code, out, err = run(
        "translate",
        "--alignments",
        "--beam",
        "1",
        "--model",
        str(tiny_model_dir),
        "-o",
        str(tmp_path),
        str(seed_path),
    )
    assert code == 0, err
    records = [
        json.loads(line) for line in Path(out.strip()).read_text(encoding="utf-8").splitlines()
    ]
    prose = [r for r in records if r["kind"] == "prose"]
    assert all(isinstance(r["alignment"], str) for r in prose)
    for r in prose:
        n_src, n_tgt = len(r["source"].split()), len(r["mt"].split())
        for pair in r["alignment"].split():
            i, j = map(int, pair.split("-"))
            assert 0 <= i < n_src and 0 <= j < n_tgt
    furniture = [r for r in records if r["kind"] == "furniture"]
    assert all(r["alignment"] is None for r in furniture)
