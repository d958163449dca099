"""QA on the English: the issue codes, and running the checks on a pair, a file or a document.

Codes are stable (the CLI's JSON, the editor's badges and the docs use them); :data:`CODES` says
what each means. Pair checks are in :mod:`workbench.quality.checks`; the glossary's
(``term-missing``, ``term-forbidden``) and the document's (``inconsistent-translation``) are here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from workbench.align.words import map_target_words, parse_pharaoh
from workbench.quality import checks
from workbench.quality.names import Rendered, name_variants
from workbench.store.records import DONE_STATUSES, SegmentRow
from workbench.store.sqlite import Store
from workbench.terms.glossary import Glossary, english_pattern
from workbench.text.fold import fold

#: Every issue code, with what it means (README's "QA codes" lists the same).
CODES: dict[str, str] = {
    "number-mismatch": "a number or date of the source is missing or changed in the English",
    "url-missing": "a URL, e-mail, @mention or #hashtag of the source is missing in the English",
    "arabic-left": "Arabic script left in the English",
    "empty-target": "no English for a source with words",
    "same-as-source": "the English is the Arabic source copied",
    "length-ratio": "the English is far shorter or longer than an ar→en translation usually is",
    "repeated-word": "the same word twice in a row",
    "unbalanced-brackets": "a bracket or quote opened and not closed (the source is balanced)",
    "double-space": "two spaces between words",
    "term-missing": "a glossary term of the source without its preferred English",
    "term-forbidden": "a glossary term rendered with a forbidden variant",
    "inconsistent-translation": "the same source has different confirmed English in the document",
    "inconsistent-name": "a name of the source spelled two ways in the confirmed English",
}

PairCheck = Callable[[str, str], list[str]]
#: The checks that need only the pair, by code, in the order they are reported.
PAIR_CHECKS: dict[str, PairCheck] = {
    "number-mismatch": checks.number_mismatch,
    "url-missing": checks.url_missing,
    "arabic-left": checks.arabic_left,
    "same-as-source": checks.same_as_source,
    "length-ratio": checks.length_ratio,
    "repeated-word": checks.repeated_word,
    "unbalanced-brackets": checks.unbalanced_brackets,
    "double-space": checks.double_space,
}


@dataclass(frozen=True)
class Issue:
    """One finding: its code (a key of :data:`CODES`) and what exactly is wrong."""

    code: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "detail": self.detail}


def term_issues(source: str, target: str, glossary: Glossary) -> list[Issue]:
    """``term-missing`` and ``term-forbidden`` for the glossary's terms found in ``source``."""
    issues = []
    for hit in glossary.find(source):
        term = hit.term
        written = source[hit.found.start : hit.found.end]
        if not english_pattern(term.target).search(target):
            issues.append(Issue("term-missing", f"{written} → {term.target}"))
        for variant in term.forbidden:
            if english_pattern(variant).search(target):
                issues.append(Issue("term-forbidden", f"{written}: {variant} (use {term.target})"))
    return issues


def check_pair(source: str, target: str | None, glossary: Glossary | None = None) -> list[Issue]:
    """The issues of one pair. An empty English gets ``empty-target`` and nothing else."""
    target = target or ""
    empty = checks.empty_target(source, target)
    if empty or not target.strip():
        return [Issue("empty-target", detail) for detail in empty]
    issues = [
        Issue(code, detail)
        for code, check in PAIR_CHECKS.items()
        for detail in check(source, target)
    ]
    if glossary is not None:
        issues += term_issues(source, target, glossary)
    return issues


def inconsistencies(
    pairs: Sequence[tuple[str, str | None]],
    confirmed: Sequence[bool] | None = None,
    names: Sequence[str] | None = None,
) -> list[list[Issue]]:
    """``inconsistent-translation`` per pair: the same (folded) source, another English.

    Only pairs marked ``confirmed`` are compared (all of them when ``confirmed`` is None); each
    one of a group with two or more different English texts gets an issue naming the others
    (by ``names``, default ``line i``).
    """
    names = names or [f"line {i}" for i in range(len(pairs))]
    groups: dict[str, list[int]] = defaultdict(list)
    for i, (source, target) in enumerate(pairs):
        if target and target.strip() and (confirmed is None or confirmed[i]):
            groups[fold(source)].append(i)
    found: list[list[Issue]] = [[] for _ in pairs]
    for members in groups.values():
        english = {i: " ".join((pairs[i][1] or "").split()) for i in members}
        if len(set(english.values())) < 2:
            continue
        for i in members:
            others = [j for j in members if english[j] != english[i]]
            where = ", ".join(names[j] for j in others[:5])
            found[i].append(Issue("inconsistent-translation", f"same source as {where}"))
    return found


def check_pairs(
    pairs: Sequence[tuple[str, str | None]],
    glossary: Glossary | None = None,
    confirmed: Sequence[bool] | None = None,
    names: Sequence[str] | None = None,
    links: Sequence[Sequence[tuple[int, int]] | None] | None = None,
) -> list[list[Issue]]:
    """The issues of each pair, the document-wide ones included.

    ``inconsistent-translation`` (:func:`inconsistencies`) and ``inconsistent-name``
    (:func:`workbench.quality.names.name_variants`, with each pair's word links where given) are
    judged among the ``confirmed`` pairs (all when None).
    """
    document = inconsistencies(pairs, confirmed, names)
    done = [i for i, (_, t) in enumerate(pairs) if t and (confirmed is None or confirmed[i])]
    labels = names or [f"line {i}" for i in range(len(pairs))]
    variants = name_variants(
        [Rendered(pairs[i][0], pairs[i][1] or "", links[i] if links else None) for i in done],
        [labels[i] for i in done],
    )
    for i, details in zip(done, variants, strict=True):
        document[i] += [Issue("inconsistent-name", d) for d in details]
    return [
        check_pair(source, target, glossary) + document[i]
        for i, (source, target) in enumerate(pairs)
    ]


def _links(seg: SegmentRow) -> list[tuple[int, int]] | None:
    """The segment's word links onto its English as it stands, or None without any.

    The stored links index the MT's words; a post-edit keeps them through the words it left as
    they were, and a word it replaced one for one (a name respelled) takes over the link
    (:func:`~workbench.align.words.map_target_words`, as the verbatim restore maps them).
    """
    alignment = seg.mt_meta.get("alignment")
    if not alignment or seg.mt is None:
        return None
    links = parse_pharaoh(alignment)
    if seg.post_edit is None or seg.post_edit == seg.mt:
        return links
    mapping = map_target_words(seg.mt.split(), seg.post_edit.split())
    return sorted({(i, k) for i, j in links if j < len(mapping) for k in mapping[j]})


@dataclass(frozen=True)
class SegmentIssues:
    """A stored segment's position and id, with its issues."""

    position: int
    segment_id: int
    issues: tuple[Issue, ...]


def check_document(
    store: Store, doc_id: int, glossary: Glossary | None = None
) -> list[SegmentIssues]:
    """The issues of every prose segment of a stored document (its English as it stands).

    Raises :class:`~workbench.errors.NotFoundError` for a document that is not in the store.
    """
    store.document(doc_id)
    rows = [s for s in store.segments(doc_id) if s.kind == "prose"]
    pairs = [(s.source, s.target) for s in rows]
    confirmed = [s.status in DONE_STATUSES for s in rows]
    names = [f"segment {s.position}" for s in rows]
    found = check_pairs(pairs, glossary, confirmed, names, [_links(s) for s in rows])
    return [
        SegmentIssues(s.position, s.id, tuple(issues))
        for s, issues in zip(rows, found, strict=True)
    ]
