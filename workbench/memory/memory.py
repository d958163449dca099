"""The translation memory: confirmed segments and imported pairs, exact and fuzzy matches.

Every confirmed (or approved) segment of every document is an entry, read from the segments
themselves, so the memory is never out of step with the editor; imported TMX pairs live in
``tm_entries``. Matching is on folded Arabic (:func:`workbench.text.fold.fold`): an exact match is
a folded source equal to the query's (100%), a fuzzy one scores at least :data:`THRESHOLD` by
normalised edit distance, its candidates from the trigram index (:mod:`workbench.memory.index`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

from workbench.memory.index import TrigramIndex
from workbench.memory.tmx import TmxRead, iter_tmx
from workbench.store.connection import now
from workbench.store.fills import fill_from_memory
from workbench.store.records import HUMAN_STATUSES, SegmentRow
from workbench.store.sqlite import Store
from workbench.text.fold import fold

#: The lowest fuzzy match shown, in percent.
THRESHOLD = 70.0
# Who confirmed a segment: the actor of its latest history row with status confirmed and a user
# name (else the reviewer's of its latest approved row).
_CONFIRMED = (
    "SELECT s.source, s.post_edit, s.document_id, s.updated_at, "
    "(SELECT h.actor FROM history h WHERE h.segment_id = s.id "
    "AND h.status IN ('confirmed', 'approved') AND h.actor IS NOT NULL "
    "ORDER BY CASE WHEN h.status = 'confirmed' THEN 0 ELSE 1 END, h.id DESC LIMIT 1), "
    # Its context: the sources of the prose segments before and after it ('' at an edge).
    "(SELECT p.source FROM segments p WHERE p.document_id = s.document_id AND p.kind = 'prose' "
    "AND p.position < s.position ORDER BY p.position DESC LIMIT 1), "
    "(SELECT n.source FROM segments n WHERE n.document_id = s.document_id AND n.kind = 'prose' "
    "AND n.position > s.position ORDER BY n.position LIMIT 1) "
    "FROM segments s "
    "WHERE s.status IN ('confirmed', 'approved') AND s.post_edit IS NOT NULL "
    "AND s.kind = 'prose' ORDER BY s.updated_at, s.id"
)


@dataclass(frozen=True)
class Entry:
    """One memory entry: where it came from (``document N`` or the imported file), when and who.

    ``by`` is who confirmed the segment (the user of its latest ``confirmed`` history row that
    names one, else the reviewer who approved it); ``None`` for an imported pair or where no
    user name was given.
    """

    source: str
    target: str
    origin: str
    at: str
    document_id: int | None = None
    by: str | None = None
    #: The folded sources of the prose segments before and after it (``""`` at a document's
    #: edge); None where the context is unknown (an imported pair).
    context: tuple[str, str] | None = None


@dataclass(frozen=True)
class Match:
    """An entry matching a query, with its match percentage (100.0: the same folded source)."""

    entry: Entry
    score: float

    @property
    def exact(self) -> bool:
        return self.score >= 100.0


def source_diff(query: str, source: str) -> list[tuple[str, str]]:
    """How an entry's source differs from the query, word by word, for highlighting.

    ``(kind, text)`` in the entry's order: ``equal`` words, ``changed`` words the query has
    otherwise, ``extra`` words the query lacks; words compare folded.
    """
    a, b = query.split(), source.split()
    matcher = SequenceMatcher(None, [fold(w) for w in a], [fold(w) for w in b], autojunk=False)
    out = []
    for tag, _, _, j1, j2 in matcher.get_opcodes():
        if j1 == j2:
            continue
        kind = {"equal": "equal", "replace": "changed"}.get(tag, "extra")
        out.append((kind, " ".join(b[j1:j2])))
    return out


def add_entries(store: Store, pairs: Iterable[tuple[str, str]], origin: str) -> tuple[int, int]:
    """Stores imported pairs; returns ``(added, already there)``. One transaction."""
    added = same = 0
    at = now()
    with store.write() as db:
        for source, target in pairs:
            digest = hashlib.sha256(f"{source}\0{target}".encode()).hexdigest()
            cur = db.execute(
                "INSERT INTO tm_entries (source, target, source_key, pair_sha256, origin, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (pair_sha256) DO NOTHING",
                (source, target, fold(source), digest, origin, at),
            )
            if cur.rowcount == 1:
                added += 1
            else:
                same += 1
    return added, same


def import_tmx(store: Store, path: Path) -> tuple[int, int, TmxRead]:
    """Imports a TMX file's Arabic→English pairs: ``(added, already there, what was skipped)``."""
    read = TmxRead()
    added, same = add_entries(store, iter_tmx(path, read), f"tmx:{path.name}")
    return added, same, read


def entries(store: Store) -> list[Entry]:
    """Every entry: imported pairs first (oldest first), then confirmed segments."""
    rows = store.db.execute(
        "SELECT source, target, origin, created_at FROM tm_entries ORDER BY id"
    ).fetchall()
    out = [Entry(r[0], r[1], r[2], r[3]) for r in rows]
    for source, target, doc_id, at, by, before, after in store.db.execute(_CONFIRMED).fetchall():
        context = (fold(before or ""), fold(after or ""))
        out.append(Entry(source, target, f"document {doc_id}", at, doc_id, by, context))
    return out


def context_of(segments: Sequence[SegmentRow]) -> dict[int, tuple[str, str]]:
    """Each prose segment's context, by id: the folded sources of its prose neighbours."""
    prose = [s for s in segments if s.kind == "prose"]
    return {
        s.id: (
            fold(prose[i - 1].source) if i else "",
            fold(prose[i + 1].source) if i + 1 < len(prose) else "",
        )
        for i, s in enumerate(prose)
    }


def in_context(found: Sequence[Entry], context: tuple[str, str]) -> list[Entry]:
    """The 100% matches that may pre-fill a segment with this ``context``: those confirmed
    between the same two sources first, then imported pairs (whose context is unknown)."""
    same = [e for e in found if e.context == context]
    return same + [e for e in found if e.context is None]


class TranslationMemory:
    """The memory of a store, indexed once; :meth:`add` keeps it current after a confirm."""

    def __init__(self, items: Sequence[Entry] = ()) -> None:
        self.entries: list[Entry] = list(items)
        self._index = TrigramIndex([fold(e.source) for e in self.entries])
        self._exact: dict[str, list[int]] = {}
        for i, text in enumerate(self._index.texts):
            self._exact.setdefault(text, []).append(i)

    @classmethod
    def of_store(cls, store: Store) -> TranslationMemory:
        return cls(entries(store))

    def __len__(self) -> int:
        return len(self.entries)

    def add(self, entry: Entry) -> None:
        folded = fold(entry.source)
        self._exact.setdefault(folded, []).append(len(self.entries))
        self.entries.append(entry)
        self._index.add([folded])

    def exact(self, source: str) -> list[Entry]:
        """Entries whose folded source is the query's, newest first."""
        return [self.entries[i] for i in reversed(self._exact.get(fold(source), []))]

    def search(self, source: str, threshold: float = THRESHOLD, limit: int = 5) -> list[Match]:
        """Exact and fuzzy matches of ``source``, best first (newest first among equals).

        Different English for the same source are all shown; the same pair is shown once.
        """
        query = fold(source)
        hits = self._index.search(query, threshold, limit=limit * 4)
        hits.sort(key=lambda h: (-h.score, -h.entry))
        out: list[Match] = []
        seen: set[tuple[str, str]] = set()
        for hit in hits:
            entry = self.entries[hit.entry]
            key = (fold(entry.source), entry.target)
            if key not in seen:
                seen.add(key)
                out.append(Match(entry, hit.score))
        return out[:limit]


def prefill(
    store: Store, doc_id: int, memory: TranslationMemory, same_context: bool = True
) -> list[SegmentRow]:
    """Fills each untouched prose segment with a 100% match's English (status ``tm``).

    With ``same_context`` (the default), a match from a confirmed segment counts only if the
    prose segments before and after it had the same sources as this one's (:func:`in_context`);
    an imported pair, whose context is unknown, counts too. A 100% match in another context is
    still offered in the editor's memory panel, just not put in unasked. Segments a human
    edited, confirmed or approved are never changed (:func:`workbench.store.fills.fill_from_memory`);
    with several English for one source, the newest is taken.
    """
    segments = store.segments(doc_id)
    contexts = context_of(segments)
    items = []
    for seg in segments:
        if seg.kind != "prose" or seg.post_edit is not None:
            continue
        found = memory.exact(seg.source)
        if same_context:
            found = in_context(found, contexts[seg.id])
        if found:
            items.append((seg.id, found[0].target))
    return fill_from_memory(store, items, action="tm")


def repetitions(store: Store, segment_id: int) -> list[SegmentRow]:
    """The segments of the same document with the same (folded) source and no human edit."""
    seg = store.segment(segment_id)
    key = fold(seg.source)
    return [
        s
        for s in store.segments(seg.document_id)
        if s.id != seg.id
        and s.kind == "prose"
        and s.status not in HUMAN_STATUSES
        and fold(s.source) == key
    ]


def propagate(store: Store, segment_id: int, actor: str | None = None) -> list[SegmentRow]:
    """Copies a segment's English to its :func:`repetitions` (status ``tm``, one transaction).

    Each change is in the history (action ``propagate``); :func:`workbench.store.fills.clear_memory_fill` undoes
    one (while no human has edited the segment since).
    """
    seg = store.segment(segment_id)
    if not seg.target:
        return []
    items = [(s.id, seg.target) for s in repetitions(store, segment_id)]
    return fill_from_memory(store, items, action="propagate", actor=actor)
