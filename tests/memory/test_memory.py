"""The translation memory of a store: TMX in and out, matches, 100% pre-fill, repetitions."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli.main import cli
from workbench.errors import InputError
from workbench.export.xml import pairs_tmx_bytes
from workbench.memory import (
    Entry,
    TranslationMemory,
    add_entries,
    entries,
    import_tmx,
    prefill,
    propagate,
    read_tmx,
    source_diff,
)
from workbench.pipeline.document import add_document
from workbench.store import Store
from workbench.store.fills import clear_memory_fill
from workbench.text.read import read_text

TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="ar-SA" segtype="sentence" datatype="plaintext"
 adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu><tuv xml:lang="ar-SA"><seg>قال الوزير</seg></tuv><tuv xml:lang="en-US"><seg>The minister said</seg></tuv></tu>
<tu><tuv xml:lang="AR"><seg>وصل <ph x="1">&lt;b&gt;</ph>الرئيس</seg></tuv><tuv xml:lang="EN"><seg>The president arrived</seg></tuv></tu>
<tu><tuv xml:lang="fr"><seg>bonjour</seg></tuv><tuv xml:lang="en"><seg>hello</seg></tuv></tu>
<tu><tuv xml:lang="ar"><seg>بلا ترجمة</seg></tuv></tu>
</body></tmx>
"""


@pytest.fixture
def tmx(tmp_path: Path) -> Path:
    path = tmp_path / "memory.tmx"
    path.write_text(TMX, encoding="utf-8")
    return path


def test_read_tmx_counts_what_it_skips(tmx: Path) -> None:
    read = read_tmx(tmx)
    assert read.pairs == [
        ("قال الوزير", "The minister said"),
        ("وصل الرئيس", "The president arrived"),
    ]
    assert dict(read.skipped) == {"en + fr": 1, "ar": 1}


def test_tmx_round_trip(tmp_path: Path) -> None:
    pairs = [("قال الوزير", "The minister said"), ("a < b & c", "x")]
    path = tmp_path / "out.tmx"
    path.write_bytes(pairs_tmx_bytes(pairs))
    assert read_tmx(path).pairs == pairs


def test_broken_tmx_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tmx"
    path.write_text("<tmx>\n<body><tu>", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.tmx, line \d: not valid TMX"):
        read_tmx(path)


def test_import_twice_adds_once(store: Store, tmx: Path) -> None:
    assert import_tmx(store, tmx)[:2] == (2, 0)
    assert import_tmx(store, tmx)[:2] == (0, 2)
    assert [(e.source, e.origin) for e in entries(store)] == [
        ("قال الوزير", "tmx:memory.tmx"),
        ("وصل الرئيس", "tmx:memory.tmx"),
    ]


def test_search_folds_and_ranks() -> None:
    memory = TranslationMemory(
        [
            Entry(
                "قال الوزير إن الاجتماع كان مثمرا",
                "The minister said the meeting was fruitful",
                "a",
                "1",
            ),
            Entry("قال الوزير", "The minister said", "a", "1"),
            Entry("قالَ الوزيـر", "The minister stated", "b", "2"),
        ]
    )
    matches = memory.search("قال الوزير")
    # Both English of the same (folded) source are shown, the newest first.
    assert [(m.entry.target, m.score) for m in matches[:2]] == [
        ("The minister stated", 100.0),
        ("The minister said", 100.0),
    ]
    fuzzy = memory.search("قال الوزير إن الاجتماع مثمر")
    assert fuzzy[0].entry.target == "The minister said the meeting was fruitful"
    assert 70 <= fuzzy[0].score < 100
    assert memory.search("شيء آخر تماما") == []


def test_source_diff() -> None:
    assert source_diff("قال الوزير أمس", "قال الوزير اليوم") == [
        ("equal", "قال الوزير"),
        ("changed", "اليوم"),
    ]
    assert source_diff("قال", "قال الوزير") == [("equal", "قال"), ("extra", "الوزير")]


def _doc(store: Store, text: str) -> int:
    return add_document(store, read_text(text, name="a"))[0]


def test_confirmed_segments_are_entries_and_prefill_never_overwrites_a_human(store: Store) -> None:
    first = store.segments(_doc(store, "قال الوزير.\nوصل الرئيس.\n"))
    store.save_edit(first[0].id, "The minister said.", first[0].version, confirm=True)
    memory = TranslationMemory.of_store(store)
    assert [(e.source, e.target) for e in memory.entries] == [("قال الوزير.", "The minister said.")]
    doc = _doc(store, "وصل الرئيس.\nقال الوزير.\nقالَ الوزير.\n")
    segs = store.segments(doc)
    store.save_edit(segs[2].id, "Mine.", segs[2].version)
    assert prefill(store, doc, memory) == []  # confirmed in another context: not unasked
    filled = prefill(store, doc, memory, same_context=False)
    assert [s.position for s in filled] == [1]
    after = store.segments(doc)
    assert [(s.status, s.post_edit) for s in after] == [
        ("new", None),
        ("tm", "The minister said."),
        ("edited", "Mine."),
    ]
    assert store.history(after[1].id)[-1].action == "tm"
    # A later MT run keeps the memory's English (the MT goes beside it).
    kept = store.set_mt(after[1].id, "MT", "sig")
    assert (kept.status, kept.post_edit, kept.mt) == ("tm", "The minister said.", "MT")


def test_propagate_to_repetitions_and_undo(store: Store) -> None:
    doc = _doc(store, "قال الوزير.\nوصل الرئيس.\nقال الوزير.\nقالَ الوزير.\n")
    segs = store.segments(doc)
    store.save_edit(segs[3].id, "Human.", segs[3].version)
    confirmed = store.save_edit(segs[0].id, "The minister said.", segs[0].version, confirm=True)
    changed = propagate(store, confirmed.id)
    assert [s.position for s in changed] == [2]
    assert store.segment(segs[2].id).post_edit == "The minister said."
    assert store.segment(segs[3].id).post_edit == "Human."
    assert propagate(store, confirmed.id) == []  # already done
    assert store.history(segs[2].id)[-1].action == "propagate"
    undone = clear_memory_fill(store, segs[2].id, store.segment(segs[2].id).version)
    assert (undone.status, undone.post_edit) == ("new", None)
    assert [h.action for h in store.history(segs[2].id)] == ["propagate", "undo-tm"]
    human = store.segment(segs[3].id)
    assert clear_memory_fill(store, human.id, human.version) == human


def test_cli_tm(tmx: Path, tmp_path: Path, default_store: Store) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["tm", "import", str(tmx)])
    assert result.exit_code == 0, result.output
    assert "2 pairs added, 0 already in the memory" in result.output
    assert "skipped 1 units in en + fr" in result.output
    found = runner.invoke(cli, ["tm", "search", "قال الوزير", "--json"])
    assert json.loads(found.output.splitlines()[0])["target"] == "The minister said"
    out = tmp_path / "all.tmx"
    assert runner.invoke(cli, ["tm", "export", "-o", str(out)]).exit_code == 0
    assert len(read_tmx(out).pairs) == 2
    doc = tmp_path / "news.txt"
    doc.write_text("قال الوزير\nجملة أخرى\n", encoding="utf-8")
    imported = runner.invoke(cli, ["import", str(doc)])
    assert "1 segments from the memory" in imported.output, imported.output


def test_cli_import_without_memory(tmx: Path, tmp_path: Path, default_store: Store) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["tm", "import", str(tmx)])
    doc = tmp_path / "news.txt"
    doc.write_text("قال الوزير\n", encoding="utf-8")
    imported = runner.invoke(cli, ["import", "--no-tm", str(doc)])
    assert "from the memory" not in imported.output


def test_prefill_same_context_rule(store: Store) -> None:
    first = store.segments(_doc(store, "وصل الرئيس.\nقال الوزير.\nانتهى الاجتماع.\n"))
    store.save_edit(first[1].id, "The minister said.", first[1].version, confirm=True)
    memory = TranslationMemory.of_store(store)
    assert memory.entries[0].context == ("وصل الرييس.", "انتهي الاجتماع.")  # folded
    # Same neighbours (harakat aside): filled; other neighbours: left for the editor's panel.
    same = _doc(store, "وصلَ الرئيس.\nقال الوزير.\nانتهى الاجتماع.\nجملة.\n")
    other = _doc(store, "جملة أخرى.\nقال الوزير.\n")
    assert [s.position for s in prefill(store, same, memory)] == [1]
    assert prefill(store, other, memory) == []
    # An imported pair has no known context: it still pre-fills.
    add_entries(store, [("قال الوزير.", "Imported.")], "tmx:x")
    memory = TranslationMemory.of_store(store)
    assert [s.post_edit for s in prefill(store, other, memory)] == ["Imported."]


def test_context_reads_prose_neighbours_of_its_own_document(store: Store) -> None:
    """The neighbours are the nearest *prose* segments of the same document ('' at an edge):
    furniture between them (a date line) is skipped, and other documents' rows never count."""
    one = store.segments(_doc(store, "قال الوزير.\n2024-03-12\nوصل الرئيس.\nانتهى الاجتماع.\n"))
    two = store.segments(_doc(store, "بدأ الاجتماع.\nوصل الرئيس.\n"))
    assert [s.kind for s in one] == ["prose", "furniture", "prose", "prose"]
    for seg, english in ((one[0], "Said."), (one[2], "Arrived."), (two[1], "Arrived too.")):
        store.save_edit(seg.id, english, seg.version, confirm=True)
    contexts = {e.target: e.context for e in entries(store)}
    assert contexts == {
        "Said.": ("", "وصل الرييس."),
        "Arrived.": ("قال الوزير.", "انتهي الاجتماع."),
        "Arrived too.": ("بدا الاجتماع.", ""),
    }


def test_prefill_takes_the_match_of_the_same_context_not_the_newest(store: Store) -> None:
    """One source confirmed in two contexts: each new document gets the English of its own."""
    first = store.segments(_doc(store, "وصل الرئيس.\nقال الوزير.\n"))
    second = store.segments(_doc(store, "انتهى الاجتماع.\nقال الوزير.\n"))
    store.save_edit(first[1].id, "The minister said.", first[1].version, confirm=True)
    store.save_edit(second[1].id, "The minister then said.", second[1].version, confirm=True)
    memory = TranslationMemory.of_store(store)
    again_first = _doc(store, "وصلَ الرئيس.\nقال الوزير.\n")  # harakat: a new document
    again_second = _doc(store, "انتهى الاجتماعُ.\nقال الوزير.\n")
    assert [s.post_edit for s in prefill(store, again_first, memory)] == ["The minister said."]
    assert [s.post_edit for s in prefill(store, again_second, memory)] == [
        "The minister then said."
    ]
    # Without the rule the newest English goes everywhere.
    assert [s.post_edit for s in prefill(store, _doc(store, "قال الوزير.\n"), memory, False)] == [
        "The minister then said."
    ]
