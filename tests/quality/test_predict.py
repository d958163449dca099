"""Signals against effort: which segments count, the sign convention, too few pairs."""

from __future__ import annotations

import math
from pathlib import Path

from workbench.pipeline.document import add_document
from workbench.quality.predict import correlations, document_correlations
from workbench.quality.summary import document_summary
from workbench.store import Store
from workbench.text.read import read_text

TEXT = "قال الوزير.\nوصل الرئيس إلى العاصمة اليوم.\nانتهى الاجتماع.\nقتل ٣ أشخاص.\n"


def _doc(store: Store) -> list[int]:
    doc = add_document(store, read_text(TEXT, name="a"))[0]
    ids = []
    for n, seg in enumerate(store.segments(doc)):
        # The model's score falls as the MT gets worse (more words to change).
        store.set_mt(seg.id, "the words " * (n + 1), "sig", meta={"scores": [-0.1 * (n + 1)]})
        ids.append(seg.id)
    return ids


def test_confidence_and_signals_against_hter(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    ids = _doc(store)
    doc_id = store.segment(ids[0]).document_id
    assert all(r.rho is None and r.n == 0 for r in document_correlations(store, doc_id))
    for n, seg in enumerate(ids):
        store.save_edit(seg, "the words " + "changed " * n, 1, confirm=True)
    found = {r.signal: r for r in document_correlations(store, doc_id)}
    assert found["confidence"].n == 4 and found["confidence"].good_sign == -1
    assert found["confidence"].rho is not None and found["confidence"].rho < 0
    assert found["source-words"].n == 4


def test_unconfirmed_and_constant_signals_give_no_rho(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    ids = _doc(store)
    for seg in ids[:2]:
        store.save_edit(seg, "x", 1, confirm=True)
    store.save_edit(ids[2], "y", 1, confirm=False)
    found = {r.signal: r for r in correlations(store.segments(store.segment(ids[0]).document_id))}
    assert found["qa-issues"].n == 2 and found["qa-issues"].rho is None  # below MIN_PAIRS
    assert not any(r.rho is not None and math.isnan(r.rho) for r in found.values())


def test_qa_summary_counts_segments_and_codes(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.db")
    ids = _doc(store)
    store.save_edit(ids[3], "Three people were killed  .", 1, confirm=True)
    summary = document_summary(store, store.segment(ids[0]).document_id)
    assert summary.checked == 4
    assert dict(summary.codes)["double-space"] == 1
    assert summary.segments == (4,)
    assert summary.message == "1 segment has QA issues: export anyway?"
