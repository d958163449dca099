"""The local Ray runtime (``--engine ray`` without ``--address``) listens on loopback only.

A child process runs the Ray engine on the tiny model with a local runtime and 2 workers, and
stops in its first progress call (the actors started, a batch stored); meanwhile this test reads
every socket that the child and the processes below it (GCS, raylet, agents, the actors) listen
on. Slow: Ray starts (seconds on 2 cores).
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest_models import TINY_ARABIC

from cluster.listening import listening, tree

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]

_CHILD = """
import sys
from pathlib import Path

from workbench.cluster.driver import Cluster, translate_sources
from workbench.pipeline.sources import find_sources
from workbench.store.sqlite import Store
from workbench.translate.types import TranslationOptions

model, src, db = sys.argv[1:4]
paused = []


def pause(_):
    if not paused:
        paused.append(True)
        print("running", flush=True)
        sys.stdin.readline()


done = translate_sources(
    Store(Path(db)),
    find_sources([Path(src)]),
    Path(model),
    TranslationOptions(device="cpu", batch_size=2),
    Cluster(workers=2, rows_per_call=2),
    progress=pause,
)
print(sum(item.error is None for item in done), "translated", flush=True)
"""


def test_the_local_runtime_listens_on_loopback_only(tmp_path: Path, tiny_model_dir: Path) -> None:
    if importlib.util.find_spec("ray") is None:  # not imported here: Ray reads its settings then
        pytest.skip("the Ray engine needs ray (make test installs it)")
    src = tmp_path / "src"
    src.mkdir()
    for i in range(4):
        lines = [f"{TINY_ARABIC[(i + k) % len(TINY_ARABIC)]} {k}." for k in range(6)]
        (src / f"a{i}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]),
    }
    env.pop("RAY_ADDRESS", None)
    log = tmp_path / "child.log"
    with log.open("w") as errors:
        child = subprocess.Popen(
            [sys.executable, "-c", _CHILD, str(tiny_model_dir), str(src), str(tmp_path / "w.db")],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
        )
    try:
        assert child.stdout is not None and child.stdin is not None
        line = child.stdout.readline()
        assert line == "running\n", line + log.read_text()
        listeners = listening(tree(child.pid))
        out, _ = child.communicate("\n", timeout=240)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
    assert child.returncode == 0 and out.strip() == "4 translated", out + log.read_text()
    processes = {listener.process for listener in listeners}
    # Not vacuous: Ray's own servers and both translating actors were seen listening.
    assert {"gcs_server", "raylet"} <= processes, sorted(map(str, listeners))
    actors = [p for p in processes if p.startswith("ray::") and "TranslateBatch" in p]
    assert len({x.pid for x in listeners if x.process in actors}) == 2, sorted(map(str, listeners))
    exposed = [str(listener) for listener in listeners if not listener.loopback]
    assert not exposed, f"Ray listens off loopback: {exposed}"
