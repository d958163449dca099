"""The editor's compact grid and its keyboard, measured in Chromium at 1280×800 (issue 11).

The article is FLORES-101 dev Arabic (read from the shared data), its MT the stand-in forced to
the real model's output lengths (``LengthTranslator``: noise exactly as long as opus-mt's
English), so rows are as tall as real ones. Measured: how many rows are fully on screen while
the translator works down the page, and how many key presses take the cursor from one English
box to the next. The figures are printed (``-s``); the screenshots are for a person to look at.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import require_shared

from workbench.pipeline.document import add_document, translate_document
from workbench.store.records import SegmentRow
from workbench.testing import LengthTranslator, article, flores_pairs
from workbench.text.read import read_text
from workbench.ui import keys

from .conftest import Server, wait_for

pytestmark = pytest.mark.e2e

READY_MS = 60_000
ARTICLE_SEGMENTS = 12
HOSTILE = 'قال <b>$5</b> :red[x] <script>alert("x")</script> اليوم.'
#: Rows whose whole box is on screen, under Streamlit's top bar.
VISIBLE_JS = """() => Array.from(document.querySelectorAll('[class*="st-key-wb-row-"]'))
  .filter(r => { const b = r.getBoundingClientRect(); return b.top >= 56 && b.bottom <= innerHeight; })
  .length"""
#: Scroll the grid's scroller to its top; the first row's top, in px from the window's top.
TOP_JS = """() => { const row = document.querySelector('[class*="st-key-wb-row-"]');
  let p = row.parentElement;
  while (p && !(["auto", "scroll"].includes(getComputedStyle(p).overflowY)
                && p.scrollHeight > p.clientHeight)) p = p.parentElement;
  (p || document.scrollingElement).scrollTop = 0;
  return row.getBoundingClientRect().top; }"""
FOCUSED_ROW_JS = """() => { const r = document.activeElement &&
  document.activeElement.closest('[class*="st-key-wb-row-"]');
  return r && document.activeElement.tagName === "TEXTAREA"
    ? +/st-key-wb-row-(\\d+)/.exec(r.className)[1] : null; }"""


@pytest.fixture(scope="module")
def flores(server: Server, shared_dir: Path) -> tuple[int, list[SegmentRow]]:
    """A FLORES-length article (and one hostile line) with real-length stand-in MT, stored."""
    pairs = flores_pairs(
        require_shared(shared_dir / "data" / "flores101-dev"), ARTICLE_SEGMENTS - 1
    )
    sources = [arabic for arabic, _ in pairs]
    sources.insert(5, HOSTILE)
    doc_id = add_document(server.store, read_text(article(sources), name="flores.txt"))[0]
    for _ in translate_document(server.store, doc_id, LengthTranslator(dict(pairs))):
        pass
    prose = [s for s in server.store.segments(doc_id) if s.kind == "prose"]
    assert len(prose) == ARTICLE_SEGMENTS, "one segment per FLORES line"
    return doc_id, prose


def _open(browser: Any, server: Server, doc_id: int) -> Any:
    page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
    page.goto(f"{server.url}/editor?doc={doc_id}", timeout=READY_MS)
    page.wait_for_selector('[class*="st-key-wb-row-"] textarea', timeout=2 * READY_MS)
    page.wait_for_function(FOCUSED_ROW_JS, timeout=30_000)  # the first open row takes the focus
    return page


def _focused(page: Any) -> int | None:
    found = page.evaluate(FOCUSED_ROW_JS)
    return None if found is None else int(found)


def _row(page: Any, segment_id: int) -> Any:
    return page.locator(f".st-key-wb-row-{segment_id}")


def test_six_rows_on_screen_and_one_key_from_box_to_box(
    browser: Any, server: Server, flores: tuple[int, list[SegmentRow]], screenshots: Path
) -> None:
    doc_id, prose = flores
    page = _open(browser, server, doc_id)
    assert _focused(page) == prose[0].id, "the first unconfirmed row is open, its box focused"
    seen = [int(page.evaluate(VISIBLE_JS))]
    page.screenshot(path=str(screenshots / "grid-open.png"))
    presses = []
    for segment in prose[1:7]:
        count = 0
        while _focused(page) != segment.id and count < 3:
            page.keyboard.press("Alt+ArrowDown")
            count += 1
            try:  # one press, then wait for it to land (a loaded machine is slow to move focus)
                page.wait_for_function(
                    f"() => ({FOCUSED_ROW_JS})() === {segment.id}", timeout=5_000
                )
            except Exception:  # counted: a second press if the first did nothing
                continue
        presses.append(count)
        assert _focused(page) == segment.id, f"the box of #{segment.position + 1} has the focus"
        seen.append(int(page.evaluate(VISIBLE_JS)))
    print(f"\ngrid 1280x800: rows fully visible {seen}; key presses box to box {presses}")
    page.screenshot(path=str(screenshots / "grid.png"))
    assert max(presses) <= 2, f"key presses from one box to the next: {presses}"
    # Rows 2-5 have a full screen of rows after them on the page (10 a page); further down, the
    # page's own end (its last rows, then "Next ▶") is what fills the screen.
    assert min(seen[1:5]) >= 6, f"rows fully visible while moving down the page: {seen}"

    active, inactive = _row(page, prose[6].id), _row(page, prose[8].id)
    assert active.locator(".wb-mt").is_visible() and not inactive.locator(".wb-mt").is_visible()
    assert "stand-in model: NOT a translation" in active.inner_text(), "the MT says what made it"
    assert inactive.locator("textarea").is_visible(), "every row shows its English box"
    assert inactive.bounding_box()["height"] < active.bounding_box()["height"]
    assert active.locator(".wb-src").evaluate("e => getComputedStyle(e).direction") == "rtl"
    hostile = _row(page, prose[5].id).locator(".wb-src")
    assert hostile.inner_text().strip() == HOSTILE, "hostile text is literal"

    box = active.locator("textarea")  # the box grows with its text, never a fixed height
    short = box.bounding_box()["height"]
    box.fill("A long English text that goes on. " * 12)
    page.wait_for_timeout(200)
    grown = box.evaluate("b => [b.clientHeight, b.scrollHeight]")
    assert grown[0] > short and grown[1] <= grown[0] + 2, f"box heights {short} → {grown}"
    page.keyboard.press("Alt+ArrowUp")
    assert _focused(page) == prose[5].id
    page.context.close()


def test_the_header_leaves_the_screen_to_the_rows(
    browser: Any, server: Server, flores: tuple[int, list[SegmentRow]], screenshots: Path
) -> None:
    """At the top of the page (title, progress, view bar, navigation on screen) the grid shows
    at least six rows of a FLORES-length article, so opening it needs no scrolling."""
    doc_id, _ = flores
    page = _open(browser, server, doc_id)
    first_top = page.evaluate(TOP_JS)
    page.wait_for_timeout(300)  # the scroll settles
    seen = int(page.evaluate(VISIBLE_JS))
    page.screenshot(path=str(screenshots / "grid-top.png"))
    print(f"\ngrid 1280x800 at the top: first row at {first_top:.0f} px; rows fully visible {seen}")
    assert page.get_by_text("segments confirmed", exact=False).first.is_visible()
    assert seen >= 6, f"rows fully visible under the page header: {seen}"
    page.get_by_role("button", name="Filter & order").click()  # the view bar, in a popover
    page.get_by_text("Hardest first").wait_for(timeout=5_000)
    page.screenshot(path=str(screenshots / "grid-view-popover.png"))
    page.keyboard.press("Escape")
    page.context.close()


def test_confirm_goes_on_in_the_order_shown(browser: Any, server: Server) -> None:
    """ "Hardest first": Ctrl+Enter goes to the next segment of that order, not of the document."""
    sources = [f"قال المتحدث إن الاجتماع رقم {n} انتهى اليوم." for n in range(6)]
    doc_id = add_document(server.store, read_text(article(sources), name="hard.txt"))[0]
    prose = server.store.segments(doc_id)
    for segment in prose:  # segment n scores -n: the last is the hardest
        meta = {"scores": [-float(segment.position)]}
        server.store.set_mt(segment.id, f"Meeting {segment.position} ended.", "s", meta)
    page = _open(browser, server, doc_id)
    page.get_by_role("button", name="Filter & order").click()
    page.get_by_text("Hardest first").click()
    page.keyboard.press("Escape")
    first = _row(page, prose[5].id).locator("textarea").first
    first.wait_for(timeout=30_000)
    page.wait_for_function(  # the view's first row is the hardest one, on top
        f"() => document.querySelector('[class*=\"st-key-wb-row-\"]')"
        f".classList.contains('st-key-wb-row-{prose[5].id}')",
        timeout=30_000,
    )
    first.click()
    page.keyboard.press("Control+Enter")
    wait_for(lambda: server.store.segment(prose[5].id).status == "confirmed", "the save")
    page.wait_for_function(f"() => ({FOCUSED_ROW_JS})() === {prose[4].id}", timeout=15_000)
    page.context.close()


def test_the_keyboard(
    browser: Any, server: Server, flores: tuple[int, list[SegmentRow]], screenshots: Path
) -> None:
    doc_id, prose = flores
    third = server.store.segment(prose[2].id)
    server.store.save_edit(third.id, "Confirmed before.", third.version, confirm=True)
    page = _open(browser, server, doc_id)
    page.keyboard.press("Alt+ArrowDown")
    assert _focused(page) == prose[1].id
    second = _row(page, prose[1].id)

    page.keyboard.press("Alt+c")  # copy source, as typing: a draft
    assert second.locator("textarea").input_value() == prose[1].source
    wait_for(lambda: server.store.draft(prose[1].id) is not None, "the draft of the copied source")
    page.keyboard.press("Alt+m")  # copy MT back
    assert second.locator("textarea").input_value() == server.store.segment(prose[1].id).mt

    page.keyboard.press("Control+Enter")  # confirm, and on to the next UNconfirmed (#4, not #3)
    wait_for(lambda: server.store.segment(prose[1].id).status == "confirmed", "the save")
    page.wait_for_function(f"() => ({FOCUSED_ROW_JS})() === {prose[3].id}", timeout=15_000)

    page.keyboard.press("Alt+a")  # alternatives of #4 (the server's tiny model)
    fourth = _row(page, prose[3].id)
    fourth.get_by_text("Alternatives (", exact=False).wait_for(timeout=30_000)
    page.keyboard.press("Alt+x")
    fourth.get_by_text("Alternatives (", exact=False).wait_for(state="detached", timeout=15_000)

    page.evaluate("document.activeElement.blur()")  # out of the box: ? opens the sheet
    page.keyboard.press("Shift+Slash")
    sheet = page.locator(".wb-sheet")
    sheet.wait_for(state="visible", timeout=5_000)
    listed = sheet.inner_text()
    assert all(s.keys in listed and s.what in listed for s in keys.SHORTCUTS)
    page.screenshot(path=str(screenshots / "grid-shortcuts.png"))
    page.keyboard.press("Escape")
    sheet.wait_for(state="hidden", timeout=5_000)
    page.context.close()


def test_restore_and_a_glossary_term_by_keyboard(
    browser: Any, server: Server, flores: tuple[int, list[SegmentRow]], screenshots: Path
) -> None:
    """Alt+R: the focus on Restore of the newest earlier version (the history opens), Enter
    restores it; Alt+L: the "Add a term" form opens, the Arabic selected in the source in it."""
    doc_id, prose = flores
    target = server.store.segment(prose[9].id)
    mt = target.mt
    server.store.save_edit(target.id, "A translator's first try.", target.version)
    page = _open(browser, server, doc_id)
    row = _row(page, target.id)
    row.locator("textarea").first.click()
    page.keyboard.press("Alt+r")
    page.wait_for_function(
        "() => { const b = document.activeElement; return b && b.tagName === 'BUTTON' && "
        f"!!b.closest('[class*=\"st-key-wb-restore-{target.id}-\"]'); }}",
        timeout=30_000,
    )
    page.screenshot(path=str(screenshots / "grid-restore-key.png"))
    page.keyboard.press("Enter")
    wait_for(lambda: server.store.segment(target.id).target == mt, "the restore of the MT")
    assert [h.action for h in server.store.history(target.id)][-1] == "restore"

    row.locator("textarea").first.click()
    word = row.locator(".wb-src").first.evaluate(  # select the Arabic's first word, as a mouse
        "e => { const t = document.createTreeWalker(e, NodeFilter.SHOW_TEXT).nextNode();"
        " const r = document.createRange(); r.setStart(t, 0);"
        " r.setEnd(t, t.data.indexOf(' ')); const s = getSelection(); s.removeAllRanges();"
        " s.addRange(r); e.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));"
        " return r.toString(); }"
    )
    page.keyboard.press("Alt+l")
    arabic = page.locator(f".st-key-wb-term-ar-{target.id} input")
    page.wait_for_function(
        f"() => document.activeElement === document.querySelector('.st-key-wb-term-ar-{target.id} input')",
        timeout=15_000,
    )
    assert arabic.input_value() == word.strip() and word.strip()
    page.screenshot(path=str(screenshots / "grid-term-key.png"))
    page.context.close()
