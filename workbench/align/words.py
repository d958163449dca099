"""Word alignment from the model's guided-alignment attention, and the quality flags it shows.

opus-mt-ar-en was trained with guided alignment, so the attention CTranslate2 returns
(``return_attention``) is an alignment head: one row per target piece, one column per source piece.
Pieces are merged back into words: source words are the whitespace-delimited words of the
*original* segment (through the piece spans, never re-tokenized text); target words are the
whitespace-delimited words of the MT output (a target piece starting with ``▁`` starts a word, which
is exactly how SentencePiece detokenizes). The ``</s>`` columns are dropped: attention parked on the
end of sentence aligns nothing.

Links are Pharaoh ``i-j`` pairs, ``i`` a 0-based source word and ``j`` a 0-based target word: each
target word links to the source word it attends to most, when that word holds at least
``min_weight`` of its attention.

The model writes markers (``XZ1``) where the English gets verbatim items back (a URL, ``2020``):
:func:`map_target_words` maps the model's words onto the restored English, a marker's word standing
for the item's words, so links index the English the translator sees.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

import numpy as np

from workbench.translate.subwords import EOS, group_words

#: Flag names, as they appear on segments and in the jsonl output.
OMISSION = "possible-omission"
PILE_UP = "attention-pile-up"
REPETITION = "possible-hallucination"
#: Equal words in a row that count as a loop whatever the n-gram length.
STUTTER = 4
#: Stripped from both ends of a word before comparing words for repetition.
_EDGE_PUNCTUATION = ".,;:!?\"'"


@dataclass(frozen=True)
class WordAlignOptions:
    """Thresholds of the word aligner and its flags (fractions of a target word's attention)."""

    min_weight: float = 0.15
    #: A source word whose words of attention received sum to less than this may be untranslated.
    omission_mass: float = 0.1
    #: Source words this short (letters) are never reported as omitted (particles, "و", "في").
    omission_min_letters: int = 3
    #: A source word that is the best match of this many target words (and of over half of them)...
    pile_up: int = 4
    #: ...n-grams of this length repeated in the output are a sign of a looping decoder.
    repeat_ngram: int = 3


@dataclass(frozen=True)
class WordAlignment:
    """Links between the words of one segment and what they reveal."""

    links: tuple[tuple[int, int], ...]
    source_words: tuple[str, ...]
    target_words: tuple[str, ...]
    source_spans: tuple[tuple[int, int], ...]
    flags: tuple[str, ...] = ()
    #: Source word indices that received (almost) no attention.
    unattended: tuple[int, ...] = ()

    @property
    def pharaoh(self) -> str:
        """The links as ``"0-0 1-2 ..."``."""
        return " ".join(f"{i}-{j}" for i, j in self.links)

    def as_dict(self) -> dict[str, object]:
        return {
            "alignment": self.pharaoh,
            "source_words": list(self.source_words),
            "target_words": list(self.target_words),
            "unattended": list(self.unattended),
            "flags": list(self.flags),
        }


def target_word_index(tokens: Sequence[str]) -> list[int]:
    """For each target piece, the index of the whitespace-delimited word it belongs to."""
    index: list[int] = []
    word = -1
    for token in tokens:
        if token.startswith("▁") or word < 0:
            word += 1
        index.append(word)
    return index


def word_matrix(
    attention: Sequence[Sequence[float]],
    source_groups: Sequence[Sequence[int]],
    target_index: Sequence[int],
) -> np.ndarray:
    """Attention summed into a target-words × source-words matrix (pieces merged)."""
    rows = min(len(attention), len(target_index))
    n_target = (max(target_index[:rows]) + 1) if rows else 0
    matrix = np.zeros((n_target, len(source_groups)), dtype=np.float64)
    if rows == 0 or not source_groups:
        return matrix
    att = np.asarray([list(r) for r in attention[:rows]], dtype=np.float64)
    by_source = np.stack(
        [att[:, list(g)].sum(axis=1) if g else np.zeros(rows) for g in source_groups], axis=1
    )
    np.add.at(matrix, np.asarray(target_index[:rows]), by_source)
    return matrix


def repeated_word_indices(words: Sequence[str], n: int) -> frozenset[int]:
    """Indices of the words that look like a looping decoder: empty when the output does not loop.

    A word is marked when it is inside an ``n``-gram that occurs more than once, or inside a run
    of :data:`STUTTER` equal words ("the the the the" is a loop of one word, shorter than ``n``).
    Words are compared lowercased, without surrounding punctuation. The ``possible-hallucination``
    flag is "this set is not empty"; the editor underlines the words in it.
    """
    if n < 1:
        raise ValueError(f"the n-gram length must be at least 1, not {n}")
    lowered = [w.lower().strip(_EDGE_PUNCTUATION) for w in words]
    starts = range(len(lowered) - n + 1)
    grams = Counter(tuple(lowered[i : i + n]) for i in starts)
    marked = {k for i in starts if grams[tuple(lowered[i : i + n])] > 1 for k in range(i, i + n)}
    for i in range(len(lowered) - STUTTER + 1):
        if len(set(lowered[i : i + STUTTER])) == 1:
            marked.update(range(i, i + STUTTER))
    return frozenset(marked)


def map_target_words(
    model_words: Sequence[str], final_words: Sequence[str]
) -> list[tuple[int, ...]]:
    """For each word of the model's output, the words of the final English it became.

    Restoring only rewrites markers (and appends lost items), so the words they did not touch are
    equal on both sides; a stretch that differs maps word for word when both sides have as many
    words (``XZ1 XZ2`` → ``5 7``), else every model word in it to every final word in it
    (``XZ 1`` → ``2020``). Final words no model word became (a lost
    item appended at the end) get no links.
    """
    mapping: list[tuple[int, ...]] = [() for _ in model_words]
    matcher = SequenceMatcher(None, list(model_words), list(final_words), autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        for i in range(i1, i2):
            if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
                mapping[i] = (j1 + i - i1,)
            elif tag == "replace":
                mapping[i] = tuple(range(j1, j2))
    return mapping


def align_words(
    source: str,
    source_pieces: Sequence[str],
    source_spans: Sequence[tuple[int, int]],
    target_tokens: Sequence[str],
    attention: Sequence[Sequence[float]],
    options: WordAlignOptions | None = None,
    output: str | None = None,
) -> WordAlignment:
    """Word links and quality flags for one segment from its attention matrix.

    ``source_spans`` index into ``source`` (the original text); ``attention`` is target pieces ×
    source pieces, ``</s>`` columns included (they are dropped here). With ``output`` (the English
    after verbatim items were restored), links and target words are those of ``output``
    (:func:`map_target_words`); without it, those of the model's own words.
    """
    opts = options or WordAlignOptions()
    keep = [i for i, p in enumerate(source_pieces) if p != EOS]
    words = group_words(source, [source_spans[i] for i in keep])
    groups = [tuple(keep[k] for k in w.pieces) for w in words]
    t_index = target_word_index(target_tokens)
    matrix = word_matrix(attention, groups, t_index)
    target_words = "".join(target_tokens).replace("▁", " ").split()
    links: list[tuple[int, int]] = []
    best_of: Counter[int] = Counter()
    for j, row in enumerate(matrix):
        if row.size == 0 or row.sum() <= 0:
            continue
        i = int(row.argmax())
        if row[i] / row.sum() >= opts.min_weight:
            links.append((i, j))
            best_of[i] += 1
    received = matrix.sum(axis=0) if matrix.size else np.zeros(len(words))
    unattended = tuple(
        i
        for i, w in enumerate(words)
        if received[i] < opts.omission_mass
        and sum(ch.isalpha() for ch in w.text) >= opts.omission_min_letters
    )
    flags = []
    if unattended and matrix.shape[0]:
        flags.append(OMISSION)
    n_target = matrix.shape[0]
    if best_of and max(best_of.values()) >= opts.pile_up and max(best_of.values()) * 2 > n_target:
        flags.append(PILE_UP)
    if repeated_word_indices(target_words, opts.repeat_ngram):
        flags.append(REPETITION)
    if output is not None:
        final_words = output.split()
        mapping = map_target_words(target_words, final_words)
        links = list(dict.fromkeys((i, k) for i, j in links for k in mapping[j]))
        target_words = final_words
    return WordAlignment(
        links=tuple(sorted(links)),
        source_words=tuple(w.text for w in words),
        target_words=tuple(target_words),
        source_spans=tuple((w.start, w.end) for w in words),
        flags=tuple(flags),
        unattended=unattended,
    )


def parse_pharaoh(text: str) -> list[tuple[int, int]]:
    """``"0-0 1-2"`` → ``[(0, 0), (1, 2)]``."""
    out = []
    for pair in text.split():
        i, _, j = pair.partition("-")
        out.append((int(i), int(j)))
    return out
