"""Escaped HTML for the editor's CAT panels: memory matches, glossary terms, QA badges.

Like :mod:`workbench.ui.markup`, every piece of text from a document, the memory or the glossary
goes through :func:`~workbench.ui.markup.escape`; the only markup is the fixed tags and classes
here. Nothing here imports Streamlit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from workbench.memory.memory import Match, source_diff
from workbench.quality.qa import CODES, Issue
from workbench.terms.glossary import TermHit
from workbench.ui.markup import escape

STYLE = """<style>
.wb-tm { border-left: 3px solid #6a8fd0; padding: 0.2rem 0.5rem; margin: 0 0 0.25rem 0;
  background: #f5f8fd; border-radius: 0.3rem; font-size: 0.9rem; }
.wb-tm-pct { font-weight: 700; color: #1f4e99; margin-right: 0.4rem; }
.wb-tm-pct.wb-tm-exact { color: #1b6b33; }
.wb-tm-src { direction: rtl; unicode-bidi: isolate; font-size: 1rem; }
.wb-tm-changed { background: #fde2e1; border-radius: 0.2rem; }
.wb-tm-extra { background: #fff1c4; text-decoration: underline dotted; border-radius: 0.2rem; }
.wb-tm-en { unicode-bidi: isolate; }
.wb-tm-from { color: #777; font-size: 0.75rem; }
.wb-terms { font-size: 0.85rem; margin: 0.1rem 0 0.3rem 0; }
.wb-term { display: inline-block; background: #eef7ee; border-radius: 0.6rem;
  padding: 0.05rem 0.5rem; margin: 0 0.3rem 0.2rem 0; }
.wb-term mark { background: #c8ecc8; border-radius: 0.2rem; unicode-bidi: isolate; }
.wb-term-en { font-weight: 600; unicode-bidi: isolate; }
.wb-term-no { color: #8a1c17; text-decoration: line-through; }
.wb-qa { display: inline-block; border-radius: 0.8rem; padding: 0.05rem 0.55rem;
  font-size: 0.75rem; margin: 0 0.25rem 0.2rem 0; background: #fff0e0; color: #8a4b00;
  cursor: help; }
.wb-qa.wb-qa-mt { background: #f0f0f0; color: #555; }
.wb-qa-ok { font-size: 0.75rem; color: #1b6b33; }
.wb-badge.wb-qa-count { background: #fff0e0; color: #8a4b00; cursor: help; }
.wb-badge.wb-qa-count.wb-qa-mt { background: #f0f0f0; color: #555; }
.wb-badge.wb-comments { background: #e8e4f7; color: #43307a; cursor: help; }
</style>"""

_CLASS_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_RUNS = re.compile(r"\S+")


def percent(score: float) -> str:
    """A match percentage as shown: ``100%`` only for an exact match, else rounded down."""
    return "100%" if score >= 100.0 else f"{min(int(score), 99)}%"


def tm_match(match: Match, query: str, n: int) -> str:
    """One memory match: number, percentage, its source with the words that differ from
    ``query`` highlighted (changed: red, not in the query: yellow), its English, where from."""
    parts = []
    for kind, text in source_diff(query, match.entry.source):
        css = "" if kind == "equal" else f' class="wb-tm-{kind}"'
        title = {"changed": "differs from this segment", "extra": "not in this segment"}.get(kind)
        tip = f' title="{title}"' if title else ""
        parts.append(f"<span{css}{tip}>{escape(text)}</span>")
    exact = " wb-tm-exact" if match.exact else ""
    where = match.entry.origin + (f", confirmed by {match.entry.by}" if match.entry.by else "")
    return (
        f'<div class="wb-tm" data-tm="{int(n)}">'
        f'<span class="wb-tm-pct{exact}">#{int(n)} · {percent(match.score)}</span>'
        f'<span class="wb-tm-from">{escape(where)}</span>'
        f'<div class="wb-tm-src" dir="rtl" lang="ar">{" ".join(parts)}</div>'
        f'<div class="wb-tm-en" dir="ltr" lang="en">{escape(match.entry.target)}</div></div>'
    )


def terms(source: str, hits: Sequence[TermHit]) -> str:
    """The glossary terms found in ``source``: each as written there (its clitics included),
    the term's own letters marked, then its preferred English and any forbidden variants."""
    chips = []
    for hit in hits:
        written = source[hit.found.start : hit.found.end]
        term = hit.term
        forbidden = "".join(
            f' <span class="wb-term-no" title="forbidden">{escape(v)}</span>'
            for v in term.forbidden
        )
        note = f' title="{escape(term.note)}"' if term.note else ""
        chips.append(
            f'<span class="wb-term"{note}><mark dir="rtl" lang="ar">{escape(written)}</mark>'
            f' → <span class="wb-term-en" dir="ltr" lang="en">{escape(term.target)}</span>'
            f"{forbidden}</span>"
        )
    return f'<div class="wb-terms">{"".join(chips)}</div>' if chips else ""


def term_words(source: str, hits: Sequence[TermHit]) -> list[int]:
    """Indices of the whitespace-delimited words of ``source`` that hold a found term."""
    spans = [(h.found.start, h.found.end) for h in hits]
    return [
        n
        for n, m in enumerate(_RUNS.finditer(source))
        if any(m.start() < end and start < m.end() for start, end in spans)
    ]


def term_style(source: str, hits: Sequence[TermHit], scope: str) -> str:
    """CSS marking the terms' words in a word-by-word Arabic block (``data-s`` spans) inside
    the element of class ``scope``; empty when there is nothing to mark."""
    if not _CLASS_NAME.match(scope):
        raise ValueError(f"not a CSS class name: {scope!r}")
    words = term_words(source, hits)
    if not words:
        return ""
    selectors = ", ".join(f'.{scope} .wb-src [data-s="{n}"]' for n in words)
    return (
        f"<style>{selectors} {{ box-shadow: inset 0 -0.35em 0 #c8ecc8; "
        "border-radius: 0.2rem; }</style>"
    )


def _badge(issue: Issue, css: str, prefix: str) -> str:
    meaning = CODES.get(issue.code, issue.code)
    title = f"{prefix}{meaning}: {issue.detail}" if issue.detail else f"{prefix}{meaning}"
    return f'<span class="{css}" data-qa="{escape(issue.code)}" title="{escape(title)}">{escape(issue.code)}</span>'


def qa_badges(english: Sequence[Issue] | None, mt: Sequence[Issue]) -> str:
    """Badges for the issues of the English (``None``: no English of the translator's own yet)
    and, greyed and labelled, those of the MT."""
    out = []
    if english is not None:
        if english:
            out.append('<span class="wb-label">QA, your English:</span> ')
            out += [_badge(i, "wb-qa", "") for i in english]
        else:
            out.append('<span class="wb-qa-ok">QA: no issues in your English</span> ')
    if mt:
        out.append('<span class="wb-label">QA, the MT:</span> ')
        out += [_badge(i, "wb-qa wb-qa-mt", "MT: ") for i in mt]
    return f'<div class="wb-qa-line">{"".join(out)}</div>' if out else ""


def qa_count(issues: Sequence[Issue], *, mt: bool) -> str:
    """A grid row's compact QA badge, "QA n": the issues of the translator's English (or, with
    ``mt``, greyed, of the MT), each code with its detail in the tooltip; empty without issues."""
    if not issues:
        return ""
    whose = "the MT" if mt else "your English"
    lines = [f"QA issues of {whose}:"]
    lines += [f"{i.code}: {i.detail}" if i.detail else i.code for i in issues]
    codes = " ".join(dict.fromkeys(i.code for i in issues))
    css = "wb-badge wb-qa-count" + (" wb-qa-mt" if mt else "")
    return (
        f'<span class="{css}" data-qa-codes="{escape(codes)}" title="{escape(chr(10).join(lines))}">'
        f"QA {len(issues)}</span>"
    )
