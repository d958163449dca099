"""A 500-segment article: page 1 is editable before the rest is translated (issue 11, must-fix 2)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from workbench.pipeline.document import add_document
from workbench.text.read import read_text

from .conftest import Server

pytestmark = pytest.mark.e2e

SEGMENTS = 500
#: Distinct sentences (no two alike, so the cache does not shortcut any), one per paragraph.
ARTICLE = "\n\n".join(
    f"وقال المتحدث إن القوات تقدمت نحو المدينة رقم {n} بعد معارك استمرت {n % 17 + 2} أيام."
    for n in range(SEGMENTS)
)


def test_page_one_is_editable_before_the_rest(
    browser: Any, server: Server, screenshots: Path
) -> None:
    doc_id = add_document(server.store, read_text(ARTICLE, name="long.txt"))[0]
    first = next(s for s in server.store.segments(doc_id, limit=5) if s.kind == "prose")
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    began = time.monotonic()
    page.goto(f"{server.url}/editor?doc={doc_id}")
    page.wait_for_selector(f".st-key-wb-row-{first.id} textarea", timeout=120_000)
    editable = time.monotonic() - began
    document = server.store.document(doc_id)
    print(f"first editable row after {editable:.1f} s; {document.translated} of {SEGMENTS} had MT")
    assert document.translated < document.translatable, "the page did not wait for the whole text"
    page_rows = server.store.segments(doc_id, limit=10)
    assert all(s.mt is not None for s in page_rows), "the page on screen is translated first"
    page.get_by_text("Translating in the background").wait_for(timeout=10_000)
    page.screenshot(path=str(screenshots / "long-first-page.png"))
    page.context.close()
