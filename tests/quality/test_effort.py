"""Post-editing effort: HTER per segment and document, edit time, and the effort log."""

from __future__ import annotations

import json

import pytest

from workbench.config import settings
from workbench.export import effort_log
from workbench.pipeline.document import add_document, translate_document
from workbench.quality import effort
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text
from workbench.translate.types import external_signature, translation_signature

ARTICLE = "\n\n".join(
    [
        "أعلنت الحكومة اليوم عن خطة جديدة.",
        "قال الوزير إن الخطة تبدأ في أيلول.",
        "ذهب الطلاب إلى المدرسة في الصباح.",
        "الشرطة تحقق في الحادث.",
    ]
)
MT = ["the government announced a new plan", "the minister said it starts", "students went", "x"]


@pytest.fixture
def doc() -> tuple[Store, int, list[int]]:
    store = Store(settings().store_path)
    doc_id, _ = add_document(store, read_text(ARTICLE, name="a.txt"))
    for _ in translate_document(store, doc_id, FakeTranslator(MT)):
        pass
    return store, doc_id, [s.id for s in store.segments(doc_id) if s.kind == "prose"]


@pytest.mark.parametrize(
    ("now", "since", "cap", "expected"),
    [
        (10.0, 4.0, 300.0, 6.0),
        (10.0, 10.0, 300.0, 0.0),
        (10.0, 12.0, 300.0, 0.0),  # clock oddities never give negative time
        (1000.0, 0.0, 300.0, 300.0),  # a break is capped
        (1000.0, 0.0, 60.0, 60.0),
    ],
)
def test_attributed_seconds(now: float, since: float, cap: float, expected: float) -> None:
    assert effort.attributed_seconds(now, since, cap) == expected


def test_untouched_document_has_no_hter(doc: tuple[Store, int, list[int]]) -> None:
    store, doc_id, _ = doc
    summary, rows = effort.document_effort(store, doc_id)
    assert summary.hter is None and summary.hter_signature == ""
    assert (summary.segments, summary.translated, summary.post_edited) == (4, 4, 0)
    assert all(r.hter is None for r in rows)
    assert summary.words_per_hour is None


@pytest.mark.parametrize(
    ("post_edit", "expected"),
    [
        ("the government announced a new plan", 0.0),  # confirmed unchanged
        ("the government announced a plan", 20.0),  # one deletion over five words
        ("the government has announced a new plan", 100 / 7),  # one insertion over seven
        ("", 100.0),  # everything deleted
    ],
)
def test_segment_hter(doc: tuple[Store, int, list[int]], post_edit: str, expected: float) -> None:
    store, doc_id, ids = doc
    store.save_edit(ids[0], post_edit, store.segment(ids[0]).version, confirm=True, seconds=12)
    row = effort.document_effort(store, doc_id)[1][0]
    assert row.hter == pytest.approx(expected, abs=0.01)
    assert (row.status, row.edit_seconds, row.number) == ("confirmed", 12.0, 1)


def test_document_hter_is_corpus_ter(doc: tuple[Store, int, list[int]]) -> None:
    store, doc_id, ids = doc
    store.save_edit(ids[0], "the government announced a plan", 1, confirm=True, seconds=30)
    store.save_edit(ids[1], "the minister said it starts", 1, seconds=10)
    summary, rows = effort.document_effort(store, doc_id)
    # 1 edit over 5 + 5 reference words
    assert summary.hter == pytest.approx(10.0)
    assert summary.hter_signature.startswith("nrefs:1|")
    assert (summary.post_edited, summary.confirmed, summary.edited) == (2, 1, 1)
    assert summary.edit_seconds == 40.0
    assert summary.words_per_hour == pytest.approx(rows[0].source_words * 3600 / 40)


def test_effort_log_serialisers(doc: tuple[Store, int, list[int]]) -> None:
    store, doc_id, ids = doc
    store.save_edit(ids[0], "line\tone\nand\u2028two", 1, confirm=True, seconds=5)
    summary, rows = effort.document_effort(store, doc_id)
    jsonl = effort_log.to_jsonl(summary, rows).decode("utf-8")
    lines = jsonl.split("\n")
    assert lines[-1] == "" and len(lines) == 5
    first = json.loads(lines[0])
    assert list(first) == list(effort_log.LOG_COLUMNS)
    assert first["post_edit"] == "line\tone\nand\u2028two" and "\u2028" not in lines[0]
    assert json.loads(lines[1])["hter"] is None
    tsv = effort_log.to_tsv(summary, rows).decode("utf-8").split("\n")
    assert tsv[0].split("\t") == list(effort_log.LOG_COLUMNS)
    assert len(tsv) == 6 and all(
        len(line.split("\t")) == len(effort_log.LOG_COLUMNS) for line in tsv[:-1]
    )
    assert "line\\tone\\nand\\u2028two" in tsv[1]
    assert tsv[2].split("\t")[8] == "\\N"


def test_effort_log_labels_standin_and_imported_mt(doc: tuple[Store, int, list[int]]) -> None:
    store, doc_id, ids = doc  # translated by the FakeTranslator: noise, not a translation
    store.set_mt(ids[1], "from another engine", str(external_signature("deepl", "a.xlf")))
    store.set_mt(ids[2], "real", str(translation_signature("opus", "real", None, "none", 4)))
    summary, rows = effort.document_effort(store, doc_id)
    records = [json.loads(line) for line in effort_log.to_jsonl(summary, rows).splitlines()]
    labels = [(r["mt_kind"], r["mt_is_translation"], r["mt_origin"]) for r in records]
    assert labels == [
        ("fake", False, None),
        ("external", True, "deepl"),
        ("real", True, None),
        ("fake", False, None),
    ]
    tsv = [line.split("\t") for line in effort_log.to_tsv(summary, rows).decode().splitlines()]
    assert tsv[0][-3:] == ["mt_kind", "mt_is_translation", "mt_origin"]
    assert [row[-3:] for row in tsv[1:3]] == [
        ["fake", "false", "\\N"],
        ["external", "true", "deepl"],
    ]
