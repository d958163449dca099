"""English made in other tools, back into the store: edits of a document, and documents with MT.

:func:`import_translation` takes a file another tool edited (XLIFF, TMX, TSV, OmegaT's target text
or project memory, read by :mod:`workbench.export.readback`) and saves its English as human edits
of a stored document, in one transaction, each with a history row (action ``import``, who, and the
file). :func:`import_with_mt` stores a new document whose MT another engine made, labelled by it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from workbench.errors import ConfigError, InputError
from workbench.export.readback import FileUnit, TranslationFile, read_translations
from workbench.signature import Signature
from workbench.store.imports import add_document_with_mt, import_edits
from workbench.store.records import HUMAN_STATUSES, SegmentRow
from workbench.store.sqlite import Store
from workbench.text.read import read_text, sha256
from workbench.text.records import Sentence
from workbench.text.segment import SEGMENTER_VERSION
from workbench.translate.types import external_signature, is_translation_signature

OnConflict = Literal["stop", "keep", "overwrite"]
ON_CONFLICT: tuple[OnConflict, ...] = ("stop", "keep", "overwrite")
#: ``segmenter_version`` of a document imported with its MT: a row of the file is a segment.
MT_IMPORT_SEGMENTER = f"rows-{SEGMENTER_VERSION}"
_CONFIRMED = ("confirmed", "approved")
_ORIGIN = re.compile(r"[\w][\w .+@/-]{0,63}")


@dataclass(frozen=True)
class Conflict:
    """A segment whose human English in the store is newer than, and differs from, the file's."""

    position: int
    line: int
    store_text: str
    file_text: str


@dataclass
class ImportReport:
    """What :func:`import_translation` did; positions are the segments' (0-based), lines the file's."""

    document_id: int
    path: Path
    format: str
    imported: list[int] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    machine: list[int] = field(default_factory=list)
    machine_changed: list[int] = field(default_factory=list)
    untranslated: list[int] = field(default_factory=list)
    unmatched: list[int] = field(default_factory=list)
    ambiguous: list[int] = field(default_factory=list)
    written: bool = False


def _pairs(
    file: TranslationFile, segments: Sequence[SegmentRow], doc_id: int
) -> tuple[list[tuple[FileUnit, SegmentRow]], list[int]]:
    """Each unit with the segments it is for (by position, else exact source); unmatched lines."""
    prose = [s for s in segments if s.kind == "prose"]
    if file.format == "text":  # OmegaT's target/: the package's source, a prose segment a line
        if len(file.units) != len(prose):
            raise InputError(
                f"has {len(file.units)} lines of text; document {doc_id} has {len(prose)} "
                "segments to translate, one a line in the OmegaT package's source/ file",
                path=file.path,
                fix="Give the target/ file of the package exported from this document.",
            )
        return list(zip(file.units, prose, strict=True)), []
    by_position = {s.position: s for s in segments}
    by_source: dict[str, list[SegmentRow]] = {}
    for seg in prose:
        by_source.setdefault(seg.source, []).append(seg)
    pairs: list[tuple[FileUnit, SegmentRow]] = []
    unmatched: list[int] = []
    for unit in file.units:
        found = by_position.get(unit.position) if unit.position is not None else None
        if found is not None and found.source == unit.source and found.kind == "prose":
            pairs.append((unit, found))
        elif unit.source in by_source:
            pairs.extend((unit, s) for s in by_source[unit.source])
        else:
            unmatched.append(unit.line)
    return pairs, unmatched


def _is_human(seg: SegmentRow) -> bool:
    # A "confirmed" row whose English is still non-translation MT is not human work.
    if seg.post_edit is None or seg.status not in HUMAN_STATUSES:
        return False
    return seg.post_edit != seg.mt or is_translation_signature(seg.mt_signature)


def _store_is_newer(seg: SegmentRow, reference: datetime) -> bool:
    moment = datetime.fromisoformat(seg.updated_at).replace(microsecond=0)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment > reference


def _classify(
    report: ImportReport, unit: FileUnit, seg: SegmentRow, reference: datetime, take_machine: bool
) -> bool:
    """Put the pair in its report list; True if its English is to be written."""
    target = unit.target
    # Machine output "changed" only against MT the store holds: a tool edited the text, not its state.
    changed = seg.mt is not None and bool(target.strip()) and target not in (seg.mt, seg.source)
    if unit.machine and not (take_machine and changed):
        (report.machine_changed if changed else report.machine).append(unit.line)
    elif not target.strip() or target == seg.source:  # OmegaT copies the source when untranslated
        report.untranslated.append(seg.position)
    elif target == seg.target and not (unit.confirmed and seg.status not in _CONFIRMED):
        report.unchanged.append(seg.position)
    elif _is_human(seg) and seg.post_edit != target and _store_is_newer(seg, reference):
        report.conflicts.append(Conflict(seg.position, unit.line, seg.post_edit or "", target))
    else:
        return True
    return False


def _choose(
    report: ImportReport,
    pairs: list[tuple[FileUnit, SegmentRow]],
    file_date: datetime,
    on_conflict: OnConflict,
    take_machine: bool,
) -> list[tuple[FileUnit, SegmentRow]]:
    """The pairs to write, in document order; the others go to the report's lists."""
    chosen: dict[int, tuple[FileUnit, SegmentRow]] = {}
    for unit, seg in pairs:
        previous = chosen.get(seg.id)
        if previous is not None and previous[0].target != unit.target:
            report.ambiguous.append(seg.position)
        if _classify(report, unit, seg, unit.changed or file_date, take_machine):
            chosen.setdefault(seg.id, (unit, seg))
    if on_conflict == "overwrite":
        by_position = {seg.position: (unit, seg) for unit, seg in pairs}
        for conflict in report.conflicts:
            unit, seg = by_position[conflict.position]
            chosen.setdefault(seg.id, (unit, seg))
    ambiguous = set(report.ambiguous)
    kept = [pair for pair in chosen.values() if pair[1].position not in ambiguous]
    return sorted(kept, key=lambda pair: pair[1].position)


def import_translation(
    store: Store,
    doc_id: int,
    path: str | Path,
    *,
    actor: str | None = None,
    on_conflict: OnConflict = "stop",
    confirm: bool = False,
    take_machine: bool = False,
) -> ImportReport:
    """Save the English of ``path`` as human edits of document ``doc_id``; what happened.

    A unit is for the segment its id names (XLIFF ids, TMX ``x-position``, a TSV ``position``)
    when that segment has the unit's Arabic, else for every prose segment with exactly its Arabic;
    OmegaT's target text goes line by line. English the file marks as machine output (MT states,
    stand-in notes; with ``take_machine``, only where it is still the stored MT), English equal to
    the Arabic (OmegaT's untranslated segments) and English the store already holds are not
    written. A segment whose human English in the store differs and was saved after the file's
    English (the unit's change date, else the file's date, else its modification time) is a
    :class:`Conflict`: with ``on_conflict="stop"`` nothing at all is written; ``"keep"`` writes
    the rest and keeps the store's; ``"overwrite"`` takes the file's (the store's stays in
    history). Everything is written in one transaction, as ``edited``, or ``confirmed`` where the
    file approves it or ``confirm``; history names ``actor`` and the file (name, sha256, format).
    """
    if on_conflict not in ON_CONFLICT:
        raise ConfigError(f"on_conflict {on_conflict!r} is not one of: {', '.join(ON_CONFLICT)}")
    store.document(doc_id)  # NotFoundError names the fix
    file = read_translations(path)
    report = ImportReport(doc_id, file.path, file.format)
    pairs, report.unmatched = _pairs(file, store.segments(doc_id), doc_id)
    if file.units and not pairs:
        raise InputError(
            f"none of its {len(file.units)} translations is for a segment of document {doc_id} "
            "(no id or Arabic matches)",
            path=file.path,
            fix="Check the document id (`workbench documents`) and the file.",
        )
    mtime = datetime.fromtimestamp(file.path.stat().st_mtime, timezone.utc).replace(microsecond=0)
    chosen = _choose(report, pairs, file.created or mtime, on_conflict, take_machine)
    if report.conflicts and on_conflict == "stop":
        return report
    digest = sha256(file.path.read_bytes())[:12]
    signature = str(Signature.of(file=file.path.name, sha=digest, format=file.format))
    edits = [(seg.id, seg.version, unit.target, confirm or unit.confirmed) for unit, seg in chosen]
    if edits:
        import_edits(store, edits, actor=actor, signature=signature)
    report.imported = [seg.position for _, seg in chosen]
    report.written = True
    return report


def _origin(file: TranslationFile, given: str | None) -> str:
    origins = {u.origin for u in file.units if u.origin}
    if given is None and len(origins) > 1:
        line = next(u.line for u in file.units if u.origin and u.origin != min(origins))
        raise InputError(
            f"names more than one engine ({', '.join(sorted(origins))})",
            path=file.path,
            line=line,
            fix="Split it by engine, or give --origin.",
        )
    origin = given or next(iter(origins), None)
    if origin is None:
        raise InputError(
            "does not say which engine made its machine translation",
            path=file.path,
            fix="Give it with --origin NAME (e.g. --origin deepl), or a mt_origin column.",
        )
    if not _ORIGIN.fullmatch(origin):
        raise ConfigError(
            f"engine name {origin!r}: use letters, digits, spaces and . + @ / - (at most 64)"
        )
    return origin


def import_with_mt(
    store: Store, path: str | Path, *, origin: str | None = None, name: str | None = None
) -> int:
    """Store the Arabic of ``path`` as a new document with the file's English as its MT; its id.

    ``path`` is a TSV (``source<TAB>mt``, or a header naming ``source`` and ``mt``/``target``,
    optionally ``mt_origin``), XLIFF 1.2/2.0 or TMX: each unit becomes a segment (the file's
    segmentation is kept, so the MT stays with its Arabic), and its English becomes MT labelled
    by ``origin`` (``kind:external``, ``model:<origin>``): exports name the engine and never
    present it as the workbench's or as human work. Units without English are left to translate.
    """
    file = read_translations(path, english="mt")
    if file.format == "text":
        raise InputError(
            "is plain text: it has no Arabic beside the English",
            path=file.path,
            fix="Give a TSV (source, mt), XLIFF or TMX.",
        )
    units = [u for u in file.units if u.source and u.source.strip()]
    if not units:
        raise InputError("holds no Arabic with machine translation", path=file.path)
    engine = _origin(file, origin)
    text = "\n".join(u.source or "" for u in units)
    doc = read_text(text, name=name or file.path.name)
    segments: list[tuple[Sentence, str | None]] = []
    start = 0
    for unit in units:
        source = unit.source or ""
        segments.append((Sentence(start, start + len(source), source), unit.target or None))
        start += len(source) + 1
    signature = str(external_signature(engine, file.path.name))
    return add_document_with_mt(store, doc, segments, MT_IMPORT_SEGMENTER, signature)
