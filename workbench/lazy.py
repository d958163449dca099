"""Names a package re-exports but imports only on first use (PEP 562's module ``__getattr__``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, MutableMapping
from importlib import import_module
from typing import Any


def lazy_names(
    namespace: MutableMapping[str, Any], homes: Mapping[str, str]
) -> Callable[[str], Any]:
    """A module ``__getattr__`` that imports each name of ``homes`` from its module when first used.

    ``namespace`` is the package's ``globals()``: a loaded name is kept there, so the next use is an
    ordinary attribute and the import runs once.
    """
    package = namespace["__name__"]

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home), name)
        namespace[name] = value
        return value

    return __getattr__
