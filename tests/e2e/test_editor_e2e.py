"""What a translator sees in a real browser: RTL Arabic, editing, saving, reload, conflicts.

Screenshots land in ``artifacts/screenshots/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbench.align.words import OMISSION, PILE_UP, REPETITION
from workbench.store.records import SegmentRow

from .conftest import Server, wait_for

pytestmark = pytest.mark.e2e

#: The app translates the seed on first open with the tiny model: allow for a slow machine.
READY_MS = 60_000


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
    wait_for(lambda: server.store.segment(first.id).status == "confirmed", "the save")
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
    wait_for(lambda: server.store.segment(segment.id).post_edit is not None, "tab A's save")

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
    wait_for(
        lambda: server.store.segment(segment.id).post_edit == "Typed in stale tab B",
        "keep mine",
    )
    tab_a.context.close()
    tab_b.context.close()


def _aligned(server: Server) -> tuple[SegmentRow, int, int]:
    """A segment on the first page whose stored alignment links words: (segment, source, MT word)."""
    for segment in _prose(server):
        if segment.position >= 10:
            break
        pairs = (segment.mt_meta or {}).get("alignment", "").split()
        if pairs:
            i, _, j = pairs[0].partition("-")
            return segment, int(i), int(j)
    raise AssertionError("no segment on the first page has a word alignment")


def _background(locator: Any) -> str:
    return str(locator.evaluate("e => getComputedStyle(e).backgroundColor"))


def test_word_alignment_highlight(browser: Any, server: Server, screenshots: Path) -> None:
    page = _open(browser, server)
    segment, i, j = _aligned(server)  # the tiny model's attention is real (its words are not)
    assert all("alignment" in s.mt_meta for s in _prose(server)), "the editor keeps the attention"
    row = page.locator(f".st-key-wb-row-{segment.id}")
    source_word = row.locator(f'.wb-src [data-s="{i}"]')
    mt_word = row.locator(f'.wb-mt [data-t="{j}"]')
    assert source_word.inner_text() == segment.source.split()[i]
    assert mt_word.inner_text() == (segment.mt or "").split()[j]
    assert row.locator(".wb-src").inner_text().strip() == segment.source.strip()
    row.scroll_into_view_if_needed()
    row.locator("textarea").click()  # the active row opens: its MT shows
    page.mouse.move(0, 0)
    before = _background(source_word)

    mt_word.hover()  # MT word → its Arabic word lights up
    page.wait_for_function(
        "([el, before]) => getComputedStyle(el).backgroundColor !== before",
        arg=[source_word.element_handle(), before],
        timeout=5_000,
    )
    assert _background(source_word) == "rgb(255, 201, 77)"
    box = row.bounding_box()
    assert box is not None
    page.screenshot(path=str(screenshots / "word-alignment.png"), clip=box)

    page.mouse.move(0, 0)  # and back when the mouse leaves
    page.wait_for_function(
        "([el, before]) => getComputedStyle(el).backgroundColor === before",
        arg=[source_word.element_handle(), before],
        timeout=5_000,
    )
    source_word.hover()  # the reverse: Arabic word → its English words
    assert _background(mt_word) == "rgb(255, 201, 77)"
    mt_word.click()  # a click keeps the link lit after the mouse leaves (focus)
    page.mouse.move(0, 0)
    assert _background(source_word) == "rgb(255, 201, 77)"
    other = _prose(server)[0] if _prose(server)[0].id != segment.id else _prose(server)[1]
    other_words = page.locator(f".st-key-wb-row-{other.id} .wb-w")
    assert all(_background(w) != "rgb(255, 201, 77)" for w in other_words.all()), "rows are apart"

    # The tiny model's output trips some flags; show an attention flag if there is one.
    attention = ", ".join(f'.wb-flag[data-flag="{f}"]' for f in (PILE_UP, OMISSION, REPETITION))
    flagged = page.locator(attention).first
    if not flagged.count():
        flagged = page.locator(".wb-flag").first
    if flagged.count():
        assert flagged.get_attribute("title"), "each flag badge explains itself"
        head = flagged.locator("xpath=ancestor::div[contains(@class, 'st-key-wb-row-')][1]")
        head.locator("textarea").click()  # open the row: its flags are explained there
        head.locator("details.wb-flag-help summary").click()
        head.scroll_into_view_if_needed()
        head.screenshot(path=str(screenshots / "word-alignment-flags.png"))
    page.context.close()
