"""Fuzzy matching of folded Arabic: a character-trigram index for candidates, edit distance to rank.

Scoring every entry of a newsroom's memory by edit distance is too slow for each keystroke, so an
inverted index of character trigrams (of the folded text, :func:`workbench.text.fold.fold`) picks
the candidates: the entries sharing the most trigrams with the query (Dice coefficient), counted
with numpy over the posting lists. Only those are ranked by the match score, the normalised
Levenshtein similarity in percent (``100 * (1 - distance / longer length)``, rapidfuzz). Trigrams
found in over :data:`COMMON` of the entries (``" ال"``) are skipped while candidates are picked:
they say little and cost the most. The index lives in memory and is portable to any store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz.distance import Levenshtein

#: Candidates ranked by edit distance per lookup.
CANDIDATES = 64
#: Texts added after a build that are scored one by one before the lists are rebuilt.
REBUILD = 2000
#: A trigram in more than this share of the entries is skipped when picking candidates.
COMMON = 0.05


def trigrams(text: str) -> set[str]:
    """The character trigrams of ``text`` padded with a space at each end (``" ab"``, ``"ab "``)."""
    padded = f" {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _gram_codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(entry, code)`` of every trigram occurrence of the texts, a trigram as one 63-bit number.

    Done in numpy over all texts at once (code points fit 21 bits, three of them 63): building
    the index of 100,000 entries with Python sets and dicts took several times longer.
    """
    padded = [f" {t} " for t in texts]
    arr = np.frombuffer("\x00".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(arr) < 3:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    codes = (arr[:-2] << np.uint64(42)) | (arr[1:-1] << np.uint64(21)) | arr[2:]
    lengths = np.asarray([len(p) + 1 for p in padded], dtype=np.int64)
    entry = np.repeat(np.arange(len(padded), dtype=np.int64), lengths)[: len(codes)]
    valid = (arr[:-2] != 0) & (arr[1:-1] != 0) & (arr[2:] != 0)
    return entry[valid], codes[valid]


def _sorted_unique(values: np.ndarray, inverse: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """``np.unique`` by one sort (numpy 2's own took 25 times as long on 11 million keys here)."""
    order = np.argsort(values, kind="stable") if inverse else None
    ordered = values[order] if order is not None else np.sort(values)
    first = np.ones(len(ordered), dtype=bool)
    first[1:] = ordered[1:] != ordered[:-1]
    if order is None:
        return ordered[first], np.zeros(0, dtype=np.int64)
    ids = np.empty(len(values), dtype=np.int64)
    ids[order] = np.cumsum(first) - 1
    return ordered[first], ids


def _compact_postings(
    texts: Sequence[str], n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """``(codes, offsets, postings)`` by one sort, or ``None`` when the keys would not fit 63 bits.

    Characters are ranked by code point among those the texts hold (0, the separator, first), a
    trigram is its three ranks in base ``size``: as ranks keep code-point order, the distinct
    trigrams come out sorted as their 63-bit codes (:func:`_gram_codes`) would.
    """
    padded = "\x00".join(f" {t} " for t in texts)
    cps = np.frombuffer(padded.encode("utf-32-le"), dtype=np.uint32)
    if len(cps) < 3:
        return None
    present = np.bincount(cps) > 0
    present[0] = True
    chars = np.flatnonzero(present).astype(np.uint64)
    size = len(chars)
    if size**3 * n >= 2**62:
        return None
    ranks = (np.cumsum(present) - 1)[cps]
    valid = (ranks[:-2] != 0) & (ranks[1:-1] != 0) & (ranks[2:] != 0)
    grams = (ranks[:-2] * size + ranks[1:-1]) * size + ranks[2:]
    lengths = np.asarray([len(t) + 3 for t in texts], dtype=np.int64)
    entry = np.repeat(np.arange(len(texts), dtype=np.int64), lengths)[: len(grams)]
    keys = np.sort(grams[valid] * n + entry[valid])
    if len(keys) > 1:
        keys = keys[np.concatenate([[True], keys[1:] != keys[:-1]])]
    gram, postings = keys // n, keys % n
    first = np.flatnonzero(np.concatenate([[True], gram[1:] != gram[:-1]])) if len(gram) else gram
    distinct = gram[first].astype(np.uint64)
    sq = np.uint64(size * size)
    codes = (
        (chars[distinct // sq] << np.uint64(42))
        | (chars[distinct // np.uint64(size) % np.uint64(size)] << np.uint64(21))
        | chars[distinct % np.uint64(size)]
    )
    offsets = np.concatenate([first, [len(gram)]]).astype(np.int64)
    return codes, offsets, postings


def score(a: str, b: str) -> float:
    """The match percentage of two folded texts: normalised Levenshtein similarity × 100."""
    return 100.0 * Levenshtein.normalized_similarity(a, b)


@dataclass(frozen=True)
class Hit:
    """A candidate entry (its position in the index) and its match percentage."""

    entry: int
    score: float


class TrigramIndex:
    """Folded texts, searchable by fuzzy match. Entries are appended; positions never change.

    Texts added since the posting lists were built are scored one by one (a few confirmed
    segments); the lists are rebuilt once :data:`REBUILD` such texts wait, or on demand.
    """

    def __init__(self, texts: Sequence[str] = ()) -> None:
        self.texts: list[str] = []
        self._built = 0
        self._codes = np.zeros(0, dtype=np.uint64)
        self._offsets = np.zeros(1, dtype=np.int64)
        self._postings = np.zeros(0, dtype=np.int64)
        self._sizes = np.zeros(0, dtype=np.int64)
        self.texts.extend(texts)
        self.build()

    def __len__(self) -> int:
        return len(self.texts)

    def add(self, texts: Sequence[str]) -> None:
        """Appends folded texts (positions ``len(self)`` onwards)."""
        self.texts.extend(texts)
        if len(self.texts) - self._built > REBUILD:
            self.build()

    def build(self, compact: bool = True) -> None:
        """(Re)builds the posting lists over every text.

        By default one sort of every ``(trigram, entry)`` key, a trigram numbered over the
        characters the texts hold (so the key fits 63 bits); ``compact=False``, or an alphabet too
        large for that, takes two sorts of the 63-bit trigram codes. Both give the same lists.
        """
        n = max(1, len(self.texts))
        built = _compact_postings(self.texts, n) if compact else None
        if built is None:
            entry, codes = _gram_codes(self.texts)
            self._codes, gram = _sorted_unique(codes, inverse=True)
            # One sorted key per distinct (trigram, entry): the posting lists, in trigram order.
            keys, _ = _sorted_unique(gram * n + entry)
            gram, self._postings = keys // n, keys % n
            per_gram = np.bincount(gram, minlength=len(self._codes))
            self._offsets = np.concatenate([[0], np.cumsum(per_gram)]).astype(np.int64)
        else:
            self._codes, self._offsets, self._postings = built
        self._sizes = np.bincount(self._postings, minlength=len(self.texts))
        self._built = len(self.texts)

    def candidates(self, query: str, limit: int = CANDIDATES) -> np.ndarray:
        """Positions of the ``limit`` built entries sharing most trigrams with ``query`` (Dice)."""
        n = self._built
        wanted, _ = _sorted_unique(_gram_codes([query])[1])
        if n == 0 or len(wanted) == 0 or len(self._codes) == 0:
            return np.zeros(0, dtype=np.int64)
        at = np.minimum(np.searchsorted(self._codes, wanted), len(self._codes) - 1)
        known = at[self._codes[at] == wanted]
        spans = [(self._offsets[i], self._offsets[i + 1]) for i in known]
        rare = [s for s in spans if s[1] - s[0] <= max(1, COMMON * n)] or spans
        if not rare:
            return np.zeros(0, dtype=np.int64)
        postings = np.concatenate([self._postings[a:b] for a, b in rare])
        shared = np.bincount(postings, minlength=n)
        dice = shared / (len(wanted) + self._sizes[:n])
        top = min(limit, int(np.count_nonzero(shared)))
        if top == 0:
            return np.zeros(0, dtype=np.int64)
        best = np.argpartition(-dice, top - 1)[:top]
        return best[np.argsort(-dice[best], kind="stable")]

    def search(self, query: str, threshold: float = 70.0, limit: int = 5) -> list[Hit]:
        """The entries matching folded ``query`` at ``threshold`` percent or more, best first."""
        positions = [int(i) for i in self.candidates(query)]
        positions += range(self._built, len(self.texts))
        hits = [Hit(i, score(query, self.texts[i])) for i in positions]
        hits = [h for h in hits if h.score >= threshold]
        hits.sort(key=lambda h: (-h.score, h.entry))
        return hits[:limit]

    def brute_force(self, query: str, threshold: float = 70.0, limit: int = 5) -> list[Hit]:
        """What :meth:`search` approximates: every entry scored (for tests and the benchmark)."""
        hits = [Hit(i, score(query, t)) for i, t in enumerate(self.texts)]
        hits = [h for h in hits if h.score >= threshold]
        hits.sort(key=lambda h: (-h.score, h.entry))
        return hits[:limit]
