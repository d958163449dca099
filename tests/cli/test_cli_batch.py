"""The batch path of `workbench translate` and `workbench import`: outputs, names, links, signals."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

import workbench.translate.engine
from workbench.cli.common import visible_controls
from workbench.cli.main import cli
from workbench.testing import FakeTranslator

ARABIC = "ذهب الولد إلى المدرسة. عاد الولد إلى البيت.\n"
PERSIAN = "این یک متن فارسی است که پ و چ و گ و ژ دارد.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(autouse=True)
def fake_model(monkeypatch: pytest.MonkeyPatch) -> FakeTranslator:
    fake = FakeTranslator()
    monkeypatch.setattr(workbench.translate.engine, "open_translator", lambda *a, **k: fake)
    return fake


def write(path: Path, text: str = ARABIC) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def sources_in(output: Path) -> list[str]:
    lines = output.read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["source"] for line in lines]


def test_output_folders_mirror_the_input_folders(tmp_path: Path) -> None:
    write(tmp_path / "src" / "a" / "news.txt", "أ.\n")
    write(tmp_path / "src" / "b" / "news.txt", "ب.\n")
    out = tmp_path / "out"
    code, stdout, err = run("translate", "-o", str(out), str(tmp_path / "src"))
    assert code == 0, err
    assert "2 translated, 0 failed" in err
    assert sources_in(out / "a" / "news.ar-en.jsonl") == ["أ."]
    assert sources_in(out / "b" / "news.ar-en.jsonl") == ["ب."]
    assert stdout.splitlines() == [
        str(out / "a" / "news.ar-en.jsonl"),
        str(out / "b" / "news.ar-en.jsonl"),
    ]


@pytest.mark.parametrize(
    ("names", "folder"),
    [
        (["news.txt", "news.text"], True),  # one folder, two endings, one output name
        (["a/news.txt", "b/news.txt"], False),  # two files named directly
    ],
)
def test_a_collision_is_an_error_before_anything_is_written(
    tmp_path: Path, names: list[str], folder: bool, fake_model: FakeTranslator
) -> None:
    paths = [write(tmp_path / "src" / name) for name in names]
    out = tmp_path / "out"
    args = [str(tmp_path / "src")] if folder else [str(p) for p in paths]
    code, _, err = run("translate", "-o", str(out), *args)
    assert code == 1
    assert "would both write" in err and str(out / "news.ar-en.jsonl") in err
    assert all(str(p) in err for p in paths)
    assert not out.exists() and fake_model.calls == []


def test_the_same_file_twice_is_no_collision(tmp_path: Path) -> None:
    path = write(tmp_path / "news.txt")
    code, _, err = run("translate", "-o", str(tmp_path / "out"), str(path), str(path))
    assert code == 0, err
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["news.ar-en.jsonl"]


def test_same_bytes_get_their_own_output_name(tmp_path: Path) -> None:
    write(tmp_path / "src" / "first.txt")
    write(tmp_path / "src" / "second.txt")
    out = tmp_path / "out"
    code, _, err = run("translate", "-o", str(out), str(tmp_path / "src"))
    assert code == 0, err
    assert sorted(p.name for p in out.iterdir()) == ["first.ar-en.jsonl", "second.ar-en.jsonl"]
    assert sources_in(out / "first.ar-en.jsonl") == sources_in(out / "second.ar-en.jsonl")


@pytest.mark.parametrize(
    ("fmt", "suffix", "mark"),
    [
        ("tmx", ".ar-en.tmx", '<prop type="x-document">{}</prop>'),
        ("xliff", ".ar-en.xlf", 'original="{}"'),
        ("xliff2", ".ar-en.v2.xlf", 'original="{}"'),
    ],
)
def test_same_bytes_name_their_own_file_inside(
    tmp_path: Path, fmt: str, suffix: str, mark: str
) -> None:
    write(tmp_path / "src" / "first.txt")
    write(tmp_path / "src" / "second.txt")
    out = tmp_path / "out"
    code, _, err = run(
        "translate", "-f", fmt, "--include-standin", "-o", str(out), str(tmp_path / "src")
    )
    assert code == 0, err
    for name in ("first", "second"):
        inside = (out / f"{name}{suffix}").read_text(encoding="utf-8")
        assert mark.format(f"{name}.txt") in inside
        assert ("second" in inside) == (name == "second")


def undecodable(tmp_path: Path) -> Path:
    folder = tmp_path / "src"
    folder.mkdir()
    name = os.fsdecode(b"news-\xff.txt")  # not UTF-8: reaches Python with a surrogate
    (folder / name).write_text(ARABIC, encoding="utf-8")
    write(folder / "plain.txt", "ب.\n")
    return folder


def test_a_file_name_that_is_not_utf8_is_escaped_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = undecodable(tmp_path)
    code, stdout, err = run("import", str(folder))
    assert code == 0, err
    assert stdout.splitlines()[0] == f"{folder}/news-\\xff.txt: document 1"
    assert "2 imported, 0 failed" in err
    code, listing, _ = run("documents")
    assert "news-\\xff.txt" in listing
    code, stdout, err = run("translate", "-o", str(tmp_path / "out"), str(folder))
    assert code == 0, err
    assert "2 translated, 0 failed" in err
    assert (tmp_path / "out" / "news-_xff.ar-en.jsonl").exists()


def test_an_undecodable_name_in_an_error_is_escaped(tmp_path: Path) -> None:
    bad = tmp_path / os.fsdecode(b"empty-\xfe.txt")
    bad.write_bytes(b"")
    code, _, err = run("import", str(bad))
    assert code == 1
    assert "empty-\\xfe.txt" in err and "Traceback" not in err
    code, _, err = run("translate", "-o", str(tmp_path / "out"), str(bad))
    assert code == 1 and "empty-\\xfe.txt" in err


@pytest.mark.parametrize("command", ["import", "translate"])
def test_import_and_translate_warn_about_other_languages(tmp_path: Path, command: str) -> None:
    path = write(tmp_path / "farsi.txt", PERSIAN)
    code, _, err = run(
        command, *(["-o", str(tmp_path / "out")] if command == "translate" else []), str(path)
    )
    assert code == 0, err
    assert f"Warning: {path}: " in err and "Persian" in err


def test_links_to_nothing_are_failures(tmp_path: Path) -> None:
    folder = tmp_path / "src"
    write(folder / "good.txt")
    (folder / "gone.txt").symlink_to(folder / "missing.txt")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to(folder)
    code, _, err = run("import", str(folder))
    assert code == 1
    assert "1 imported, 3 failed" in err
    for name in ("gone.txt", "loop.txt", "sub/up"):
        assert f"{folder / name}: is a link" in err
    code, _, err = run("translate", "-o", str(tmp_path / "out"), str(folder))
    assert code == 1 and "1 translated, 3 failed" in err


def test_a_failure_line_names_its_path_once(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00")
    code, _, err = run("translate", "-o", str(tmp_path / "out"), str(bad))
    assert code == 1
    [line] = [line for line in err.splitlines() if "failed: " in line and "bad.txt" in line]
    assert line.count(str(bad)) == 1


def test_ctrl_c_while_reading_says_how_to_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.pipeline.document

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(workbench.pipeline.document, "read_file", interrupted)
    path = write(tmp_path / "news.txt")
    code, _, err = run("translate", "-o", str(tmp_path / "out"), str(path))
    assert (code, "Aborted" in err) == (130, False)
    assert "finished segments are saved; run the same command to resume" in err
    code, _, err = run("import", str(path))
    assert (code, "Aborted" in err) == (130, False)
    assert "run the same command" in err


def test_segment_text_is_exact_in_a_pipe(tmp_path: Path) -> None:
    path = write(tmp_path / "ansi.txt", "جملة \x1b[31mحمراء\x1b[0m هنا.\n")
    result = CliRunner().invoke(cli, ["segment", str(path)])
    assert result.stdout == "جملة \x1b[31mحمراء\x1b[0m هنا.\n"


def test_segment_shows_control_characters_on_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import workbench.cli.segment

    monkeypatch.setattr(workbench.cli.segment, "_on_terminal", lambda: True)
    path = write(tmp_path / "ansi.txt", "جملة \x1b[31mحمراء\x1b[0m\x07 هنا.\n")
    result = CliRunner().invoke(cli, ["segment", str(path)])
    assert result.stdout == "جملة \\x1b[31mحمراء\\x1b[0m\\x07 هنا.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("", ""),
        ("tab\tkept", "tab\tkept"),
        ("\x1b[2J", "\\x1b[2J"),
        ("a\rb", "a\\x0db"),
        ("c1\x85", "c1\\x85"),
        ("زwnj\u200c", "زwnj\u200c"),
    ],
)
def test_visible_controls(text: str, expected: str) -> None:
    assert visible_controls(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain خبر", "plain خبر"),
        ("tab\tkept", "tab\tkept"),
        ("\x1b[31mred", "\\x1b[31mred"),
        ("rlo\u202eevil", "rlo\\u202eevil"),
        ("zw\u200bsp", "zw\\u200bsp"),
        ("line\u2028sep", "line\\u2028sep"),
        ("soft\u00adhyphen", "soft\u00adhyphen"),
    ],
)
def test_visible_controls_with_invisible(text: str, expected: str) -> None:
    assert visible_controls(text, invisible=True) == expected


def test_documents_escapes_control_and_bidi_characters_in_names() -> None:
    from workbench.pipeline.document import add_document
    from workbench.store.sqlite import Store
    from workbench.text.read import read_text

    add_document(Store.open_default(), read_text("قال الوزير.", name="news\x1b[2J\u202etxt.exe"))
    result = CliRunner().invoke(cli, ["documents"])
    assert result.exit_code == 0, result.output
    assert "news\\x1b[2J\\u202etxt.exe" in result.output
    assert "\x1b" not in result.output and "\u202e" not in result.output


def test_translate_tmx_with_the_standin_says_why_it_is_empty(tmp_path: Path) -> None:
    article = write(tmp_path / "news.txt")
    code, _, err = run("translate", str(article), "-o", str(tmp_path / "out"), "-f", "tmx")
    assert code == 0
    assert "--include-standin" in err and "no units" in err
    tmx = (tmp_path / "out" / "news.ar-en.tmx").read_text(encoding="utf-8")
    assert "<tu" not in tmx


def test_translate_tmx_include_standin_keeps_units_marked(tmp_path: Path) -> None:
    article = write(tmp_path / "news.txt")
    out = tmp_path / "out"
    code, _, err = run("translate", str(article), "-o", str(out), "-f", "tmx", "--include-standin")
    assert code == 0
    assert "no units" not in err
    tmx = (out / "news.ar-en.tmx").read_text(encoding="utf-8")
    assert tmx.count("<tu creationdate=") == 2
    assert "NOT A TRANSLATION" in tmx
