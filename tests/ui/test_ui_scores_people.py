"""The Scores page's per-translator table (issue 15): two people's edits on one document."""

from __future__ import annotations

import pytest
from ui_support import fresh_caches, html, open_page  # noqa: F401  (fresh_caches: autouse)

from workbench.config import settings
from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text
from workbench.ui import resources
from workbench.ui.resources import ModelState

A = "ana@news.example"
B = "**bo**<img src=x onerror=alert(1)>@news.example"  # Markdown and HTML must stay text


@pytest.fixture(autouse=True)
def translator(monkeypatch: pytest.MonkeyPatch) -> None:
    state = ModelState(FakeTranslator(), "standin", "fake stand-in")
    monkeypatch.setattr(resources, "model_state", lambda: state)


def _two_people(store: Store) -> int:
    text = "جملة أولى. جملة ثانية. جملة ثالثة. جملة رابعة."
    doc = add_document(store, read_text(text, name="two.txt"))[0]
    one, two, three, four = (s for s in store.segments(doc) if s.kind == "prose")
    mts = ["the cat sat on the mat", "a b c d", "one two three four", "w x y z"]
    for seg, mt in zip((one, two, three, four), mts, strict=True):
        store.set_mt(seg.id, mt, "sig")
    # A: two confirmed, HTER 1/6 = 16.67 and 0 -> mean 8.33; 6 + 8 + 2 s of editing.
    store.save_edit(one.id, "the cat sat on a mat", one.version + 1, seconds=6, actor=A)
    store.save_edit(
        one.id, "the cat sat on a mat", one.version + 2, confirm=True, seconds=8, actor=A
    )
    store.save_edit(two.id, "a b c d", two.version + 1, confirm=True, seconds=2, actor=A)
    # B: one confirmed (1 of 4 words: 25), one only saved (left out of HTER); no time recorded.
    store.save_edit(three.id, "one two three five", three.version + 1, confirm=True, actor=B)
    store.save_edit(four.id, "totally new words here", four.version + 1, actor=B)
    return doc


def test_scores_show_each_translator_with_their_hter() -> None:
    store = Store(settings().store_path)
    doc = _two_people(store)
    at = open_page("scores", doc)
    # The per-translator table (the signal-versus-effort table is the other one).
    frames = [f.value for f in at.dataframe if "Translator" in f.value.columns]
    assert len(frames) == 1, "the per-translator table is missing"
    rows = {r["Translator"]: r for r in frames[0].to_dict("records")}
    assert set(rows) == {A, B}, "names must come back exactly as saved"
    a, b = rows[A], rows[B]
    assert (a["Saves"], a["Segments saved"], a["Segments confirmed"]) == (3, 2, 2)
    assert (a["Edit time"], a["HTER (confirmed)"]) == ("0 min 16 s", "8.3")
    assert (b["Saves"], b["Segments saved"], b["Segments confirmed"]) == (2, 2, 1)
    assert (b["Edit time"], b["HTER (confirmed)"]) == ("not recorded", "25.0")
    page = html(at) + "".join(m.value for m in at.markdown)
    assert "<img" not in page and "**bo**" not in page, "a name reached Markdown or HTML"


def test_scores_say_when_nobody_has_saved() -> None:
    store = Store(settings().store_path)
    doc = add_document(store, read_text("جملة أولى.", name="x.txt"))[0]
    at = open_page("scores", doc)
    assert not at.dataframe
    assert any("Nobody has saved" in i.value for i in at.info)
