"""The command line (``workbench ...``): one Click module per command group, assembled in ``main``.

Thin: each command parses its options (whose choices come from the library's registries), calls
the library and prints; a :class:`~workbench.errors.WorkbenchError` becomes a one-line message.
"""

from workbench.cli.main import cli, main

__all__ = ["cli", "main"]
