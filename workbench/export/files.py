"""Export files: safe names made from document names, and atomic writes."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import unicodedata
from pathlib import Path

from workbench.errors import ConfigError, WorkbenchError
from workbench.export.model import Export

#: Longest file name suggested, in UTF-8 bytes (most file systems allow 255).
MAX_FILENAME_BYTES = 200
# Path separators, whitespace and Windows' reserved characters; safe_filename also replaces every
# control, format (bidi overrides, ZWJ) and separator character, which could disguise a name.
_UNSAFE_NAME = re.compile(r'[/\\<>:"|?*\s]')
_WINDOWS_DEVICES = re.compile(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?")


def safe_filename(name: str, suffix: str = "") -> str:
    """A file name made from a document name: no separators, nothing hidden, at most 200 bytes.

    Separators, whitespace, Windows-reserved and invisible characters become ``_``; leading dots
    and dashes go (no hidden files, no ``-option``); a known text extension is dropped; Windows
    device names get a ``_`` prefix; nothing left gives ``document``. Arabic letters are kept.
    """
    base = re.sub(r"(?i)\.(txt|text|ar)$", "", unicodedata.normalize("NFC", name))
    base = "".join(
        "_" if unicodedata.category(c)[0] in "CZ" else c for c in _UNSAFE_NAME.sub("_", base)
    )
    base = re.sub(r"_{2,}", "_", base).lstrip("._-").rstrip("._ ") or "document"
    if _WINDOWS_DEVICES.fullmatch(base):
        base = "_" + base
    budget = MAX_FILENAME_BYTES - len(suffix.encode("utf-8"))
    while len(base.encode("utf-8")) > budget:
        base = base[:-1]
    return base.rstrip("._ ") + suffix


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: the old file stays whole until the new one is.

    A temporary file in the same directory is written, flushed and fsynced, then ``os.replace``d
    over ``path``; on any failure (full disk, Ctrl-C) it is removed and ``path`` is untouched.
    """
    target = Path(path)
    tmp = target.parent / f".workbench-{secrets.token_hex(8)}.part"
    created = False
    try:
        # os.open with 0o666 lets the umask decide the mode, as for any file the user creates.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        created = True
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as err:
        if created:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(err, OSError):
            raise WorkbenchError(
                f"cannot write {target}: {err.strerror or err}. The previous file, if any, is "
                "unchanged; free some space or choose another folder."
            ) from err
        raise
    # Make the rename itself durable; not every platform can open a directory.
    with contextlib.suppress(OSError, AttributeError):
        dir_fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_export(export: Export, out_dir: str | Path) -> Path:
    """Write ``export`` into ``out_dir`` (created if missing) atomically; return the path."""
    name = export.filename
    if name.strip(".") == "" or Path(name).name != name or "\\" in name:
        raise ConfigError(
            f"refusing to write {name!r}: an export file name must be a plain name without a folder part."
        )
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WorkbenchError(f"cannot create the folder {folder}: {err.strerror}.") from err
    path = folder / export.filename
    write_atomic(path, export.data)
    return path
