"""Durability under SIGKILL: every write the store acknowledged survives a kill at a random moment.

A child process (tests/store/durability_child.py) saves edits, MT and documents as fast as it can
and logs (fsynced) each committed transaction; it is killed with SIGKILL at random times, several
rounds on one store. After each kill: every logged write is in the store, ``integrity_check`` is
ok, and each segment's newest history row is its current text and version.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.text.read import read_text

CHILD = Path(__file__).with_name("durability_child.py")
ROUNDS = 8
ARTICLE = "\n\n".join(f"قال المتحدث إن الاجتماع رقم {n} انتهى اليوم." for n in range(1, 9))


def _torn(line: str) -> bool:
    try:
        json.loads(line)
    except ValueError:
        return True
    return False


def _acks(log: Path) -> list[dict[str, Any]]:
    """The log's acknowledged lines.

    A SIGKILL can cut the line being written short (Linux ends a write to a file early when a
    fatal signal arrives); that line was never fsynced, so it was never acknowledged. The next
    child ends such a line with a newline before it writes, so a torn line stays one line: it is
    skipped here, and the test checks there is at most one per kill.
    """
    data = log.read_bytes() if log.exists() else b""
    lines = data.decode("utf-8", errors="replace").split("\n")[:-1]
    return [json.loads(line) for line in lines if not _torn(line)]


def _torn_lines(log: Path) -> int:
    data = log.read_bytes() if log.exists() else b""
    return sum(_torn(line) for line in data.decode("utf-8", errors="replace").split("\n")[:-1])


def _run_and_kill(store_path: Path, log: Path, seed: int, rng: random.Random) -> int:
    """Start the child, let it write for a random while, SIGKILL it; the number of new acks."""
    before = len(_acks(log))
    child = subprocess.Popen(
        [sys.executable, str(CHILD), str(store_path), str(log), str(seed)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while len(_acks(log)) == before:  # it has started writing
            assert child.poll() is None, child.communicate(timeout=5)[1].decode()[-2000:]
            assert time.monotonic() < deadline, "the child wrote nothing in 30 s"
            time.sleep(0.01)
        time.sleep(rng.uniform(0.0, 0.6))
        assert child.poll() is None, child.communicate(timeout=5)[1].decode()[-2000:]
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        if child.stderr is not None:
            child.stderr.close()
    return len(_acks(log)) - before


def _check(store_path: Path, log: Path, seed: int) -> None:
    with closing(sqlite3.connect(store_path)) as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok", seed
        history = {
            (row[0], row[1]): row[2:]
            for row in db.execute("SELECT segment_id, version, mt, post_edit FROM history")
        }
        texts: dict[int, bytes] = {}
        for doc_id, data in db.execute(
            "SELECT document_id, data FROM document_chunks WHERE part = 'text' "
            "ORDER BY document_id, seq"
        ):
            texts[doc_id] = texts.get(doc_id, b"") + data
        documents = {doc_id: data.decode("utf-8") for doc_id, data in texts.items()}
        for ack in _acks(log):
            if "document" in ack:
                assert documents.get(ack["document"]) == ack["text"], (seed, ack)
                continue
            mt, post_edit = history.get((ack["segment"], ack["version"]), ("missing", "missing"))
            expected = ack["mt"] if "mt" in ack else ack["post_edit"]
            assert (mt if "mt" in ack else post_edit) == expected, (seed, ack)
        newest = db.execute(
            "SELECT s.id, s.version, s.mt, s.post_edit, s.status, h.version, h.mt, h.post_edit, "
            "h.status FROM segments s JOIN history h ON h.id = "
            "(SELECT MAX(id) FROM history WHERE segment_id = s.id)"
        ).fetchall()
        for row in newest:
            assert row[1:5] == row[5:9], (seed, row)


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_acknowledged_writes_survive_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "wb.db"
    store = Store(path)
    doc_id = add_document(store, read_text(ARTICLE, name="article.txt"))[0]
    for seg in store.segments(doc_id):  # every segment starts with a history row
        store.set_mt(seg.id, "first MT", "sig")
    store.close()
    log = tmp_path / "acks.jsonl"
    rng = random.Random(int.from_bytes(os.urandom(4), "big"))
    seeds = [rng.randrange(1 << 30) for _ in range(ROUNDS)]
    for seed in seeds:
        assert _run_and_kill(path, log, seed, rng) > 0, seed
        _check(path, log, seed)
    assert len(_acks(log)) > ROUNDS
    assert _torn_lines(log) <= ROUNDS  # at most the one line each kill cut short
    again = Store(path)  # the store opens and writes after all of it
    seg = again.segments(doc_id)[0]
    assert again.save_edit(seg.id, "After the kills.", seg.version).post_edit == "After the kills."
    again.close()
