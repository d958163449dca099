"""The effort log (:mod:`workbench.quality.effort`'s rows) as JSON Lines or TSV files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from workbench.export.tabular import json_line, tsv_escape
from workbench.quality.effort import DocumentEffort, SegmentEffort

#: Columns of the TSV effort log, in order (the JSONL log has the same keys).
LOG_COLUMNS = (
    "document_id",
    "document",
    "number",
    "segment_id",
    "status",
    "source_words",
    "mt_words",
    "post_edit_words",
    "hter",
    "edit_seconds",
    "mt",
    "post_edit",
)


def _record(document: DocumentEffort, row: SegmentEffort) -> dict[str, object]:
    values = asdict(row)
    values["document_id"] = document.document_id
    values["document"] = document.name
    return {column: values[column] for column in LOG_COLUMNS}


def to_jsonl(document: DocumentEffort, rows: Sequence[SegmentEffort]) -> bytes:
    """The effort log as JSON Lines: one object per prose segment, keys as :data:`LOG_COLUMNS`.

    U+0085, U+2028 and U+2029 are escaped so no reader splits a record.
    """
    lines = (json_line(_record(document, row)) + "\n" for row in rows)
    return "".join(lines).encode("utf-8")


def to_tsv(document: DocumentEffort, rows: Sequence[SegmentEffort]) -> bytes:
    """The effort log as TSV with a header row, escaped like the bilingual TSV export.

    A missing value (no HTER, no MT) is ``\\N``.
    """

    out = ["\t".join(LOG_COLUMNS) + "\n"]
    for row in rows:
        record = _record(document, row)
        out.append(
            "\t".join(tsv_escape(None if v is None else str(v)) for v in record.values()) + "\n"
        )
    return "".join(out).encode("utf-8")
