"""The Align page in a real browser: paste and upload, align, RTL pairs, merge, save.

The screenshot lands in ``artifacts/screenshots/align.png`` for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .conftest import Server, wait_for

pytestmark = pytest.mark.e2e

READY_MS = 60_000
AR = [
    "أعلنت الحكومة اليوم عن خطة جديدة للتعليم في 2024.",
    "وقال الوزير إن الخطة تبدأ في أيلول.",
    "وأضاف أن 300 مدرسة ستشارك فيها.",
    "أعلنت Apple عن iPhone 16 و<script>alert(1)</script> و$x$.",
]
EN = [
    "The government announced a new education plan today in 2024.",
    "The minister said the plan starts in September.",
    "He added that 300 schools will take part.",
    "Apple announced the iPhone 16 and <script>alert(1)</script> and $x$.",
]


def test_align_paste_upload_merge_save(
    browser: Any, server: Server, screenshots: Path, tmp_path: Path
) -> None:
    page = browser.new_context(viewport={"width": 1400, "height": 2000}).new_page()
    page.goto(f"{server.url}/align")
    source = page.locator(".st-key-wb-align-src textarea")
    source.wait_for(timeout=READY_MS)
    assert source.evaluate("e => getComputedStyle(e).direction") == "rtl"
    source.fill("\n".join(AR))
    source.press("Control+Enter")  # commits the text box

    english = tmp_path / "english.txt"
    english.write_text("\n".join(EN) + "\n", encoding="utf-8")
    page.locator(".st-key-wb-align-tgt-file input[type=file]").set_input_files(str(english))
    target = page.locator(".st-key-wb-align-tgt textarea")
    wait_for(lambda: target.input_value() == "\n".join(EN) + "\n", "the upload in the text box")

    page.get_by_role("button", name="Align", exact=True).click()
    first = page.locator(".st-key-wb-align-row-0 .wb-src")
    first.wait_for(timeout=READY_MS)
    assert first.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # The rows are drawn in one rerun, but their text can land a moment after the first element.
    wait_for(lambda: first.inner_text().strip() == AR[0], "the first Arabic line in its row")
    hostile = page.locator(".st-key-wb-align-row-3")
    wait_for(
        lambda: (
            "<script>alert(1)</script>" in hostile.inner_text() and "$x$" in hostile.inner_text()
        ),
        "the hostile pair, literal, in its row",
    )
    assert "stand-in model" in page.inner_text("body")

    page.locator(".st-key-wb-align-merge-1").get_by_role("button", name="Merge with next").click()
    page.locator(".st-key-wb-align-row-1 .wb-kind", has_text="2-2").wait_for(timeout=10_000)
    assert page.locator("[class*='st-key-wb-align-row-']").count() == 3

    name = page.get_by_label("Document name")
    name.fill("aligned e2e")
    name.press("Enter")
    page.get_by_role("button", name="Save as document").click()
    page.get_by_text("Saved as document", exact=False).wait_for(timeout=10_000)
    (doc,) = [d for d in server.store.documents() if d.name == "aligned e2e"]
    segments = server.store.segments(doc.id)
    assert [s.source for s in segments] == [AR[0], "\n".join(AR[1:3]), AR[3]]
    assert [s.post_edit for s in segments] == [EN[0], " ".join(EN[1:3]), EN[3]]
    assert {s.status for s in segments} == {"confirmed"}
    page.screenshot(path=str(screenshots / "align.png"), full_page=True)

    page.get_by_role("link", name=f"Open document {doc.id} in the Editor").click()
    page.locator(f".st-key-wb-row-{segments[0].id} textarea").wait_for(timeout=READY_MS)
    assert f"doc={doc.id}" in page.url
    page.context.close()
