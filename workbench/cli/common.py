"""Pieces shared by the command-line modules."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from workbench.errors import InputError, WorkbenchError
from workbench.pipeline.sources import shown

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
