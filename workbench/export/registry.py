"""The export formats by name, and :func:`export_document`: one code path for the CLI and the editor.

:func:`export_document` loads the document once into an :class:`ExportInput`, renders bytes
through the :data:`EXPORTERS` registry; :func:`workbench.export.files.write_export` writes them.
"""

from __future__ import annotations

from dataclasses import replace

from workbench.errors import UnknownNameError
from workbench.export.files import safe_filename
from workbench.export.model import Export, Exporter, ExportInput, ExportOptions
from workbench.export.omegat import export_omegat
from workbench.export.tabular import export_jsonl, export_tsv
from workbench.export.text import export_sbs, export_txt
from workbench.export.xml import export_tmx, export_xliff, export_xliff2
from workbench.store.sqlite import Store

#: The formats :func:`export_document` knows, by name.
EXPORTERS: dict[str, Exporter] = {e.name: e for e in (
    Exporter("txt", export_txt, ".en.txt", "text/plain; charset=utf-8", "the post-edited English"),
    Exporter("sbs", export_sbs, ".ar-en.sbs.txt", "text/plain; charset=utf-8", "side-by-side text view: Arabic and English, a segment a block"),
    Exporter("tsv", export_tsv, ".ar-en.tsv", "text/tab-separated-values; charset=utf-8", "bilingual table, a segment a row"),
    Exporter("jsonl", export_jsonl, ".ar-en.jsonl", "application/x-ndjson", "every field of every segment, a JSON object a line"),
    Exporter("tmx", export_tmx, ".ar-en.tmx", "application/x-tmx+xml", "TMX 1.4b translation memory, for the TM of any CAT tool", drops_standin=True),
    Exporter("xliff", export_xliff, ".ar-en.xlf", "application/xliff+xml", "XLIFF 1.2 for MateCat, Trados, memoQ and translate-toolkit (OmegaT: use omegat)"),
    Exporter("xliff2", export_xliff2, ".ar-en.v2.xlf", "application/xliff+xml", "XLIFF 2.0"),
    Exporter("omegat", export_omegat, ".omegat.zip", "application/zip", "OmegaT project package: the Arabic to translate, the human English and the MT as its memories", drops_standin=True),
)}  # fmt: skip


def exporter(name: str) -> Exporter:
    """The registered format ``name``; an unknown name raises :class:`UnknownNameError`."""
    if name not in EXPORTERS:
        raise UnknownNameError("export format", name, list(EXPORTERS))
    return EXPORTERS[name]


def suggested_filename(document_name: str, fmt: str) -> str:
    """The file name to offer for ``fmt`` before rendering (e.g. for a deferred download)."""
    return safe_filename(document_name, exporter(fmt).suffix)


def export_document(
    store: Store,
    doc_id: int,
    fmt: str,
    options: ExportOptions | None = None,
    *,
    name: str | None = None,
) -> Export:
    """Render document ``doc_id`` in format ``fmt``, with a safe file name to suggest.

    ``name`` stands for the stored document's name everywhere (file name, TMX/XLIFF
    ``original=``): inputs with the same bytes share one document but each names its own file.
    """
    spec, data = exporter(fmt), ExportInput.load(store, doc_id, options or ExportOptions())
    if name is not None:
        data = replace(data, document=replace(data.document, name=name))
    name = suggested_filename(data.document.name, fmt)
    return Export(fmt, name, spec.media_type, spec.render(data))
