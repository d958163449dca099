"""Arabic→English translation and alignment workbench."""

from workbench.errors import (
    ConflictError,
    InputError,
    ModelError,
    StoreError,
    WorkbenchError,
)
from workbench.signature import Signature
from workbench.text.records import Block, Document, Sentence
from workbench.version import __version__

__all__ = [
    "Block",
    "ConflictError",
    "Document",
    "InputError",
    "ModelError",
    "Sentence",
    "Signature",
    "StoreError",
    "WorkbenchError",
    "__version__",
]
