"""OmegaT itself opens the ``omegat`` export: headless, in console mode, on the unzipped package.

It must read every Arabic segment (its statistics count them all), insert the confirmed English from
``tm/auto`` (the translated file in ``target/`` holds it) and leave everything else untranslated
(OmegaT copies the Arabic), so edited English and MT stay suggestions. Skips, saying why, without
Java or OmegaT (Debian ``omegat``).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from workbench.export import export_document
from workbench.pipeline.document import add_document
from workbench.pipeline.translations import import_translation
from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store
from workbench.text.read import read_file
from workbench.translate.types import translation_signature

from .conftest import SEED

pytestmark = pytest.mark.e2e

#: Overrides where OmegaT.jar is looked for.
OMEGAT_JAR_ENV = "WORKBENCH_OMEGAT_JAR"
REAL = str(translation_signature("opus-mt-ar-en", "real", "ab" * 32, "int8", 4))


def _omegat_command() -> list[str]:
    jar = Path(os.environ.get(OMEGAT_JAR_ENV) or "/usr/share/omegat/OmegaT.jar")
    java = shutil.which("java")
    if java is None or not jar.is_file():
        pytest.skip(
            f"needs java and OmegaT.jar (looked at {jar}): apt-get install -y omegat, "
            f"or set {OMEGAT_JAR_ENV}"
        )
    return [java, "-Djava.awt.headless=true", "-jar", str(jar)]  # user.home goes before -jar


def _document(store: Store) -> int:
    # Real MT on every prose segment; the first and every third confirmed (the first checks that
    # the source file's byte-order mark is not read into its segment), the second edited only.
    doc_id = add_document(store, read_file(SEED))[0]
    prose = [s for s in store.segments(doc_id) if s.kind == "prose"]
    for seg in prose:
        store.set_mt(seg.id, f"MT {seg.position}.", REAL)
    for n, seg in enumerate(prose):
        if n % 3 == 0 or n == 1:
            current = store.segment(seg.id)
            store.save_edit(seg.id, f"Human {seg.position}.", current.version, confirm=n != 1)
    return doc_id


def _console_translate(command: list[str], project: Path, home: Path) -> None:
    home.mkdir()
    # HOME and user.home in the tmp dir: OmegaT writes its preferences and logs there, nowhere
    # else. LANG=C: the source file must not depend on the platform's default encoding.
    env = {**os.environ, "HOME": str(home), "LANG": "C", "LC_ALL": "C"}
    try:
        run = subprocess.run(
            [
                command[0],
                f"-Duser.home={home}",
                *command[1:],
                str(project),
                "--mode=console-translate",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except subprocess.TimeoutExpired as err:  # subprocess.run has killed it
        pytest.fail(f"OmegaT did not finish in 120 s: {err.stdout!r}")
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]


def _unzip(store: Store, doc_id: int, project: Path) -> None:
    zipfile.ZipFile(io.BytesIO(export_document(store, doc_id, "omegat").data)).extractall(project)


def test_omegat_reads_the_package_and_uses_the_confirmed_english(tmp_path: Path) -> None:
    command = _omegat_command()
    store = Store(tmp_path / "wb.db")
    doc_id = _document(store)
    project = tmp_path / "project"
    _unzip(store, doc_id, project)
    _console_translate(command, project, tmp_path / "home")

    segs = [s for s in store.segments(doc_id) if s.kind == "prose"]
    stats = (project / "omegat" / "project_stats.txt").read_text(encoding="utf-8")
    total = re.search(r"(?m)^Total:\s+(\d+)", stats)
    assert total is not None and int(total[1]) == len(segs) == 10, stats

    targets = list((project / "target").iterdir())
    assert [t.name for t in targets] == [f"{SEED.stem}.txt"]
    paragraphs: dict[int, list[str]] = {}
    for seg in segs:
        english = seg.post_edit if seg.status == "confirmed" else seg.source
        paragraphs.setdefault(seg.paragraph, []).append(english or "")
    expected = "".join("\n".join(p) + "\n\n" for p in paragraphs.values())
    assert targets[0].read_text(encoding="utf-8-sig") == expected
    confirmed = [s for s in segs if s.status == "confirmed"]
    assert len(confirmed) == 4 and all(f"Human {s.position}." in expected for s in confirmed)


def _translator_memory(segs: list[SegmentRow]) -> dict[str, str]:
    """A translator's English for each segment, with characters that tend to get mangled."""
    return {
        s.source: f"Translated {s.position}: A & B <b>x</b> “quoted” ٣ 😀 \u202bbidi\u202c"
        for s in segs
    }


def test_round_trip_through_omegat_is_identical(tmp_path: Path) -> None:
    """export → OmegaT translates from a memory in tm/auto → import the target file back, and
    (into a second store) OmegaT's project-omegat.tmx: the store holds exactly that English."""
    command = _omegat_command()
    stores = [Store(tmp_path / "wb.db"), Store(tmp_path / "second.db")]
    doc_id = _document(stores[0])
    assert _document(stores[1]) == doc_id
    prose = [s for s in stores[0].segments(doc_id) if s.kind == "prose"]
    todo = [s for s in prose if s.status != "confirmed"]
    english = _translator_memory(todo)
    project = tmp_path / "project"
    _unzip(stores[0], doc_id, project)
    tus = "".join(
        f'<tu><tuv xml:lang="ar"><seg>{escape(ar)}</seg></tuv>'
        f'<tuv xml:lang="en"><seg>{escape(en)}</seg></tuv></tu>\n'
        for ar, en in english.items()
    )
    (project / "tm" / "auto" / "translator.tmx").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="ar" '
        f'datatype="plaintext"/><body>\n{tus}</body></tmx>\n',
        encoding="utf-8",
    )
    _console_translate(command, project, tmp_path / "home")
    files = [project / "target" / f"{SEED.stem}.txt", project / "project-omegat.tmx"]
    for store, path in zip(stores, files, strict=True):
        report = import_translation(store, doc_id, path, actor="omegat-user")
        assert report.written and not report.conflicts, (path, report)
        assert sorted(report.imported) == [s.position for s in todo], path
        for seg in store.segments(doc_id):
            if seg.kind != "prose":
                continue
            if seg.status == "confirmed" and seg.source not in english:
                assert seg.post_edit == f"Human {seg.position}.", path
            else:
                assert (seg.post_edit, seg.status) == (english[seg.source], "edited"), path
                assert store.history(seg.id)[-1].actor == "omegat-user"
