"""Exports of a stored document and the files they go to.

``model`` (what every format renders: the document loaded once, its MT labelled), one module per
family of formats (``text``: txt and sbs; ``tabular``: TSV and JSONL; ``xml``: TMX 1.4b, XLIFF 1.2
and 2.0; ``omegat``: the OmegaT project package), ``registry`` (the formats by name,
:func:`export_document`), ``files`` (safe names, atomic writes) and ``effort_log`` (the effort rows
as JSONL/TSV).
"""

from workbench.export.files import safe_filename, write_atomic, write_export
from workbench.export.model import (
    FURNITURE_MODES,
    UNTRANSLATED_MODES,
    Export,
    Exporter,
    ExportInput,
    ExportOptions,
    Unit,
)
from workbench.export.registry import EXPORTERS, export_document, exporter, suggested_filename
from workbench.export.tabular import json_line, tsv_escape, tsv_unescape
from workbench.model.notices import STANDIN_NOTICE

__all__ = [
    "EXPORTERS",
    "FURNITURE_MODES",
    "STANDIN_NOTICE",
    "UNTRANSLATED_MODES",
    "Export",
    "ExportInput",
    "ExportOptions",
    "Exporter",
    "Unit",
    "export_document",
    "exporter",
    "json_line",
    "safe_filename",
    "suggested_filename",
    "tsv_escape",
    "tsv_unescape",
    "write_atomic",
    "write_export",
]
