"""The editor row's CAT panels: memory matches, glossary terms, QA badges, repetitions.

Each panel is one function taking the segment, called by one line of
:mod:`workbench.ui.views.editor.rows`:

* :func:`tm_matches` (above the MT): exact and fuzzy matches (≥ 70 %, best first) from the
  translation memory, the words of their source that differ from this segment's highlighted;
  "Use #n" (or Alt+Shift+1…3 in the English box) puts one in as an edit, with its history
  entry, and over a human edit only after the row's usual confirmation.
* :func:`glossary_terms` (under the Arabic): the glossary's terms found in the source through
  attached prefixes and suffixes (:mod:`workbench.terms.match`), with their English; their words
  are also marked in the word-by-word Arabic when the row has one. "Add a term" stores a new one
  (the Arabic field fills with what was last selected in the row's Arabic).
* :func:`qa_badges` (under the header): the QA codes (:data:`workbench.quality.qa.CODES`) of the
  English and of the MT, run whenever the row is drawn, so after every save; every row's head
  carries :func:`qa_count` ("QA 2", the codes in its tooltip). Both read :func:`qa_issues`,
  cached per (source, English, glossary): a page of rows redrawn checks each pair once.
* :func:`repetitions` (after the row's tools): once a segment is confirmed, copy its English to
  the identical segments of the document without a human edit, in one click, with an Undo.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import streamlit as st

from workbench.config import settings
from workbench.errors import StoreError, WorkbenchError
from workbench.memory.live import LiveMemory
from workbench.memory.memory import propagate
from workbench.memory.memory import repetitions as same_source
from workbench.quality.qa import Issue, check_pair
from workbench.store.fills import clear_memory_fill
from workbench.store.records import DONE_STATUSES, SegmentRow
from workbench.store.sqlite import Store
from workbench.terms.glossary import Glossary, Term
from workbench.terms.stored import save_terms, stored_terms
from workbench.ui import catmarkup, markup, resources, state
from workbench.ui.signin import signed_in
from workbench.ui.views.editor import actions

#: How many memory matches a row shows (Alt+Shift+1 … 3 insert them; Alt+1 … 4 are the
#: grid's alternatives).
TM_SHOWN = 3
#: Fixed script (nothing from a user is interpolated): Alt+Shift+1…3 in a row's English box presses
#: that row's "Use #n" memory button; a selection in a row's Arabic fills the row's "Add a term"
#: Arabic field (when it is empty and gets the focus, or at once if it is open).
SCRIPT = """<script>
(function () {
  if (window.__wbCat) return;
  window.__wbCat = true;
  var picked = new WeakMap();
  function row(el) { return el && el.closest && el.closest('[class*="st-key-wb-row-"]'); }
  function fill(input, text) {
    var set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value").set;
    set.call(input, text);
    input.dispatchEvent(new Event("input", {bubbles: true}));
  }
  document.addEventListener("keydown", function (e) {
    var box = e.target, r = row(box);
    if (!r || box.tagName !== "TEXTAREA" || !e.altKey || !e.shiftKey || e.ctrlKey) return;
    var n = {Digit1: 1, Digit2: 2, Digit3: 3}[e.code];
    if (!n) return;
    var use = r.querySelectorAll('[class*="st-key-wb-tm-use-"] button')[n - 1];
    if (!use) return;
    e.preventDefault();
    use.click();
  }, true);
  document.addEventListener("mouseup", function () {
    var sel = window.getSelection(), text = sel ? sel.toString().trim() : "";
    if (!text || !sel.anchorNode) return;
    var node = sel.anchorNode.nodeType === 1 ? sel.anchorNode : sel.anchorNode.parentElement;
    var r = row(node);
    if (!r || !node.closest(".wb-src")) return;
    picked.set(r, text);
    var m = r.className.match(/st-key-wb-row-(\\d+)/);
    var input = m && document.querySelector('.st-key-wb-term-ar-' + m[1] + ' input');
    if (input && input.value === "") fill(input, text);
  });
  document.addEventListener("focusin", function (e) {
    var input = e.target;
    if (!input || input.tagName !== "INPUT" || input.value !== "") return;
    var holder = input.closest('[class*="st-key-wb-term-ar-"]');
    if (!holder) return;
    var m = holder.className.match(/st-key-wb-term-ar-(\\d+)/);
    var r = m && document.querySelector('.st-key-wb-row-' + m[1]);
    if (r && picked.has(r)) fill(input, picked.get(r));
  });
})();
</script>"""

#: Session: what a repetition copy changed, per confirmed segment ((segment id, version), ...).
propagated: Final = state.PerSegment[tuple[tuple[int, int], ...]]("propagated")
#: Session: a panel changed other rows; redraw the page (asked once).
_redraw: Final = state.Slot[bool]("wb-editor-cat-redraw")
#: Session: the outcome of the latest "Add a term", per segment.
term_note: Final = state.PerSegment[str]("term-note")
#: Session: why the latest repetition copy failed, per segment.
prop_error: Final = state.PerSegment[str]("prop-error")


def key(what: str, segment_id: int, n: int | None = None) -> str:
    """A widget key of these panels: ``wb-<what>-<segment id>[-<n>]``."""
    found = f"wb-{what}-{int(segment_id)}"
    return found if n is None else f"{found}-{int(n)}"


@st.cache_resource(show_spinner=False)
def _live(location: str) -> LiveMemory:
    return LiveMemory()


def live_memory() -> LiveMemory:
    """The process's translation memory of the editor's store (kept current as it is read)."""
    return _live(str(settings().store_location))


@lru_cache(maxsize=4)
def _glossary(terms: tuple[Term, ...]) -> Glossary:
    return Glossary(list(terms))


def glossary(store: Store) -> Glossary:
    """The store's glossary, indexed once per set of terms."""
    return _glossary(tuple(stored_terms(store)))


def page_assets() -> str:
    """The CSS and the key script of these panels, for the page to put in once (every row's
    badges use it)."""
    return catmarkup.STYLE + SCRIPT


def _redraw_if_asked() -> None:
    if _redraw.take():
        st.rerun(scope="app")


# --- Translation memory ---------------------------------------------------------------------


def tm_matches(segment: SegmentRow) -> None:
    """Memory matches of the segment's source, with a "Use" button each."""
    _redraw_if_asked()
    store = resources.store()
    try:
        found = live_memory().search(store, segment.source, segment.id, limit=TM_SHOWN)
    except WorkbenchError as err:
        st.html(markup.alert(f"The translation memory could not be read: {err}", "warning"))
        return
    if not found:
        return
    keys = "Alt+Shift+1" if len(found) == 1 else f"Alt+Shift+1…{len(found)}"
    st.html(markup.label(f"Translation memory ({len(found)}, best first) · {keys} in the box"))
    for n, match in enumerate(found, 1):
        text_col, use_col = st.columns([5, 1], vertical_alignment="center")
        text_col.html(catmarkup.tm_match(match, segment.source, n))
        use_col.button(
            f"Use #{n}",
            key=key("tm-use", segment.id, n),
            on_click=actions.propose,
            args=(
                segment,
                match.entry.target,
                f"memory match #{n} ({catmarkup.percent(match.score)})",
            ),
            disabled=match.entry.target == segment.target,
            help="Put this English in as your edit (kept in the History).",
        )


# --- Glossary ---------------------------------------------------------------------------------


def _add_term(segment_id: int) -> None:
    source = str(st.session_state.get(key("term-ar", segment_id)) or "").strip()
    target = str(st.session_state.get(key("term-en", segment_id)) or "").strip()
    if not source or not target:
        term_note(segment_id).set("Not added: type (or select) the Arabic and type the English.")
        return
    try:
        added, _ = save_terms(resources.store(), [Term(source, target)])
    except StoreError as err:
        term_note(segment_id).set(f"Not added: {err}")
        return
    word = "Added" if added else "Already in the glossary"
    term_note(segment_id).set(f"{word}: {source} → {target}")
    _redraw.set(True)  # other rows may hold the term too


def _term_form(segment: SegmentRow) -> None:
    with (
        st.popover(
            "Add a glossary term",
            icon=":material/add:",
            key=key("term-open", segment.id),
            help="Select the Arabic in the source first: the form opens with it. (Alt+L)",
        ),
        st.form(key=key("term-form", segment.id), border=False),
    ):
        st.text_input(
            "Arabic (select it in the source, or type it)", key=key("term-ar", segment.id)
        )
        st.text_input("English", key=key("term-en", segment.id))
        st.form_submit_button("Add to the glossary", on_click=_add_term, args=(segment.id,))
    note = term_note(segment.id).get()
    if note is not None:
        st.html(markup.label(note))


def glossary_terms(segment: SegmentRow) -> None:
    """The glossary's terms in the source, their English, and the "Add a term" form."""
    store = resources.store()
    hits = glossary(store).find(segment.source)
    if hits:
        scope = state.css_class(state.row_widget("row", segment.id))
        st.html(
            catmarkup.term_style(segment.source, hits, scope)
            + markup.label("Glossary")
            + catmarkup.terms(segment.source, hits)
        )
    _term_form(segment)


# --- QA ---------------------------------------------------------------------------------------


@lru_cache(maxsize=4096)
def _checked(source: str, text: str, terms: tuple[Term, ...]) -> tuple[Issue, ...]:
    # The pair checks are pure functions of these three; the glossary is indexed once per terms.
    return tuple(check_pair(source, text, _glossary(terms)))


def qa_issues(source: str, text: str) -> list[Issue]:
    """The QA issues of one pair against the store's glossary (cached, see above)."""
    return list(_checked(source, text, tuple(stored_terms(resources.store()))))


def qa_count(segment: SegmentRow) -> str:
    """The grid row's QA badge: the issues of the English the row holds (the translator's, else
    the MT's), counted, their codes in the tooltip; empty without issues."""
    if segment.post_edit is not None:
        return catmarkup.qa_count(qa_issues(segment.source, segment.post_edit), mt=False)
    if segment.mt is not None:
        return catmarkup.qa_count(qa_issues(segment.source, segment.mt), mt=True)
    return ""


def qa_badges(segment: SegmentRow) -> None:
    """Badges with the QA codes of the English and of the MT (the code's meaning on hover)."""
    english = None
    if segment.post_edit is not None:
        english = qa_issues(segment.source, segment.post_edit)
    mt: list[Issue] = []
    if segment.mt is not None and segment.mt != segment.post_edit:
        mt = qa_issues(segment.source, segment.mt)
    line = catmarkup.qa_badges(english, mt)
    if line:
        st.html(line)


# --- Repetitions ------------------------------------------------------------------------------


def _propagate(segment_id: int) -> None:
    try:
        changed = propagate(resources.store(), segment_id, signed_in())
    except WorkbenchError as err:
        prop_error(segment_id).set(f"Not copied: {err}")
        return
    propagated(segment_id).set(tuple((s.id, s.version) for s in changed))
    _redraw.set(True)


def _undo(segment_id: int) -> None:
    done = propagated(segment_id).take() or ()
    store = resources.store()
    for other, version in done:
        try:
            clear_memory_fill(store, other, version, signed_in())
        except WorkbenchError:
            continue  # edited since: the translator's text stays (see the History)
    _redraw.set(True)


def repetitions(segment: SegmentRow) -> None:
    """After a confirmation: offer to copy the English to the identical, unedited segments."""
    done = propagated(segment.id).get()
    if done is not None:
        numbers = ", ".join(f"#{_position(o) + 1}" for o, _ in done) or "none"
        st.html(markup.label(f"English copied to the identical segments {numbers}."))
        st.button(
            "Undo the copy",
            key=key("tm-unprop", segment.id),
            on_click=_undo,
            args=(segment.id,),
            help="Those segments go back to their MT (unless someone has edited them since).",
        )
        return
    failed = prop_error(segment.id).take()
    if failed is not None:
        st.html(markup.alert(failed))
    if segment.status not in DONE_STATUSES or not segment.target:
        return
    others = [s for s in same_source(resources.store(), segment.id) if s.target != segment.target]
    if not others:
        return
    st.button(
        f"Copy this English to {len(others)} identical segment{'s' * (len(others) > 1)}",
        key=key("tm-prop", segment.id),
        on_click=_propagate,
        args=(segment.id,),
        help="Segments with the same Arabic and no human edit get this English (status: memory "
        "match); Undo or their History takes it back.",
    )


def _position(segment_id: int) -> int:
    try:
        return resources.store().segment(segment_id).position
    except WorkbenchError:
        return -1
