"""Which segments of a document the editor shows: by status, by MT flag, with QA issues, and
"hardest first" by the model's confidence.

A :class:`View` is what the translator chose; :func:`select` turns it into the document's
segments in the order to show them. Without any choice the editor pages through the document as
stored (and does not call :func:`select`: it reads one page at a time). QA issues are those of
:func:`workbench.quality.qa.check_document` (the English as it stands, the store's glossary);
confidence is :func:`workbench.quality.confidence.confidence` (mean token log-probability times
attention coverage), lowest first, segments without a model score last.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field

from workbench.quality.confidence import confidence
from workbench.quality.qa import Issue, check_document
from workbench.store.records import STATUSES, SegmentRow
from workbench.store.sqlite import Store
from workbench.terms.glossary import Glossary
from workbench.terms.stored import stored_glossary


@dataclass(frozen=True)
class View:
    """The segments to show: ``statuses`` and ``flags`` (any of them; empty: no condition),
    ``qa`` (only segments with a QA issue) and the order (``hardest_first``: lowest confidence
    first; else document order)."""

    statuses: frozenset[str] = frozenset()
    flags: frozenset[str] = frozenset()
    qa: bool = False
    hardest_first: bool = False

    @property
    def active(self) -> bool:
        """Whether this view differs from the whole document in document order."""
        return bool(self.statuses or self.flags or self.qa or self.hardest_first)

    def describe(self) -> str:
        """The view in words, for the editor's page line ("status edited or confirmed; …")."""
        parts = []
        if self.statuses:
            parts.append("status " + " or ".join(s for s in STATUSES if s in self.statuses))
        if self.flags:
            parts.append("flag " + " or ".join(sorted(self.flags)))
        if self.qa:
            parts.append("with QA issues")
        if self.hardest_first:
            parts.append("hardest first")
        return "; ".join(parts) or "all segments"


@dataclass(frozen=True)
class Selection:
    """The segments a view shows, in order, with the QA issues and confidence it judged them by."""

    segments: tuple[SegmentRow, ...]
    issues: dict[int, tuple[Issue, ...]] = field(default_factory=dict)
    confidence: dict[int, float | None] = field(default_factory=dict)

    @property
    def ids(self) -> tuple[int, ...]:
        return tuple(s.id for s in self.segments)


def segment_flags(segment: SegmentRow) -> list[str]:
    """The MT flags stored with a segment (the ones its row shows as badges)."""
    meta = segment.mt_meta if isinstance(segment.mt_meta, dict) else {}
    flags = meta.get("flags")
    return [f for f in flags if isinstance(f, str)] if isinstance(flags, list) else []


def flags_in(segments: Iterable[SegmentRow]) -> list[str]:
    """Every MT flag some segment carries, sorted (what the flag filter offers)."""
    return sorted({f for s in segments for f in segment_flags(s)})


def segment_confidence(segment: SegmentRow) -> float | None:
    """The segment's confidence in [0, 1], or None when its MT has no model score."""
    found = confidence(segment.source, segment.mt_meta) if segment.mt is not None else None
    return None if found is None else found.value


def hardest_first(segments: Sequence[SegmentRow]) -> list[SegmentRow]:
    """Lowest confidence first (ties in document order); segments without a score last."""
    scored = [(segment_confidence(s), s) for s in segments]
    scored.sort(key=lambda p: (p[0] is None, p[0] or 0.0, p[1].position))
    return [s for _, s in scored]


#: QA results of recent documents, by everything they depend on (see :func:`qa_issues`).
_QA_CACHE: OrderedDict[Hashable, dict[int, tuple[Issue, ...]]] = OrderedDict()
_QA_CACHE_SIZE = 16


def qa_issues(
    store: Store, doc_id: int, segments: Sequence[SegmentRow], glossary: Glossary
) -> dict[int, tuple[Issue, ...]]:
    """The QA issues of the document's segments (those with any), by segment id.

    The editor asks on every redraw, and checking 500 segments takes about a second; the result
    is kept under a key made of what the checks read (each segment's source, English, status and
    word links, the glossary's terms), so any save or glossary change gives a new key.
    """
    key = (
        doc_id,
        tuple(
            (s.id, s.source, s.target, s.status, s.post_edit is None, s.mt_meta.get("alignment"))
            for s in segments
        ),
        tuple(glossary.terms),
    )
    found = _QA_CACHE.get(key)
    if found is None:
        found = {
            f.segment_id: f.issues for f in check_document(store, doc_id, glossary) if f.issues
        }
        _QA_CACHE[key] = found
        while len(_QA_CACHE) > _QA_CACHE_SIZE:
            _QA_CACHE.popitem(last=False)
    _QA_CACHE.move_to_end(key)
    return found


def select(
    store: Store,
    doc_id: int,
    view: View,
    glossary: Glossary | None = None,
    segments: Sequence[SegmentRow] | None = None,
) -> Selection:
    """The prose segments of the document that ``view`` shows, in its order.

    ``glossary`` for the QA filter's term checks defaults to the store's own; ``segments``, the
    document's segments if the caller has just read them (else they are read here).
    """
    every = list(store.segments(doc_id) if segments is None else segments)
    segments = [s for s in every if s.kind == "prose"]
    if view.statuses:
        segments = [s for s in segments if s.status in view.statuses]
    if view.flags:
        segments = [s for s in segments if view.flags.intersection(segment_flags(s))]
    issues: dict[int, tuple[Issue, ...]] = {}
    if view.qa:
        terms = glossary if glossary is not None else stored_glossary(store)
        issues = qa_issues(store, doc_id, every, terms)
        segments = [s for s in segments if s.id in issues]
    scores: dict[int, float | None] = {}
    if view.hardest_first:
        segments = hardest_first(segments)
        scores = {s.id: segment_confidence(s) for s in segments}
    return Selection(tuple(segments), issues, scores)
