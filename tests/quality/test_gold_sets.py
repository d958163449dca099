"""The labelled QA sets of ``bench/qa_eval.py`` are well formed: known codes, held-out lines, and
operations the benchmark has (a typo would count as a miss, or as a check that never fires)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from workbench.quality.qa import CODES

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> object:
    spec = importlib.util.spec_from_file_location("qa_eval", ROOT / "bench" / "qa_eval.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("which", ["heldout", "constructed", "after-fixes"])
def test_gold_rows_are_well_formed(which: str) -> None:
    bench = _bench()
    path = bench.GOLD_FILES[which]  # type: ignore[attr-defined]
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert rows
    for row in rows:
        # Lines 0-599 are where the checks were written and tuned.
        assert 600 <= row["line"] <= 996, row
        assert set(row["gold"]) <= set(CODES), row
        if which == "heldout":
            assert row.get("op") in {*bench.OPS, None, "inconsistent", "consistent"}, row  # type: ignore[attr-defined]
        else:
            assert all(step[0] in bench.STEPS for step in row["ops"]), row  # type: ignore[attr-defined]
