"""Pieces shared by the command-line modules."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from workbench.errors import InputError, WorkbenchError
from workbench.pipeline.sources import shown
from workbench.text.chars import CONTROL_CHARS

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Turn a :class:`WorkbenchError` into a one-line error and exit status 1 (no traceback)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except WorkbenchError as err:
            raise click.ClickException(shown(str(err))) from err

    return wrapper  # type: ignore[return-value]


ENCODING_OPTION = click.option(
    "--encoding",
    default=None,
    help="Decode input with this codec (e.g. cp1256 for old Arabic Windows files). "
    "Default: UTF-8, or UTF-16/32 when the file starts with a byte-order mark.",
)


def failure(path: Path, err: WorkbenchError) -> str:
    """The line for a file that failed: its path once (a read error already starts with it)."""
    if isinstance(err, InputError) and err.path is not None:
        return shown(str(err))
    return f"{shown(path)}: {shown(str(err))}"


def warn(path: Path, warnings: Sequence[str]) -> None:
    """Print a file's warnings (not Arabic, Persian letters, ...) to stderr, one a line."""
    for warning in warnings:
        click.echo(f"Warning: {shown(path)}: {warning}", err=True)


def visible_controls(text: str, *, invisible: bool = False) -> str:
    """``text`` for a terminal: each control character (ESC, CR, C1, ...; not tab) as ``\\xNN``.

    With ``invisible``, bidi controls, zero-width characters and line/paragraph separators become
    ``\\uNNNN`` too: in a one-line listing (a document's name) they would reorder or hide text.
    """
    out = []
    for char in text:
        category = unicodedata.category(char)
        if category == "Cc" and char != "\t":
            out.append(f"\\x{ord(char):02x}")
        elif invisible and (char in CONTROL_CHARS or category in ("Zl", "Zp")):
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return "".join(out)
