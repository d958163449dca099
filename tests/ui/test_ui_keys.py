"""The editor's keyboard table: every shortcut is listed in the sheet, and each one that presses a
row's button names a widget the row draws (a typo would make a key that silently does nothing)."""

from __future__ import annotations

import re
from typing import get_args

import pytest
from ui_support import html, open_page

from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store
from workbench.ui import keys, markup, state
from workbench.ui.editing import next_unconfirmed
from workbench.ui.views.editor import panels, review


def test_the_sheet_lists_every_shortcut_escaped() -> None:
    sheet = keys.sheet_html()
    for shortcut in keys.SHORTCUTS:
        assert markup.escape(shortcut.keys) in sheet and markup.escape(shortcut.what) in sheet
    assert len({(s.code, s.alt, s.ctrl, s.shift) for s in keys.SHORTCUTS if s.code != "Enter"}) == (
        len([s for s in keys.SHORTCUTS if s.code != "Enter"])
    ), "no two shortcuts on one key"
    assert "?" in keys.help_text()


#: Row widgets of other modules that a shortcut presses, each key as that module makes it.
OTHER_WIDGETS = {
    "tm-prop": panels.key("tm-prop", 7),
    "term-open": panels.key("term-open", 7),
    "term-ar": panels.key("term-ar", 7),
    "rv-approve": review._key("approve", 7),
    "rv-comments": review._key("comments", 7),
    "rv-back": review._key("back", 7),
}


def test_each_button_shortcut_names_a_row_widget() -> None:
    widgets = set(get_args(state.RowWidget)) | set(OTHER_WIDGETS)
    assert all(key == f"wb-{name}-7" for name, key in OTHER_WIDGETS.items())
    pressed = [s for s in keys.SHORTCUTS if s.action.startswith(("click:", "focus:"))]
    assert len(pressed) >= 13
    for shortcut in pressed:
        for css in (shortcut.action, shortcut.opens, shortcut.then):
            if not css:
                continue
            found = re.search(r"st-key-wb-([a-z-]+?)-(?:'|\{id\})", css)
            assert found and found.group(1) in widgets, (shortcut, css)


@pytest.mark.parametrize(
    "action",
    [
        "copy this English to the identical segments",
        "approve",
        "comments",
        "send back",
        "restore",
        "add a glossary term",
    ],
)
def test_every_row_action_has_a_listed_shortcut(action: str) -> None:
    assert any(action in s.what for s in keys.SHORTCUTS), action


def test_the_sheet_says_what_the_digit_keys_do() -> None:
    digits = {(s.shift, s.what) for s in keys.SHORTCUTS if s.code == "Digit"}
    plain = [what for shift, what in digits if not shift]
    shifted = [what for shift, what in digits if shift]
    assert plain and all("memory" not in what for what in plain), "Alt+1…4: alternatives only"
    assert shifted and "memory match 1 … 3" in shifted[0]
    # The memory keys are the memory panel's own handler: Alt+Shift and Digit1…3.
    assert "e.shiftKey" in panels.SCRIPT and "Digit3: 3" in panels.SCRIPT
    assert panels.TM_SHOWN == 3


def test_the_editor_page_carries_the_sheet_and_its_script(store: Store) -> None:
    from workbench.pipeline.document import add_document
    from workbench.text.read import read_text

    doc_id = add_document(store, read_text("قال المتحدث إن الاجتماع انتهى.", name="k.txt"))[0]
    page = html(open_page("editor", doc_id))
    assert 'class="wb-sheet"' in page and "window.__wbKeys" in page


def _segments(store: Store, statuses: list[str]) -> tuple[int, list[SegmentRow]]:
    from workbench.pipeline.document import add_document
    from workbench.text.read import read_text

    text = "\n\n".join(f"قال المتحدث إن الاجتماع رقم {n} انتهى." for n in range(len(statuses)))
    doc_id = add_document(store, read_text(text, name="n.txt"))[0]
    rows = store.segments(doc_id)
    for row, status in zip(rows, statuses, strict=True):
        if status == "confirmed":
            store.save_edit(row.id, f"Done {row.position}.", row.version, confirm=True)
    return doc_id, rows


def test_next_unconfirmed_skips_confirmed_and_wraps(store: Store) -> None:
    doc_id, rows = _segments(store, ["new", "confirmed", "confirmed", "new", "confirmed"])
    found = next_unconfirmed(store, doc_id, 0, chunk=2)
    assert found is not None and found.id == rows[3].id
    wrapped = next_unconfirmed(store, doc_id, 3, chunk=2)
    assert wrapped is not None and wrapped.id == rows[0].id, "from the end, from the start"
    store.save_edit(rows[0].id, "x", store.segment(rows[0].id).version, confirm=True)
    assert next_unconfirmed(store, doc_id, 3) is None, "all the others are done"
