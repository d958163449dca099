"""Plain text and the side-by-side view: paragraphs, options, and hostile text kept literal."""

from __future__ import annotations

import re

from workbench.export import STANDIN_NOTICE, export_document
from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.text.read import read_text

from .support import MT_ONLY, REAL, render

# plain text ------------------------------------------------------------------------------------


def test_txt_keeps_paragraphs_furniture_and_untranslated_source(store: Store, seed_id: int) -> None:
    segs = store.segments(seed_id)
    src = {s.position: s.source for s in segs}
    paragraphs = [
        f"{src[0]}\n{src[1]}",
        "Edited headline",
        f"{src[3]}\nConfirmed sentence.",
        *[f"EN{p}." for p in range(5, 12)],
        src[12],  # the last prose segment has no English: its Arabic stands in
        f"{src[13]}\n{src[14]}",
    ]
    assert render(store, seed_id, "txt", furniture="keep") == "\n\n".join(paragraphs) + "\n"


def test_txt_drops_furniture_by_default_and_untranslated_on_request(
    store: Store, seed_id: int
) -> None:
    segs = store.segments(seed_id)
    default = render(store, seed_id, "txt")
    assert all(s.source not in default for s in segs if s.kind == "furniture")
    assert default.startswith("Edited headline\n\nConfirmed sentence.")  # no date, no logo
    assert render(store, seed_id, "txt", furniture="drop") == default
    out = render(store, seed_id, "txt", untranslated="drop")
    assert out.startswith("Edited headline\n\nConfirmed sentence.\n\nEN5.")
    assert out.endswith("EN11.\n")
    assert not re.search("[\u0600-\u06ff]", out)
    marked = render(store, seed_id, "txt", untranslated="mark")
    assert f"[untranslated: {store.segments(seed_id)[12].source}]" in marked


def test_txt_joins_sentences_and_keeps_line_breaks(store: Store) -> None:
    text = "جملة أولى هنا. جملة ثانية هنا.\r\nسطر آخر هنا.\n\n\nفقرة ثانية هنا.\n"
    doc_id = add_document(store, read_text(text, name="p"))[0]
    for seg in store.segments(doc_id):
        store.set_mt(seg.id, f"S{seg.position}.", REAL)
    last = store.segments(doc_id)[-1]
    store.save_edit(last.id, "", last.version)  # emptied on purpose: left out, no stray space
    assert render(store, doc_id, "txt") == "S0. S1.\nS2.\n"


def test_hostile_txt_is_literal(store: Store, hostile_id: int) -> None:
    out = render(store, hostile_id, "txt")
    for seg in store.segments(hostile_id):
        assert seg.target is not None and seg.target in out


# side-by-side view -----------------------------------------------------------------------------


def test_sbs_blocks(store: Store, standin_id: int) -> None:
    src = {s.position: s.source for s in store.segments(standin_id)}
    blocks = [
        STANDIN_NOTICE,
        f"#1 [furniture]\nar: {src[0]}",
        f"#2 [furniture]\nar: {src[1]}",
        f"#3\nar: {src[2]}\nen: Edited headline",
        f"#4 [furniture]\nar: {src[3]}",
        f"#5\nar: {src[4]}\nen: Confirmed sentence.",
        *[f"#{p + 1} [stand-in MT: not a translation]\nar: {src[p]}\nen: EN{p}." for p in MT_ONLY],
        f"#13 [untranslated]\nar: {src[12]}",
        f"#14 [furniture]\nar: {src[13]}",
        f"#15 [furniture]\nar: {src[14]}",
    ]
    out = export_document(store, standin_id, "sbs")
    assert out.data.decode("utf-8") == "".join(b + "\n\n" for b in blocks)
    assert out.filename == "000_ec79a99fe1463192.ar-en.sbs.txt"
    assert out.media_type == "text/plain; charset=utf-8"


def test_sbs_real_mt_has_no_label(store: Store, seed_id: int) -> None:
    out = render(store, seed_id, "sbs")
    assert out.startswith("#1 [furniture]\n")  # numbered as the editor numbers its rows
    assert "#6\nar: " in out and "\nen: EN5.\n" in out


def test_sbs_keeps_lines_apart_and_controls_visible(store: Store, hostile_id: int) -> None:
    out = render(store, hostile_id, "sbs")
    # Nothing a terminal acts on (ESC sequences, C1 controls) and no line break a reader might miss.
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]", out)
    assert "\\u001b" in out and "\\u0007" in out
    for line in out.splitlines():
        assert line == "" or line.startswith(("#", "ar: ", "en: ", "    ")), line
    first = out.split("\n\n")[0].splitlines()
    assert first[0] == "#1" and first[2].startswith("en: 0: A & B ]]> <script>")
    assert first[3] == "    new line"  # a line break inside the English is indented
