"""The chains of steps: read → segment → store → translate, and saving an alignment.

``document`` (importing files, :func:`translate_document` and the generator
:func:`translate_file` for scripts) and ``bitext`` (storing an edited sentence alignment as a
document with human English). The CLI and the editor call these; nothing below calls them.
"""

from workbench.pipeline.bitext import save_aligned
from workbench.pipeline.document import (
    Imported,
    SegmentTranslation,
    add_document,
    import_files,
    translate_document,
    translate_file,
)

__all__ = [
    "Imported",
    "SegmentTranslation",
    "add_document",
    "import_files",
    "save_aligned",
    "translate_document",
    "translate_file",
]
