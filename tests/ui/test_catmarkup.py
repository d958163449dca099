"""The CAT panels' HTML: escaped, the differences marked, the terms' words found."""

from __future__ import annotations

import pytest

from workbench.memory.memory import Entry, Match
from workbench.quality.qa import Issue
from workbench.terms.glossary import Glossary, Term
from workbench.ui import catmarkup


@pytest.mark.parametrize(
    ("score", "shown"), [(100.0, "100%"), (99.96, "99%"), (87.4, "87%"), (70.0, "70%")]
)
def test_percent_never_rounds_up_to_an_exact_match(score: float, shown: str) -> None:
    assert catmarkup.percent(score) == shown


def test_tm_match_marks_the_differences_and_escapes() -> None:
    entry = Entry("قال <الوزير> أمس", "He said <b>&</b>", "document 1", "t", 1, "a<b")
    html = catmarkup.tm_match(Match(entry, 81.2), "قال <الوزير> اليوم", 1)
    assert '<span class="wb-tm-changed" title="differs from this segment">أمس</span>' in html
    assert "&lt;الوزير&gt;" in html and "He said &lt;b&gt;&amp;&lt;/b&gt;" in html
    assert "confirmed by a&lt;b" in html and "<b>" not in html
    assert "81%" in html


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("قال إن وبالجيش أيضا", [2]),
        ("للجيش، والجيش.", [0, 1]),
        ("اتفاق بين الجيش والحكومة", [2]),
        ("لا شيء هنا", []),
    ],
)
def test_term_words_through_clitics(source: str, words: list[int]) -> None:
    hits = Glossary([Term("الجيش", "the army")]).find(source)
    assert catmarkup.term_words(source, hits) == words


def test_terms_and_style_escape_and_refuse_a_bad_scope() -> None:
    hits = Glossary([Term("الجيش", "the <army>", ("<x>",), 'note "q"')]).find("وبالجيش")
    html = catmarkup.terms("وبالجيش", hits)
    assert '<mark dir="rtl" lang="ar">وبالجيش</mark>' in html
    assert "the &lt;army&gt;" in html and "&lt;x&gt;" in html and "&quot;q&quot;" in html
    assert '[data-s="0"]' in catmarkup.term_style("وبالجيش", hits, "st-key-wb-row-1")
    with pytest.raises(ValueError):
        catmarkup.term_style("وبالجيش", hits, "x{}")


def test_qa_badges() -> None:
    issue = Issue("number-mismatch", "<25> missing")
    html = catmarkup.qa_badges([issue], [Issue("double-space", "")])
    assert 'data-qa="number-mismatch"' in html and "&lt;25&gt; missing" in html
    assert "wb-qa wb-qa-mt" in html and "MT: " in html
    assert "no issues" in catmarkup.qa_badges([], [])
    assert catmarkup.qa_badges(None, []) == ""
