"""The one chain of steps: read → segment → store (→ translate → align, as they land)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError
from workbench.ingest import read_file, sha256
from workbench.records import Document
from workbench.segment import SEGMENTER_VERSION, segment_text
from workbench.store import Store

#: File name endings taken when a folder is given.
TEXT_SUFFIXES = (".txt", ".text", ".ar")


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files named directly, and the text files inside folders (sorted, recursively)."""
    for path in paths:
        p = Path(path)
        if p.is_dir():
            yield from sorted(
                f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in TEXT_SUFFIXES
            )
        else:
            yield p


@dataclass(frozen=True)
class Imported:
    path: Path
    document_id: int | None
    reused: bool = False
    error: InputError | None = None


def add_document(store: Store, doc: Document) -> tuple[int, bool]:
    """Store ``doc`` with its segments unless the same bytes are already stored; ``(id, reused)``."""
    existing = store.find_document(sha256(doc.raw), SEGMENTER_VERSION)
    if existing is not None:
        return existing, True
    return store.add_document(doc, segment_text(doc.text, doc.blocks), SEGMENTER_VERSION), False


def import_files(
    store: Store, paths: Iterable[str | Path], *, encoding: str | None = None
) -> Iterator[Imported]:
    """Read, segment and store each file; a bad file is reported and the batch goes on."""
    for path in expand_paths(paths):
        try:
            doc = read_file(path, encoding=encoding)
        except InputError as err:
            yield Imported(path, None, error=err)
            continue
        doc_id, reused = add_document(store, doc)
        yield Imported(path, doc_id, reused)
