"""Reading and cutting Arabic text: files → documents → line blocks → sentences, all as spans.

``records`` (Document, Block, Sentence), ``lines`` (the one line rule), ``chars`` (Arabic letters,
digits, invisible characters, word counts), ``verbatim`` (URLs, numbers... that pass through
unchanged), ``read`` (strict decoding, binary/empty refusal, page furniture, language warnings) and
``segment`` (sentence boundaries). The lowest layer: it imports nothing else of the workbench.
"""

from workbench.text.chars import count_words
from workbench.text.lines import iter_lines, read_lines, split_lines
from workbench.text.read import classify, decode, read_bytes, read_file, read_text
from workbench.text.records import Block, Document, Sentence
from workbench.text.segment import SEGMENTER_VERSION, iter_sentences, segment_text, split_sentences
from workbench.text.verbatim import verbatim_spans

__all__ = [
    "SEGMENTER_VERSION",
    "Block",
    "Document",
    "Sentence",
    "classify",
    "count_words",
    "decode",
    "iter_lines",
    "iter_sentences",
    "read_bytes",
    "read_file",
    "read_lines",
    "read_text",
    "segment_text",
    "split_lines",
    "split_sentences",
    "verbatim_spans",
]
