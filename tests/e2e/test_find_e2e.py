"""Find and replace in a real browser: the hits listed and highlighted (hostile text literal),
Replace all saved as versions with its count, Undo, and Go to a hit's row."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import Server, wait_for

pytestmark = pytest.mark.e2e

READY_MS = 60_000
HOSTILE = "<b>$5</b> :red[x]"


def test_find_replace_all_undo_and_go_to(browser: Any, server: Server, screenshots: Path) -> None:
    store = server.store
    prose = [s for s in store.segments(server.doc_id) if s.kind == "prose"]
    edited = prose[1], prose[3]
    for seg in edited:
        store.save_edit(seg.id, f"The minister spoke {HOSTILE} to the minister.", seg.version)
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(server.editor(), timeout=READY_MS)
    page.wait_for_selector(f".st-key-wb-row-{prose[0].id} textarea", timeout=READY_MS)
    page.get_by_role("button", name="Find & replace").click()
    page.get_by_text("English (as shown)").click()
    find = page.get_by_role("textbox", name="Find")
    find.fill("minister")
    find.press("Enter")
    page.get_by_text("4 match(es) in 2 segment(s).").wait_for(timeout=30_000)
    hits = page.locator(".wb-find-hit")
    assert hits.count() == 4
    first = hits.first
    assert first.locator("mark").inner_text() == "minister"
    assert HOSTILE in first.inner_text() and first.locator("b").count() == 1  # only the number
    page.screenshot(path=str(screenshots / "find.png"))

    replace = page.get_by_role("textbox", name="Replace with (in the English)")
    replace.fill("Minister")
    replace.press("Tab")
    page.get_by_role("button", name="Replace all (4)").click()
    page.get_by_text("Replaced 4 occurrence(s) in 2 segment(s)").wait_for(timeout=30_000)
    for seg in edited:
        now = store.segment(seg.id)
        assert now.post_edit == f"The Minister spoke {HOSTILE} to the Minister."
        assert now.status == "edited" and [h.action for h in store.history(seg.id)][-1] == "edit"
    page.screenshot(path=str(screenshots / "replace-all.png"))

    page.get_by_role("button", name="Undo the last replace all").click()
    wait_for(
        lambda: all("minister" in (store.segment(s.id).target or "") for s in edited), "the undo"
    )
    # .first: while the page reruns, Streamlit may still show the stale copy beside the new one.
    page.get_by_text("4 match(es) in 2 segment(s).").first.wait_for(timeout=30_000)
    page.get_by_role("button", name=f"Go to #{edited[1].position + 1}").first.click()
    page.wait_for_function(
        "() => document.activeElement && "
        f"document.activeElement.closest('.st-key-wb-row-{edited[1].id}')",
        timeout=30_000,
    )
