"""Find, replace and filter: a text in a document's Arabic or English, which segments the editor
shows, and a search across the Library.

``match`` (:class:`Query`, spans on the stored text, Arabic folding with each character's origin),
``replace`` (replacements as saved versions, conflicts and drafts respected, undo), ``filters``
(status, MT flag, QA issues, hardest first) and ``library`` (every document's name and text).
"""

from workbench.search.filters import Selection, View, flags_in, hardest_first, select
from workbench.search.library import DocumentMatch, search_library
from workbench.search.match import SIDES, Hit, Query, Side, Span, find_hits, find_spans, snippet
from workbench.search.replace import Replaced, Report, replace_all, replace_hit, undo

__all__ = [
    "SIDES",
    "DocumentMatch",
    "Hit",
    "Query",
    "Replaced",
    "Report",
    "Selection",
    "Side",
    "Span",
    "View",
    "find_hits",
    "find_spans",
    "flags_in",
    "hardest_first",
    "replace_all",
    "replace_hit",
    "search_library",
    "select",
    "snippet",
    "undo",
]
