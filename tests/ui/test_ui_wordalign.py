"""The editor's word-alignment markup: word spans, the ``:has()`` rules, the flags explained."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import pytest

from workbench.align.words import OMISSION, PILE_UP, REPETITION
from workbench.testing import FakeTranslator
from workbench.translate.types import SPLIT_OVER_LONG, TranslationOptions
from workbench.ui import editing, markup

SCOPE = "st-key-wb-row-12"
HOSTILE = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "</style>", "&amp;"]


def _links(source: str, mt: str, alignment: str, **meta: object) -> markup.WordLinks:
    links = markup.word_links(source, mt, {"alignment": alignment, **meta})
    assert links is not None
    return links


def _text(block: str) -> str:
    """What a browser shows of a block: tags dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", block))


def test_links_become_spans_and_rules() -> None:
    links = _links("قال الوزير", "minister said", "0-1 1-0")
    assert links.links == ((0, 1), (1, 0))
    arabic = markup.aligned_arabic("قال الوزير", links)
    assert arabic.startswith('<div class="wb-src wb-aligned" dir="rtl" lang="ar">')
    assert '<span class="wb-w" data-s="0" tabindex="-1">قال</span>' in arabic
    assert '<span class="wb-w" data-s="1" tabindex="-1">الوزير</span>' in arabic
    english = markup.aligned_english("minister said", links)
    assert english.startswith('<div class="wb-mt wb-aligned" dir="ltr" lang="en">')
    assert '<span class="wb-w" data-t="0" tabindex="-1">minister</span>' in english
    assert '<span class="wb-w" data-t="1" tabindex="-1">said</span>' in english
    style = markup.alignment_style(links, SCOPE)
    assert style.startswith("<style>") and style.endswith("</style>")
    on = ":is(:hover,:focus)"
    for rule in (
        f'.{SCOPE}:has([data-t="1"]{on}) [data-s="0"]',  # MT "said" → Arabic "قال"
        f'.{SCOPE}:has([data-t="0"]{on}) [data-s="1"]',
        f'.{SCOPE}:has([data-s="0"]{on}) [data-t="1"]',  # and the reverse
        f'.{SCOPE}:has([data-s="1"]{on}) [data-t="0"]',
    ):
        assert rule in style
    assert f"background-color: {markup.LINK_COLOR}" in style


def test_one_word_linked_to_several() -> None:
    links = _links("قال الوزير", "the minister said", "0-2 1-0 1-1")
    style = markup.alignment_style(links, SCOPE)
    assert f'.{SCOPE}:has([data-s="1"]:is(:hover,:focus)) :is([data-t="0"],[data-t="1"])' in style


def test_whitespace_is_kept_and_words_counted_like_split() -> None:
    source = "  أ\u00a0ب\tج\n\nد\u2028هـ\x1cو ز\u200bح  "
    words = source.split()
    links = _links(source, "x", " ".join(f"{i}-0" for i in range(len(words))))
    block = markup.aligned_arabic(source, links)
    assert block.count('class="wb-w"') == len(words) == 7
    assert _text(block) == source
    spans = re.findall(r'data-s="(\d+)" tabindex="-1">([^<]*)<', block)
    assert [(int(n), html.unescape(w)) for n, w in spans] == list(enumerate(words))


def test_hostile_words_are_escaped() -> None:
    source = "قال " + " ".join(HOSTILE)
    mt = "said " + " ".join(HOSTILE)
    n = len(source.split())
    links = _links(source, mt, " ".join(f"{i}-{i}" for i in range(n)), unattended=[1])
    for block in (markup.aligned_arabic(source, links), markup.aligned_english(mt, links)):
        assert "<script>" not in block and "<img" not in block and "</style>" not in block
        assert markup.escape("<script>alert(1)</script>") in block
        assert "&amp;amp;" in block
        assert _text(block).endswith(" ".join(HOSTILE))
    style = markup.alignment_style(links, SCOPE)
    assert re.fullmatch(r"<style>\n[^<>]*\n</style>", style), "only numbers go into the CSS"
    header = markup.segment_header(1, "translated", [OMISSION, "<b>x</b>"], omitted=links.omitted)
    assert "<b>x</b>" not in header and "&lt;b&gt;x&lt;/b&gt;" in header
    assert "<script>" not in header and "&lt;script&gt;" in header
    with pytest.raises(ValueError):
        markup.alignment_style(links, "x{}</style><script>")


@pytest.mark.parametrize(
    ("mt", "meta"),
    [
        ("minister said", None),
        ("minister said", {}),
        ("minister said", {"flags": []}),
        ("minister said", {"alignment": None}),
        ("minister said", {"alignment": ["0-1"]}),
        ("minister said", {"alignment": "junk"}),
        ("minister said", {"alignment": "0-1 1"}),
        ("minister said", {"alignment": "0--1"}),
        ("minister said", {"alignment": "2-0"}),  # the source has two words
        ("minister said", {"alignment": "0-2"}),  # so has the MT
        (None, {"alignment": "0-0"}),
        ("", {"alignment": "0-0"}),
        ("minister said", "0-1 1-0"),
    ],
)
def test_missing_or_invalid_alignment_means_plain_text(mt: str | None, meta: object) -> None:
    assert markup.word_links("قال الوزير", mt, meta) is None


def test_bad_unattended_entries_are_ignored() -> None:
    links = _links("قال الوزير", "said", "0-0", unattended=[1, 7, -1, "0", True])
    assert links.unattended == frozenset({1})


def test_unattended_words_are_marked() -> None:
    links = _links("قال الوزير اليوم", "said", "0-0", unattended=[1, 2], flags=[OMISSION])
    assert links.omitted == ["الوزير", "اليوم"]
    block = markup.aligned_arabic("قال الوزير اليوم", links)
    assert (
        f'<span class="wb-w wb-unatt" data-s="1" tabindex="-1" title="{markup.UNATTENDED_TITLE}">'
        "الوزير</span>"
    ) in block
    assert '<span class="wb-w" data-s="0" tabindex="-1">قال</span>' in block
    assert "no attention: possibly omitted" in block


def test_pile_up_and_repetition_are_marked() -> None:
    links = _links(
        "قال الوزير اليوم",
        "the the the the minister",
        "1-0 1-1 1-2 1-3 0-4",
        flags=[PILE_UP, REPETITION],
    )
    assert links.piled == frozenset({1})
    assert links.repeated == frozenset({0, 1, 2, 3})
    assert 'class="wb-w wb-pile" data-s="1"' in markup.aligned_arabic("قال الوزير اليوم", links)
    english = markup.aligned_english("the the the the minister", links)
    assert english.count("wb-rep") == 4
    assert '<span class="wb-w" data-t="4" tabindex="-1">minister</span>' in english
    plain = _links("قال الوزير اليوم", "the the the the minister", "1-0 1-1 1-2 1-3 0-4")
    assert not plain.piled and not plain.repeated, "marked only when the pipeline flagged it"


def test_no_links_no_style() -> None:
    links = _links("قال", "said", "")
    assert links.links == ()
    assert markup.alignment_style(links, SCOPE) == ""


def test_flag_badges_explain_themselves() -> None:
    header = markup.segment_header(
        3, "translated", [OMISSION, PILE_UP, REPETITION, SPLIT_OVER_LONG, "new-flag"]
    )
    for flag in (OMISSION, PILE_UP, REPETITION, SPLIT_OVER_LONG):
        name, meaning = markup.FLAG_HELP[flag]
        assert f'data-flag="{flag}" title="{markup.escape(meaning)}">{name}</span>' in header
        assert f"<li><b>{name}</b>: {markup.escape(meaning)}</li>" in header
    assert ">possible omission<" in header and ">possible hallucination<" in header
    assert 'data-flag="new-flag"' in header and ">new-flag<" in header
    assert "<details" in header and "what do these flags mean?" in header
    omission = markup.segment_header(1, "translated", [OMISSION], omitted=["الوزير"])
    assert "No attention on: «الوزير»." in omission and "what does this flag mean?" in omission
    bare = markup.segment_header(1, "translated")
    assert "<details" not in bare and "wb-flag" not in bare
    assert "<details" not in markup.segment_header(1, "translated", [OMISSION], explain=False)


@dataclass
class _WithOptions:
    options: TranslationOptions


def test_document_options_keep_the_translator_options() -> None:
    assert editing.document_options(FakeTranslator()) == TranslationOptions(return_attention=True)
    loaded = _WithOptions(TranslationOptions(beam_size=2, device="cpu"))
    options = editing.document_options(loaded)  # type: ignore[arg-type]
    assert options == TranslationOptions(beam_size=2, device="cpu", return_attention=True)


def test_fake_translator_attention_is_opt_in() -> None:
    text = "قال الوزير اليوم"
    plain = FakeTranslator().translate([text], TranslationOptions(return_attention=True))[0]
    assert plain.attention is None
    fake = FakeTranslator(["said the minister today"], attention=True)
    assert fake.translate([text])[0].attention is None, "only when attention is asked for"
    fake.queue_outputs("said the minister today")
    result = fake.translate([text], TranslationOptions(return_attention=True))[0]
    assert result.source_pieces == ("▁قال", "▁الوزير", "▁اليوم", "</s>")
    assert result.target_tokens == ("▁said", "▁the", "▁minister", "▁today")
    assert result.attention is not None
    assert [row.index(1.0) for row in result.attention] == [0, 0, 1, 2]
