"""The chains of steps: read → segment → store → translate, and saving an alignment.

``document`` (importing files, :func:`translate_document` and the generator
:func:`translate_file` for scripts), ``sources`` (which files a run reads and where each output
goes) and ``bitext`` (storing an edited sentence alignment as a document with human English). The
CLI and the editor call these; nothing below calls them. Names load on first use: the batch path
never imports the sentence aligner (and numpy with it) unless it aligns.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.lazy import lazy_names

if TYPE_CHECKING:
    from workbench.pipeline.bitext import save_aligned
    from workbench.pipeline.document import (
        Imported,
        SegmentTranslation,
        add_document,
        import_files,
        translate_document,
        translate_file,
    )

_HOME = {
    "save_aligned": "workbench.pipeline.bitext",
    **dict.fromkeys(
        (
            "Imported",
            "SegmentTranslation",
            "add_document",
            "import_files",
            "translate_document",
            "translate_file",
        ),
        "workbench.pipeline.document",
    ),
}

__all__ = [
    "Imported",
    "SegmentTranslation",
    "add_document",
    "import_files",
    "save_aligned",
    "translate_document",
    "translate_file",
]


__getattr__ = lazy_names(globals(), _HOME)
