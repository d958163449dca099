"""The smaller defects a translator saw in Chromium (issue 11, item 6), each checked as seen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbench.store.records import SegmentRow

from .conftest import Server, wait_for

pytestmark = pytest.mark.e2e

READY_MS = 60_000


def _prose(server: Server) -> list[SegmentRow]:
    return [s for s in server.store.segments(server.doc_id) if s.kind == "prose"]


def _page(browser: Any) -> Any:
    return browser.new_context(viewport={"width": 1280, "height": 800}).new_page()


def test_library_has_its_own_address(browser: Any, server: Server, screenshots: Path) -> None:
    page = _page(browser)
    for path in ("/library", "/"):
        page.goto(server.url + path)
        page.get_by_role("heading", name="Library", exact=True).wait_for(timeout=READY_MS)
        page.get_by_text("Import an article").wait_for(timeout=15_000)
        assert page.get_by_text("Page not found").count() == 0, path
        assert page.url.rstrip("/").endswith("/library")
    box = page.locator(".st-key-wb-library-paste textarea")
    page.get_by_role("tab", name="Paste text").click()
    box.fill("قال الوزير إن الخطة جاهزة.")
    assert box.evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.screenshot(path=str(screenshots / "library-paste-rtl.png"))
    page.context.close()


def test_progress_follows_the_saves(browser: Any, server: Server, screenshots: Path) -> None:
    page = _page(browser)
    page.goto(server.editor())
    first = _prose(server)[0]
    box = page.locator(f".st-key-wb-row-{first.id} textarea")
    box.wait_for(timeout=READY_MS)
    before = server.store.document(server.doc_id)
    expected = f"{before.confirmed + 1} of {before.translatable} segments confirmed"
    box.fill("Confirmed for the progress line.")
    box.press("Control+Enter")
    wait_for(lambda: server.store.segment(first.id).status == "confirmed", "the save")
    page.get_by_text(expected).wait_for(timeout=10_000)
    page.screenshot(path=str(screenshots / "progress-after-save.png"))
    page.context.close()


def test_the_english_box_shows_long_text_whole(browser: Any, server: Server) -> None:
    segment = _prose(server)[1]
    long = " ".join(["A long English sentence that a translator writes out in full."] * 8)
    server.store.save_edit(segment.id, long, server.store.segment(segment.id).version)
    page = _page(browser)
    page.goto(server.editor())
    box = page.locator(f".st-key-wb-row-{segment.id} textarea")
    box.wait_for(timeout=READY_MS)
    box.click()  # the active row's box grows with its text (the others are one compact line)
    page.wait_for_function(
        "e => e.scrollHeight <= e.clientHeight + 2", arg=box.element_handle(), timeout=5_000
    )
    page.context.close()


def test_a_save_while_alternatives_are_requested(browser: Any, server: Server) -> None:
    """Re-translate one row, save another at once: both land (the tiny model is fast, so this
    checks the path through the background job, not how long a slow one would block)."""
    one, two = _prose(server)[3:5]
    page = _page(browser)
    page.goto(server.editor())
    page.locator(f".st-key-wb-row-{two.id} textarea").wait_for(timeout=READY_MS)
    page.locator(f".st-key-wb-row-{one.id} textarea").click()  # open the row: its tools show
    page.locator(f".st-key-wb-alt-{one.id} button").first.click()
    box = page.locator(f".st-key-wb-row-{two.id} textarea")
    box.fill("Saved while the other row re-translates.")
    box.press("Control+Enter")
    wait_for(lambda: server.store.segment(two.id).status == "confirmed", "the save")
    close = page.locator(f".st-key-wb-alt-close-{one.id} button").first
    close.wait_for(state="attached", timeout=15_000)  # drawn; shown when the row is active
    assert page.locator(f".st-key-wb-row-{one.id}").get_by_text("Alternatives (").count() == 1
    page.context.close()


def test_alt_arrows_move_between_boxes_and_alt_m_copies_the_mt(
    browser: Any, server: Server
) -> None:
    """One key chord from box to box (the old layout took 6 Tab presses)."""
    first, second = _prose(server)[5:7]
    page = _page(browser)
    page.goto(server.editor())
    box = page.locator(f".st-key-wb-row-{first.id} textarea")
    box.wait_for(timeout=READY_MS)
    box.click()
    box.press("Alt+ArrowDown")
    inside = f"() => document.activeElement.closest('.st-key-wb-row-{second.id}') !== null"
    page.wait_for_function(inside, timeout=5_000)
    page.keyboard.press("Alt+ArrowUp")
    page.wait_for_function(inside.replace(str(second.id), str(first.id)), timeout=5_000)
    box.fill("Something typed over the MT.")
    box.press("Alt+m")
    mt = server.store.segment(first.id).mt
    assert mt is not None
    wait_for(lambda: box.input_value() == mt, "the MT in the box")
    page.context.close()
