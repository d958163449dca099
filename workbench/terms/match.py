"""Finding an Arabic term in a sentence through the letters Arabic attaches to words.

Arabic writes the conjunctions ``و`` ``ف``, the prepositions ``ب`` ``ل`` ``ك`` and the article
``ال`` on the front of the word (``وبالجيش`` "and with the army", ``للتحالف`` "for the alliance":
``ل`` + ``ال`` loses its alef), and possessive pronouns and plural endings on the back
(``حكومتها`` "her government": ``ة`` is written ``ت`` before a suffix). Matching is on folded text
(:func:`workbench.text.fold.fold`: harakat, tatweel, alef/yaa/taa-marbuta variants), word by word:
the first word of a term may carry prefixes, the last one suffixes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from workbench.text.chars import ARABIC_LETTERS
from workbench.text.fold import fold

#: Conjunction, then preposition, each optional (``وب``, ``فل``, ``ك``).
_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")
#: Attached pronouns and plural/dual endings, folded (``ة`` is ``ه``), longest first.
SUFFIXES = ("هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ات", "ون", "ين", "ان", "ه", "ك", "ي")
#: Plural and dual endings: the only suffixes a word with the article can carry.
PLURALS = frozenset({"ات", "ون", "ين", "ان"})
#: The shortest stem left once affixes are taken off: shorter is a particle, not a term.
MIN_STEM = 2
_WORD = re.compile(rf"[{ARABIC_LETTERS}\u064b-\u065f\u0670\u0640A-Za-z0-9\u0660-\u0669]+")


@dataclass(frozen=True)
class Found:
    """Where a term occurs in a text: the span of its words in the original text."""

    start: int
    end: int
    #: Index of the first and one past the last word (whitespace- and punctuation-delimited).
    first_word: int
    last_word: int


def _bare(word: str) -> str:
    """A folded word without its article (``الجيش`` → ``جيش``)."""
    if word.startswith("ال") and len(word) - 2 >= MIN_STEM:
        return word[2:]
    return word


@lru_cache(maxsize=65536)
def stems(word: str, *, front: bool, back: bool) -> frozenset[str]:
    """The bare stems a folded source word can be, taking prefixes (``front``) and suffixes off."""
    fronts = {word}
    if front:
        for conj in _CONJUNCTIONS:
            for prep in _PREPOSITIONS:
                lead = conj + prep
                if lead and word.startswith(lead) and len(word) - len(lead) >= MIN_STEM:
                    fronts.add(word[len(lead) :])
                # ل + ال is written لل: "للتحالف" is "ل" + "التحالف".
                if (
                    prep == "ل"
                    and word.startswith(conj + "لل")
                    and len(word) - len(lead) > MIN_STEM
                ):
                    fronts.add("ال" + word[len(lead) + 1 :])
    out = {_bare(w) for w in fronts}
    # A word with the article takes no possessive pronoun: "المحيطة" is not "المحيط" + "ه".
    articled = {_bare(w) for w in fronts if _bare(w) != w}
    if back:
        for stem in list(out):
            for suffix in SUFFIXES:
                if stem in articled and suffix not in PLURALS:
                    continue
                if stem.endswith(suffix) and len(stem) - len(suffix) >= MIN_STEM:
                    rest = stem[: -len(suffix)]
                    out.add(rest)
                    if rest.endswith("ت"):
                        out.add(rest[:-1] + "ه")
                    if suffix == "ات":  # the feminine plural: حكومة → حكومات
                        out.add(rest + "ه")
    return frozenset(out)


def words_of(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, folded word)`` of each word of ``text``."""
    return [(m.start(), m.end(), fold(m.group(0))) for m in _WORD.finditer(text)]


def term_words(term: str) -> tuple[str, ...]:
    """A term's folded words, without articles: what :func:`find_term` compares."""
    return tuple(_bare(fold(w)) for w in _WORD.findall(term))


def find_term(words: Sequence[tuple[int, int, str]], term: Sequence[str]) -> list[Found]:
    """Every occurrence of ``term`` (from :func:`term_words`) in ``words`` (from :func:`words_of`)."""
    found: list[Found] = []
    n = len(term)
    if n == 0:
        return found
    for i in range(len(words) - n + 1):
        if all(term[k] in stems(words[i + k][2], front=k == 0, back=k == n - 1) for k in range(n)):
            found.append(Found(words[i][0], words[i + n - 1][1], i, i + n))
    return found
