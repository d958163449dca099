"""Which files a batch run reads, how their names are shown, and where their outputs go.

A folder is walked in sorted order; a link that leads nowhere (dangling, or a loop) is a failure
of its own rather than a silent skip. File names are bytes on POSIX: one that is not UTF-8
reaches Python with surrogates (``os.fsdecode``), which no UTF-8 stream or SQLite text column
takes, so it is shown and stored with those bytes escaped as ``\\xNN``. Outputs mirror the input
folders and are named after each input itself; two inputs that would write the same output are an
error before anything is written.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import ConfigError, InputError
from workbench.export import safe_filename, suggested_filename

#: File name endings taken when a folder is given.
TEXT_SUFFIXES = (".txt", ".text", ".ar")


def shown(text: str | Path) -> str:
    """``text`` with the bytes of an undecodable file name escaped (``b"\\xff"`` → ``\\xff``)."""
    value = str(text)
    try:
        raw = value.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that does not stand for a byte: show its code
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    return raw.decode("utf-8", "backslashreplace")


@dataclass(frozen=True)
class Source:
    """One input file: where it is, where it sits under what was named, or why it cannot be read.

    ``relative`` is the file's name for a file named directly, and its path inside the folder for
    a file found in a folder; outputs mirror it.
    """

    path: Path
    relative: Path
    error: InputError | None = None


def find_sources(paths: Iterable[str | Path]) -> Iterator[Source]:
    """Files named directly, and the text files inside folders (sorted, recursively)."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from _walk(p, Path(), {_identity(p)})
        else:
            yield Source(p, Path(p.name))


def _identity(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_dev, info.st_ino


def _walk(folder: Path, relative: Path, seen: set[tuple[int, int]]) -> Iterator[Source]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as err:
        yield Source(folder, relative, InputError(f"cannot list: {err.strerror}.", path=folder))
        return
    for entry in entries:
        path, inside = Path(entry.path), relative / entry.name
        is_text = Path(entry.name).suffix.lower() in TEXT_SUFFIXES
        try:
            if entry.is_dir():
                identity = _identity(path)
                if identity in seen:
                    yield Source(path, inside, _broken(path, "a link back into a folder above it"))
                    continue
                yield from _walk(path, inside, seen | {identity})
            elif entry.is_file():
                if is_text:
                    yield Source(path, inside)
            elif is_text and entry.is_symlink():
                yield Source(path, inside, _broken(path, "a link to nothing"))
        except OSError as err:  # ELOOP: a link to itself, or a circle of links
            if is_text or entry.is_symlink():
                yield Source(
                    path, inside, _broken(path, f"a link that cannot be followed ({err.strerror})")
                )


def _broken(path: Path, what: str) -> InputError:
    return InputError(
        f"is {what}; skipped.", path=path, fix="Fix or remove the link to translate it."
    )


def output_paths(sources: Iterable[Source], fmt: str, out_dir: Path) -> dict[Path, Path]:
    """Each readable source's output file in ``out_dir``, by the source's path.

    The folders mirror ``relative``; the name is the input's own (made safe, with the format's
    ending). The same file named twice is written once; two different inputs that would write the
    same output raise :class:`ConfigError` naming every such pair, so nothing is written.
    """
    out: dict[Path, Path] = {}
    taken: dict[Path, Path] = {}
    clashes = []
    for source in sources:
        if source.error is not None or source.path in out:
            continue
        folders = [safe_filename(shown(part)) for part in source.relative.parent.parts]
        target = out_dir.joinpath(*folders, suggested_filename(shown(source.relative.name), fmt))
        first = taken.setdefault(target, source.path)
        if first != source.path and os.path.realpath(first) != os.path.realpath(source.path):
            clashes.append(
                f"{shown(first)} and {shown(source.path)} would both write {shown(target)}"
            )
        out[source.path] = target
    if clashes:
        raise ConfigError(
            "two inputs would write the same output: "
            + "; ".join(clashes)
            + ". Nothing was written; rename one of each pair, or translate them in separate "
            "runs with different -o folders."
        )
    return out
