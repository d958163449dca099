"""Pieces shared by the command-line modules."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import click

from workbench.errors import WorkbenchError

F = TypeVar("F", bound=Callable[..., Any])


def friendly(func: F) -> F:
    """Turn a :class:`WorkbenchError` into a one-line error and exit status 1 (no traceback)."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except WorkbenchError as err:
            raise click.ClickException(str(err)) from err

    return wrapper  # type: ignore[return-value]


ENCODING_OPTION = click.option(
    "--encoding",
    default=None,
    help="Decode input with this codec (e.g. cp1256 for old Arabic Windows files). "
    "Default: UTF-8, or UTF-16/32 when the file starts with a byte-order mark.",
)
