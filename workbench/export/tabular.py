"""Bilingual tables: TSV (a segment a row) and JSON Lines (every field of every segment).

- TSV rows are one line each: backslash, tab, LF and CR are written ``\\\\``, ``\\t``, ``\\n``,
  ``\\r``; the other characters ``str.splitlines`` breaks at (VT, FF, U+001C-U+001E, U+0085,
  U+2028, U+2029) as ``\\uXXXX``; a missing value (``None``) as ``\\N``, as in PostgreSQL's COPY
  text format. :func:`tsv_unescape` undoes it exactly.
- JSONL escapes U+0085, U+2028 and U+2029 as ``\\uXXXX`` (valid JSON) so no reader splits a line.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict

from workbench.export.model import ExportInput

_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_SPECIAL = re.compile(r"[\\\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_TSV_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))", re.DOTALL)
# json.dumps leaves these raw, and str.splitlines (and so some JSONL readers) breaks lines at them.
_JSON_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}
_TSV_COLUMNS = (
    "position", "paragraph", "kind", "status", "source", "mt", "post_edit", "target", "mt_model",
    "target_origin", "mt_origin",
)  # fmt: skip


def visible_escape(match: re.Match[str]) -> str:
    """The ``\\uXXXX`` escape of a matched character (a control a line or a terminal would act on)."""
    return f"\\u{ord(match[0]):04x}"


def tsv_escape(value: str | None) -> str:
    """One TSV field: ``None`` → ``\\N``; backslash, tab and line breaks escaped (module docstring)."""
    if value is None:
        return "\\N"
    return _TSV_SPECIAL.sub(lambda m: _TSV_ESCAPES.get(m[0]) or visible_escape(m), value)


def tsv_unescape(field: str) -> str | None:
    """The inverse of :func:`tsv_escape`."""
    if field == "\\N":
        return None
    named = {"t": "\t", "n": "\n", "r": "\r"}
    return _TSV_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else named.get(m[2], m[2]), field)


def export_tsv(data: ExportInput) -> bytes:
    """Bilingual TSV, every segment, a header row; fields escaped by :func:`tsv_escape`.

    The last column, ``mt_model``, is the kind of model that wrote the ``mt`` column
    (:attr:`Unit.mt_kind`): ``real`` for opus-mt-ar-en, anything else (``standin``, ``tiny``,
    ``unknown``, ...) for machine text that is not a translation; ``\\N`` without MT.
    ``target_origin`` (:attr:`Unit.target_origin`) says who wrote the ``target``: ``human``,
    ``mt`` (the real model, or the engine named by ``mt_origin``) or ``standin``, also when an untouched stand-in row was saved or
    confirmed (``status`` is then the stored one, ``post_edit`` equal to ``mt``). ``mt_origin``
    names the engine of MT imported with the document (``mt_model`` ``external``), else ``\\N``.
    """
    rows = ["\t".join(_TSV_COLUMNS)]
    for unit in data.units:
        seg = unit.seg
        texts = map(
            tsv_escape,
            (
                seg.source,
                seg.mt,
                seg.post_edit,
                seg.target,
                unit.mt_kind,
                unit.target_origin,
                unit.mt_origin,
            ),
        )
        rows.append(
            "\t".join([str(seg.position), str(seg.paragraph), seg.kind, seg.status, *texts])
        )
    return ("\n".join(rows) + "\n").encode("utf-8")


def json_line(record: object) -> str:
    """One JSON Lines record, UTF-8 kept, with U+0085/U+2028/U+2029 escaped (readers split there)."""
    return json.dumps(record, ensure_ascii=False).translate(_JSON_LINE_BREAKS)


def export_jsonl(data: ExportInput) -> bytes:
    """One JSON object per segment with every stored field, ``target`` and the MT ``flags``.

    ``alignment`` holds the word links in Pharaoh form (source word - target word, 0-based
    whitespace-delimited words) when the MT was made with alignments, else null.

    ``mt_kind`` is :attr:`Unit.mt_kind`; ``mt_is_translation`` is false for MT of any model but
    the real one, null without MT. ``target_origin`` is :attr:`Unit.target_origin`: ``standin``
    marks English that is still stand-in output, however it was saved. ``mt_origin`` names the
    engine of MT imported with the document (``mt_kind`` ``external``), else null.
    """
    lines = []
    for unit in data.units:
        record = {
            **asdict(unit.seg),
            "target": unit.seg.target,
            "flags": unit.flags,
            "mt_kind": unit.mt_kind,
            "mt_is_translation": unit.mt_is_translation,
            "target_origin": unit.target_origin,
            "mt_origin": unit.mt_origin,
            "alignment": unit.seg.mt_meta.get("alignment"),
        }
        lines.append(json_line(record))
    return "".join(line + "\n" for line in lines).encode("utf-8")
