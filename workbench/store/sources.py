"""Reading a stored document's text and bytes back (mixed into :class:`workbench.store.sqlite.Store`).

The values are stored in pieces (store/large.py); :meth:`DocumentSources.iter_source` hands them
out one piece at a time, :meth:`DocumentSources.source_text` joins only the text.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from workbench.errors import NotFoundError
from workbench.store.connection import Connection
from workbench.store.large import iter_part, iter_text

PARTS = ("text", "raw")


class DocumentSources(Connection):
    """The methods that read a document's text and bytes."""

    def _require_document(self, doc_id: int) -> None:
        if self.db.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is None:
            raise NotFoundError(
                f"no document {doc_id} in the store; `workbench documents` lists them."
            )

    def iter_source(self, doc_id: int, part: str = "text") -> Iterator[Any]:
        """Document ``doc_id``'s ``"text"`` (``str`` pieces) or ``"raw"`` bytes (``bytes``
        pieces), about a megabyte at a time; raises NotFoundError at once if it is not stored."""
        if part not in PARTS:
            raise ValueError(f"part must be one of {PARTS}, not {part!r}")
        self._require_document(doc_id)
        return iter_text(self.db, doc_id) if part == "text" else iter_part(self.db, doc_id, part)

    def source_text(self, doc_id: int) -> str:
        """The document's text (what every span indexes into), without its bytes."""
        return "".join(self.iter_source(doc_id, "text"))

    def document_text(self, doc_id: int) -> tuple[str, bytes]:
        """The document's text and its file's bytes, both whole."""
        return self.source_text(doc_id), b"".join(self.iter_source(doc_id, "raw"))
