"""Alignment: words (from the model's attention) and sentences (of an Arabic text and its English).

``words`` (Pharaoh links from guided-alignment attention, with omission, pile-up and repetition
flags), ``sentences`` (:func:`align_sentences`: MT similarity both ways, a banded DP, link formats),
``features``, ``dp``, ``lexicon``, ``realign``, ``names`` (anchors from names spelled in both
scripts) and ``scoring`` (its parts), and ``bitext`` (two files or texts read, aligned, and links
merged or split by hand).
"""

from workbench.align.bitext import Bitext, align_files, align_texts, merge_links, split_link
from workbench.align.sentences import FORMATS, Link, align_sentences, score_alignment
from workbench.align.words import WordAlignment, WordAlignOptions, align_words, parse_pharaoh

__all__ = [
    "FORMATS",
    "Bitext",
    "Link",
    "WordAlignOptions",
    "WordAlignment",
    "align_files",
    "align_sentences",
    "align_texts",
    "align_words",
    "merge_links",
    "parse_pharaoh",
    "score_alignment",
    "split_link",
]
