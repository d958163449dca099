"""What a translator sees in a real browser: RTL Arabic, editing, saving, reload, conflicts.

Screenshots land in ``artifacts/screenshots/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from workbench.store import SegmentRow

from .conftest import Server

pytestmark = pytest.mark.e2e

#: The app translates the seed on first open with the tiny model: allow for a slow machine.
READY_MS = 60_000


def _wait_for(check: Callable[[], bool], what: str, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def _prose(server: Server) -> list[SegmentRow]:
    return [s for s in server.store.segments(server.doc_id) if s.kind == "prose"]


def _open(browser: Any, server: Server) -> Any:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(server.editor())
    first = _prose(server)[0]
    page.wait_for_selector(f".st-key-wb-row-{first.id} textarea", timeout=READY_MS)
    return page


def _box(page: Any, segment_id: int) -> Any:
    return page.locator(f".st-key-wb-row-{segment_id} textarea")


def test_rtl_edit_save_reload(browser: Any, server: Server, screenshots: Path) -> None:
    page = _open(browser, server)
    first, second = _prose(server)[:2]
    source = page.locator(f".st-key-wb-row-{first.id} .wb-src")
    assert source.evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert source.evaluate("e => getComputedStyle(e).unicodeBidi") == "isolate"
    assert source.inner_text().strip() == first.source
    page.screenshot(path=str(screenshots / "editor.png"))

    box = _box(page, first.id)
    box.fill("The coalition says ISIS cannot hide. (e2e)")
    box.press("Control+Enter")  # save + confirm + next
    _wait_for(lambda: server.store.segment(first.id).status == "confirmed", "the save")
    assert server.store.segment(first.id).post_edit == "The coalition says ISIS cannot hide. (e2e)"
    page.wait_for_function(
        f"() => document.activeElement && document.activeElement.closest('.st-key-wb-row-{second.id}')",
        timeout=10_000,
    )
    page.screenshot(path=str(screenshots / "after-save.png"))

    page.reload()
    page.wait_for_selector(f".st-key-wb-row-{first.id} textarea", timeout=READY_MS)
    assert _box(page, first.id).input_value() == "The coalition says ISIS cannot hide. (e2e)"
    assert "confirmed" in page.locator(f".st-key-wb-row-{first.id} .wb-head").inner_text()
    page.context.close()


def test_conflict_from_a_stale_tab(browser: Any, server: Server, screenshots: Path) -> None:
    segment = _prose(server)[2]
    tab_a, tab_b = _open(browser, server), _open(browser, server)  # both render the same version
    _box(tab_a, segment.id).fill("Saved first, in tab A")
    _box(tab_a, segment.id).press("Control+Enter")
    _wait_for(lambda: server.store.segment(segment.id).post_edit is not None, "tab A's save")

    _box(tab_b, segment.id).fill("Typed in stale tab B")
    _box(tab_b, segment.id).press("Control+Enter")
    row = tab_b.locator(f".st-key-wb-row-{segment.id}")
    row.get_by_text("saved elsewhere", exact=False).wait_for(timeout=10_000)
    assert server.store.segment(segment.id).post_edit == "Saved first, in tab A"
    text = row.inner_text()
    assert "Saved first, in tab A" in text and "Typed in stale tab B" in text
    row.scroll_into_view_if_needed()
    tab_b.screenshot(path=str(screenshots / "conflict.png"))

    row.get_by_role("button", name="Keep mine (save over theirs)").click()
    _wait_for(
        lambda: server.store.segment(segment.id).post_edit == "Typed in stale tab B",
        "keep mine",
    )
    tab_a.context.close()
    tab_b.context.close()
