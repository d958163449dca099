"""Exports of a stored document: English text, bilingual TSV/JSONL, TMX 1.4b, XLIFF 1.2 and 2.0.

One code path for the command line and the editor's download buttons: :func:`export_document`
renders bytes through the :data:`EXPORTERS` registry and :func:`write_export` writes them atomically.

Decisions that hold for every format:

- The Arabic is always the stored slice of the original text (``SegmentRow.source``), never
  normalised; the English is ``SegmentRow.target`` (the post-edit if there is one, else the MT).
- TSV rows are one line each: backslash, tab, LF and CR are written ``\\\\``, ``\\t``, ``\\n``,
  ``\\r``; the other characters ``str.splitlines`` breaks at (VT, FF, U+001C-U+001E, U+0085,
  U+2028, U+2029) as ``\\uXXXX``; a missing value (``None``) as ``\\N``, as in PostgreSQL's COPY
  text format. :func:`tsv_unescape` undoes it exactly.
- JSONL escapes U+0085, U+2028 and U+2029 as ``\\uXXXX`` (valid JSON) so no reader splits a line.
- XML 1.0 cannot hold C0 controls other than tab, LF and CR, nor U+FFFE/U+FFFF, not even as
  character references. Each becomes an inline code that carries its code point:
  ``<ph type="x-cp">U+0001</ph>`` in TMX, ``<ph id="cpN" ctype="x-cp">U+0001</ph>`` in XLIFF 1.2,
  and XLIFF 2.0's own ``<cp hex="0001"/>``. Markup, unlike a backslash escape, cannot be mistaken
  for text, so everything else (``&``, ``]]>``, ``<script>``, bidi controls, ZWJ) stays literal.
  A CR is written ``&#13;`` because XML parsers turn a literal CR into LF. Attribute values
  (document names) are metadata: illegal characters there become a visible ``\\uXXXX``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal, Protocol

from workbench import __version__
from workbench.errors import ConfigError, UnknownNameError, WorkbenchError
from workbench.ingest import LINE_BREAK
from workbench.store import DocumentRow, SegmentRow, Store

#: Longest file name suggested, in UTF-8 bytes (most file systems allow 255).
MAX_FILENAME_BYTES = 200
TOOL = "workbench"
XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_TSV_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_TSV_SPECIAL = re.compile(r"[\\\t\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_TSV_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))", re.DOTALL)
# json.dumps leaves these raw, and str.splitlines (and so some JSONL readers) breaks lines at them.
_JSON_LINE_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}
_TSV_COLUMNS = ("position", "paragraph", "kind", "status", "source", "mt", "post_edit", "target")
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
    """

    furniture: Literal["keep", "drop"] = "keep"
    untranslated: Literal["source", "mark", "drop"] = "source"
    reviewed_only: bool = False

    def __post_init__(self) -> None:
        problems = []
        if self.furniture not in ("keep", "drop"):
            problems.append(f"furniture {self.furniture!r} is not one of: keep, drop")
        if self.untranslated not in ("source", "mark", "drop"):
            problems.append(f"untranslated {self.untranslated!r} is not one of: source, mark, drop")
        if problems:
            raise ConfigError("invalid export options: " + "; ".join(problems))


class Render(Protocol):
    def __call__(self, store: Store, doc_id: int, *, options: ExportOptions) -> bytes: ...


@dataclass(frozen=True)
class Exporter:
    """A registered format: how to render it, the file name ending and the media type."""

    name: str
    render: Render
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


def _load(store: Store, doc_id: int) -> tuple[DocumentRow, list[SegmentRow]]:
    return store.document(doc_id), store.segments(doc_id)


def _flags(seg: SegmentRow) -> list[str]:
    flags = seg.mt_meta.get("flags") or []
    return [flags] if isinstance(flags, str) else [str(f) for f in flags]


# plain text ------------------------------------------------------------------------------------


def export_txt(store: Store, doc_id: int, *, options: ExportOptions) -> bytes:
    """The English article: paragraphs separated by a blank line, LF line ends, UTF-8.

    Segments of a paragraph are joined by a space, or by a line break where the original had one
    between them; furniture keeps its original text on its own line. An English text that a
    translator emptied on purpose is left out.
    """
    text, _ = store.document_text(doc_id)
    paragraphs: list[list[str]] = []
    previous: SegmentRow | None = None
    for seg in _load(store, doc_id)[1]:
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
            text, previous.end, seg.start
        ):
            paragraphs[-1].append("\n" + piece)
        else:
            paragraphs[-1].append(" " + piece)
        previous = seg
    return ("\n\n".join("".join(p) for p in paragraphs) + "\n").encode("utf-8")


# TSV and JSONL ---------------------------------------------------------------------------------


def tsv_escape(value: str | None) -> str:
    """One TSV field: ``None`` → ``\\N``; backslash, tab and line breaks escaped (module docstring)."""
    if value is None:
        return "\\N"
    return _TSV_SPECIAL.sub(lambda m: _TSV_ESCAPES.get(m[0], f"\\u{ord(m[0]):04x}"), value)


def tsv_unescape(field: str) -> str | None:
    """The inverse of :func:`tsv_escape`."""
    if field == "\\N":
        return None
    named = {"t": "\t", "n": "\n", "r": "\r"}
    return _TSV_ESCAPE.sub(lambda m: chr(int(m[1], 16)) if m[1] else named.get(m[2], m[2]), field)


def export_tsv(store: Store, doc_id: int, *, options: ExportOptions) -> bytes:
    """Bilingual TSV, every segment, a header row; fields escaped by :func:`tsv_escape`."""
    rows = ["\t".join(_TSV_COLUMNS)]
    for seg in _load(store, doc_id)[1]:
        texts = map(tsv_escape, (seg.source, seg.mt, seg.post_edit, seg.target))
        rows.append(
            "\t".join([str(seg.position), str(seg.paragraph), seg.kind, seg.status, *texts])
        )
    return ("\n".join(rows) + "\n").encode("utf-8")


def export_jsonl(store: Store, doc_id: int, *, options: ExportOptions) -> bytes:
    """One JSON object per segment with every stored field, ``target`` and the MT ``flags``."""
    lines = []
    for seg in _load(store, doc_id)[1]:
        line = json.dumps(
            {**asdict(seg), "target": seg.target, "flags": _flags(seg)}, ensure_ascii=False
        )
        lines.append(line.translate(_JSON_LINE_BREAKS))
    return "".join(line + "\n" for line in lines).encode("utf-8")


# XML -------------------------------------------------------------------------------------------

#: Makes the inline element standing for one character XML cannot hold: (parent, code point, n).
_Code = Callable[[ET.Element, int, int], ET.Element]


def _el(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None) -> ET.Element:
    # Structural elements each start a line; text-holding ones get their content from _fill only.
    if parent.text is None:
        parent.text = "\n"
    child = ET.SubElement(parent, tag, attrs or {})
    child.tail = "\n"
    return child


def _fill(element: ET.Element, text: str, code: _Code) -> ET.Element:
    pieces = _XML_ILLEGAL.split(text)
    element.text = pieces[0]
    for n, (char, after) in enumerate(zip(_XML_ILLEGAL.findall(text), pieces[1:], strict=True)):
        code(element, ord(char), n + 1).tail = after
    return element


def _plain(value: str) -> str:
    # Attributes, notes and props hold text only: an illegal character becomes a visible escape.
    return _XML_ILLEGAL.sub(lambda m: f"\\u{ord(m[0]):04x}", value)


def _xml_bytes(root: ET.Element, doctype: str = "") -> bytes:
    # Tags are unqualified and the root carries a plain xmlns attribute: ElementTree's own
    # default_namespace refuses unqualified attributes, and register_namespace is global state.
    body = ET.tostring(root, encoding="unicode")
    # ElementTree escapes CR in attributes only; in text a literal CR would be read back as LF.
    body = body.replace("\r", "&#13;")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{doctype}{body}\n'.encode()


def _tmx_date(iso: str | None = None) -> str:
    moment = datetime.fromisoformat(iso) if iso else datetime.now(timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _tmx_code(parent: ET.Element, cp: int, n: int) -> ET.Element:
    ph = ET.SubElement(parent, "ph", {"type": "x-cp"})
    ph.text = f"U+{cp:04X}"
    return ph


def export_tmx(store: Store, doc_id: int, *, options: ExportOptions) -> bytes:
    """TMX 1.4b: one ``<tu>`` per prose segment with English (all but furniture and untranslated).

    Each unit carries ``x-status``, ``x-document`` and ``x-position`` props, the MT flags as
    ``<note>``s, ``creationdate`` (the document's import) and ``changedate`` (the last save).
    """
    doc, segments = _load(store, doc_id)
    root = ET.Element("tmx", {"version": "1.4"})
    root.text = "\n"
    _el(root, "header", {
        "creationtool": TOOL, "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": TOOL, "adminlang": "en", "srclang": "ar", "datatype": "plaintext",
        "creationdate": _tmx_date(),
    })  # fmt: skip
    body = _el(root, "body")
    for seg in segments:
        if seg.kind != "prose" or not seg.target:
            continue
        if options.reviewed_only and seg.status not in ("edited", "confirmed"):
            continue
        tu = _el(
            body,
            "tu",
            {"creationdate": _tmx_date(doc.created_at), "changedate": _tmx_date(seg.updated_at)},
        )
        for flag in _flags(seg):
            _el(tu, "note").text = _plain(flag)
        for kind, value in (
            ("x-status", seg.status),
            ("x-document", doc.name),
            ("x-position", str(seg.position)),
        ):
            _el(tu, "prop", {"type": kind}).text = _plain(value)
        for lang, text in (("ar", seg.source), ("en", seg.target)):
            _fill(_el(_el(tu, "tuv", {_XML_LANG: lang}), "seg"), text, _tmx_code)
    return _xml_bytes(root, '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n')


def _x12_code(parent: ET.Element, cp: int, n: int) -> ET.Element:
    ph = ET.SubElement(parent, "ph", {"id": f"cp{n}", "ctype": "x-cp"})
    ph.text = f"U+{cp:04X}"
    return ph


#: XLIFF 1.2 ``state`` of the English by segment status; a new segment has no ``<target>``.
XLIFF12_STATES = {
    "translated": "needs-review-translation",
    "edited": "translated",
    "confirmed": "final",
}


def export_xliff(store: Store, doc_id: int, *, options: ExportOptions) -> bytes:
    """XLIFF 1.2 (opens in OmegaT): a ``<group>`` per paragraph, a ``<trans-unit>`` per segment.

    ``id`` is the segment's position. Furniture is ``translate="no"``. The English is a
    ``<target>`` whose ``state`` follows :data:`XLIFF12_STATES` (MT only also gets
    ``state-qualifier="mt-suggestion"``; confirmed also ``approved="yes"``); MT that a human
    changed is kept as ``<alt-trans origin="mt">``; MT flags become ``<note>``s.
    """
    doc, segments = _load(store, doc_id)
    root = ET.Element("xliff", {"xmlns": XLIFF12_NS, "version": "1.2"})
    file = _el(root, "file", {
        "original": _plain(doc.name), "source-language": "ar", "target-language": "en",
        "datatype": "plaintext", "tool-id": TOOL,
    })  # fmt: skip
    header = _el(file, "header")
    _el(
        header,
        "tool",
        {"tool-id": TOOL, "tool-name": TOOL, "tool-version": __version__},
    )
    body = _el(file, "body")
    groups: dict[int, ET.Element] = {}
    for seg in segments:
        if seg.paragraph not in groups:
            groups[seg.paragraph] = _el(
                body, "group", {"id": f"p{seg.paragraph}", "restype": "x-paragraph"}
            )
        unit = _el(
            groups[seg.paragraph],
            "trans-unit",
            {"id": str(seg.position), _XML_SPACE: "preserve"},
        )
        _fill(_el(unit, "source", {_XML_LANG: "ar"}), seg.source, _x12_code)
        if seg.kind == "furniture":
            unit.set("translate", "no")
            continue
        if seg.target is not None and seg.status in XLIFF12_STATES:
            target = _el(unit, "target", {_XML_LANG: "en", "state": XLIFF12_STATES[seg.status]})
            _fill(target, seg.target, _x12_code)
            if seg.status == "translated":
                target.set("state-qualifier", "mt-suggestion")
            if seg.status == "confirmed":
                unit.set("approved", "yes")
        for flag in _flags(seg):
            _el(unit, "note", {"from": TOOL, "annotates": "target"}).text = _plain(flag)
        if seg.post_edit is not None and seg.mt is not None and seg.mt != seg.post_edit:
            alt = _el(unit, "alt-trans", {"origin": "mt"})
            _fill(_el(alt, "target", {_XML_LANG: "en"}), seg.mt, _x12_code)
    return _xml_bytes(root)


def _x20_code(parent: ET.Element, cp: int, n: int) -> ET.Element:
    return ET.SubElement(parent, "cp", {"hex": f"{cp:04X}"})


#: XLIFF 2.0 ``state`` and ``subState`` by segment status; a new segment has no ``<target>``.
XLIFF20_STATES = {
    "new": ("initial", None),
    "translated": ("translated", "workbench:mt"),
    "edited": ("translated", "workbench:edited"),
    "confirmed": ("final", None),
}


def export_xliff2(store: Store, doc_id: int, *, options: ExportOptions) -> bytes:
    """XLIFF 2.0: a ``<group>`` per paragraph, a ``<unit id="uN">`` per segment (N = position).

    Furniture is ``translate="no"``; states follow :data:`XLIFF20_STATES`; flags are ``<note>``s.
    """
    doc, segments = _load(store, doc_id)
    root = ET.Element(
        "xliff", {"xmlns": XLIFF20_NS, "version": "2.0", "srcLang": "ar", "trgLang": "en"}
    )
    file = _el(root, "file", {"id": "f1", "original": _plain(doc.name)})
    groups: dict[int, ET.Element] = {}
    for seg in segments:
        if seg.paragraph not in groups:
            groups[seg.paragraph] = _el(
                file, "group", {"id": f"p{seg.paragraph}", "type": "workbench:paragraph"}
            )
        unit = _el(
            groups[seg.paragraph], "unit", {"id": f"u{seg.position}", _XML_SPACE: "preserve"}
        )
        if seg.kind == "furniture":
            unit.set("translate", "no")
        if _flags(seg):
            notes = _el(unit, "notes")
            for flag in _flags(seg):
                _el(notes, "note", {"category": "mt-flag"}).text = _plain(flag)
        state, sub_state = XLIFF20_STATES[seg.status]
        segment = _el(unit, "segment", {"state": state})
        if sub_state:
            segment.set("subState", sub_state)
        _fill(_el(segment, "source"), seg.source, _x20_code)
        if seg.kind == "prose" and seg.target is not None:
            _fill(_el(segment, "target"), seg.target, _x20_code)
    return _xml_bytes(root)


# registry, file names, writing -----------------------------------------------------------------

#: The formats :func:`export_document` knows, by name.
EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("txt", export_txt, ".en.txt", "text/plain; charset=utf-8", "the post-edited English"),
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
    spec = exporter(fmt)
    data = spec.render(store, doc_id, options=options or ExportOptions())
    return Export(fmt, suggested_filename(store.document(doc_id).name, fmt), spec.media_type, data)


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
