"""A `workbench translate` killed with SIGKILL half-way resumes where it stopped (slow tier)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import workbench.translate.engine
from workbench.cli.main import cli
from workbench.config import HOME_ENV
from workbench.testing import FakeTranslator

SEGMENTS = 100
BATCH = 5
# The real CLI in a process of its own, with a fake model that takes 50 ms per batch of 5.
SLOW_CLI = """
import sys, time
import workbench.translate.engine
from workbench.cli.main import cli
from workbench.testing import FakeTranslator

class Slow(FakeTranslator):
    def translate_stream(self, texts, options=None):
        for batch in super().translate_stream(texts, options):
            time.sleep(0.05)
            yield batch

workbench.translate.engine.open_translator = lambda *args, **kwargs: Slow()
cli(sys.argv[1:], prog_name="workbench")
"""


def stored(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            row = conn.execute("SELECT COUNT(*) FROM segments WHERE mt IS NOT NULL").fetchone()
    except sqlite3.OperationalError:  # the schema is not created yet
        return 0
    return int(row[0])


def translate_in_process(article: Path, out: Path) -> tuple[FakeTranslator, str]:
    fake = FakeTranslator()
    patch = pytest.MonkeyPatch()
    patch.setattr(workbench.translate.engine, "open_translator", lambda *a, **k: fake)
    try:
        result = CliRunner().invoke(
            cli, ["translate", "--batch-size", str(BATCH), "-o", str(out), str(article)]
        )
    finally:
        patch.undo()
    assert result.exit_code == 0, result.stderr
    return fake, (out / "article.ar-en.jsonl").read_text(encoding="utf-8")


@pytest.mark.slow
def test_kill_9_at_half_way_then_rerun_redoes_only_the_rest(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "".join(f"قال المتحدث إن الجملة رقم {i} جديدة.\n" for i in range(SEGMENTS)),
        encoding="utf-8",
    )
    db = isolated_home / "workbench.db"
    out = tmp_path / "out"
    command = [sys.executable, "-c", SLOW_CLI, "translate", "--batch-size", str(BATCH)]
    log = tmp_path / "child.log"
    with log.open("wb") as stderr:
        child = subprocess.Popen(
            [*command, "-o", str(out), str(article)], stdout=subprocess.DEVNULL, stderr=stderr
        )
        try:
            deadline = time.monotonic() + 40
            while stored(db) < SEGMENTS // 2:
                assert child.poll() is None, log.read_text(encoding="utf-8")
                assert time.monotonic() < deadline, "the child never got half-way"
                time.sleep(0.005)
        finally:
            child.kill()  # SIGKILL: no handler, no cleanup
            child.wait(timeout=10)
    kept = stored(db)
    assert SEGMENTS // 2 <= kept < SEGMENTS
    assert not out.exists()  # nothing half-written

    fake, resumed = translate_in_process(article, out)
    assert len(fake.texts) == SEGMENTS - kept
    assert len(fake.texts) <= SEGMENTS * 55 // 100 + BATCH

    monkeypatch.setenv(HOME_ENV, str(tmp_path / "fresh-home"))
    fresh, uninterrupted = translate_in_process(article, tmp_path / "out-fresh")
    assert len(fresh.texts) == SEGMENTS
    assert without_times(resumed) == without_times(uninterrupted)


def without_times(jsonl: str) -> list[dict[str, object]]:
    records = [json.loads(line) for line in jsonl.splitlines()]
    return [{k: v for k, v in r.items() if not k.endswith("_at")} for r in records]
