"""The CAT panels in a real browser: a memory match put in with Alt+Shift+1, a glossary term found
through its attached prefix (``والبيشمركة`` for ``البيشمركة``) and marked in the Arabic.

Screenshots: ``artifacts/screenshots/cat-*.png`` (git-ignored), for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from workbench.memory import add_entries
from workbench.store.records import SegmentRow
from workbench.terms.glossary import Term
from workbench.terms.stored import save_terms

from .conftest import Server, wait_for

pytestmark = pytest.mark.e2e

READY_MS = 60_000
TM_ENGLISH = "The coalition's spokesman said on Sunday that ISIS lost its strength. (memory, e2e)"


def _prose(server: Server) -> list[SegmentRow]:
    return [s for s in server.store.segments(server.doc_id) if s.kind == "prose"]


def test_memory_match_by_key_and_glossary_through_a_prefix(
    browser: Any, server: Server, screenshots: Path
) -> None:
    title, spokesman = _prose(server)[:2]
    assert "والبيشمركة" in title.source and "السبت" in spokesman.source
    save_terms(server.store, [Term("البيشمركة", "the Peshmerga", ("the peshmerga forces",))])
    near = spokesman.source.replace("السبت", "الأحد")
    add_entries(server.store, [(near, TM_ENGLISH)], "tmx:e2e.tmx")

    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(server.editor())
    box_of = '[class*="st-key-wb-edit-"] textarea'
    page.wait_for_selector(f".st-key-wb-row-{title.id} {box_of}", timeout=READY_MS)

    row = page.locator(f".st-key-wb-row-{title.id}")
    row.locator(box_of).click()  # the active row shows its panels
    row.locator(".wb-term").wait_for(timeout=15_000)
    chip = row.locator(".wb-term")
    assert chip.locator("mark").inner_text() == "والبيشمركة"
    assert "the Peshmerga" in chip.inner_text()
    if row.locator(".wb-src [data-s]").count():  # word by word: the term's word is marked too
        n = title.source.split().index("والبيشمركة")
        word = row.locator(f'.wb-src [data-s="{n}"]')
        assert word.evaluate("e => getComputedStyle(e).boxShadow") != "none"
    row.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "cat-glossary.png"))

    tm_row = page.locator(f".st-key-wb-row-{spokesman.id}")
    box = tm_row.locator(box_of)
    box.click()
    match = tm_row.locator(".wb-tm").first
    match.wait_for(timeout=15_000)
    assert "%" in match.inner_text() and TM_ENGLISH in match.inner_text()
    assert match.locator(".wb-tm-changed").inner_text() == "الأحد"
    tm_row.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "cat-tm.png"))
    box.press("Alt+Shift+1")
    wait_for(lambda: server.store.segment(spokesman.id).post_edit == TM_ENGLISH, "the TM insert")
    assert server.store.history(spokesman.id)[-1].action == "edit"
    page.wait_for_function(
        f"""() => {{
          const box = document.querySelector('.st-key-wb-row-{spokesman.id} textarea');
          return box && box.value.includes('(memory, e2e)');
        }}""",
        timeout=15_000,
    )
    tm_row.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "cat-tm-inserted.png"))
    page.context.close()
