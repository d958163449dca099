"""Translation memory: confirmed segments and imported TMX pairs, exact and fuzzy matches.

``index`` (character-trigram candidates, edit-distance ranking), ``tmx`` (reading TMX 1.4b; writing is the export package's)
and ``memory`` (:class:`TranslationMemory`, 100% pre-fill of a document, repetitions).
"""

from workbench.memory.index import TrigramIndex, score
from workbench.memory.memory import (
    THRESHOLD,
    Entry,
    Match,
    TranslationMemory,
    add_entries,
    entries,
    import_tmx,
    prefill,
    propagate,
    repetitions,
    source_diff,
)
from workbench.memory.tmx import TmxRead, read_tmx

__all__ = [
    "THRESHOLD",
    "Entry",
    "Match",
    "TmxRead",
    "TranslationMemory",
    "TrigramIndex",
    "add_entries",
    "entries",
    "import_tmx",
    "prefill",
    "propagate",
    "read_tmx",
    "repetitions",
    "score",
    "source_diff",
]
