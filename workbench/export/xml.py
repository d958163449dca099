"""The XML exports: TMX 1.4b, XLIFF 1.2 and XLIFF 2.0, registered in :mod:`workbench.export.registry`.

Each writer renders an :class:`~workbench.export.model.ExportInput`.

- XML 1.0 cannot hold C0 controls other than tab, LF and CR, nor U+FFFE/U+FFFF, not even as
  character references. Each becomes an inline code that carries its code point:
  ``<ph type="x-cp">U+0001</ph>`` in TMX, ``<ph id="cpN" ctype="x-cp">U+0001</ph>`` in XLIFF 1.2
  (an id means one character throughout its trans-unit: :class:`_X12Codes`), and XLIFF 2.0's own ``<cp hex="0001"/>``. Markup, unlike a backslash escape, cannot be mistaken
  for text, so everything else (``&``, ``]]>``, ``<script>``, bidi controls, ZWJ) stays literal.
  A CR is written ``&#13;`` because XML parsers turn a literal CR into LF. Attribute values
  (document names) are metadata: illegal characters there become a visible ``\\uXXXX``.
- Stand-in MT (:attr:`~workbench.export.model.Unit.standin`) gets a note saying it is not a
  translation (:func:`standin_note`) wherever it is written, and TMX, a memory whose units tools
  reuse as translations, leaves it out unless ``ExportOptions.include_standin``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timezone

from workbench.export.model import ExportInput, Unit
from workbench.model.notices import standin_unit_note as standin_note
from workbench.store.comments import CommentRow
from workbench.store.records import HUMAN_STATUSES
from workbench.version import __version__

TOOL = "workbench"
XLIFF12_NS = "urn:oasis:names:tc:xliff:document:1.2"
XLIFF20_NS = "urn:oasis:names:tc:xliff:document:2.0"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

#: Makes the inline element standing for one character XML cannot hold: (parent, code point).
_Code = Callable[[ET.Element, int], ET.Element]


def _notes(unit: Unit, standin: bool | None = None) -> list[tuple[str, str]]:
    # (category, text): that stand-in MT is not a translation comes first, then the MT's flags.
    # ``standin`` says whether the English written is stand-in MT; by default, the unit's English.
    flags = [("mt-flag", flag) for flag in unit.flags]
    if unit.standin if standin is None else standin:
        return [("stand-in", standin_note(unit.mt_kind)), *flags]
    if unit.mt_origin and unit.seg.post_edit in (None, unit.seg.mt):
        return [("mt-origin", origin_note(unit.mt_origin)), *flags]
    return flags


def comment_note(comment: CommentRow) -> str:
    """A comment as a note's text: what it is, who wrote it and when, whether it is resolved."""
    what = "sent back" if comment.kind == "send-back" else "query"
    head = f"{what} by {comment.author or 'the local translator'} at {comment.created_at}"
    if comment.resolved:
        head += f", resolved by {comment.resolved_by or 'the local translator'} at {comment.resolved_at}"
    return f"{head}: {comment.body}"


def origin_note(origin: str) -> str:
    """The note on English that is MT another engine made, imported with the document."""
    return f"machine translation by {origin}, imported with the document (not the workbench's)"


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
    for char, after in zip(_XML_ILLEGAL.findall(text), pieces[1:], strict=True):
        code(element, ord(char)).tail = after
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


def _grouped(
    parent: ET.Element, data: ExportInput, group: dict[str, str], tag: str, prefix: str
) -> Iterator[tuple[Unit, ET.Element]]:
    # Both XLIFF versions: a <group id="pN"> per paragraph, holding a <tag id="prefix+position">
    # per segment, whose whitespace is the text's own.
    groups: dict[int, ET.Element] = {}
    for unit in data.units:
        seg = unit.seg
        if seg.paragraph not in groups:
            groups[seg.paragraph] = _el(parent, "group", {"id": f"p{seg.paragraph}", **group})
        attrs = {"id": f"{prefix}{seg.position}", _XML_SPACE: "preserve"}
        yield unit, _el(groups[seg.paragraph], tag, attrs)


# TMX -------------------------------------------------------------------------------------------


def _tmx_date(iso: str | None = None) -> str:
    moment = datetime.fromisoformat(iso) if iso else datetime.now(timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def _tmx_code(parent: ET.Element, cp: int) -> ET.Element:
    ph = ET.SubElement(parent, "ph", {"type": "x-cp"})
    ph.text = f"U+{cp:04X}"
    return ph


_TMX_DOCTYPE = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n'


def _tmx_root() -> tuple[ET.Element, ET.Element]:
    # The <tmx> root with its header, and its (empty) <body>.
    root = ET.Element("tmx", {"version": "1.4"})
    root.text = "\n"
    _el(root, "header", {
        "creationtool": TOOL, "creationtoolversion": __version__, "segtype": "sentence",
        "o-tmf": TOOL, "adminlang": "en", "srclang": "ar", "datatype": "plaintext",
        "creationdate": _tmx_date(),
    })  # fmt: skip
    return root, _el(root, "body")


def _tmx_pair(tu: ET.Element, arabic: str, english: str) -> None:
    for lang, text in (("ar", arabic), ("en", english)):
        _fill(_el(_el(tu, "tuv", {_XML_LANG: lang}), "seg"), text, _tmx_code)


def tmx_bytes(data: ExportInput, entries: Iterable[tuple[Unit, str, str]]) -> bytes:
    """A TMX 1.4b document of ``entries``: (unit, its English, the ``x-status`` to record).

    Each ``<tu>`` gets its notes (that English equal to stand-in MT is not a translation first,
    then the MT flags), its props and dates.
    """
    doc = data.document
    root, body = _tmx_root()
    for unit, english, status in entries:
        seg = unit.seg
        tu = _el(
            body,
            "tu",
            {"creationdate": _tmx_date(doc.created_at), "changedate": _tmx_date(seg.updated_at)},
        )
        standin = unit.mt_is_translation is False and english == seg.mt
        for _, note in _notes(unit, standin):
            _el(tu, "note").text = _plain(note)
        for kind, value in (
            ("x-status", status),
            ("x-document", doc.name),
            ("x-position", str(seg.position)),
            ("x-mt-kind", unit.mt_kind or "none"),
            *([("x-mt-origin", unit.mt_origin)] if unit.mt_origin else []),
        ):
            _el(tu, "prop", {"type": kind}).text = _plain(value)
        _tmx_pair(tu, seg.source, english)
    return _xml_bytes(root, _TMX_DOCTYPE)


def pairs_tmx_bytes(pairs: Iterable[tuple[str, str]]) -> bytes:
    """A TMX 1.4b memory of bare ``(arabic, english)`` pairs (the ``tm export`` of a memory).

    Written and escaped exactly as :func:`tmx_bytes` writes a document's units (a character XML
    cannot hold becomes ``<ph type="x-cp">``), without the per-document props and notes.
    """
    root, body = _tmx_root()
    for arabic, english in pairs:
        _tmx_pair(_el(body, "tu"), arabic, english)
    return _xml_bytes(root, _TMX_DOCTYPE)


def export_tmx(data: ExportInput) -> bytes:
    """TMX 1.4b: one ``<tu>`` per prose segment with English (all but furniture and untranslated).

    Each unit carries ``x-status`` (:attr:`Unit.status`: stand-in English is never ``edited`` or
    ``confirmed``), ``x-document``, ``x-position`` and ``x-mt-kind`` props (the kind of model
    behind the MT, ``none`` without MT), the MT flags as ``<note>``s, ``creationdate`` (the
    document's import) and ``changedate`` (the last save). Stand-in English, however it was
    saved, is left out unless ``include_standin``; then a first ``<note>`` says it is not a
    translation. ``reviewed_only`` keeps edited and confirmed human English only.
    """
    options = data.options
    entries = []
    for unit in data.units:
        seg = unit.seg
        if seg.kind != "prose" or not seg.target:
            continue
        if options.reviewed_only and unit.status not in HUMAN_STATUSES:
            continue
        if unit.standin and not options.include_standin:
            continue
        entries.append((unit, seg.target, unit.status))
    return tmx_bytes(data, entries)


# XLIFF 1.2 -------------------------------------------------------------------------------------


class _X12Codes:
    """The ``<ph id="cpN">`` ids of one trans-unit: the same id means the same character.

    The k-th occurrence of a character in the source, the target and the alt-trans target gets
    one id, so a tool pairing ``cp2`` in the source with ``cp2`` in the target pairs like with
    like; ids stay unique within each element.
    """

    def __init__(self) -> None:
        self._ids: dict[tuple[int, int], str] = {}

    def code(self) -> _Code:
        """The code maker for one element of the unit."""
        seen: dict[int, int] = {}

        def make(parent: ET.Element, cp: int) -> ET.Element:
            seen[cp] = seen.get(cp, 0) + 1
            key = (cp, seen[cp])
            if key not in self._ids:
                self._ids[key] = f"cp{len(self._ids) + 1}"
            ph = ET.SubElement(parent, "ph", {"id": self._ids[key], "ctype": "x-cp"})
            ph.text = f"U+{cp:04X}"
            return ph

        return make


#: XLIFF 1.2 ``state`` of the English by segment status; a new segment has no ``<target>``.
XLIFF12_STATES = {
    "translated": "needs-review-translation",
    "tm": "needs-review-translation",
    "edited": "translated",
    "confirmed": "final",
    "approved": "signed-off",
}


def export_xliff(data: ExportInput) -> bytes:
    """XLIFF 1.2 (MateCat, Trados, memoQ, translate-toolkit): a ``<group>`` per paragraph, a
    ``<trans-unit>`` per segment. OmegaT reads only XLIFF whose target repeats the source: give it
    the ``omegat`` project package instead.

    ``id`` is the segment's position; the ``<file>``'s ``date`` is the export's (an import
    compares it with the store's later edits). Furniture is ``translate="no"``. The English is a
    ``<target>`` whose ``state`` follows :data:`XLIFF12_STATES` by :attr:`Unit.status` (stand-in
    English is never ``final``, however it was saved; MT only also gets
    ``state-qualifier="mt-suggestion"``; confirmed also ``approved="yes"``); MT that a human
    changed is kept as ``<alt-trans origin="mt">`` (the engine's name for MT imported with the
    document, which also gets a note naming it while it is the target); MT flags become ``<note>``s. Stand-in MT, as
    the target or as the alt-trans, gets a first ``<note from="workbench">`` saying it is not a
    translation. Comments on the segment (queries, send-back notes) follow as
    ``<note from="AUTHOR" annotates="general">`` (``priority="1"`` while unresolved), their text
    saying what, who, when and any resolution (:func:`comment_note`).
    """
    doc = data.document
    root = ET.Element("xliff", {"xmlns": XLIFF12_NS, "version": "1.2"})
    file = _el(root, "file", {
        "original": _plain(doc.name), "source-language": "ar", "target-language": "en",
        "datatype": "plaintext", "tool-id": TOOL,
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
    })  # fmt: skip
    header = _el(file, "header")
    _el(
        header,
        "tool",
        {"tool-id": TOOL, "tool-name": TOOL, "tool-version": __version__},
    )
    body = _el(file, "body")
    for unit, trans_unit in _grouped(body, data, {"restype": "x-paragraph"}, "trans-unit", ""):
        seg, codes = unit.seg, _X12Codes()
        _fill(_el(trans_unit, "source", {_XML_LANG: "ar"}), seg.source, codes.code())
        if seg.kind == "furniture":
            trans_unit.set("translate", "no")
            continue
        if seg.target is not None and unit.status in XLIFF12_STATES:
            target = _el(
                trans_unit, "target", {_XML_LANG: "en", "state": XLIFF12_STATES[unit.status]}
            )
            _fill(target, seg.target, codes.code())
            if unit.status == "translated":
                target.set("state-qualifier", "mt-suggestion")
            if unit.status in ("confirmed", "approved"):
                trans_unit.set("approved", "yes")
        for _, note in _notes(unit):
            attrs = {"from": TOOL, "annotates": "target"}
            _el(trans_unit, "note", attrs).text = _plain(note)
        for comment in unit.comments:
            attrs = {"from": _plain(comment.author or TOOL), "annotates": "general"}
            if not comment.resolved:
                attrs["priority"] = "1"
            _el(trans_unit, "note", attrs).text = _plain(comment_note(comment))
        if seg.post_edit is not None and seg.mt is not None and seg.mt != seg.post_edit:
            alt = _el(trans_unit, "alt-trans", {"origin": _plain(unit.mt_origin or "mt")})
            _fill(_el(alt, "target", {_XML_LANG: "en"}), seg.mt, codes.code())
            if unit.mt_is_translation is False:
                _el(alt, "note", {"from": TOOL}).text = _plain(standin_note(unit.mt_kind))
    return _xml_bytes(root)


# XLIFF 2.0 -------------------------------------------------------------------------------------


def _x20_code(parent: ET.Element, cp: int) -> ET.Element:
    return ET.SubElement(parent, "cp", {"hex": f"{cp:04X}"})


#: XLIFF 2.0 ``state`` and ``subState`` by segment status; a new segment has no ``<target>``.
XLIFF20_STATES = {
    "new": ("initial", None),
    "translated": ("translated", "workbench:mt"),
    "tm": ("translated", "workbench:tm"),
    "edited": ("translated", "workbench:edited"),
    "confirmed": ("final", None),
    "approved": ("final", "workbench:approved"),
}


def export_xliff2(data: ExportInput) -> bytes:
    """XLIFF 2.0: a ``<group>`` per paragraph, a ``<unit id="uN">`` per segment (N = position).

    Furniture is ``translate="no"``; states follow :data:`XLIFF20_STATES`; flags are ``<note>``s
    (``category="mt-flag"``), after a ``category="stand-in"`` note saying that stand-in MT is not
    a translation; comments on the segment follow (``category="query"`` or ``"send-back"``).
    """
    root = ET.Element(
        "xliff", {"xmlns": XLIFF20_NS, "version": "2.0", "srcLang": "ar", "trgLang": "en"}
    )
    file = _el(root, "file", {"id": "f1", "original": _plain(data.document.name)})
    for unit, element in _grouped(file, data, {"type": "workbench:paragraph"}, "unit", "u"):
        seg = unit.seg
        if seg.kind == "furniture":
            element.set("translate", "no")
        notes = _notes(unit) + [(c.kind, comment_note(c)) for c in unit.comments]
        if notes:
            parent = _el(element, "notes")
            for category, text in notes:
                _el(parent, "note", {"category": category}).text = _plain(text)
        state, sub_state = XLIFF20_STATES[unit.status]
        segment = _el(element, "segment", {"state": state})
        if sub_state:
            segment.set("subState", sub_state)
        _fill(_el(segment, "source"), seg.source, _x20_code)
        if seg.kind == "prose" and seg.target is not None:
            _fill(_el(segment, "target"), seg.target, _x20_code)
    return _xml_bytes(root)
