"""TSV and JSONL: reversible escaping, one line per segment, every field, UTF-8 not escaped."""

from __future__ import annotations

import json

import pytest

from workbench.export import Unit, tsv_escape, tsv_unescape
from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store

from .support import render


@pytest.mark.parametrize(
    ("value", "escaped"),
    [
        (None, "\\N"),
        ("", ""),
        ("\\N", "\\\\N"),
        ("a\tb\nc\rd\\e", "a\\tb\\nc\\rd\\\\e"),
        ("\\u2028", "\\\\u2028"),
        ("x\u2028y\x85z\x0b\x0c", "x\\u2028y\\u0085z\\u000b\\u000c"),
        ("عربي \u202b\u200d", "عربي \u202b\u200d"),
    ],
)
def test_tsv_escaping_is_reversible(value: str | None, escaped: str) -> None:
    assert tsv_escape(value) == escaped
    assert tsv_unescape(escaped) == value


def test_tsv_one_line_per_segment(store: Store, seed_id: int, hostile_id: int) -> None:
    for doc_id in (seed_id, hostile_id):
        out = render(store, doc_id, "tsv")
        segs = store.segments(doc_id)
        lines = out.splitlines()  # the strictest splitter: it breaks at U+2028, FF, NEL too
        assert out.endswith("\n") and len(lines) == len(segs) + 1
        assert lines[0].split("\t") == [
            "position", "paragraph", "kind", "status", "source", "mt", "post_edit", "target",
            "mt_model", "target_origin", "mt_origin",
        ]  # fmt: skip
        for line, seg in zip(lines[1:], segs, strict=True):
            fields = line.split("\t")
            assert fields[:4] == [str(seg.position), str(seg.paragraph), seg.kind, seg.status]
            assert [tsv_unescape(f) for f in fields[4:]] == [
                seg.source, seg.mt, seg.post_edit, seg.target, Unit(seg).mt_kind,
                Unit(seg).target_origin, Unit(seg).mt_origin,
            ]  # fmt: skip


def test_jsonl_has_every_field(store: Store, seed_id: int, hostile_id: int) -> None:
    for doc_id in (seed_id, hostile_id):
        out = render(store, doc_id, "jsonl")
        rows = [json.loads(line) for line in out.splitlines()]
        segs = store.segments(doc_id)
        assert len(rows) == len(segs)
        for row, seg in zip(rows, segs, strict=True):
            added = (
                "target",
                "flags",
                "mt_kind",
                "mt_is_translation",
                "target_origin",
                "mt_origin",
                "alignment",
            )
            assert SegmentRow(**{k: v for k, v in row.items() if k not in added}) == seg
            assert row["target"] == seg.target
    first = json.loads(render(store, seed_id, "jsonl").splitlines()[2])
    assert first["flags"] == ["hit-max-length"]


def test_jsonl_is_utf8_not_ascii_escaped(store: Store, seed_id: int) -> None:
    assert "التحالف الدولي" in render(store, seed_id, "jsonl")
