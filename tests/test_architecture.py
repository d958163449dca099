"""The package's shape: the layer contract holds, and no module or function outgrows its limit."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "workbench"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _lint_imports(config: Path) -> subprocess.CompletedProcess[str]:
    command = Path(sys.executable).with_name("lint-imports")
    if not command.is_file():
        pytest.skip(
            f"import-linter is not installed ({command} is missing): pip install -e '.[test]'"
        )
    return subprocess.run(
        [str(command), "--no-cache", str(config)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_import_contracts_are_kept() -> None:
    """The layers of pyproject.toml's [tool.importlinter] (cli → ui → … → text) and the foundation."""
    result = _lint_imports(REPO / "pyproject.toml")
    assert result.returncode == 0, result.stdout[-3000:]


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(REPO)))
def test_module_and_function_sizes(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    assert source.count("\n") <= MAX_MODULE_LINES, f"{path} has over {MAX_MODULE_LINES} lines"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines, line {node.lineno})"
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{path}: functions over {MAX_FUNCTION_LINES} lines: {', '.join(long)}"


def test_a_broken_layer_is_reported(tmp_path: Path) -> None:
    """The contract is not vacuous: an import from a lower layer to a higher one breaks it."""
    config = tmp_path / "contract.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "workbench"\n\n'
        '[[tool.importlinter.contracts]]\nname = "inverted"\ntype = "layers"\n'
        'containers = ["workbench"]\nlayers = ["text", "cli"]\n',
        encoding="utf-8",
    )
    result = _lint_imports(config)
    assert result.returncode != 0
    assert "workbench.cli is not allowed to import workbench.text" in result.stdout
