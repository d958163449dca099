"""Typing is never lost: what is typed and not saved survives Next ▶, a reload and a closed tab.

The draft script posts the box's text to the server as the translator types (see
``workbench.ui.drafts``); these tests type without saving, leave the page in each way a person
does, and check that the text is in the store as a draft and back in the box, marked as a draft.
"""

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


def _open(browser: Any, server: Server, query: str = "") -> Any:
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(server.editor() + query)
    page.wait_for_selector(
        ".st-key-wb-row-" + str(_prose(server)[0].id) + " textarea", timeout=READY_MS
    )
    return page


def _box(page: Any, segment_id: int) -> Any:
    return page.locator(f".st-key-wb-row-{segment_id} textarea")


def _type(page: Any, segment_id: int, text: str) -> None:
    """Select the box's English and type over it, key by key, as a person does (no save)."""
    box = _box(page, segment_id)
    box.click()
    box.press("Control+a")
    box.press_sequentially(text, delay=5)


def _draft_text(server: Server, segment_id: int) -> str | None:
    draft = server.store.draft(segment_id)
    return None if draft is None else draft.text


def test_typing_then_next_page_and_back(browser: Any, server: Server, screenshots: Path) -> None:
    first = _prose(server)[0]
    page = _open(browser, server)
    typed = "Typed, never saved: <b>$5</b> :red[x]"
    _type(page, first.id, typed)
    page.locator(".st-key-wb-next-top button").click()  # no blur, no wait: straight to page 2
    wait_for(lambda: _draft_text(server, first.id) == typed, "the draft in the store")
    assert server.store.segment(first.id).status != "confirmed"
    page.locator(".st-key-wb-prev-top button").click()
    page.wait_for_function(
        "([sel, text]) => { const b = document.querySelector(sel); return b && b.value === text; }",
        arg=[f".st-key-wb-row-{first.id} textarea", typed],
        timeout=15_000,
    )
    head = page.locator(f".st-key-wb-row-{first.id} .wb-head")
    assert "draft" in head.inner_text()
    assert server.store.document(server.doc_id).confirmed == 0
    page.locator(f".st-key-wb-row-{first.id}").screenshot(path=str(screenshots / "draft-row.png"))
    page.context.close()


def test_typing_then_reload(browser: Any, server: Server) -> None:
    second = _prose(server)[1]
    page = _open(browser, server)
    typed = "Kept over a reload."
    _type(page, second.id, typed)
    page.on("dialog", lambda dialog: dialog.accept())  # "unsaved changes?" → leave
    page.reload()
    wait_for(lambda: _draft_text(server, second.id) == typed, "the draft in the store")
    page.wait_for_selector(f".st-key-wb-row-{second.id} textarea", timeout=READY_MS)
    assert _box(page, second.id).input_value() == typed
    page.context.close()


def test_typing_then_closing_the_tab(browser: Any, server: Server) -> None:
    third = _prose(server)[2]
    page = _open(browser, server)
    typed = "Kept when the tab closes."
    _type(page, third.id, typed)
    page.close(run_before_unload=True)
    wait_for(lambda: _draft_text(server, third.id) == typed, "the draft in the store")
    reopened = _open(browser, server)
    assert _box(reopened, third.id).input_value() == typed
    reopened.context.close()


def test_confirming_the_last_row_keeps_the_others_drafts(browser: Any, server: Server) -> None:
    prose = [s for s in _prose(server) if s.position < 10]
    other, last = prose[3], prose[-1]
    page = _open(browser, server)
    _type(page, other.id, "Typed in another row.")
    _box(page, last.id).click()
    _box(page, last.id).fill("Last row, confirmed.")
    _box(page, last.id).press("Control+Enter")  # confirms and turns the page
    wait_for(lambda: server.store.segment(last.id).status == "confirmed", "the save")
    wait_for(lambda: _draft_text(server, other.id) == "Typed in another row.", "the other draft")
    assert server.store.draft(last.id) is None  # a save ends its draft
    page.context.close()
