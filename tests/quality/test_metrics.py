"""Scoring: sacrebleu wrappers, signatures, HTER, line reading; the published FLORES figure."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require_shared

from workbench.errors import InputError, UnknownNameError
from workbench.quality.metrics import hter, score, score_files
from workbench.text.lines import read_lines


@pytest.mark.parametrize(
    ("hyps", "refs", "bleu", "chrf", "ter"),
    [
        (["the cat sat on the mat"], ["the cat sat on the mat"], 100.0, 100.0, 0.0),
        (["completely different words here"], ["the cat sat on the mat"], 0.0, None, None),
        (["", ""], ["a b", "c d"], 0.0, 0.0, 100.0),
    ],
    ids=["identical", "disjoint", "empty hypotheses"],
)
def test_score_table(
    hyps: list[str], refs: list[str], bleu: float, chrf: float | None, ter: float | None
) -> None:
    got = {s.metric: s.score for s in score(hyps, refs)}
    assert got["BLEU"] == pytest.approx(bleu)
    if chrf is not None:
        assert got["chrF2"] == pytest.approx(chrf)
    if ter is not None:
        assert got["TER"] == pytest.approx(ter)


def test_signatures_record_settings() -> None:
    sigs = {s.metric: s.signature for s in score(["a b c d"], ["a b c d"])}
    assert sigs["BLEU"].startswith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:")
    assert "nc:6" in sigs["chrF2"]
    assert "tok:tercom" in sigs["TER"]


def test_mismatched_lengths_unknown_metric_and_nothing() -> None:
    with pytest.raises(InputError, match="nothing to score"):
        score([], [])
    with pytest.raises(InputError, match="pair up"):
        score(["a"], ["a", "b"])
    with pytest.raises(UnknownNameError, match="bleu, chrf, ter"):
        score(["a"], ["a"], ["meteor"])


@pytest.mark.parametrize(
    ("mt", "pe", "expected"),
    [("a b c d", "a b c d", 0.0), ("a b c d", "a b x d", 25.0), ("", "", 0.0), ("a b", "", 100.0)],
)
def test_hter(mt: str, pe: str, expected: float) -> None:
    assert hter(mt, pe) == pytest.approx(expected)


def test_read_lines(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    path.write_bytes(b"\xef\xbb\xbfone\r\ntwo\n\nfour\n")
    assert read_lines(path) == ["one", "two", "", "four"]
    path.write_bytes(b"ok\n\xff\n")
    with pytest.raises(InputError, match="line 2"):
        read_lines(path)


def test_flores_reproduces_published_bleu(shared_dir: Path) -> None:
    flores = require_shared(shared_dir / "data" / "flores101-dev")
    scores = {
        s.metric: s for s in score_files(flores / "flores-dev.opusmt.en", flores / "flores-dev.en")
    }
    assert round(scores["BLEU"].score, 1) == 33.9
    assert scores["BLEU"].signature.startswith("nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp")
