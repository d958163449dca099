"""Terminology: the glossary, finding its terms in Arabic through clitics, and its files.

``match`` (terms through the prefixes ``و ف ب ل ك ال``, suffixes, harakat and tatweel),
``glossary`` (:class:`Term`, :class:`Glossary`) and ``files`` (CSV, TSV and TBX in and out).
"""

from workbench.terms.files import glossary_bytes, glossary_format, read_glossary
from workbench.terms.glossary import Glossary, Term, TermHit, english_pattern

__all__ = [
    "Glossary",
    "Term",
    "TermHit",
    "english_pattern",
    "glossary_bytes",
    "glossary_format",
    "read_glossary",
]
