"""Searching the whole Library: documents by name, or by text in their source or English."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.search.match import SIDES, Hit, Query, Side, Span, find_hits, find_spans
from workbench.store.records import DocumentRow
from workbench.store.sqlite import Store


@dataclass(frozen=True)
class DocumentMatch:
    """A document the search found: where its name matched, and its segments that match."""

    document: DocumentRow
    name: tuple[Span, ...]
    hits: tuple[Hit, ...]

    @property
    def occurrences(self) -> int:
        return sum(len(h.spans) for h in self.hits)


def search_library(
    store: Store,
    text: str,
    *,
    sides: Sequence[Side] = SIDES,
    names: bool = True,
    whole_word: bool = False,
    match_case: bool = False,
    fold: bool = True,
) -> list[DocumentMatch]:
    """The documents whose name (``names``) or segments (on ``sides``) match ``text``, newest
    first as the Library lists them; each segment hit is one :class:`Hit` (per side)."""
    queries = [Query(text, side, whole_word, match_case, fold) for side in sides]
    by_name = Query(text, "source", whole_word, match_case, fold)  # names fold like the Arabic
    found = []
    for document in store.documents():
        name = tuple(find_spans(document.name, by_name)) if names else ()
        hits: list[Hit] = []
        if queries:
            segments = store.segments(document.id)
            for query in queries:
                hits += find_hits(segments, query)
        if name or hits:
            hits.sort(key=lambda h: (h.position, h.side))
            found.append(DocumentMatch(document, name, tuple(hits)))
    return found
