"""Comments on a segment as XLIFF notes (1.2 ``<note>``, 2.0 ``<notes><note>``): valid against the
official schemas, hostile text literal, and a file with them imports back (import-translation)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from workbench.pipeline.translations import import_translation
from workbench.store import comments, users
from workbench.store.sqlite import Store

from .support import X12, X20, render
from .test_export_schemas import SCHEMAS, Xmllint, xmllint  # noqa: F401 (the fixture)

HOSTILE = "Is <script>alert(1)</script> & ]]> \x01 right?\u202e"


@pytest.fixture
def commented(store: Store, seed_id: int) -> tuple[int, int]:
    """The seed with a resolved query on the confirmed segment and an open send-back note."""
    prose = [s for s in store.segments(seed_id) if s.kind == "prose"]
    users.add_user(store, "rev@example.org", "reviewer")
    users.add_user(store, "t@example.org", "translator")
    users.assign(store, seed_id, "t@example.org")
    asked = comments.add_comment(store, prose[1].id, HOSTILE, "t@example.org")
    comments.resolve(store, asked.id, "rev@example.org")
    done = store.save_edit(prose[2].id, "Fine.", prose[2].version, confirm=True)
    users.send_back(store, done.id, done.version, "Name the minister.", "rev@example.org")
    return prose[1].position, prose[2].position


@pytest.mark.parametrize("fmt", ["xliff", "xliff2"])
def test_comments_are_notes_valid_and_imported_back(
    store: Store,
    seed_id: int,
    commented: tuple[int, int],
    xmllint: Xmllint,  # noqa: F811
    tmp_path: Path,
    fmt: str,
) -> None:
    queried, sent_back = commented
    text = render(store, seed_id, fmt)
    path = tmp_path / f"out-{fmt}.xlf"
    path.write_text(text.replace("Confirmed sentence.", "Confirmed sentence, revised."), "utf-8")
    xmllint.check(path, SCHEMAS[fmt])
    root = ET.fromstring(text)
    if fmt == "xliff":
        unit = root.find(f".//{X12}trans-unit[@id='{queried}']")
        back = root.find(f".//{X12}trans-unit[@id='{sent_back}']")
        assert unit is not None and back is not None
        (note,) = [n for n in unit.findall(f"{X12}note") if n.get("annotates") == "general"]
        assert note.get("from") == "t@example.org" and note.get("priority") is None
        (open_note,) = [n for n in back.findall(f"{X12}note") if n.get("annotates") == "general"]
        assert open_note.get("priority") == "1"
    else:
        unit = root.find(f".//{X20}unit[@id='u{queried}']")
        back = root.find(f".//{X20}unit[@id='u{sent_back}']")
        assert unit is not None and back is not None
        (note,) = unit.findall(f"{X20}notes/{X20}note[@category='query']")
        (open_note,) = back.findall(f"{X20}notes/{X20}note[@category='send-back']")
    said = note.text or ""
    assert said.startswith("query by t@example.org at ") and ", resolved by rev@example.org" in said
    assert said.endswith("Is <script>alert(1)</script> & ]]> \\u0001 right?\u202e")
    assert (open_note.text or "").endswith("Name the minister.")
    assert "sent back by rev@example.org" in (open_note.text or "")
    report = import_translation(store, seed_id, path)
    assert report.written and report.imported == [queried]
    assert store.segments(seed_id)[queried].post_edit == "Confirmed sentence, revised."
