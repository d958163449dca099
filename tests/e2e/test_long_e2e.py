"""A 500-segment article: page 1 is editable before the rest is translated (issue 11, must-fix 2)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from workbench.pipeline.document import add_document
from workbench.text.read import read_text

from .conftest import Server, wait_for

pytestmark = pytest.mark.e2e

SEGMENTS = 500
#: Distinct sentences (no two alike, so the cache does not shortcut any), one per paragraph.
ARTICLE = "\n\n".join(
    f"وقال المتحدث إن القوات تقدمت نحو المدينة رقم {n} بعد معارك استمرت {n % 17 + 2} أيام."
    for n in range(SEGMENTS)
)


def _mt_order(server: Server, segment_id: int) -> int:
    """The history id of a segment's MT (ids grow in the order the store wrote them)."""
    return next(h.id for h in server.store.history(segment_id) if h.action == "mt")


def test_the_page_opened_is_translated_first_and_editable_before_the_rest(
    browser: Any, server: Server, screenshots: Path
) -> None:
    """Page 40 opened first: its first rows become editable, then the others as their MT comes
    in (the page redraws itself), and their MT was stored before that of
    page 21, which document order would have translated first. A fast machine may finish the
    whole article within seconds, so the order is what is checked, not a race against the clock."""
    doc_id = add_document(server.store, read_text(ARTICLE, name="long.txt"))[0]
    prose = [s for s in server.store.segments(doc_id) if s.kind == "prose"]
    wanted, earlier = prose[390:400], prose[200]
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    began = time.monotonic()
    page.goto(f"{server.url}/editor?doc={doc_id}&page=40")
    page.wait_for_selector(f".st-key-wb-row-{wanted[0].id} textarea", timeout=120_000)
    editable = time.monotonic() - began
    document = server.store.document(doc_id)
    # The page's other rows come in as their MT does: no reload, the page redraws itself.
    page.wait_for_selector(f".st-key-wb-row-{wanted[-1].id} textarea", timeout=120_000)
    whole_page = time.monotonic() - began
    print(
        f"page 40: first row editable after {editable:.1f} s ({document.translated} of "
        f"{SEGMENTS} had MT), all its rows after {whole_page:.1f} s"
    )
    assert page.locator('[class*="st-key-wb-wait-"]').count() == 0, "no row left waiting"
    assert all(server.store.segment(s.id).mt is not None for s in wanted), "page 40 has its MT"
    if server.store.segment(earlier.id).mt is not None:
        first_of_earlier = _mt_order(server, earlier.id)
        assert all(_mt_order(server, s.id) < first_of_earlier for s in wanted), (
            "page 40 was translated before the pages in front of it"
        )

    def line_or_done() -> bool:
        if server.store.document(doc_id).translated == SEGMENTS:
            return True
        return bool(page.get_by_text("Translating in the background").count() > 0)

    wait_for(line_or_done, "the background translation's progress line")
    page.screenshot(path=str(screenshots / "long-first-page.png"))
    page.context.close()
