"""Glossary files: CSV and TSV (``arabic, english, forbidden, note``) and TBX, read and written.

A CSV or TSV row is ``source, target[, forbidden[, note]]``; forbidden variants are separated by
``;`` or ``|``; a first row naming its columns (``source``/``arabic``/``ar``...) is a header. In TBX
(ISO 30042, as MateCat and Trados export it), a ``termEntry`` holds a ``langSet`` per language
(TBX 3: ``conceptEntry``, ``langSec``); an English term whose ``administrativeStatus`` is
deprecated, superseded or not recommended is a forbidden variant, the first other English term the
preferred one.
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

from workbench.errors import InputError
from workbench.terms.glossary import Term

FORMATS = ("csv", "tsv", "tbx")
_HEADER_WORDS = {"source", "arabic", "ar", "term", "source term", "المصطلح"}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_FORBIDDEN_STATUS = {
    "deprecatedterm-admn",
    "supersededterm-admn",
    "notrecommended",
    "deprecated",
    "forbidden",
    "admittedterm-admn-forbidden",
}


def glossary_format(path: Path) -> str:
    """The format of a glossary file from its extension; an error lists the known ones."""
    suffix = path.suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        raise InputError(
            f"unknown glossary format {path.suffix!r}.",
            path=path,
            fix=f"Name the file .{', .'.join(FORMATS)}.",
        )
    return suffix


def _split(value: str) -> tuple[str, ...]:
    parts = value.replace("|", ";").split(";")
    return tuple(p.strip() for p in parts if p.strip())


def parse_delimited(text: str, delimiter: str, path: Path | None = None) -> list[Term]:
    """Terms of a CSV (``delimiter=","``) or TSV (``"\\t"``) text."""
    terms = []
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    for number, row in enumerate(reader, 1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if number == 1 and cells[0].lower() in _HEADER_WORDS:
            continue
        if len(cells) < 2 or not cells[0] or not cells[1]:
            raise InputError(
                "a glossary row needs an Arabic term and its English.",
                path=path,
                line=number,
                fix="Write rows as: arabic, english[, forbidden;variants[, note]].",
            )
        forbidden = _split(cells[2]) if len(cells) > 2 else ()
        terms.append(Term(cells[0], cells[1], forbidden, cells[3] if len(cells) > 3 else ""))
    return terms


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _lang_terms(lang_set: ET.Element) -> list[tuple[str, bool]]:
    out = []
    for holder in lang_set.iter():
        if _local(holder.tag) not in ("tig", "ntig", "termSec"):
            continue
        text, forbidden = "", False
        for child in holder.iter():
            name = _local(child.tag)
            if name == "term":
                text = "".join(child.itertext()).strip()
            elif name == "termNote" and child.get("type") == "administrativeStatus":
                forbidden = (child.text or "").strip().lower() in _FORBIDDEN_STATUS
        if text:
            out.append((text, forbidden))
    return out


def _entry(entry: ET.Element) -> Term | None:
    arabic: list[str] = []
    english: list[tuple[str, bool]] = []
    notes = [
        "".join(el.itertext()).strip()
        for el in entry
        if _local(el.tag) in ("descrip", "note", "descripGrp")
    ]
    for lang_set in entry:
        if _local(lang_set.tag) not in ("langSet", "langSec"):
            continue
        lang = (lang_set.get(_XML_LANG) or lang_set.get("lang") or "").lower()
        if lang.split("-")[0] == "ar":
            arabic += [t for t, _ in _lang_terms(lang_set)]
        elif lang.split("-")[0] == "en":
            english += _lang_terms(lang_set)
    preferred = [t for t, bad in english if not bad]
    if not arabic or not preferred:
        return None
    forbidden = tuple(t for t, bad in english if bad)
    return Term(arabic[0], preferred[0], forbidden, " ".join(n for n in notes if n))


def parse_tbx(data: bytes, path: Path | None = None) -> list[Term]:
    """Terms of a TBX file's ``termEntry`` elements (Arabic and English ``langSet``s)."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as err:
        line = err.position[0]
        raise InputError(
            f"not valid XML ({err}).", path=path, line=line, fix="Export the glossary again as TBX."
        ) from err
    entries = [el for el in root.iter() if _local(el.tag) in ("termEntry", "conceptEntry")]
    return [term for term in map(_entry, entries) if term is not None]


def read_glossary(path: Path) -> list[Term]:
    """The terms of a glossary file (format from the extension: .csv, .tsv or .tbx)."""
    kind = glossary_format(path)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read the glossary ({err.strerror}).", path=path) from err
    if kind == "tbx":
        return parse_tbx(data, path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            "the glossary is not UTF-8.", path=path, byte=err.start, fix="Save it as UTF-8."
        ) from err
    return parse_delimited(text, "," if kind == "csv" else "\t", path)


def glossary_bytes(terms: Iterable[Term], kind: str) -> bytes:
    """The terms as a CSV, TSV or TBX file."""
    if kind == "tbx":
        return _tbx_bytes(terms)
    out = io.StringIO()
    writer = csv.writer(out, delimiter="," if kind == "csv" else "\t", lineterminator="\n")
    writer.writerow(["source", "target", "forbidden", "note"])
    for term in terms:
        writer.writerow([term.source, term.target, ";".join(term.forbidden), term.note])
    return out.getvalue().encode()


def _tbx_term(lang_set: ET.Element, text: str, status: str) -> None:
    tig = ET.SubElement(lang_set, "tig")
    ET.SubElement(tig, "term").text = text
    note = ET.SubElement(tig, "termNote", {"type": "administrativeStatus"})
    note.text = status


def _tbx_bytes(terms: Iterable[Term]) -> bytes:
    root = ET.Element("martif", {"type": "TBX", _XML_LANG: "ar"})
    body = ET.SubElement(ET.SubElement(root, "text"), "body")
    for number, term in enumerate(terms, 1):
        entry = ET.SubElement(body, "termEntry", {"id": f"t{number}"})
        if term.note:
            ET.SubElement(entry, "descrip", {"type": "definition"}).text = term.note
        ar = ET.SubElement(entry, "langSet", {_XML_LANG: "ar"})
        ET.SubElement(ET.SubElement(ar, "tig"), "term").text = term.source
        en = ET.SubElement(entry, "langSet", {_XML_LANG: "en"})
        _tbx_term(en, term.target, "preferredTerm-admn")
        for variant in term.forbidden:
            _tbx_term(en, variant, "deprecatedTerm-admn")
    ET.indent(root)
    body_text = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{body_text}\n'.encode()
