"""The editor's flows with Streamlit's AppTest: the app script runs in-process, no browser.

The translator is injected by replacing ``workbench.ui.resources.model_state``; every test has its
own ``WORKBENCH_HOME`` (tests/conftest.py), so its own store.
"""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest
from ui_support import APP, RealFake, fresh_caches  # noqa: F401  (an autouse fixture)
from ui_support import html as _html
from ui_support import open_page as _open
from ui_support import submit as _submit

from workbench.align.words import OMISSION
from workbench.config import MODEL_DIR_ENV, MODELS_ENV
from workbench.export import EXPORTERS
from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text
from workbench.translate.types import TranslationOptions
from workbench.ui import editing, launch, markup, resources, state
from workbench.ui.resources import ModelState
from workbench.ui.views.editor import actions

ARTICLE = (
    "أعلنت الحكومة اليوم عن خطة جديدة للتعليم. وقال الوزير إن الخطة تبدأ في أيلول.\n\n"
    "أعلنت Apple عن iPhone 16 في 2024. ذهب الطلاب إلى المدرسة في الصباح."
)
HOSTILE = ["<script>alert(1)</script>", "$x$", ":red[x]", "**x**"]


@pytest.fixture
def translator(monkeypatch: pytest.MonkeyPatch) -> FakeTranslator:
    fake = FakeTranslator()
    state = ModelState(fake, "standin", "fake stand-in")
    monkeypatch.setattr(resources, "model_state", lambda: state)
    return fake


def _doc(store: Store, text: str = ARTICLE, name: str = "article.txt") -> int:
    return add_document(store, read_text(text, name=name))[0]


def _edit(
    at: AppTest, store: Store, segment_id: int, text: str, label: str = "Save ✓ confirm & next"
) -> None:
    version = store.segment(segment_id).version
    at.text_area(key=f"wb-edit-{segment_id}-{version}").input(text)
    _submit(at, segment_id, label)


def _prose(store: Store, doc_id: int) -> list[int]:
    return [s.id for s in store.segments(doc_id) if s.kind == "prose"]


def test_paste_import_stores_the_document(translator: FakeTranslator, store: Store) -> None:
    at = _open("library")
    at.text_input[0].input("news.txt")
    at.text_area[0].input(ARTICLE)
    at.button(key="FormSubmitter:wb-paste-Import text").click().run()
    docs = store.documents()
    assert [d.name for d in docs] == ["news.txt"]
    assert "document 1, imported" in _html(at)


def test_paste_import_error_is_shown(translator: FakeTranslator, store: Store) -> None:
    at = _open("library")
    at.text_area[0].input("   \n  ")
    at.button(key="FormSubmitter:wb-paste-Import text").click().run()
    assert store.documents() == []
    assert "wb-alert-error" in _html(at)


def test_delete_needs_two_steps(translator: FakeTranslator, store: Store) -> None:
    doc_id = _doc(store)
    at = _open("library")
    at.button(key="wb-delete").click().run()
    assert [d.id for d in store.documents()] == [doc_id]
    at.button(key="wb-delete-yes").click().run()
    assert store.documents() == []


def test_translates_on_open_once(translator: FakeTranslator, store: Store) -> None:
    doc_id = _doc(store)
    at = _open("editor", doc_id)
    segments = store.segments(doc_id)
    assert all(s.mt == f"EN: {s.source}" for s in segments if s.kind == "prose")
    calls = len(translator.calls)
    assert calls > 0
    at.run()
    assert len(translator.calls) == calls, "a rerun must not translate again"
    assert at.query_params.get("doc") == str(doc_id)


def test_edit_and_save(
    translator: FakeTranslator, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    clock = [1000.0]  # the editor's monotonic clock, moved by hand
    monkeypatch.setattr(actions, "time", SimpleNamespace(monotonic=lambda: clock[0]))
    doc_id = _doc(store)
    at = _open("editor", doc_id)
    first = _prose(store, doc_id)[0]
    clock[0] += 42.0  # the translator works on the row for 42 s after it is shown
    _edit(at, store, first, "The government announced a plan.")
    seg = store.segment(first)
    assert (seg.post_edit, seg.status) == ("The government announced a plan.", "confirmed")
    assert seg.edit_seconds == 42.0
    second = _prose(store, doc_id)[1]
    _edit(at, store, second, "A draft.", label="Save unconfirmed")
    assert store.segment(second).status == "edited"
    # a fresh session (a reload) shows what was saved
    again = _open("editor", doc_id)
    version = store.segment(first).version
    assert (
        again.text_area(key=f"wb-edit-{first}-{version}").value
        == "The government announced a plan."
    )


def test_saving_often_keeps_only_the_current_versions_keys(
    translator: FakeTranslator, store: Store
) -> None:
    doc_id = _doc(store)
    at = _open("editor", doc_id)
    seg_id = _prose(store, doc_id)[0]
    first = store.segment(seg_id).version
    for n in range(5):
        _edit(at, store, seg_id, f"Edit number {n}", label="Save unconfirmed")
    version = store.segment(seg_id).version
    assert version == first + 5
    keys = set(at.session_state.keys())
    boxes = {state.text_key(seg_id, v) for v in range(first, version + 1)}
    assert boxes & keys == {state.text_key(seg_id, version)}, "one text box: the current one"
    assert state.shown.key(seg_id) in keys, "one shown record for the segment"
    assert at.session_state[state.shown.key(seg_id)].version == version
    stale = [k for k in keys for v in range(first, version) if k.endswith(f"-{seg_id}-{v}")]
    assert stale == [], "no key names an older version of the segment"


def test_confirming_the_last_row_of_a_page_moves_to_the_next_page(
    translator: FakeTranslator, store: Store
) -> None:
    text = "\n\n".join(f"قال المتحدث إن الاجتماع رقم {n} انتهى." for n in range(1, 15))
    doc_id = _doc(store, text)
    at = _open("editor", doc_id)
    prose = store.segments(doc_id)
    assert len(prose) == 14 and all(s.kind == "prose" for s in prose)
    _edit(at, store, prose[9].id, "Meeting 10 ended.")
    assert at.query_params.get("page") == "2"
    assert f'querySelector(".st-key-wb-row-{prose[10].id}")' in _html(at), (
        "focus goes to the next row"
    )
    next_box = at.text_area(key=f"wb-edit-{prose[10].id}-{prose[10].version}")
    assert next_box.value == f"EN: {prose[10].source}"  # the next row, with its MT to edit


def test_open_from_the_library(translator: FakeTranslator, store: Store) -> None:
    doc_id = _doc(store)
    at = _open("library")
    at.button(key="wb-open").click().run()
    # The editor's header is its document picker (no page title: the grid starts near the top).
    assert at.selectbox(key=state.EDITOR_DOC).value == doc_id
    assert at.query_params.get("doc") == str(doc_id)


def test_conflict_shows_both_texts_and_keep_mine(translator: FakeTranslator, store: Store) -> None:
    doc_id = _doc(store)
    at = _open("editor", doc_id)
    seg_id = _prose(store, doc_id)[0]
    rendered = store.segment(seg_id).version
    store.save_edit(seg_id, "Theirs from another tab", rendered)  # the other tab saves first
    at.text_area(key=f"wb-edit-{seg_id}-{rendered}").input("Mine from this tab")
    _submit(at, seg_id, "Save ✓ confirm & next")
    assert store.segment(seg_id).post_edit == "Theirs from another tab", "never a silent overwrite"
    assert any("saved elsewhere" in e.value for e in at.error)
    html = _html(at)
    assert "Theirs from another tab" in html and "Mine from this tab" in html
    at.button(key=f"wb-keep-{seg_id}").click().run()
    seg = store.segment(seg_id)
    assert (seg.post_edit, seg.status) == ("Mine from this tab", "confirmed")
    texts = [h.post_edit for h in store.history(seg_id)]
    assert "Theirs from another tab" in texts and "Mine from this tab" in texts
    assert not any("saved elsewhere" in e.value for e in at.error)


def test_conflict_take_theirs(translator: FakeTranslator, store: Store) -> None:
    doc_id = _doc(store)
    at = _open("editor", doc_id)
    seg_id = _prose(store, doc_id)[0]
    rendered = store.segment(seg_id).version
    store.save_edit(seg_id, "Theirs", rendered)
    at.text_area(key=f"wb-edit-{seg_id}-{rendered}").input("Mine")
    _submit(at, seg_id, "Save unconfirmed")
    at.button(key=f"wb-take-{seg_id}").click().run()
    assert store.segment(seg_id).post_edit == "Theirs"
    assert not at.error


def test_restore_from_history(translator: FakeTranslator, store: Store) -> None:
    doc_id = _doc(store)
    at = _open("editor", doc_id)
    seg_id = _prose(store, doc_id)[0]
    _edit(at, store, seg_id, "First version")
    _edit(at, store, seg_id, "Second version")
    at.session_state[f"wb-history-{seg_id}"] = True  # open the history expander
    at.run()
    entry = next(h for h in store.history(seg_id) if h.post_edit == "First version")
    at.button(key=f"wb-restore-{seg_id}-{entry.id}").click().run()
    seg = store.segment(seg_id)
    assert (seg.post_edit, seg.status) == ("First version", "edited")


def test_copy_mt_over_an_edit_asks_first(translator: FakeTranslator, store: Store) -> None:
    doc_id = _doc(store)
    at = _open("editor", doc_id)
    seg_id = _prose(store, doc_id)[0]
    _edit(at, store, seg_id, "My careful edit")
    at.button(key=f"wb-copy-{seg_id}").click().run()
    assert store.segment(seg_id).post_edit == "My careful edit", "nothing replaced before confirm"
    at.button(key=f"wb-pending-no-{seg_id}").click().run()
    assert store.segment(seg_id).post_edit == "My careful edit"
    at.button(key=f"wb-copy-{seg_id}").click().run()
    at.button(key=f"wb-pending-yes-{seg_id}").click().run()
    seg = store.segment(seg_id)
    assert seg.post_edit == seg.mt and seg.status == "edited"


def _alternatives_done(at: AppTest, segment_id: int) -> None:
    """Rerun until the row's background re-translation has been collected."""
    for _ in range(100):
        if state.alternatives_job.key(segment_id) not in at.session_state:
            return
        at.run()
        time.sleep(0.05)
    raise AssertionError("the re-translation did not finish")


def test_alternatives_are_offered_and_chosen(translator: FakeTranslator, store: Store) -> None:
    doc_id = _doc(store)
    at = _open("editor", doc_id)
    seg_id = _prose(store, doc_id)[0]
    translator.queue_outputs("Alternative one")
    at.button(key=f"wb-alt-{seg_id}").click().run()
    _alternatives_done(at, seg_id)
    options = translator.calls[-1].options
    assert options is not None and options.num_hypotheses == editing.ALTERNATIVES
    assert "Alternative one" in _html(at)
    at.button(key=f"wb-use-{seg_id}-1").click().run()
    seg = store.segment(seg_id)
    assert (seg.post_edit, seg.status) == ("Alternative one", "edited")


def test_failed_retranslation_is_reported_in_the_row(
    translator: FakeTranslator, store: Store
) -> None:
    doc_id = _doc(store)
    at = _open("editor", doc_id)
    seg_id = _prose(store, doc_id)[0]
    translator.queue_outputs(RuntimeError("engine fell over"))
    at.button(key=f"wb-alt-{seg_id}").click().run()
    _alternatives_done(at, seg_id)
    assert not at.exception
    assert "Re-translation failed: engine fell over" in _html(at)


def test_export_and_effort_buttons(translator: FakeTranslator, store: Store) -> None:
    doc_id = _doc(store)
    _open("editor", doc_id)
    at = _open("scores", doc_id)
    keys = {b.key for b in at.get("download_button")}
    assert {f"wb-export-scores-{name}" for name in EXPORTERS} <= keys
    assert {"wb-effort-jsonl", "wb-effort-tsv"} <= keys


def test_scores_after_edits(translator: FakeTranslator, store: Store) -> None:
    doc_id = _doc(store)
    at = _open("editor", doc_id)
    seg_id = _prose(store, doc_id)[0]
    _edit(at, store, seg_id, "Something else entirely")
    at = _open("scores", doc_id)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Post-edited segments"].startswith("1 /")
    assert metrics["Document HTER"] != "–"


def test_standin_banner(translator: FakeTranslator) -> None:
    at = _open("library")
    assert any("NOT a translation" in w.value for w in at.warning)


def test_no_banner_with_a_real_model(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(resources, "model_state", lambda: ModelState(RealFake(), "real", "real"))
    at = _open("library")
    assert not at.warning and not at.error


def test_no_model_says_how_to_fix_and_editor_still_opens(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(MODELS_ENV, str(tmp_path))
    monkeypatch.delenv(MODEL_DIR_ENV, raising=False)
    doc_id = _doc(store)  # nothing translated
    at = _open("editor", doc_id)
    assert any("No translation model" in e.value for e in at.error)
    assert resources.INSTALL_COMMAND in _html(at)
    seg_id = _prose(store, doc_id)[0]
    _edit(at, store, seg_id, "Typed without a model")
    assert store.segment(seg_id).post_edit == "Typed without a model"


def test_hostile_text_is_shown_literally(translator: FakeTranslator, store: Store) -> None:
    hostile = " ".join(HOSTILE)
    doc_id = _doc(store, f"قال المتحدث {hostile} اليوم.", name="**x** $y$.txt")
    at = _open("editor", doc_id)
    html = _html(at)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    for text in HOSTILE:
        assert markup.escape(text) in html
    for element in [*at.markdown, *at.caption, *at.error, *at.warning, *at.info]:
        for text in [*HOSTILE, "$y$"]:
            assert text not in element.value
    seg_id = _prose(store, doc_id)[0]
    version = store.segment(seg_id).version
    value = at.text_area(key=f"wb-edit-{seg_id}-{version}").value
    assert value is not None and hostile in value


def test_pagination_rules() -> None:
    assert editing.page_of(0, None) == editing.Page(1, 1, 10)
    assert editing.page_of(25, "3", 10) == editing.Page(3, 3, 10)
    assert editing.page_of(25, "99", 10).number == 3
    assert editing.page_of(25, "junk", 10).number == 1
    assert editing.page_of(25, "-4", 20) == editing.Page(1, 2, 20)
    assert editing.page_of(25, 1, 7).size == editing.DEFAULT_PAGE_SIZE
    assert editing.page_containing(0, 10) == 1 and editing.page_containing(10, 10) == 2


def test_launch_command() -> None:
    cmd = launch.command(8765, document=3)
    joined = " ".join(cmd)
    for option in (
        "--server.address 127.0.0.1",
        "--server.port 8765",
        "--server.enableXsrfProtection true",
        "--server.enableCORS true",
        "--server.headless true",
        "--browser.gatherUsageStats false",
        "--server.maxUploadSize",
    ):
        assert option in joined
    assert cmd[-3:] == ["--", "--doc", "3"]
    assert launch.requested_document(cmd[cmd.index("--") + 1 :]) == 3
    assert launch.requested_document(["--doc", "x"]) is None
    assert launch.url(8765, document=3) == "http://127.0.0.1:8765/editor?doc=3"


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("نص عادي", []),
        ("a\u202eb\u202c", ["RLO U+202E", "PDF U+202C"]),
        ("لا\u200dلا\u200d", ["ZWJ U+200D"]),
        ("x\u2066y\u2069", ["LRI U+2066", "PDI U+2069"]),
    ],
)
def test_invisible_characters(text: str, names: list[str]) -> None:
    assert markup.invisible_characters(text) == names


def test_markup_escapes_everything() -> None:
    block = markup.arabic('قال <b onclick="x">&</b>')
    assert block.startswith('<div class="wb-src" dir="rtl" lang="ar">')
    assert "&lt;b onclick=&quot;x&quot;&gt;&amp;&lt;/b&gt;" in block
    assert 'dir="auto"' in markup.arabic("• Monday, 16 February 2026")
    assert 'dir="ltr"' in markup.english("<i>")
    assert "&lt;i&gt;" in markup.english("<i>")


@pytest.fixture
def attending(monkeypatch: pytest.MonkeyPatch) -> FakeTranslator:
    """A fake translator that returns attention (a monotonic alignment) when asked for it."""
    fake = FakeTranslator(attention=True)
    state = ModelState(fake, "standin", "fake stand-in")
    monkeypatch.setattr(resources, "model_state", lambda: state)
    return fake


def test_translated_rows_show_the_word_alignment(attending: FakeTranslator, store: Store) -> None:
    doc_id = _doc(store)
    first, second = _prose(store, doc_id)[:2]
    attending.queue_outputs("Announced")  # one word for a long sentence: most of it unattended
    at = _open("editor", doc_id)
    options = attending.calls[0].options
    assert options is not None and options.return_attention, "the editor keeps the attention"
    assert options.beam_size == TranslationOptions().beam_size, "and nothing else changes"
    seg = store.segment(second)
    n, m = len(seg.source.split()), len((seg.mt or "").split())
    assert seg.mt_meta["alignment"] == " ".join(f"{j * n // m}-{j}" for j in range(m))
    html = _html(at)
    for seg_id in (first, second):
        assert f'.st-key-wb-row-{seg_id}:has([data-t="0"]:is(:hover,:focus)) [data-s="0"]' in html
    assert html.count('class="wb-src wb-aligned"') == len(_prose(store, doc_id))
    assert '<span class="wb-w" data-t="0" tabindex="-1">Announced</span>' in html
    words = store.segment(first).source.split()
    assert f'data-s="1" tabindex="-1" title="{markup.UNATTENDED_TITLE}">{words[1]}</span>' in html
    name, meaning = markup.FLAG_HELP[OMISSION]
    assert f'data-flag="{OMISSION}" title="{markup.escape(meaning)}' in html
    assert f">{name}</span>" in html
    assert "hover or click a word to see its Arabic source" in html


def test_rows_without_alignment_stay_plain(translator: FakeTranslator, store: Store) -> None:
    doc_id = _doc(store)
    at = _open("editor", doc_id)
    html = _html(at)
    rows = "\n".join(
        b for h in at.html if (b := h.proto.body).startswith("<div") and "<script" not in b
    )
    assert "wb-aligned" not in rows and ":has(" not in rows
    seg = store.segment(_prose(store, doc_id)[0])
    assert markup.arabic(seg.source) in html and markup.english(seg.mt) in html


def test_hostile_text_in_an_aligned_row(attending: FakeTranslator, store: Store) -> None:
    hostile = " ".join(HOSTILE)
    doc_id = _doc(store, f"قال المتحدث {hostile} اليوم.")
    at = _open("editor", doc_id)
    html = _html(at)
    assert "wb-aligned" in html
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
