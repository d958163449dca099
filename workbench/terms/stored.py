"""The store's glossary (``glossary_terms``): terms saved once, read by QA and the editor."""

from __future__ import annotations

import json
from collections.abc import Iterable

from workbench.store.connection import now
from workbench.store.sqlite import Store
from workbench.terms.glossary import Glossary, Term


def save_terms(store: Store, terms: Iterable[Term]) -> tuple[int, int]:
    """Adds terms (a term with the same Arabic and English is updated): ``(added, updated)``."""
    added = updated = 0
    at = now()
    with store.write() as db:
        for term in terms:
            forbidden = json.dumps(list(term.forbidden), ensure_ascii=False)
            cur = db.execute(
                "UPDATE glossary_terms SET forbidden = ?, note = ? WHERE source = ? AND target = ?",
                (forbidden, term.note, term.source, term.target),
            )
            if cur.rowcount:
                updated += 1
                continue
            db.execute(
                "INSERT INTO glossary_terms (source, target, forbidden, note, created_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (term.source, term.target, forbidden, term.note, at),
            )
            added += 1
    return added, updated


def stored_terms(store: Store) -> list[Term]:
    """The store's terms, in the order they were added."""
    rows = store.db.execute(
        "SELECT source, target, forbidden, note FROM glossary_terms ORDER BY id"
    ).fetchall()
    return [Term(r[0], r[1], tuple(json.loads(r[2])), r[3]) for r in rows]


def stored_glossary(store: Store) -> Glossary:
    """The store's terms as a :class:`Glossary` (empty when none were imported)."""
    return Glossary(stored_terms(store))
