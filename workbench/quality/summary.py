"""A document's QA in one line: how many segments have issues, and which codes (before export)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from workbench.quality.qa import SegmentIssues, check_document
from workbench.store.sqlite import Store
from workbench.terms.glossary import Glossary


@dataclass(frozen=True)
class QASummary:
    """``segments`` with at least one issue (1-based numbers), of ``checked``; codes counted."""

    checked: int
    segments: tuple[int, ...]
    codes: tuple[tuple[str, int], ...]

    @property
    def message(self) -> str:
        """The question asked before an export (empty when nothing was found)."""
        n = len(self.segments)
        if not n:
            return ""
        have = "segment has" if n == 1 else "segments have"
        return f"{n} {have} QA issues: export anyway?"

    @property
    def detail(self) -> str:
        """Which codes, how often, and the first segment numbers."""
        codes = ", ".join(f"{code} ×{count}" for code, count in self.codes)
        shown = ", ".join(f"#{n}" for n in self.segments[:10])
        more = f" and {len(self.segments) - 10} more" if len(self.segments) > 10 else ""
        return f"{codes} (segments {shown}{more})"


def summarize(found: Sequence[SegmentIssues]) -> QASummary:
    """The summary of :func:`workbench.quality.qa.check_document`'s findings."""
    codes = Counter(issue.code for seg in found for issue in seg.issues)
    return QASummary(
        len(found),
        tuple(seg.position + 1 for seg in found if seg.issues),
        tuple(sorted(codes.items(), key=lambda kv: (-kv[1], kv[0]))),
    )


def document_summary(store: Store, doc_id: int, glossary: Glossary | None = None) -> QASummary:
    """QA of a stored document's English as it stands, summarised."""
    return summarize(check_document(store, doc_id, glossary))
