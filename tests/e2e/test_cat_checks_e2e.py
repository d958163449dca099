"""The editor's QA checks and repetitions in a real browser (issue 13): a QA badge on the active
row, the "With QA issues" filter, the QA summary that holds the export back until "Export anyway"
is ticked, and an English copied to the identical segments in one click (and the copy undone).

Screenshots: ``artifacts/screenshots/cat-checks-*.png`` (git-ignored), for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from workbench.pipeline.document import add_document
from workbench.testing import FakeTranslator
from workbench.text.read import read_text

from .conftest import Server, wait_for

pytestmark = pytest.mark.e2e

READY_MS = 60_000
#: A number (#1), a sentence said twice (#2 and #4) and one between them (#3).
ARTICLE = "قتل ٢٥ شخصا في الهجوم. انتهى الاجتماع. وقال الوزير إن الخطة تبدأ غدا. انتهى الاجتماع."
MT = (
    "25 people were killed in the attack.",
    "The meeting is over.",
    "The minister said the plan starts tomorrow.",
    "The meeting is over.",
)
NO_NUMBER = "People were killed in the attack."
MEETING = "The meeting ended."
BOX = '[class*="st-key-wb-edit-"] textarea'


def _document(server: Server) -> tuple[int, list[int]]:
    """The article stored with its MT (each English fine as it stands)."""
    doc_id = add_document(server.store, read_text(ARTICLE, name="checks.txt"))[0]
    signature = str(FakeTranslator().signature())
    ids = [s.id for s in server.store.segments(doc_id) if s.kind == "prose"]
    assert len(ids) == len(MT), "one segment per sentence"
    for seg_id, english in zip(ids, MT, strict=True):
        server.store.set_mt(seg_id, english, signature)
    return doc_id, ids


def test_qa_badge_filter_export_gate_and_repetitions(
    browser: Any, server: Server, screenshots: Path
) -> None:
    doc_id, (number, meeting, minister, again) = _document(server)
    store = server.store
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"{server.url}/editor?doc={doc_id}", timeout=READY_MS)
    page.wait_for_selector(f".st-key-wb-row-{number} {BOX}", timeout=2 * READY_MS)

    def row(seg_id: int) -> Any:
        return page.locator(f".st-key-wb-row-{seg_id}")

    # (a) An English that drops the source's 25: its badge on the active row.
    box = row(number).locator(BOX)
    box.click()
    box.fill(NO_NUMBER)
    box.press("Alt+Enter")  # save without confirming, stay on the row
    wait_for(lambda: store.segment(number).post_edit == NO_NUMBER, "the save of #1")
    badge = row(number).locator('[data-qa="number-mismatch"]')
    badge.first.wait_for(timeout=20_000)
    assert "number-mismatch" in badge.first.inner_text()
    row(number).scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "cat-checks-badge.png"))

    # (d) Confirming #2 offers its English to #4 (same Arabic, no human edit); copy, then undo.
    box = row(meeting).locator(BOX)
    box.click()
    box.fill(MEETING)
    box.press("Control+Enter")  # save + confirm + next
    wait_for(lambda: store.segment(meeting).status == "confirmed", "the confirmation of #2")
    page.wait_for_function(  # the cursor went on to #3
        f"() => document.activeElement && document.activeElement.closest('.st-key-wb-row-{minister}')",
        timeout=20_000,
    )
    wait_for(lambda: row(meeting).locator(BOX).count() == 1, "the rerun's end")
    row(meeting).locator(BOX).click()  # back to #2: the panels are on the active row
    copy = row(meeting).get_by_role("button", name="Copy this English to 1 identical segment")
    copy.wait_for(timeout=20_000)
    row(meeting).scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "cat-checks-offer.png"))
    copy.click()
    wait_for(lambda: store.segment(again).target == MEETING, "the copy to #4", timeout=20)
    assert store.segment(again).status == "tm"
    assert store.segment(minister).target == MT[2], "a different Arabic is left alone"
    row(meeting).get_by_text("English copied to the identical segments #4.").wait_for(
        timeout=20_000
    )
    page.screenshot(path=str(screenshots / "cat-checks-copied.png"))
    row(meeting).get_by_role("button", name="Undo the copy").click()
    wait_for(lambda: store.segment(again).target == MT[3], "the undo of the copy", timeout=20)
    assert store.segment(again).status == "translated"
    row(meeting).get_by_role("button", name="Undo the copy").wait_for(
        state="detached", timeout=20_000
    )
    page.screenshot(path=str(screenshots / "cat-checks-undone.png"))

    # (b) "With QA issues" (in the header's "Filter & order"): only #1 is left.
    page.get_by_role("button", name="Filter & order").click()
    page.get_by_text("With QA issues", exact=True).click()
    page.keyboard.press("Escape")
    row(meeting).wait_for(state="detached", timeout=20_000)
    row(number).wait_for(timeout=20_000)
    assert page.locator('[class*="st-key-wb-row-"] textarea').count() == 1
    for seg_id in (minister, again):
        assert row(seg_id).count() == 0
    page.screenshot(path=str(screenshots / "cat-checks-filter.png"))

    # (c) The QA summary before the export: the downloads wait for "Export anyway".
    page.get_by_text("Export this document", exact=True).click()
    page.get_by_text(re.compile(r"1 segment has QA issues: export anyway\?")).wait_for(
        timeout=20_000
    )
    assert page.get_by_text(re.compile(r"number-mismatch ×1 \(segments #1\)")).count() >= 1
    downloads = page.locator(
        '[class*="st-key-wb-export-editor-"] [data-testid="stDownloadButton"] button'
    )
    downloads.first.wait_for(timeout=20_000)
    assert downloads.count() > 0
    assert all(downloads.nth(i).is_disabled() for i in range(downloads.count()))
    anyway = page.get_by_text("Export anyway", exact=True)
    anyway.scroll_into_view_if_needed()
    page.screenshot(path=str(screenshots / "cat-checks-export-held.png"))
    anyway.click()
    wait_for(
        lambda: all(downloads.nth(i).is_enabled() for i in range(downloads.count())),
        "the downloads enabled",
        timeout=20,
    )
    page.screenshot(path=str(screenshots / "cat-checks-export-anyway.png"))
    page.context.close()
