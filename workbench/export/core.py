"""Exports of a stored document: English text, a side-by-side view, bilingual TSV/JSONL, and the
XML formats of :mod:`workbench.export.xml` (TMX 1.4b, XLIFF 1.2 and 2.0).

One code path for the command line and the editor's download buttons: :func:`export_document`
loads the document once into an :class:`ExportInput`, renders bytes through the
:data:`EXPORTERS` registry, and :func:`write_export` writes them atomically.

Decisions that hold for every format:

- The Arabic is always the stored slice of the original text (``SegmentRow.source``), never
  normalised; the English is ``SegmentRow.target`` (the post-edit if there is one, else the MT).
- MT of any model but the real opus-mt-ar-en (a stand-in with random weights, the tiny model, or
  a signature that does not say) is never passed off as a translation: every format labels it
  (:attr:`Unit.standin`) and TMX leaves it out unless asked. A post-edit is human English.
- TSV rows are one line each: backslash, tab, LF and CR are written ``\\\\``, ``\\t``, ``\\n``,
  ``\\r``; the other characters ``str.splitlines`` breaks at (VT, FF, U+001C-U+001E, U+0085,
  U+2028, U+2029) as ``\\uXXXX``; a missing value (``None``) as ``\\N``, as in PostgreSQL's COPY
  text format. :func:`tsv_unescape` undoes it exactly.
- JSONL escapes U+0085, U+2028 and U+2029 as ``\\uXXXX`` (valid JSON) so no reader splits a line.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import unicodedata
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

from workbench.errors import ConfigError, UnknownNameError, WorkbenchError
from workbench.export.xml import export_tmx, export_xliff, export_xliff2
from workbench.store.records import DocumentRow, SegmentRow
from workbench.store.sqlite import Store
from workbench.text.lines import LINE_BREAK
from workbench.translate.types import is_real_signature, signature_kind

#: Longest file name suggested, in UTF-8 bytes (most file systems allow 255).
MAX_FILENAME_BYTES = 200
#: Heads a plain-text export (txt, sbs) whose English includes stand-in MT.
STANDIN_NOTICE = (
    "[STAND-IN MODEL OUTPUT — NOT A TRANSLATION: machine text below comes from a model with "
    "random weights; install the real opus-mt-ar-en with `workbench model install`]"
)
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_SPECIAL = re.compile(r"[\\\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_TSV_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))", re.DOTALL)
# json.dumps leaves these raw, and str.splitlines (and so some JSONL readers) breaks lines at them.
_JSON_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}
_TSV_COLUMNS = (
    "position", "paragraph", "kind", "status", "source", "mt", "post_edit", "target", "mt_model",
)  # fmt: skip
# What a terminal could act on (escape sequences, C1 controls) once lines are split.
_TERMINAL_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Path separators, whitespace and Windows' reserved characters; safe_filename also replaces every
# control, format (bidi overrides, ZWJ) and separator character, which could disguise a name.
_UNSAFE_NAME = re.compile(r'[/\\<>:"|?*\s]')
_WINDOWS_DEVICES = re.compile(r"(?i)(con|prn|aux|nul|com\d|lpt\d)(\..*)?")


@dataclass(frozen=True)
class ExportOptions:
    """Choices for the formats that drop or replace something; the others ignore them.

    ``furniture`` (txt): ``"keep"`` page furniture as its original text on its own line, or
    ``"drop"`` it. ``untranslated`` (txt): a prose segment without English is written as its
    Arabic ``"source"`` (the default, so nothing disappears silently), as ``"mark"``
    (``[untranslated: <Arabic>]``), or ``"drop"``ped. ``reviewed_only`` (tmx): only edited or
    confirmed segments become translation units, keeping raw MT out of a memory.
    ``include_standin`` (tmx): stand-in MT (:attr:`Unit.standin`) is left out of a memory unless
    this is True; then its units carry a note saying they are not translations.
    """

    furniture: Literal["keep", "drop"] = "keep"
    untranslated: Literal["source", "mark", "drop"] = "source"
    reviewed_only: bool = False
    include_standin: bool = False

    def __post_init__(self) -> None:
        problems = []
        if self.furniture not in ("keep", "drop"):
            problems.append(f"furniture {self.furniture!r} is not one of: keep, drop")
        if self.untranslated not in ("source", "mark", "drop"):
            problems.append(f"untranslated {self.untranslated!r} is not one of: source, mark, drop")
        if problems:
            raise ConfigError("invalid export options: " + "; ".join(problems))


@dataclass(frozen=True)
class Unit:
    """A stored segment as the writers see it, with what its machine text is."""

    seg: SegmentRow

    @property
    def flags(self) -> list[str]:
        """The MT's flags (``hit-max-length``, ...)."""
        flags = self.seg.mt_meta.get("flags") or []
        return [flags] if isinstance(flags, str) else [str(f) for f in flags]

    @property
    def mt_kind(self) -> str | None:
        """The kind of model behind the MT (``"unknown"`` if its signature does not say), or None."""
        if self.seg.mt is None:
            return None
        return signature_kind(self.seg.mt_signature) or "unknown"

    @property
    def mt_is_translation(self) -> bool | None:
        """Whether the MT came from the real model; None without MT."""
        return None if self.seg.mt is None else is_real_signature(self.seg.mt_signature)

    @property
    def standin(self) -> bool:
        """Whether the English shown is MT that is not a translation (furniture shows its Arabic)."""
        seg = self.seg
        return seg.kind == "prose" and seg.post_edit is None and self.mt_is_translation is False


@dataclass(frozen=True)
class ExportInput:
    """What a writer renders: the document, its original text, its segments and the options."""

    document: DocumentRow
    text: str
    units: list[Unit]
    options: ExportOptions

    @classmethod
    def load(cls, store: Store, doc_id: int, options: ExportOptions) -> ExportInput:
        """Read document ``doc_id`` from ``store``."""
        document = store.document(doc_id)
        text, _ = store.document_text(doc_id)
        return cls(document, text, [Unit(seg) for seg in store.segments(doc_id)], options)

    @property
    def standin(self) -> bool:
        """Whether any English shown is stand-in MT (:attr:`Unit.standin`)."""
        return any(unit.standin for unit in self.units)


@dataclass(frozen=True)
class Exporter:
    """A registered format: how to render it, the file name ending and the media type."""

    name: str
    render: Callable[[ExportInput], bytes]
    suffix: str
    media_type: str
    description: str


@dataclass(frozen=True)
class Export:
    """A rendered export: a safe file name to suggest, its media type, and the bytes."""

    format: str
    filename: str
    media_type: str
    data: bytes


def _visible(match: re.Match[str]) -> str:
    return f"\\u{ord(match[0]):04x}"


# plain text ------------------------------------------------------------------------------------


def export_txt(data: ExportInput) -> bytes:
    """The English article: paragraphs separated by a blank line, LF line ends, UTF-8.

    Segments of a paragraph are joined by a space, or by a line break where the original had one
    between them; furniture keeps its original text on its own line. An English text that a
    translator emptied on purpose is left out. :data:`STANDIN_NOTICE` and a blank line head the
    text when any of its English is stand-in MT.
    """
    options = data.options
    paragraphs: list[list[str]] = []
    previous: SegmentRow | None = None
    for seg in (unit.seg for unit in data.units):
        if seg.kind == "furniture":
            piece = seg.source if options.furniture == "keep" else None
        elif seg.target is not None:
            piece = seg.target or None
        else:
            piece = {"source": seg.source, "mark": f"[untranslated: {seg.source}]"}.get(
                options.untranslated
            )
        if piece is None:
            continue
        if previous is None or seg.paragraph != previous.paragraph:
            paragraphs.append([piece])
        elif "furniture" in (seg.kind, previous.kind) or LINE_BREAK.search(
            data.text, previous.end, seg.start
        ):
            paragraphs[-1].append("\n" + piece)
        else:
            paragraphs[-1].append(" " + piece)
        previous = seg
    notice = STANDIN_NOTICE + "\n\n" if data.standin else ""
    return (notice + "\n\n".join("".join(p) for p in paragraphs) + "\n").encode("utf-8")


def _sbs_lines(label: str, text: str) -> list[str]:
    # The Latin label makes each line left-to-right with the Arabic one right-to-left run in it;
    # continuation lines are indented, and controls shown as \uXXXX so none reaches the terminal.
    lines = [_TERMINAL_CONTROLS.sub(_visible, line) for line in text.splitlines() or [""]]
    return [f"{label}: {lines[0]}", *(" " * (len(label) + 2) + line for line in lines[1:])]


def export_sbs(data: ExportInput) -> bytes:
    """A side-by-side view to read in a terminal: a block per segment, blank lines between.

    Each block is a header ``#<position>`` (tagged ``[furniture]``, ``[untranslated]`` or
    ``[stand-in MT: not a translation]`` where it applies), ``ar: <Arabic>`` and, for a prose
    segment with English, ``en: <English>``. :data:`STANDIN_NOTICE` heads the view when any of its
    English is stand-in MT.
    """
    blocks = [STANDIN_NOTICE] if data.standin else []
    for unit in data.units:
        seg = unit.seg
        english = seg.target if seg.kind == "prose" else None
        header = f"#{seg.position}"
        if seg.kind == "furniture":
            header += " [furniture]"
        elif english is None:
            header += " [untranslated]"
        elif unit.standin:
            header += " [stand-in MT: not a translation]"
        lines = [header, *_sbs_lines("ar", seg.source)]
        if english is not None:
            lines += _sbs_lines("en", english)
        blocks.append("\n".join(lines))
    return "".join(block + "\n\n" for block in blocks).encode("utf-8")


# TSV and JSONL ---------------------------------------------------------------------------------


def tsv_escape(value: str | None) -> str:
    """One TSV field: ``None`` → ``\\N``; backslash, tab and line breaks escaped (module docstring)."""
    if value is None:
        return "\\N"
    return _TSV_SPECIAL.sub(lambda m: _TSV_ESCAPES.get(m[0]) or _visible(m), value)


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
    """
    rows = ["\t".join(_TSV_COLUMNS)]
    for unit in data.units:
        seg = unit.seg
        texts = map(tsv_escape, (seg.source, seg.mt, seg.post_edit, seg.target, unit.mt_kind))
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
    the real one, null without MT.
    """
    lines = []
    for unit in data.units:
        record = {
            **asdict(unit.seg),
            "target": unit.seg.target,
            "flags": unit.flags,
            "mt_kind": unit.mt_kind,
            "mt_is_translation": unit.mt_is_translation,
            "alignment": unit.seg.mt_meta.get("alignment"),
        }
        lines.append(json_line(record))
    return "".join(line + "\n" for line in lines).encode("utf-8")


# registry, file names, writing -----------------------------------------------------------------

#: The formats :func:`export_document` knows, by name.
EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("txt", export_txt, ".en.txt", "text/plain; charset=utf-8", "the post-edited English"),
    Exporter("sbs", export_sbs, ".ar-en.sbs.txt", "text/plain; charset=utf-8", "side-by-side text view: Arabic and English, a segment a block"),
    Exporter("tsv", export_tsv, ".ar-en.tsv", "text/tab-separated-values; charset=utf-8", "bilingual table, a segment a row"),
    Exporter("jsonl", export_jsonl, ".ar-en.jsonl", "application/x-ndjson", "every field of every segment, a JSON object a line"),
    Exporter("tmx", export_tmx, ".ar-en.tmx", "application/x-tmx+xml", "TMX 1.4b translation memory"),
    Exporter("xliff", export_xliff, ".ar-en.xlf", "application/xliff+xml", "XLIFF 1.2 (OmegaT and most CAT tools)"),
    Exporter("xliff2", export_xliff2, ".ar-en.v2.xlf", "application/xliff+xml", "XLIFF 2.0"),
)}  # fmt: skip


def exporter(name: str) -> Exporter:
    """The registered format ``name``; an unknown name raises :class:`UnknownNameError`."""
    if name not in EXPORTERS:
        raise UnknownNameError("export format", name, list(EXPORTERS))
    return EXPORTERS[name]


def safe_filename(name: str, suffix: str = "") -> str:
    """A file name made from a document name: no separators, nothing hidden, at most 200 bytes.

    Separators, whitespace, Windows-reserved and invisible characters become ``_``; leading dots
    and dashes go (no hidden files, no ``-option``); a known text extension is dropped; Windows
    device names get a ``_`` prefix; nothing left gives ``document``. Arabic letters are kept.
    """
    base = re.sub(r"(?i)\.(txt|text|ar)$", "", unicodedata.normalize("NFC", name))
    base = "".join(
        "_" if unicodedata.category(c)[0] in "CZ" else c for c in _UNSAFE_NAME.sub("_", base)
    )
    base = re.sub(r"_{2,}", "_", base).lstrip("._-").rstrip("._ ") or "document"
    if _WINDOWS_DEVICES.fullmatch(base):
        base = "_" + base
    budget = MAX_FILENAME_BYTES - len(suffix.encode("utf-8"))
    while len(base.encode("utf-8")) > budget:
        base = base[:-1]
    return base.rstrip("._ ") + suffix


def suggested_filename(document_name: str, fmt: str) -> str:
    """The file name to offer for ``fmt`` before rendering (e.g. for a deferred download)."""
    return safe_filename(document_name, exporter(fmt).suffix)


def export_document(
    store: Store, doc_id: int, fmt: str, options: ExportOptions | None = None
) -> Export:
    """Render document ``doc_id`` in format ``fmt``, with a safe file name to suggest."""
    spec, data = exporter(fmt), ExportInput.load(store, doc_id, options or ExportOptions())
    name = suggested_filename(data.document.name, fmt)
    return Export(fmt, name, spec.media_type, spec.render(data))


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically: the old file stays whole until the new one is.

    A temporary file in the same directory is written, flushed and fsynced, then ``os.replace``d
    over ``path``; on any failure (full disk, Ctrl-C) it is removed and ``path`` is untouched.
    """
    target = Path(path)
    tmp = target.parent / f".workbench-{secrets.token_hex(8)}.part"
    created = False
    try:
        # os.open with 0o666 lets the umask decide the mode, as for any file the user creates.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        created = True
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as err:
        if created:
            with contextlib.suppress(OSError):
                tmp.unlink()
        if isinstance(err, OSError):
            raise WorkbenchError(
                f"cannot write {target}: {err.strerror or err}. The previous file, if any, is "
                "unchanged; free some space or choose another folder."
            ) from err
        raise
    # Make the rename itself durable; not every platform can open a directory.
    with contextlib.suppress(OSError, AttributeError):
        dir_fd = os.open(target.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def write_export(export: Export, out_dir: str | Path) -> Path:
    """Write ``export`` into ``out_dir`` (created if missing) atomically; return the path."""
    name = export.filename
    if name.strip(".") == "" or Path(name).name != name or "\\" in name:
        raise ConfigError(
            f"refusing to write {name!r}: an export file name must be a plain name without a folder part."
        )
    folder = Path(out_dir)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise WorkbenchError(f"cannot create the folder {folder}: {err.strerror}.") from err
    path = folder / export.filename
    write_atomic(path, export.data)
    return path
