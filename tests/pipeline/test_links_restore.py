"""A segment whose English changed word count in the restore still gets its word links."""

from __future__ import annotations

from workbench.align.words import parse_pharaoh
from workbench.pipeline.document import _meta
from workbench.translate.types import TranslationResult


def test_links_survive_a_marker_spelled_as_two_words() -> None:
    # "ولد في ٢٠٢٠ هنا" → the model wrote "XZ 1" (two words); the English has "2020" (one).
    rows = [
        (0.9, 0.02, 0.02, 0.02, 0.02, 0.02),
        (0.02, 0.9, 0.02, 0.02, 0.02, 0.02),
        (0.02, 0.02, 0.9, 0.02, 0.02, 0.02),
        (0.02, 0.02, 0.02, 0.9, 0.02, 0.02),
        (0.02, 0.02, 0.02, 0.02, 0.9, 0.02),
    ]
    result = TranslationResult(
        source="ولد في ٢٠٢٠ هنا",
        hypotheses=("born in 2020 here",),
        scores=(-0.5,),
        target_tokens=("▁born", "▁in", "▁XZ", "▁1", "▁here"),
        source_pieces=("▁ولد", "▁في", "▁XZ", "1", "▁هنا", "</s>"),
        source_spans=((0, 3), (4, 6), (7, 11), (7, 11), (12, 15), (15, 15)),
        attention=tuple(rows),
        flags=("placeholder-restored",),
        signature="sig",
    )
    meta = _meta(result)
    links = parse_pharaoh(meta["alignment"])
    english = result.text.split()
    source = result.source.split()
    assert {(source[i], english[j]) for i, j in links} == {
        ("ولد", "born"),
        ("في", "in"),
        ("٢٠٢٠", "2020"),
        ("هنا", "here"),
    }
