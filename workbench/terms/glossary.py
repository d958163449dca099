"""A glossary: Arabic terms with their preferred English, forbidden variants and a note."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from workbench.terms.match import Found, find_term, term_words, words_of


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
        self._words = [term_words(t.source) for t in self.terms]

    def __iter__(self) -> Iterator[Term]:
        return iter(self.terms)

    def __len__(self) -> int:
        return len(self.terms)

    def add(self, terms: Iterable[Term]) -> None:
        for term in terms:
            self.terms.append(term)
            self._words.append(term_words(term.source))

    def find(self, source: str) -> list[TermHit]:
        """The terms found in ``source``, in text order; a longer term wins where two overlap."""
        words = words_of(source)
        hits = [
            TermHit(term, found)
            for term, tw in zip(self.terms, self._words, strict=True)
            for found in find_term(words, tw)
        ]
        hits.sort(key=lambda h: (h.found.start, -(h.found.end - h.found.start)))
        kept: list[TermHit] = []
        for hit in hits:
            if not kept or hit.found.start >= kept[-1].found.end:
                kept.append(hit)
        return kept
