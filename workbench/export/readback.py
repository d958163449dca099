"""Reading English back from the files the workbench exports, and from the tools that edit them.

:func:`read_translations` reads XLIFF 1.2 (and 1.0, 1.1), XLIFF 2.0, TMX (1.4b, and OmegaT's 1.1), TSV
(``source<TAB>target``, or a header naming the columns, as the ``tsv`` export writes) and the
translated text OmegaT writes to ``target/`` (a segment a line, as in the ``omegat`` package's
``source/``). Each unit says where it is in the file (its line), the workbench position when the
file carries one (XLIFF ids, the TMX ``x-position`` prop, a ``position`` column), its Arabic,
its English, whether the file marks that English as machine output, and when it was changed.

The inline codes the exports write for characters XML cannot hold become those characters again;
other tools' inline markup keeps its text and drops its codes. A file that cannot be read raises
:class:`~workbench.errors.InputError` naming the file, the line and the fix; nothing else leaks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.export.tabular import tsv_unescape
from workbench.text.inline import inline_text
from workbench.text.inline import local_name as _local

#: The formats :func:`read_translations` knows, by the file name's ending.
SUFFIXES = {".xlf": "xliff", ".xliff": "xliff", ".tmx": "tmx", ".tsv": "tsv", ".txt": "text"}
_XLIFF1 = {f"urn:oasis:names:tc:xliff:document:1.{minor}" for minor in (0, 1, 2)}
_XLIFF20 = "urn:oasis:names:tc:xliff:document:2.0"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
#: Statuses and states that mean a person approved the English.
_FINAL = {"final", "signed-off", "confirmed"}
_FIX = "Export the file again from the workbench or its tool, or fix the line named."


@dataclass(frozen=True)
class FileUnit:
    """One segment's English as a file holds it (``""`` where it has none yet)."""

    line: int
    target: str
    source: str | None = None
    position: int | None = None
    machine: bool = False
    confirmed: bool = False
    changed: datetime | None = None
    origin: str | None = None


@dataclass(frozen=True)
class TranslationFile:
    """What :func:`read_translations` found: the format, the units, when the file was written."""

    path: Path
    format: str
    units: list[FileUnit]
    created: datetime | None = None
    origin: str | None = None


def _error(path: Path, message: str, line: int | None = None) -> InputError:
    return InputError(message, path=path, line=line, fix=_FIX)


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    for fmt in ("%Y%m%dT%H%M%SZ", "%Y-%m-%dT%H:%M:%SZ"):
        try:
            return datetime.strptime(value, fmt).replace(tzinfo=timezone.utc)
        except ValueError:
            pass
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def _parse_xml(path: Path) -> Any:
    # lxml for the line numbers in errors; no DTD, no entities, no network: a file is data.
    from lxml import etree

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
    )
    try:
        return etree.parse(str(path), parser).getroot()
    except etree.XMLSyntaxError as err:
        line = err.lineno if isinstance(err.lineno, int) else None
        raise _error(path, f"not well-formed XML ({err.msg})", line) from err
    except OSError as err:
        raise InputError(f"cannot read the file ({err.strerror or err})", path=path) from err


def _position(value: str | None, prefix: str = "") -> int | None:
    if value and value.startswith(prefix) and value[len(prefix) :].isdigit():
        return int(value[len(prefix) :])
    return None


def _xliff12(path: Path, root: Any, namespace: str) -> TranslationFile:
    # XLIFF 1.0 and 1.1 (translate-toolkit writes 1.1) have 1.2's elements in their namespace.
    ns = f"{{{namespace}}}" if namespace else ""
    units, created, origin = [], None, None
    for file in root.iter(f"{ns}file"):
        created = created or _date(file.get("date"))
        origin = origin or file.get("tool-id")
    for tu in root.iter(f"{ns}trans-unit"):
        source, target = tu.find(f"{ns}source"), tu.find(f"{ns}target")
        if source is None:
            raise _error(path, f"trans-unit {tu.get('id')!r} has no <source>", tu.sourceline)
        if tu.get("translate") == "no":
            continue
        state = "" if target is None else target.get("state") or ""
        qualifier = "" if target is None else target.get("state-qualifier") or ""
        units.append(
            FileUnit(
                line=tu.sourceline if target is None else target.sourceline,
                target="" if target is None else inline_text(target),
                source=inline_text(source),
                position=_position(tu.get("id")),
                machine=qualifier in ("mt-suggestion", "leveraged-mt") or state == "new",
                confirmed=tu.get("approved") == "yes" or state in _FINAL,
            )
        )
    return TranslationFile(path, "xliff", units, created, origin)


def _xliff20(path: Path, root: Any) -> TranslationFile:
    units = []
    for unit in root.iter(f"{{{_XLIFF20}}}unit"):
        if unit.get("translate") == "no":
            continue
        segments = unit.findall(f"{{{_XLIFF20}}}segment")
        sources = [s.find(f"{{{_XLIFF20}}}source") for s in segments]
        targets = [s.find(f"{{{_XLIFF20}}}target") for s in segments]
        if not segments or any(s is None for s in sources):
            raise _error(path, f"unit {unit.get('id')!r} has no <source>", unit.sourceline)
        states = {s.get("state") or "initial" for s in segments}
        sub_states = {s.get("subState") or "" for s in segments}
        units.append(
            FileUnit(
                line=targets[0].sourceline if targets[0] is not None else unit.sourceline,
                target="".join(inline_text(t) for t in targets if t is not None),
                source="".join(inline_text(s) for s in sources),
                position=_position(unit.get("id"), "u"),
                machine="workbench:mt" in sub_states,
                confirmed=states == {"final"},
            )
        )
    return TranslationFile(path, "xliff2", units)


def _tmx(path: Path, root: Any) -> TranslationFile:
    header = root.find("header")
    source_lang = (header.get("srclang") if header is not None else None) or "ar"
    units = []
    for tu in root.iter("tu"):
        props = {p.get("type"): (p.text or "") for p in tu.findall("prop")}
        texts: dict[str, tuple[str, Any]] = {}
        for tuv in tu.findall("tuv"):
            lang = (tuv.get(_XML_LANG) or tuv.get("lang") or "").lower()
            seg = tuv.find("seg")
            if seg is not None:
                key = "source" if lang.split("-")[0] == source_lang.lower()[:2] else "target"
                texts.setdefault(key, (inline_text(seg), tuv))
        if "source" not in texts or "target" not in texts:
            continue
        tuv = texts["target"][1]
        changed = _date(tuv.get("changedate") or tu.get("changedate") or tu.get("creationdate"))
        notes = " ".join(n.text or "" for n in tu.findall("note"))
        units.append(
            FileUnit(
                line=tu.sourceline,
                target=texts["target"][0],
                source=texts["source"][0],
                position=_position(props.get("x-position")),
                machine=props.get("x-status") == "translated" or "STAND-IN" in notes,
                confirmed=props.get("x-status") == "confirmed",
                changed=changed,
            )
        )
    created = _date(header.get("creationdate")) if header is not None else None
    origin = header.get("creationtool") if header is not None else None
    return TranslationFile(path, "tmx", units, created, origin)


def read_xml(path: Path) -> TranslationFile:
    """An XLIFF 1.2/2.0 or TMX file's units (by its root element, whatever its name ends with)."""
    root = _parse_xml(path)
    name, namespace = _local(root.tag), root.tag[1:].split("}")[0] if "}" in root.tag else ""
    if name == "xliff" and (namespace in _XLIFF1 or root.get("version", "").startswith("1.")):
        return _xliff12(path, root, namespace)
    if name == "xliff" and namespace == _XLIFF20:
        return _xliff20(path, root)
    if name == "tmx":
        return _tmx(path, root)
    raise _error(path, f"the root element <{name}> is not XLIFF 1.x, XLIFF 2.0 or TMX", 1)


def _lines(path: Path) -> list[str]:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read the file ({err.strerror or err})", path=path) from err
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            "is not UTF-8", path=path, line=line, byte=err.start, fix="Save it as UTF-8."
        ) from err
    # Only LF and CRLF end a row: the export escapes every other line break inside a field.
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


_TSV_TARGETS = ("target", "post_edit", "english", "mt")


def read_tsv(path: Path, english: str = "target") -> TranslationFile:
    """TSV: ``source<TAB>target`` rows, or a header naming ``source`` and ``target`` (or ``mt``).

    Fields use the ``tsv`` export's escapes (``\\t``, ``\\n``, ``\\\\``, ``\\N``). With the export's
    header, ``position``, ``status`` and ``target_origin`` are read too. ``english`` is the column
    preferred when the header has several (``"mt"`` for MT to import with a document).
    """
    lines = _lines(path)
    header = lines[0].split("\t") if lines else []
    named = "source" in header and any(name in header for name in _TSV_TARGETS)
    columns = header if named else ["source", "target"]
    preferred = (english, *_TSV_TARGETS, "target")
    target_column = next(name for name in preferred if name in columns)
    units = []
    for number, line in enumerate(lines[1:] if named else lines, start=2 if named else 1):
        if not line.strip():
            continue
        fields = line.split("\t")
        if len(fields) != len(columns):
            raise _error(
                path,
                f"has {len(fields)} fields, expected {len(columns)} ({', '.join(columns)})",
                number,
            )
        row = dict(zip(columns, map(tsv_unescape, fields), strict=True))
        if row.get("source") is None:
            continue
        origin = row.get("target_origin")
        units.append(
            FileUnit(
                line=number,
                target=row[target_column] or "",
                source=row["source"],
                position=_position(row.get("position")),
                machine=origin in ("mt", "standin") or target_column == "mt",
                confirmed=row.get("status") == "confirmed" and origin == "human",
                origin=row.get("mt_origin"),
            )
        )
    return TranslationFile(path, "tsv", units)


def read_text_lines(path: Path) -> TranslationFile:
    """A translated text with a segment a line (OmegaT's ``target/`` file): a unit per non-blank
    line, numbered in order as its ``position`` is not known; the caller maps them."""
    units = [
        FileUnit(line=number, target=line)
        for number, line in enumerate(_lines(path), start=1)
        if line.strip()
    ]
    return TranslationFile(path, "text", units)


def read_translations(path: str | Path, english: str = "target") -> TranslationFile:
    """The English in ``path``, whose format follows from its name (:data:`SUFFIXES`).

    An OmegaT project folder stands for its memory of the translations (``omegat/project_save.tmx``,
    else the ``project-omegat.tmx`` that console mode writes).
    """
    path = Path(path)
    if path.is_dir():
        for inner in ("omegat/project_save.tmx", "project-omegat.tmx"):
            if (path / inner).is_file():
                found = read_xml(path / inner)
                _refuse_nul(found)
                return found
        raise InputError(
            "is a folder but not an OmegaT project with translations",
            path=path,
            fix="Give omegat/project_save.tmx, project-omegat.tmx or a file in target/.",
        )
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            f"has an unknown ending {path.suffix!r}",
            path=path,
            fix=f"Use one of: {', '.join(SUFFIXES)} (XLIFF, TMX, TSV, OmegaT's target text).",
        )
    if not path.is_file():
        raise InputError("does not exist or is not a file", path=path)
    if kind == "tsv":
        found = read_tsv(path, english)
    elif kind == "text":
        found = read_text_lines(path)
    else:
        found = read_xml(path)
    _refuse_nul(found)
    return found


def _refuse_nul(found: TranslationFile) -> None:
    # A NUL (U+0000: in XLIFF, an inline code for it) cannot be stored (PostgreSQL text cannot
    # hold one, so neither backend does): say where, before anything is written.
    for unit in found.units:
        if "\x00" in unit.target or "\x00" in (unit.source or ""):
            raw = found.path.read_bytes()
            line = unit.line or 1
            # The NUL byte itself in a TSV or text file; in XML, where its line starts.
            byte = raw.find(b"\x00")
            if byte < 0:
                byte = sum(len(x) + 1 for x in raw.split(b"\n")[: line - 1])
            raise InputError(
                "holds a NUL character (U+0000) in a translation: the store cannot keep one "
                "(PostgreSQL text cannot hold it, so neither backend does).",
                path=found.path,
                line=line,
                byte=byte,
                fix="Remove the character (or its inline code) from that unit and import again.",
            )
