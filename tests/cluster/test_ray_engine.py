"""The Ray engine on a real two-node local cluster: same exports, resume, a killed worker, and
the stand-in.

Slow: each run joins the cluster and starts its actors (seconds on 2 cores). The tiny model
decodes in milliseconds, so the time is Ray's own; the stand-in (built once, ~10-20 s) runs the
real model's shape on a few short segments at beam 1.
"""

from __future__ import annotations

import io
import os
import re
import signal
import threading
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest_models import TINY_ARABIC

from workbench.cli.main import cli
from workbench.export import EXPORTERS, export_document
from workbench.pipeline.sources import find_sources
from workbench.store.sqlite import Store

pytestmark = pytest.mark.slow

#: Times in exports (TMX dates, ISO stamps) differ between any two runs; nothing else may.
_TIMES = re.compile(rb"\d{8}T\d{6}Z|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(\+00:00|Z)?")


def _archive(folder: Path, files: int, lines: int = 7) -> Path:
    for i in range(files):
        text = [f"{TINY_ARABIC[(i + k) % len(TINY_ARABIC)]} {k + i}." for k in range(lines)]
        path = folder / f"d{i // 10}" / f"a{i}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(text) + "\n", encoding="utf-8")
    (folder / "broken.txt").symlink_to(folder / "nowhere.txt")
    return folder


def _translate(home: Path, *args: str) -> tuple[int, str]:
    env = {"WORKBENCH_HOME": str(home)}
    result = CliRunner().invoke(cli, ["translate", *args], env=env)
    return result.exit_code, result.stdout + result.stderr


def _normalised(data: bytes, fmt: str) -> list[bytes]:
    if fmt == "omegat":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return [_TIMES.sub(b"T", archive.read(name)) for name in sorted(archive.namelist())]
    return [_TIMES.sub(b"T", data)]


def _exports(home: Path) -> dict[tuple[int, str], list[bytes]]:
    store = Store(home / "workbench.db")
    out = {}
    for doc in store.documents():
        for fmt in EXPORTERS:
            rendered = export_document(store, doc.id, fmt)
            out[(doc.id, fmt)] = _normalised(rendered.data, fmt)
    return out


def _mt_history(home: Path) -> list[tuple[int, int]]:
    store = Store(home / "workbench.db")
    rows = store.db.execute(
        "SELECT segment_id, COUNT(*) FROM history WHERE action = 'mt' GROUP BY segment_id"
    ).fetchall()
    return [(int(a), int(b)) for a, b in rows]


def test_ray_exports_are_byte_identical_and_a_rerun_resumes(
    tmp_path: Path, ray_cluster: str, tiny_model_dir: Path
) -> None:
    src = _archive(tmp_path / "src", 12)
    model = ["--model", str(tiny_model_dir), "--include-standin"]
    code, local = _translate(
        tmp_path / "local", "-o", str(tmp_path / "out-local"), *model, str(src)
    )
    assert code == 1 and "12 translated, 1 failed" in local
    ray_args = ["--engine", "ray", "--address", ray_cluster, "--workers", "2"]
    out = tmp_path / "out-ray"
    code, first = _translate(tmp_path / "ray", "-o", str(out), *ray_args, *model, str(src))
    assert code == 1, first
    assert "12 translated, 1 failed" in first and "broken.txt" in first
    for path in (tmp_path / "out-local").rglob("*.jsonl"):
        mine = out / path.relative_to(tmp_path / "out-local")
        assert _normalised(mine.read_bytes(), "jsonl") == _normalised(path.read_bytes(), "jsonl")
    assert _exports(tmp_path / "ray") == _exports(tmp_path / "local")
    before = _mt_history(tmp_path / "ray")
    assert before and all(count == 1 for _, count in before)
    code, again = _translate(tmp_path / "ray", "-o", str(out), *ray_args, *model, str(src))
    assert "12 translated, 1 failed" in again
    assert _mt_history(tmp_path / "ray") == before  # nothing translated twice


def _map_workers() -> list[int]:
    """The pids of the engine's actors (process titles ``ray::MapWorker(MapBatches(TranslateBatch))...``)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if title.startswith(b"ray::") and b"TranslateBatch" in title.split(b"\0")[0]:
            pids.append(int(entry.name))
    return pids


def test_a_worker_killed_mid_run_is_replaced_and_nothing_is_lost_or_doubled(
    tmp_path: Path, ray_cluster: str, tiny_model_dir: Path
) -> None:
    from workbench.cluster.driver import Cluster, translate_sources
    from workbench.translate.types import TranslationOptions

    src = _archive(tmp_path / "src", 60, lines=12)
    store = Store(tmp_path / "ray" / "workbench.db")
    killed: list[int] = []
    lock = threading.Lock()

    def kill_one(_: int) -> None:
        with lock:
            if killed:
                return
            for pid in _map_workers():
                os.kill(pid, signal.SIGKILL)
                killed.append(pid)
                return

    options = TranslationOptions(device="cpu", batch_size=4)
    cluster = Cluster(address=ray_cluster, workers=2, rows_per_call=8)
    finished = list(
        translate_sources(
            store, find_sources([src]), tiny_model_dir, options, cluster, progress=kill_one
        )
    )
    assert killed, "no translating actor was found to kill"
    assert sum(item.error is None for item in finished) == 60
    prose = [s for doc in store.documents() for s in store.segments(doc.id) if s.kind == "prose"]
    assert prose and all(s.mt is not None for s in prose)
    history = _mt_history(tmp_path / "ray")
    assert len(history) == len(prose) and all(count == 1 for _, count in history)


def test_the_standin_on_ray_gives_the_local_engines_output_and_says_it_is_a_standin(
    tmp_path: Path, ray_cluster: str, standin_model_dir: Path
) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for i in range(3):
        lines = [f"{TINY_ARABIC[(i + k) % len(TINY_ARABIC)]} {k}." for k in range(3)]
        (src / f"s{i}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    common = ["--model", str(standin_model_dir), "--beam", "1", str(src)]
    code, local = _translate(tmp_path / "local", "-o", str(tmp_path / "out-local"), *common)
    assert code == 0 and "3 translated, 0 failed" in local
    ray_args = ["--engine", "ray", "--address", ray_cluster, "--workers", "2"]
    out = tmp_path / "out-ray"
    code, text = _translate(tmp_path / "ray", "-o", str(out), *ray_args, *common)
    assert code == 0 and "3 translated, 0 failed" in text, text
    assert "stand-in" in text.lower()
    for path in (tmp_path / "out-local").rglob("*.jsonl"):
        mine = _normalised((out / path.relative_to(tmp_path / "out-local")).read_bytes(), "jsonl")
        assert mine == _normalised(path.read_bytes(), "jsonl")
    store = Store(tmp_path / "ray" / "workbench.db")
    prose = [s for doc in store.documents() for s in store.segments(doc.id) if s.kind == "prose"]
    assert prose and all("kind:standin" in (s.mt_signature or "") for s in prose)


@pytest.mark.parametrize(
    "bounds",
    [(3, 50_000), (10**6, 6)],
    ids=["distinct-sources", "segments-held"],
)
def test_rounds_across_groups_store_every_segment_once_and_yield_each_file(
    tmp_path: Path,
    ray_cluster: str,
    tiny_model_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    bounds: tuple[int, int],
) -> None:
    """Small groups and rounds: a source waiting from one group and met again in the next
    is sent once, every file comes back once, a file named twice too. A round starts at either
    bound: few distinct sources but many segments waiting for them start one too."""
    from workbench.cluster import driver
    from workbench.cluster.driver import Cluster, translate_sources
    from workbench.translate.types import TranslationOptions

    rounds: list[list[str]] = []
    from workbench.cluster.data import translate_round as real_round

    def counted(runtime: object, plan: object, sources: list[str]) -> object:
        rounds.append(list(sources))
        return real_round(runtime, plan, sources)  # type: ignore[arg-type]

    monkeypatch.setattr(driver, "translate_round", counted)

    src = _archive(tmp_path / "src", 9, lines=5)  # files share sources: TINY_ARABIC repeats
    sources = list(find_sources([src, src / "d0" / "a1.txt"]))
    store = Store(tmp_path / "ray" / "workbench.db")
    options = TranslationOptions(device="cpu", batch_size=2)
    sources_per_round, segments_per_round = bounds
    cluster = Cluster(
        address=ray_cluster,
        workers=2,
        group_files=2,
        round_sources=sources_per_round,
        round_segments=segments_per_round,
    )
    finished = list(translate_sources(store, sources, tiny_model_dir, options, cluster))
    assert sorted(str(item.source.path) for item in finished) == sorted(
        str(source.path) for source in sources
    )
    assert sum(item.error is None for item in finished) == 10  # a1 twice, broken.txt failed
    prose = [s for doc in store.documents() for s in store.segments(doc.id) if s.kind == "prose"]
    assert prose and all(s.mt is not None for s in prose)
    history = _mt_history(tmp_path / "ray")
    assert len(history) == len(prose) and all(count == 1 for _, count in history)
    sent = [source for sources in rounds for source in sources]
    assert len(rounds) > 1 and sorted(sent) == sorted({s.source for s in prose})


def test_the_probe_describes_the_signature_a_local_translator_puts_on_its_results(
    tiny_model_dir: Path,
) -> None:
    """What the driver asks of a worker before any round (without Ray: the function itself)."""
    from workbench.cluster.actor import TranslateBatch, describe, options_to_dict
    from workbench.translate.engine import CTranslate2Translator
    from workbench.translate.types import TranslationOptions

    options = TranslationOptions(device="cpu", beam_size=2)
    fields, name, standin = describe(
        TranslateBatch, str(tiny_model_dir), options_to_dict(options), {}
    )
    local = CTranslate2Translator(tiny_model_dir, options)
    assert tuple(tuple(f) for f in fields) == local.signature(options).fields
    assert name == local.model_name and standin == local.is_standin
