"""The effort log (:mod:`workbench.quality.effort`'s rows) as JSON Lines or TSV files.

Its MT is labelled as in the bilingual JSONL/TSV exports (:mod:`workbench.export.model`'s rules):
``mt_kind`` (``real``, ``standin``, ``external``, ...), ``mt_is_translation`` (false for a
stand-in's noise) and ``mt_origin`` (the engine of imported MT); all null without MT.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from workbench.export.model import mt_is_translation, mt_kind, mt_origin
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
    "mt_kind",
    "mt_is_translation",
    "mt_origin",
)


def _record(document: DocumentEffort, row: SegmentEffort) -> dict[str, object]:
    values = asdict(row)
    values["document_id"] = document.document_id
    values["document"] = document.name
    values["mt_kind"] = mt_kind(row.mt, row.mt_signature)
    values["mt_is_translation"] = mt_is_translation(row.mt, row.mt_signature)
    values["mt_origin"] = mt_origin(row.mt, row.mt_signature)
    return {column: values[column] for column in LOG_COLUMNS}


def to_jsonl(document: DocumentEffort, rows: Sequence[SegmentEffort]) -> bytes:
    """The effort log as JSON Lines: one object per prose segment, keys as :data:`LOG_COLUMNS`.

    U+0085, U+2028 and U+2029 are escaped so no reader splits a record.
    """
    lines = (json_line(_record(document, row)) + "\n" for row in rows)
    return "".join(lines).encode("utf-8")


def _tsv_value(value: object) -> str | None:
    if isinstance(value, bool):  # as JSON writes it, so both logs read alike
        return "true" if value else "false"
    return None if value is None else str(value)


def to_tsv(document: DocumentEffort, rows: Sequence[SegmentEffort]) -> bytes:
    """The effort log as TSV with a header row, escaped like the bilingual TSV export.

    A missing value (no HTER, no MT) is ``\\N``; ``mt_is_translation`` is ``true``/``false``.
    """

    out = ["\t".join(LOG_COLUMNS) + "\n"]
    for row in rows:
        record = _record(document, row)
        out.append("\t".join(tsv_escape(_tsv_value(v)) for v in record.values()) + "\n")
    return "".join(out).encode("utf-8")
