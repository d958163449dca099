"""translate-toolkit (PyPI ``translate-toolkit``, the library behind Pootle and Weblate's formats)
reads the XLIFF 1.2 and TMX exports, and English it writes into the XLIFF comes back through
``import-translation``: a tool nobody here wrote, on both sides of the round trip.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbench.export import export_document
from workbench.pipeline.document import add_document
from workbench.pipeline.translations import import_translation
from workbench.store.sqlite import Store
from workbench.text.read import read_text

from .support import CONTROLS, HOSTILE_EN

storage = pytest.importorskip(
    "translate.storage", reason="needs translate-toolkit (pip install translate-toolkit)"
)
from translate.storage import tmx, xliff  # noqa: E402

# The toolkit has no type hints.
XLIFF: Any = xliff.xlifffile
TMX: Any = tmx.tmxfile


def test_toolkit_reads_xliff_and_tmx(store: Store, seed_id: int) -> None:
    units = [
        u
        for u in XLIFF.parsestring(export_document(store, seed_id, "xliff").data).units
        if not u.isheader()
    ]
    segs = store.segments(seed_id)
    assert [u.source for u in units] == [s.source for s in segs]
    by_position = {int(u.getid().rsplit("\x04", 1)[-1]): u for u in units}
    assert by_position[2].target == "Edited headline" and not by_position[2].isapproved()
    assert by_position[4].target == "Confirmed sentence." and by_position[4].isapproved()
    memory = TMX.parsestring(export_document(store, seed_id, "tmx").data)
    pairs = {(u.source, u.target) for u in memory.units}
    assert pairs == {(s.source, s.target) for s in segs if s.kind == "prose" and s.target}


def test_toolkit_edits_come_back(store: Store, seed_id: int, tmp_path: Path) -> None:
    exported = XLIFF.parsestring(export_document(store, seed_id, "xliff").data)
    english = HOSTILE_EN.replace(CONTROLS, "")  # XML cannot hold them; the toolkit writes XML
    prose = {s.position for s in store.segments(seed_id) if s.kind == "prose"}
    for unit in exported.units:
        position = int(unit.getid().rsplit("\x04", 1)[-1])
        if position in prose:
            unit.target = f"Reviewed {position}: {english}"
    path = tmp_path / "reviewed.xlf"
    path.write_bytes(bytes(exported))
    # The toolkit changes the text, not the MT units' state: without take_machine they stay out.
    skipped = import_translation(store, seed_id, path, on_conflict="overwrite")
    assert (skipped.imported, len(skipped.machine_changed)) == ([2, 4, 12], 7)
    report = import_translation(store, seed_id, path, take_machine=True)
    assert report.imported == sorted(prose - {2, 4, 12})
    for seg in store.segments(seed_id):
        if seg.position in prose:
            # Human work either way; confirmed where the toolkit wrote approved="yes".
            assert seg.post_edit == f"Reviewed {seg.position}: {english}"
            assert seg.status in ("edited", "confirmed")


def test_toolkit_xliff_into_a_fresh_document(tmp_path: Path) -> None:
    # A file the toolkit made from scratch: its ids are not the workbench's, so units match by
    # their Arabic.
    store = Store(tmp_path / "wb.db")
    doc_id = add_document(store, read_text("جملة أولى.\nجملة ثانية.\n", name="d"))[0]
    made = XLIFF(sourcelanguage="ar", targetlanguage="en")
    for source, target in (("جملة ثانية.", "Second."), ("جملة أولى.", "First.")):
        made.addsourceunit(source).target = target
    path = tmp_path / "made.xlf"
    path.write_bytes(bytes(made))
    assert import_translation(store, doc_id, path).imported == [0, 1]
    assert [s.post_edit for s in store.segments(doc_id)] == ["First.", "Second."]
