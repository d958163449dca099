"""A glossary: Arabic terms with their preferred English, forbidden variants and a note."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from workbench.terms.match import Found, find_term, stems, term_words, words_of


@dataclass(frozen=True)
class Term:
    """One entry: ``source`` (Arabic) is rendered ``target``; ``forbidden`` renderings are wrong."""

    source: str
    target: str
    forbidden: tuple[str, ...] = ()
    note: str = ""


@dataclass(frozen=True)
class TermHit:
    """A glossary term found in a source text."""

    term: Term
    found: Found


def without_overlaps(hits: list[TermHit]) -> list[TermHit]:
    """Hits in text order (the longest first where two start together), none overlapping."""
    hits = sorted(hits, key=lambda h: (h.found.start, -(h.found.end - h.found.start)))
    kept: list[TermHit] = []
    for hit in hits:
        if not kept or hit.found.start >= kept[-1].found.end:
            kept.append(hit)
    return kept


def english_pattern(phrase: str) -> re.Pattern[str]:
    """``phrase`` as a whole-word, case-insensitive pattern allowing a plural or possessive ending."""
    words = [re.escape(w) for w in phrase.split()]
    if not words:
        return re.compile(r"(?!)")
    return re.compile(
        r"(?<![\w-])" + r"\s+".join(words) + r"(?:s|es|'s|’s)?(?![\w-])", re.IGNORECASE
    )


@dataclass
class Glossary:
    """Terms, looked up through Arabic clitics and suffixes (:mod:`workbench.terms.match`)."""

    terms: list[Term] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._words: list[tuple[str, ...]] = []
        #: Terms by their first (bare, folded) word: a text is searched only for the terms
        #: whose first word one of its words can be (:func:`~workbench.terms.match.stems`).
        self._by_first: dict[str, list[int]] = {}
        for term in self.terms:
            self._index(term)

    def _index(self, term: Term) -> None:
        words = term_words(term.source)
        if words:
            self._by_first.setdefault(words[0], []).append(len(self._words))
        self._words.append(words)

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def add(self, terms: Iterable[Term]) -> None:
        for term in terms:
            self.terms.append(term)
            self._index(term)

    def find(self, source: str) -> list[TermHit]:
        """The terms found in ``source``, in text order; a longer term wins where two overlap."""
        words = words_of(source)
        candidates = sorted(
            {
                i
                for _, _, word in words
                for stem in stems(word, front=True, back=True)
                for i in self._by_first.get(stem, ())
            }
        )
        hits = [
            TermHit(self.terms[i], found)
            for i in candidates
            for found in find_term(words, self._words[i])
        ]
        return without_overlaps(hits)
