"""One name, two spellings: a source name the confirmed English of an article renders two ways.

``كاغينز`` written "Caggins" in one segment and "Kaghinz" in another is found without a glossary:
for each Arabic word (folded, without the prefixes ``و ف ب ل ك ال``) in two or more confirmed
segments, its English renderings are the capitalised words linked to it (the segment's word links,
where they index its English) or, without links, the capitalised words of the English that the
other segment's English lacks. Two renderings that differ but look alike (similarity of at least
:data:`SIMILAR`: a spelling variant, not another name) are reported in both segments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from workbench.terms.match import stems, words_of

#: Renderings at least this similar (Indel, lowercased) are one name spelled two ways...
SIMILAR = 0.55
#: ...unless their lengths differ by more than this (Spain / Spaniards: another word).
LENGTH_GAP = 3
#: Capitalised words that start sentences, not names.
_COMMON = frozenset(
    "The A An In On At But And He She It They We I This That These Those His Her Their Its "
    "There Mr Mrs Ms Dr".split()
)
_EDGE = ".,;:!?\"'()[]«»“”‘’"


@dataclass(frozen=True)
class Rendered:
    """A segment's English, with its word links (``(source word, English word)``) if known."""

    source: str
    english: str
    links: Sequence[tuple[int, int]] | None = None


def _names(words: Sequence[str], first: bool = True) -> set[str]:
    """Capitalised words, possessive ``'s`` off; the first word only when ``first`` (a sentence
    starts with a capital whatever the word)."""
    out = set()
    for k, word in enumerate(words):
        word = word.removesuffix("'s").removesuffix("’s")
        if (first or k > 0) and word[:1].isupper() and word not in _COMMON and len(word) > 2:
            out.add(word)
    return out


def _variants(x: str, y: str) -> bool:
    """Whether two different words look like one name spelled two ways (not Chile / Chilean)."""
    a, b = x.lower(), y.lower()
    if a == b or abs(len(a) - len(b)) > LENGTH_GAP or a.startswith(b) or b.startswith(a):
        return False
    return Indel.normalized_similarity(a, b) >= SIMILAR


def renderings(item: Rendered) -> dict[str, set[str]]:
    """Each Arabic word's candidate English names in one segment, by the word's shortest stem."""
    english = [w.strip(_EDGE).removesuffix("'s").removesuffix("’s") for w in item.english.split()]
    found: dict[str, set[str]] = defaultdict(set)
    arabic = words_of(item.source)
    keys = [min(stems(w, front=True, back=False), key=len) for _, _, w in arabic]
    if item.links is not None:
        # Source word indices of the links count whitespace words; map them onto words_of's.
        spans = [(s, e) for s, e, _ in arabic]
        by_space = _space_words(item.source)
        for i, j in item.links:
            if i < len(by_space) and j < len(english):
                for k, (s, _) in enumerate(spans):
                    if by_space[i][0] <= s < by_space[i][1]:
                        found[keys[k]] |= _names([english[j]])
        return {k: v for k, v in found.items() if v}
    # Without links the first word is left out: "Among" or "Many" opening a sentence is no name.
    names = _names(english, first=False)
    return {key: set(names) for key in keys if names}


def _written(source: str, key: str) -> str:
    """How the source writes the word whose shortest stem is ``key``."""
    for start, end, word in words_of(source):
        if min(stems(word, front=True, back=False), key=len) == key:
            return source[start:end]
    return key


def _space_words(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for word in text.split():
        start = text.index(word, pos)
        out.append((start, start + len(word)))
        pos = start + len(word)
    return out


def name_variants(items: Sequence[Rendered], names: Sequence[str] | None = None) -> list[list[str]]:
    """Per segment, the names its English spells otherwise than another segment's (by ``names``)."""
    labels = names or [f"line {i}" for i in range(len(items))]
    per = [renderings(item) for item in items]
    words = [
        {w.strip(_EDGE).removesuffix("'s").removesuffix("’s") for w in item.english.split()}
        for item in items
    ]
    out: list[list[str]] = [[] for _ in items]
    where: dict[str, list[int]] = defaultdict(list)
    for i, found in enumerate(per):
        for key in found:
            where[key].append(i)
    for key, members in where.items():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                linked = items[a].links is not None and items[b].links is not None
                for x in sorted(per[a][key] - words[b]):
                    for y in sorted(per[b][key] - words[a]):
                        if not _variants(x, y):
                            continue
                        lead = f"{_written(items[a].source, key)}: " if linked else ""
                        out[a].append(f"{lead}{x} here, {y} in {labels[b]}")
                        out[b].append(f"{lead}{y} here, {x} in {labels[a]}")
    return [list(dict.fromkeys(o)) for o in out]
