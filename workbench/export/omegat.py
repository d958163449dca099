"""The OmegaT project package: a zip that OmegaT opens as a project with the work already in it.

OmegaT's XLIFF filter reads only XLIFF whose target repeats the source, so it offers the English of
a bilingual XLIFF as the text to translate. A project is what OmegaT reads natively:

- ``omegat.project``: Arabic to English, OmegaT's standard folders (``source/``, ``target/``,
  ``tm/``, ``glossary/``, ``dictionary/``, ``omegat/``) and sentence segmentation **off**.
- ``source/<name>.txt``: the Arabic, one of the workbench's segments a line, a blank line between
  paragraphs, in UTF-8 with a byte-order mark (OmegaT 3.6 detects UTF-8 without it too, but the mark
  leaves no guess to any version; the file OmegaT writes to ``target/`` has none).
  OmegaT's text filter makes a segment of each line; with its own sentence rules off, its segments
  are exactly the workbench's, so every TMX entry below is an exact match and the translated file in
  ``target/`` keeps the article's paragraphs. OmegaT's own rules would cut the original text
  elsewhere (``؟``, ``د.``, decimals), and nothing in the memories would match.
- ``tm/auto/<name>.confirmed.tmx``: confirmed human English; OmegaT inserts it as the translation
  when the project opens.
- ``tm/<name>.edited.tmx``: human English not yet confirmed, offered as 100% matches.
- ``tm/mt/<name>.mt.tmx``: the machine translation (OmegaT 4 and later show ``tm/mt/`` matches
  as machine translation; older versions as ordinary matches). Stand-in MT is left out unless
  ``ExportOptions.include_standin``, and then noted as not a translation; ``reviewed_only`` leaves
  the MT out altogether. English still equal to stand-in MT is never in ``tm/`` or ``tm/auto/``,
  however it was saved.

Furniture (datelines, page chrome) is not written: nothing in it is to translate. Characters XML
cannot hold are inline codes in the TMX, so a segment holding one matches only fuzzily.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from workbench.export.files import safe_filename
from workbench.export.model import ExportInput, Unit
from workbench.export.xml import tmx_bytes

#: The folders of an OmegaT project, as its ``omegat.project`` names them (``__DEFAULT__``).
FOLDERS = ("source/", "target/", "tm/", "tm/auto/", "tm/mt/", "glossary/", "dictionary/", "omegat/")
_PROJECT = {
    "source_dir": "__DEFAULT__",
    "target_dir": "__DEFAULT__",
    "tm_dir": "__DEFAULT__",
    "glossary_dir": "__DEFAULT__",
    "glossary_file": "__DEFAULT__",
    "dictionary_dir": "__DEFAULT__",
    "source_lang": "ar",
    "target_lang": "en",
    "source_tok": "org.omegat.tokenizer.LuceneArabicTokenizer",
    "target_tok": "org.omegat.tokenizer.LuceneEnglishTokenizer",
    "sentence_seg": "false",
    "support_default_translations": "true",
    "remove_tags": "false",
}


def project_file() -> bytes:
    """``omegat.project``: Arabic to English, the default folders, no sentence segmentation."""
    root = ET.Element("omegat")
    root.text = "\n  "
    project = ET.SubElement(root, "project", {"version": "1.0"})
    project.text = "\n    "
    project.tail = "\n"
    for n, (tag, value) in enumerate(_PROJECT.items()):
        child = ET.SubElement(project, tag)
        child.text = value
        child.tail = "\n  " if n == len(_PROJECT) - 1 else "\n    "
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n{body}\n'.encode()


def source_text(data: ExportInput) -> str:
    """The Arabic to translate: a prose segment a line, a blank line between paragraphs."""
    paragraphs: dict[int, list[str]] = {}
    for unit in data.units:
        if unit.seg.kind == "prose":
            paragraphs.setdefault(unit.seg.paragraph, []).append(unit.seg.source)
    return "".join("\n".join(lines) + "\n\n" for lines in paragraphs.values())


def memories(data: ExportInput) -> dict[str, list[tuple[Unit, str, str]]]:
    """The TMX entries by folder: ``tm/auto`` (confirmed), ``tm`` (edited), ``tm/mt`` (MT)."""
    found: dict[str, list[tuple[Unit, str, str]]] = {"tm/auto": [], "tm": [], "tm/mt": []}
    options = data.options
    for unit in data.units:
        seg = unit.seg
        if seg.kind != "prose":
            continue
        if seg.post_edit and not unit.standin:
            folder = "tm/auto" if unit.status in ("confirmed", "approved") else "tm"
            found[folder].append((unit, seg.post_edit, unit.status))
        if (
            seg.mt
            and not options.reviewed_only
            and (unit.mt_is_translation or options.include_standin)
        ):
            found["tm/mt"].append((unit, seg.mt, "translated"))
    return found


def export_omegat(data: ExportInput) -> bytes:
    """An OmegaT project as a zip, its files at the top as in an OmegaT package (module docstring)."""
    name = safe_filename(data.document.name)
    files = {
        "omegat.project": project_file(),
        f"source/{name}.txt": ("\ufeff" + source_text(data)).encode("utf-8"),
    }
    suffixes = {"tm/auto": "confirmed", "tm": "edited", "tm/mt": "mt"}
    for folder, entries in memories(data).items():
        if entries:
            files[f"{folder}/{name}.{suffixes[folder]}.tmx"] = tmx_bytes(data, entries)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for folder in FOLDERS:
            archive.writestr(folder, b"")
        for path, content in files.items():
            archive.writestr(path, content)
    return buffer.getvalue()
