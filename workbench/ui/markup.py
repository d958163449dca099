"""Escaped HTML for the editor: the only way text from a document or a translator reaches the page.

Streamlit has no right-to-left support and ``st.markdown`` interprets ``$…$``, ``:red[…]`` and
``**…**`` even in escaped text, so source, MT and edits are shown only through these builders (via
``st.html``) or ``st.text``. Every builder runs :func:`html.escape` on every piece of text; the
only markup is the fixed tags and class names written here. ``white-space: pre-wrap`` (in
:data:`STYLE`) shows the text exactly as stored, spaces and line breaks included.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbench.align.words import (
    OMISSION,
    PILE_UP,
    REPETITION,
    WordAlignOptions,
    parse_pharaoh,
    repeated_word_indices,
)
from workbench.text.chars import ARABIC_SCRIPT, INVISIBLE_NAMES
from workbench.translate.types import (
    COPIED_LETTERLESS,
    HIT_MAX_LENGTH,
    PLACEHOLDER_LOST,
    PLACEHOLDER_RESTORED,
    SPLIT_OVER_LONG,
)
from workbench.ui.style import STYLE as STYLE

STATUS_LABELS = {
    "new": "new",
    "translated": "translated (MT)",
    "tm": "100% memory match",
    "edited": "edited",
    "confirmed": "confirmed",
    "approved": "approved (reviewed)",
}

#: The grid's one-word status badges (the full label is the tooltip).
SHORT_STATUS = {"translated": "MT", "tm": "TM 100%", "approved": "approved"}

FURNITURE_LABEL = "page furniture (not translated)"
DRAFT_LABEL = "draft (typed, not saved)"

#: What each MT flag is called on its badge, and what it means, in plain words (the tooltip and the
#: "what do these flags mean?" list). A flag not listed here is shown by its name.
FLAG_HELP: dict[str, tuple[str, str]] = {
    OMISSION: (
        "possible omission",
        "The model paid (almost) no attention to some source words, so their meaning may be "
        "missing from the MT. They are underlined with dots in the Arabic.",
    ),
    PILE_UP: (
        "attention pile-up",
        "Most of the English was produced while the model looked at one source word: the MT may "
        "be garbled or invented around it. That word is boxed in the Arabic.",
    ),
    REPETITION: (
        "possible hallucination",
        "The MT repeats the same words, a sign of a looping model: it may hold text that is not "
        "in the source. The repeats are underlined with waves in the MT.",
    ),
    HIT_MAX_LENGTH: (
        "cut off?",
        "The MT reached the length limit: its end may be missing, or it may loop.",
    ),
    SPLIT_OVER_LONG: (
        "translated in parts",
        "The source was too long for the model and was translated in pieces: check the joins.",
    ),
    COPIED_LETTERLESS: (
        "copied",
        "The source has no letters (numbers, symbols), so it was copied, not translated.",
    ),
    PLACEHOLDER_RESTORED: (
        "items kept verbatim",
        "URLs, numbers and codes were protected and put back unchanged: check they sit in the "
        "right place.",
    ),
    PLACEHOLDER_LOST: (
        "items appended",
        "The model dropped some URLs, numbers or codes; they were added at the end of the MT: "
        "move them into place.",
    ),
}

#: Tooltip of a source word that got no attention.
UNATTENDED_TITLE = "no attention: possibly omitted"
#: Background of the words linked to the hovered or clicked one.
LINK_COLOR = "#ffc94d"
_CLASS_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")
_RUNS = re.compile(r"\s+|\S+")


def escape(text: str) -> str:
    """HTML-escape ``text``, quotes included."""
    return html.escape(text, quote=True)


def arabic(text: str, *, css: str = "wb-src") -> str:
    """A source block, the text escaped and isolated: right-to-left when it holds Arabic letters.

    A line without Arabic (a Latin date line, a site name) gets ``dir="auto"`` so that, say,
    "• Monday" keeps its bullet in front instead of being laid out right-to-left.
    """
    return f'<div class="{css}" dir="{_direction(text)}" lang="ar">{escape(text)}</div>'


def _direction(text: str) -> str:
    return "rtl" if ARABIC_SCRIPT.search(text) else "auto"


def english(text: str | None, *, css: str = "wb-mt", empty: str = "(no MT yet)") -> str:
    """An English block: left-to-right, isolated, the text escaped; ``empty`` when there is none."""
    if text is None or text == "":
        return f'<div class="{css} wb-empty" dir="ltr" lang="en">{escape(empty)}</div>'
    return f'<div class="{css}" dir="ltr" lang="en">{escape(text)}</div>'


def label(text: str, *, css: str = "wb-label") -> str:
    """A small caption line."""
    return f'<div class="{css}">{escape(text)}</div>'


def draft_note(segment_id: int, text: str) -> str:
    """The line under a row's box that the draft script updates (``data-seg`` finds it)."""
    return f'<div class="wb-label wb-draft-note" data-seg="{int(segment_id)}">{escape(text)}</div>'


def alert(text: str, kind: str = "error") -> str:
    """An alert box like ``st.error``/``st.warning`` whose text is shown literally."""
    if kind not in ("error", "warning", "info"):
        raise ValueError(f"unknown alert kind {kind!r}; choose error, warning or info")
    return f'<div class="wb-alert wb-alert-{kind}" dir="auto">{escape(text)}</div>'


def flag_help(flag: str, omitted: Sequence[str] = ()) -> tuple[str, str]:
    """A flag's badge label and its plain-language explanation (naming ``omitted`` words)."""
    name, meaning = FLAG_HELP.get(flag, (flag, f"Flag {flag!r} was set on this MT."))
    if flag == OMISSION and omitted:
        meaning += " No attention on: " + ", ".join(f"«{word}»" for word in omitted) + "."
    return name, meaning


def segment_header(
    number: int,
    status: str,
    flags: Sequence[str] = (),
    *,
    omitted: Sequence[str] = (),
    explain: bool = True,
    draft: bool = False,
) -> str:
    """The row header: segment number, a status badge (and a draft one) and any MT flags.

    Each flag is a badge in plain words with its meaning as the tooltip; with ``explain``, a
    "what do these flags mean?" line below opens the same explanations (for touch screens, where
    there is no hover). ``omitted`` names the source words a possible omission is about.
    """
    badge = STATUS_LABELS.get(status, status)
    parts = [
        f'<span class="wb-num">#{number}</span>',
        f'<span class="wb-badge wb-st-{escape(status)}">{escape(badge)}</span>',
    ]
    if draft:
        parts.append(f'<span class="wb-badge wb-st-draft">{DRAFT_LABEL}</span>')
    badges, explained = _flags(flags, omitted)
    head = f'<div class="wb-head">{"".join(parts)}{badges}</div>'
    return head + explained if explain else head


def _flags(flags: Sequence[str], omitted: Sequence[str]) -> tuple[str, str]:
    """The flags' badges (meaning as tooltip) and the "what do these flags mean?" list."""
    helps = [(flag, *flag_help(flag, omitted)) for flag in flags]
    if not helps:
        return "", ""
    badges = "".join(
        f'<span class="wb-badge wb-flag" data-flag="{escape(flag)}" title="{escape(meaning)}">'
        f"{escape(name)}</span>"
        for flag, name, meaning in helps
    )
    items = "".join(
        f"<li><b>{escape(name)}</b>: {escape(meaning)}</li>" for _flag, name, meaning in helps
    )
    what = "what does this flag mean?" if len(helps) == 1 else "what do these flags mean?"
    return (
        badges,
        f'<details class="wb-flag-help"><summary>{what}</summary><ul>{items}</ul></details>',
    )


def flag_line(flags: Sequence[str], omitted: Sequence[str] = ()) -> str:
    """The active row's flags: badges in plain words and their explanations ("" for none)."""
    badges, explained = _flags(flags, omitted)
    return f'<div class="wb-head">{badges}</div>{explained}' if badges else ""


def row_head(
    number: int,
    status: str,
    flags: Sequence[str] = (),
    *,
    draft: bool = False,
    badges: Sequence[str] = (),
) -> str:
    """A grid row's first cell: the number, the status (its full name as the tooltip), a draft
    badge, how many flags the MT has (the active row explains them: :func:`flag_line`), then
    ``badges``: other modules' badges, each already escaped HTML (empty ones are skipped)."""
    full = STATUS_LABELS.get(status, status)
    parts = [
        f'<span class="wb-num">#{number}</span>',
        f'<span class="wb-badge wb-st-{escape(status)}" title="{escape(full)}">'
        f"{escape(SHORT_STATUS.get(status, status))}</span>",
    ]
    if draft:
        parts.append(f'<span class="wb-badge wb-st-draft" title="{DRAFT_LABEL}">draft</span>')
    if flags:
        names = ", ".join(flag_help(flag)[0] for flag in flags)
        parts.append(
            f'<span class="wb-badge wb-flag" title="{escape(names)}">⚑ {len(flags)}</span>'
        )
    parts += [badge for badge in badges if badge]
    return f'<div class="wb-head wb-rowhead" data-status="{escape(status)}">{"".join(parts)}</div>'


@dataclass(frozen=True)
class WordLinks:
    """A segment's stored word alignment, checked against its source and MT.

    Words are the whitespace-delimited words of the stored source and MT (``str.split``), as the
    aligner counts them; ``links`` are ``(source word, MT word)`` pairs. ``piled`` is the source
    word most MT words link to (when the MT is flagged for a pile-up), ``repeated`` the MT words in
    repeated n-grams (when it is flagged for a possible hallucination).
    """

    links: tuple[tuple[int, int], ...]
    source_words: tuple[str, ...]
    target_words: tuple[str, ...]
    unattended: frozenset[int] = frozenset()
    piled: frozenset[int] = frozenset()
    repeated: frozenset[int] = frozenset()

    @property
    def omitted(self) -> list[str]:
        """The unattended source words, in order."""
        return [self.source_words[i] for i in sorted(self.unattended)]


def word_links(source: str, mt: str | None, meta: object) -> WordLinks | None:
    """The alignment stored in ``meta`` (a segment's ``mt_meta``), or None.

    None when there is no MT or no alignment, or when the alignment does not fit the words (not
    Pharaoh ``i-j`` pairs, or an index past the last word): the row then shows plain text.
    """
    if not mt or not isinstance(meta, Mapping):
        return None
    pharaoh = meta.get("alignment")
    if not isinstance(pharaoh, str):
        return None
    source_words, target_words = tuple(source.split()), tuple(mt.split())
    try:
        pairs = parse_pharaoh(pharaoh)
    except ValueError:
        return None
    if not source_words or not target_words:
        return None
    if any(not (0 <= i < len(source_words) and 0 <= j < len(target_words)) for i, j in pairs):
        return None
    raw = meta.get("unattended")
    unattended = frozenset(
        i
        for i in (raw if isinstance(raw, list) else [])
        if isinstance(i, int) and not isinstance(i, bool) and 0 <= i < len(source_words)
    )
    stored = meta.get("flags")
    flags = stored if isinstance(stored, list) else []
    piled: frozenset[int] = frozenset()
    if PILE_UP in flags and pairs:
        counts = Counter(i for i, _ in pairs)
        top = max(counts.values())
        piled = frozenset(i for i, c in counts.items() if c == top)
    repeated = (
        repeated_word_indices(target_words, WordAlignOptions().repeat_ngram)
        if REPETITION in flags
        else frozenset()
    )
    return WordLinks(
        tuple(sorted(set(pairs))), source_words, target_words, unattended, piled, repeated
    )


def _word_spans(text: str, attr: str, classes: Mapping[int, str], titles: Mapping[int, str]) -> str:
    """``text`` with each whitespace-delimited word in a numbered span; whitespace kept as is."""
    out = []
    n = 0
    for run in _RUNS.findall(text):
        if run.isspace():
            out.append(escape(run))
            continue
        css = "wb-w" + (f" {classes[n]}" if n in classes else "")
        title = f' title="{escape(titles[n])}"' if n in titles else ""
        out.append(f'<span class="{css}" {attr}="{n}" tabindex="-1"{title}>{escape(run)}</span>')
        n += 1
    return "".join(out)


def alignment_style(links: WordLinks, scope: str) -> str:
    """The ``<style>`` that lights up linked words: no JavaScript, only ``:has()`` rules.

    ``scope`` is the class of an element holding both the Arabic and the MT block of this segment
    (and of no other segment): hovering or focusing (clicking) a word there colours the words it is
    linked to. Empty when there are no links.
    """
    if not _CLASS_NAME.match(scope):
        raise ValueError(f"not a CSS class name: {scope!r}")
    to_source: dict[int, list[int]] = {}
    to_target: dict[int, list[int]] = {}
    for i, j in links.links:
        to_source.setdefault(j, []).append(i)
        to_target.setdefault(i, []).append(j)

    def either(attr: str, words: list[int]) -> str:
        one = [f'[{attr}="{n}"]' for n in words]
        return one[0] if len(one) == 1 else f":is({','.join(one)})"

    active = ":is(:hover,:focus)"
    selectors = [
        f'.{scope}:has([data-t="{j}"]{active}) {either("data-s", sources)}'
        for j, sources in sorted(to_source.items())
    ] + [
        f'.{scope}:has([data-s="{i}"]{active}) {either("data-t", targets)}'
        for i, targets in sorted(to_target.items())
    ]
    if not selectors:
        return ""
    rule = ",\n".join(selectors)
    return f"<style>\n{rule} {{ background-color: {LINK_COLOR}; }}\n</style>"


def aligned_arabic(source: str, links: WordLinks) -> str:
    """The source block (as :func:`arabic`) with each word a span ``data-s="i"``.

    Unattended words are underlined with dots and say so in their tooltip; the piled-up word is boxed.
    """
    classes: dict[int, str] = {}
    titles: dict[int, str] = {}
    for i in links.piled:
        classes[i] = "wb-pile"
        titles[i] = "many English words come from this word"
    for i in links.unattended:
        classes[i] = (classes.get(i, "") + " wb-unatt").strip()
        titles[i] = UNATTENDED_TITLE
    spans = _word_spans(source, "data-s", classes, titles)
    return f'<div class="wb-src wb-aligned" dir="{_direction(source)}" lang="ar">{spans}</div>'


def aligned_english(mt: str, links: WordLinks) -> str:
    """The MT block (as :func:`english`) with each word a span ``data-t="j"``; repeats marked."""
    classes = {j: "wb-rep" for j in links.repeated}
    titles = {j: "repeated: possibly not in the source" for j in links.repeated}
    spans = _word_spans(mt, "data-t", classes, titles)
    return f'<div class="wb-mt wb-aligned" dir="ltr" lang="en">{spans}</div>'


def furniture(number: int, text: str) -> str:
    """A page-furniture row: greyed, labelled, not editable."""
    return (
        f'<div class="wb-furniture"><div class="wb-head"><span class="wb-num">#{number}</span>'
        f'<span class="wb-badge wb-st-new">{escape(FURNITURE_LABEL)}</span></div>'
        f"{arabic(text)}</div>"
    )


def invisible_characters(text: str) -> list[str]:
    """Names of the invisible characters in ``text`` (bidi controls, zero-width marks), in order of
    first appearance, e.g. ``["RLO U+202E", "ZWJ U+200D"]``."""
    seen: dict[str, str] = {}
    for char in text:
        if char in seen:
            continue
        name = INVISIBLE_NAMES.get(char)
        if name is None and unicodedata.category(char) == "Cf":
            name = unicodedata.name(char, "format character")
        if name is not None:
            seen[char] = f"{name} U+{ord(char):04X}"
    return list(seen.values())
