"""Glossary.find searches only the terms a word's stems can start: the same hits as trying all."""

from __future__ import annotations

import random
from pathlib import Path

from conftest import require_shared

from workbench.terms.glossary import Glossary, Term, TermHit, without_overlaps
from workbench.terms.match import find_term, term_words, words_of


def _every_term(terms: list[Term], source: str) -> list[TermHit]:
    """The old search: every term tried on every text, then the same overlap rule (shared)."""
    words = words_of(source)
    hits = [TermHit(t, f) for t in terms for f in find_term(words, term_words(t.source))]
    return without_overlaps(hits)


def test_indexed_find_equals_trying_every_term(shared_dir: Path) -> None:
    lines = require_shared(shared_dir / "data" / "flores101-dev" / "flores-dev.ar")
    text = lines.read_text(encoding="utf-8").splitlines()[:300]
    rng = random.Random(7)
    words = sorted({w.strip('.,،:"()') for line in text for w in line.split() if len(w) > 2})
    terms = [Term(w, f"t{i}") for i, w in enumerate(rng.sample(words, 400))]
    terms += [Term(" ".join(line.split()[1:3]), f"p{i}") for i, line in enumerate(text[:60])]
    terms += [Term("الجيش", "army"), Term("جيش", "army"), Term("", "empty"), Term("abc", "x")]
    glossary = Glossary(terms[:200])
    glossary.add(terms[200:])  # terms added later are indexed too
    for line in [*text, "وبالجيش والجيوش للجيش", "abc"]:
        assert glossary.find(line) == _every_term(terms, line), line
