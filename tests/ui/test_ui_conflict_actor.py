"""A conflict names the person whose save won (issue 15: "shown as today, with the other person's
name"), escaped like every other caption."""

from __future__ import annotations

import pytest

from workbench.config import settings
from workbench.errors import ConflictError
from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.text.read import read_text
from workbench.ui import editing, markup

ARTICLE = "أعلنت الحكومة اليوم عن خطة جديدة للتعليم."


def _segment(store: Store) -> int:
    doc_id = add_document(store, read_text(ARTICLE, name="a.txt"))[0]
    return next(s.id for s in store.segments(doc_id) if s.kind == "prose")


@pytest.mark.parametrize(
    ("actor", "caption"),
    [
        ("amal@example.org", "Theirs (saved by amal@example.org, version 1)"),
        (None, "Theirs (saved, version 1)"),
    ],
)
def test_the_conflict_says_who_saved_the_winning_version(actor: str | None, caption: str) -> None:
    store = Store(settings().store_path)
    segment = _segment(store)
    store.save_edit(segment, "Their English.", 0, actor=actor)
    with pytest.raises(ConflictError) as lost:
        store.save_edit(segment, "My English.", 0)
    conflict = editing.conflict_from(store, lost.value, "My English.", False)
    assert conflict.their_actor == actor
    assert conflict.theirs == "Their English."
    assert editing.theirs_caption(conflict) == caption


def test_a_hostile_name_in_the_caption_stays_literal() -> None:
    conflict = editing.Conflict(1, "x", "y", 2, False, "<img src=x onerror=alert(1)>@evil")
    html = markup.label(editing.theirs_caption(conflict))
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt;@evil" in html
