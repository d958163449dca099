"""Writing an export: safe file names, and atomic writes that keep the old file when one fails."""

from __future__ import annotations

import errno
import io
import os
from pathlib import Path

import pytest

from workbench.errors import ConfigError, WorkbenchError
from workbench.export import Export, export_document, safe_filename, write_atomic, write_export
from workbench.export import files as ex
from workbench.store.sqlite import Store


@pytest.mark.parametrize(
    ("name", "suffix", "expected"),
    [
        ("article.txt", ".en.txt", "article.en.txt"),
        ("../x", ".tmx", "x.tmx"),
        ("../../etc/passwd", "", "etc_passwd"),
        ("a\\b/c", ".tsv", "a_b_c.tsv"),
        ("مقال عن الأمن.txt", ".en.txt", "مقال_عن_الأمن.en.txt"),
        ("  two  spaces  ", ".tsv", "two_spaces.tsv"),
        ("", ".tsv", "document.tsv"),
        ("..", ".tsv", "document.tsv"),
        (".hidden", "", "hidden"),
        ("-rf", ".txt", "rf.txt"),
        ("CON", ".txt", "_CON.txt"),
        ("\u202etxt.exe", "", "txt.exe"),
        ("a\x00b\nc", ".xlf", "a_b_c.xlf"),
        ('what?<is>:"this"|*', "", "what_is_this"),
    ],
)
def test_safe_filename(name: str, suffix: str, expected: str) -> None:
    assert safe_filename(name, suffix) == expected


@pytest.mark.parametrize("name", ["x" * 255, "ع" * 255, "ع" * 127 + "x", "a/" * 200])
def test_long_names_fit_in_a_file_name(name: str) -> None:
    out = safe_filename(name, ".ar-en.xlf")
    assert out.endswith(".ar-en.xlf")
    assert len(out.encode("utf-8")) <= ex.MAX_FILENAME_BYTES
    assert "/" not in out and "\\" not in out


def test_write_export_writes_inside_the_folder(
    store: Store, hostile_id: int, tmp_path: Path
) -> None:
    result = export_document(store, hostile_id, "tsv")
    path = write_export(result, tmp_path / "out" / "new")
    assert path.parent == tmp_path / "out" / "new"
    assert path.read_bytes() == result.data
    assert os.listdir(path.parent) == [result.filename]


@pytest.mark.parametrize("filename", ["../x.txt", "a/b.txt", "a\\b.txt", "..", ""])
def test_write_export_refuses_a_path(tmp_path: Path, filename: str) -> None:
    with pytest.raises(ConfigError, match="without a folder part"):
        write_export(Export("txt", filename, "text/plain", b"x"), tmp_path)


def _fail(*_: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


class _DiskFillsUp(io.FileIO):
    def write(self, data: object) -> int:
        super().write(bytes(data)[:10])  # type: ignore[call-overload]
        raise OSError(errno.ENOSPC, "No space left on device")


def _half_write(fd: int, mode: str) -> io.FileIO:
    return _DiskFillsUp(fd, "wb")


@pytest.mark.parametrize(
    ("patched", "replacement", "error"),
    [
        ("fdopen", _half_write, WorkbenchError),
        ("fsync", _fail, WorkbenchError),
        ("replace", _fail, WorkbenchError),
        ("fsync", _interrupt, KeyboardInterrupt),
    ],
)
def test_failed_write_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, patched: str, replacement: object, error: type
) -> None:
    path = tmp_path / "doc.en.txt"
    write_atomic(path, b"old complete export\n")
    monkeypatch.setattr(f"workbench.export.files.os.{patched}", replacement)
    with pytest.raises(error):
        write_atomic(path, b"new export that never lands\n" * 1000)
    monkeypatch.undo()
    assert path.read_bytes() == b"old complete export\n"
    assert os.listdir(tmp_path) == ["doc.en.txt"]


def test_failed_first_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("workbench.export.files.os.fsync", _fail)
    with pytest.raises(WorkbenchError, match="No space left"):
        write_atomic(tmp_path / "doc.tmx", b"data")
    assert os.listdir(tmp_path) == []


def test_write_atomic_replaces_and_respects_umask(tmp_path: Path) -> None:
    path = tmp_path / "doc.tsv"
    write_atomic(path, b"one")
    write_atomic(path, b"two")
    assert path.read_bytes() == b"two"
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
