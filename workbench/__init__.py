"""Arabic→English translation and alignment workbench: the public API.

Everything a script needs is importable from here::

    from workbench import open_translator, translate_file

    for item in translate_file("article.txt", open_translator()):
        print(item.segment.source, "→", item.segment.mt)

Names are loaded on first use, so ``import workbench`` stays light (no model, no ctranslate2, no
Streamlit). The packages below are the architecture (see docs/ARCHITECTURE.md): ``text`` ←
``model`` ← ``translate`` ← ``align`` ← ``store`` ← ``quality`` ← ``export`` ← ``pipeline`` ←
``ui`` ← ``cli``, each importing only from those before it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.errors import (
    ConfigError,
    ConflictError,
    InputError,
    ModelError,
    NotFoundError,
    StoreError,
    UnknownNameError,
    WorkbenchError,
)
from workbench.lazy import lazy_names
from workbench.signature import Signature
from workbench.version import __version__

if TYPE_CHECKING:
    from workbench.align import Link, WordAlignment, align_sentences, align_words
    from workbench.export import EXPORTERS, ExportOptions, export_document
    from workbench.model import find_model, installed_models
    from workbench.pipeline import import_files, save_aligned, translate_document, translate_file
    from workbench.quality import hter, score
    from workbench.store import SegmentRow, Store
    from workbench.text import (
        Block,
        Document,
        Sentence,
        read_file,
        read_text,
        segment_text,
        split_sentences,
    )
    from workbench.translate import (
        TranslationOptions,
        TranslationResult,
        Translator,
        open_translator,
    )

#: Where each lazily loaded public name lives.
_LAZY = {
    "workbench.align": ("Link", "WordAlignment", "align_sentences", "align_words"),
    "workbench.export": ("EXPORTERS", "ExportOptions", "export_document"),
    "workbench.model": ("find_model", "installed_models"),
    "workbench.pipeline": ("import_files", "save_aligned", "translate_document", "translate_file"),
    "workbench.quality": ("hter", "score"),
    "workbench.store": ("SegmentRow", "Store"),
    "workbench.text": (
        "Block",
        "Document",
        "Sentence",
        "read_file",
        "read_text",
        "segment_text",
        "split_sentences",
    ),
    "workbench.translate": (
        "TranslationOptions",
        "TranslationResult",
        "Translator",
        "open_translator",
    ),
}
_HOME = {name: module for module, names in _LAZY.items() for name in names}

__all__ = [
    "EXPORTERS",
    "Block",
    "ConfigError",
    "ConflictError",
    "Document",
    "ExportOptions",
    "InputError",
    "Link",
    "ModelError",
    "NotFoundError",
    "SegmentRow",
    "Sentence",
    "Signature",
    "Store",
    "StoreError",
    "TranslationOptions",
    "TranslationResult",
    "Translator",
    "UnknownNameError",
    "WordAlignment",
    "WorkbenchError",
    "__version__",
    "align_sentences",
    "align_words",
    "export_document",
    "find_model",
    "hter",
    "import_files",
    "installed_models",
    "open_translator",
    "read_file",
    "read_text",
    "save_aligned",
    "score",
    "segment_text",
    "split_sentences",
    "translate_document",
    "translate_file",
]


__getattr__ = lazy_names(globals(), _HOME)


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
