"""The Align page with Streamlit's AppTest: paste, align, merge, split, page, save.

As in tests/test_ui_apptest.py, the translator is injected by replacing
``workbench.ui.resources.model_state``, and each test has its own store.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest
from ui_support import APP, RealFake, fresh_caches  # noqa: F401  (an autouse fixture)
from ui_support import html as _html

from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.ui import resources, state
from workbench.ui.resources import ModelState
from workbench.ui.views.align import actions as align_actions

AR = [
    "أعلنت الحكومة اليوم عن خطة جديدة للتعليم في 2024.",
    "وقال الوزير إن الخطة تبدأ في أيلول.",
    "وأضاف أن 300 مدرسة ستشارك فيها.",
    "قال <script>alert(1)</script> إن $x$ و :red[x] **x** ارتفع 5%.",
]
EN = [
    "The government announced a new education plan today in 2024.",
    "The minister said the plan starts in September.",
    "He added that 300 schools will take part.",
    "He said <script>alert(2)</script> that $y$ and :red[y] **y** rose 5%.",
]


def _model(monkeypatch: pytest.MonkeyPatch, fake: FakeTranslator, kind: str) -> FakeTranslator:
    state = ModelState(fake, kind, f"fake {kind}")
    monkeypatch.setattr(resources, "model_state", lambda: state)
    return fake


@pytest.fixture
def standin(monkeypatch: pytest.MonkeyPatch) -> FakeTranslator:
    return _model(monkeypatch, FakeTranslator(), "standin")


def _open() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page("views/align/page.py")
    at.run()
    assert not at.exception, at.exception
    return at


def _align(at: AppTest, ar: str = "\n".join(AR), en: str = "\n".join(EN)) -> AppTest:
    at.text_area(key=state.ALIGN_SRC).input(ar)
    at.text_area(key=state.ALIGN_TGT).input(en)
    at.button(key="wb-align-run").click().run()
    assert not at.exception, at.exception
    return at


def _links(at: AppTest) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    alignment = at.session_state[state.align_draft.key]
    return [(link.src, link.tgt) for link in alignment.links]


def _click(at: AppTest, key: str) -> None:
    at.button(key=key).click().run()
    assert not at.exception, at.exception


def test_page_opens_empty(standin: FakeTranslator) -> None:
    at = _open()
    assert [h.value for h in at.header] == ["Align"]
    assert at.button(key="wb-align-run")
    assert "wb-align-row" not in _html(at)


def test_align_shows_pairs_side_by_side_with_the_standin_note(
    standin: FakeTranslator, store: Store
) -> None:
    at = _align(_open())
    assert _links(at) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    assert standin.calls == [], "a stand-in's output is noise: it is not used to align"
    html = _html(at)
    assert "only the stand-in model is installed" in html
    assert 'class="wb-src" dir="rtl" lang="ar">أعلنت الحكومة' in html
    assert "The minister said the plan starts in September." in html
    assert "1-1" in html and "score " in html
    assert store.documents() == [], "nothing is stored before the save"


def test_hostile_text_is_shown_literally(standin: FakeTranslator) -> None:
    at = _align(_open())
    html = _html(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert "$y$ and :red[y] **y**" in html
    assert not any("alert" in m.value for m in at.markdown)


def test_the_real_model_translates_the_arabic_first(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = _model(monkeypatch, RealFake(EN), "real")
    at = _align(_open())
    assert fake.texts == AR
    assert "stand-in" not in _html(at)
    assert at.session_state[state.align_draft.key].bitext.notes == []


def test_without_a_model_it_aligns_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    state = ModelState(None, None, "no model", "nothing installed")
    monkeypatch.setattr(resources, "model_state", lambda: state)
    at = _align(_open())
    assert _links(at) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    assert "no translation model is loaded: aligning without machine translation" in _html(at)


def test_merge_split_and_save(standin: FakeTranslator, store: Store) -> None:
    at = _align(_open())
    _click(at, "wb-align-merge-1")
    assert _links(at) == [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,))]
    assert "2-2" in _html(at) and "by hand" in _html(at)
    _click(at, "wb-align-split-1")
    assert _links(at) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,)), ((3,), (3,))]
    _click(at, "wb-align-split-3")
    assert _links(at)[3:] == [((3,), ()), ((), (3,))]
    assert "no English: saved untranslated" in _html(at)
    _click(at, "wb-align-merge-3")
    _click(at, "wb-align-merge-0")
    assert _links(at) == [((0, 1), (0, 1)), ((2,), (2,)), ((3,), (3,))]

    at.text_input(key=state.ALIGN_NAME).input("minister.txt")
    _click(at, "wb-align-save")
    (doc,) = store.documents()
    assert (doc.name, doc.segments, doc.confirmed, doc.translated) == ("minister.txt", 3, 3, 0)
    segments = store.segments(doc.id)
    assert [s.source for s in segments] == ["\n".join(AR[:2]), AR[2], AR[3]]
    assert [s.post_edit for s in segments] == [" ".join(EN[:2]), EN[2], EN[3]]
    assert {s.status for s in segments} == {"confirmed"}
    assert store.document_text(doc.id)[0] == "\n".join(AR)
    assert f"Saved as document {doc.id}" in _html(at)
    (link,) = [p.proto for p in at.get("page_link") if "Editor" in p.proto.label]
    assert (link.page, link.query_string) == ("editor", f"doc={doc.id}")  # /editor?doc=ID
    assert at.button(key="wb-align-save").disabled, "saving the same pairs twice is refused"
    _click(at, "wb-align-split-0")
    assert not at.button(key="wb-align-save").disabled, "an edit after the save can be saved"


def test_empty_side_is_an_error_and_nothing_is_aligned(standin: FakeTranslator) -> None:
    at = _align(_open(), en="   ")
    assert "the English text" in _html(at) and "wb-alert-error" in _html(at)
    assert state.align_draft.key not in at.session_state


def test_changed_texts_are_flagged_as_stale(standin: FakeTranslator) -> None:
    at = _align(_open())
    at.text_area(key=state.ALIGN_TGT).input("Something else entirely.").run()
    assert "changed since they were aligned" in _html(at)


def test_paragraph_mode_cuts_sentences(standin: FakeTranslator) -> None:
    at = _open()
    at.radio(key=state.ALIGN_MODE).set_value("Paragraphs (cut into sentences first)")
    _align(at, ar=" ".join(AR[:3]), en=" ".join(EN[:3]))
    assert _links(at) == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
    assert "3 Arabic and 3 English sentences" in _html(at)


def test_long_alignments_are_paged(standin: FakeTranslator) -> None:
    ar = "\n".join(f"قال المتحدث إن الاجتماع رقم {n} انتهى." for n in range(1, 46))
    en = "\n".join(f"The spokesman said meeting number {n} ended." for n in range(1, 46))
    at = _align(_open(), ar, en)
    size = align_actions.PAGE_SIZE
    assert at.button(key=f"wb-align-merge-{size - 1}")
    assert not [b for b in at.button if b.key == f"wb-align-merge-{size}"]
    _click(at, "wb-align-next-top")
    assert at.button(key=f"wb-align-merge-{size}")
    assert "Page 2 of 3" in _html(at)
