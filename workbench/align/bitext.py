"""Bitext: two documents (files or texts in memory), segmented if asked, aligned, edited, saved.

The library side of ``workbench align`` and of the Align page: everything but printing and
drawing. Line files are read strictly (UTF-8, a final newline is not an extra line, empty lines
keep their index); plain paragraphs are cut into sentences with the project's segmenter first
(``segment=True``), and the links then index those sentences.

Links are edited by hand with :func:`merge_links` and :func:`split_link`; both keep the links
covering every line of both sides once, in order (:func:`covers`), and give the links they make
the score :data:`MANUAL_SCORE`. :func:`workbench.pipeline.bitext.save_aligned` stores the result
as a document whose English is a human translation.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.align.sentences import AlignOptions, Link, align_sentences
from workbench.errors import ModelError
from workbench.model.notices import STANDIN_ALIGN_NOTE as STANDIN_NOTE
from workbench.text.lines import read_lines, split_lines
from workbench.text.read import check_text, language_warnings
from workbench.text.segment import split_sentences
from workbench.translate.types import Translator

#: Score of a link made by hand (merged or split): NaN, as the aligner never scored it.
MANUAL_SCORE = math.nan
NO_MODEL_NOTE = "no translation model is loaded: aligning without machine translation"


@dataclass(frozen=True)
class Bitext:
    """Two aligned documents: their units (lines or sentences), the links, and notes for the user."""

    src: list[str]
    tgt: list[str]
    links: list[Link]
    signature: str
    notes: list[str] = field(default_factory=list)


def read_units(path: str | Path, *, segment: bool) -> list[str]:
    """The lines of ``path``; with ``segment``, the sentences of its paragraphs instead."""
    lines = read_lines(path)
    if not segment:
        return lines
    return split_sentences("\n".join(lines))


def _mostly_arabic(lines: Sequence[str]) -> bool:
    text = "\n".join(lines)
    return bool(text.strip()) and not language_warnings(text)


def _auto_translation(
    units: Sequence[str], translator: Callable[[], Translator | None] | None, hint: str
) -> tuple[list[str] | None, str, str | None]:
    """``(mt, made, note)``: the installed real model's MT of Arabic ``units`` and its name for
    the signature, or ``(None, "none", why not)``; the note is None when no MT was wanted."""
    if translator is None or not _mostly_arabic(units):
        return None, "none", None
    try:
        model = translator()
    except ModelError as err:
        return None, "none", f"aligning without machine translation: {err}"
    if model is None:
        return None, "none", f"{NO_MODEL_NOTE}; {hint}"
    if model.is_standin:
        return None, "none", f"{STANDIN_NOTE}; {hint}"
    return [r.text for r in model.translate(units)], f"workbench-{model.model_name}", None


def align_files(
    src: str | Path,
    tgt: str | Path,
    *,
    translation: str | Path | None = None,
    reverse_translation: str | Path | None = None,
    segment: bool = False,
    translator: Callable[[], Translator] | None = None,
    options: AlignOptions | None = None,
) -> Bitext:
    """Align the documents ``src`` and ``tgt`` (see :func:`workbench.align.sentences.align_sentences`).

    Without either translation file, an Arabic ``src`` is translated with ``translator()`` (the
    installed model) when it is the real model; a stand-in's output is noise, so then the alignment
    goes on without MT and a note says so.
    """
    opts = options or AlignOptions()
    src_units = read_units(src, segment=segment)
    tgt_units = read_units(tgt, segment=segment)
    mt = read_lines(translation) if translation is not None else None
    back = read_lines(reverse_translation) if reverse_translation is not None else None
    notes: list[str] = []
    made = "file" if mt is not None else "none"
    if mt is None and back is None:
        mt, made, note = _auto_translation(
            src_units,
            translator,
            "pass --translation / --reverse-translation, or install the real model, for better "
            "links",
        )
        notes += [note] if note else []
    names = {"src": str(src), "tgt": str(tgt)}
    if translation is not None:
        names["translation"] = str(translation)
    if reverse_translation is not None:
        names["reverse_translation"] = str(reverse_translation)
    links = align_sentences(
        src_units, tgt_units, translation=mt, reverse_translation=back, options=opts, names=names
    )
    signature = str(
        opts.signature(
            translation=made,
            reverse_translation="file" if back is not None else "none",
            segment="yes" if segment else "no",
        )
    )
    return Bitext(src_units, tgt_units, links, signature, notes)


def text_units(text: str, *, segment: bool) -> list[str]:
    """The lines of ``text`` (the ingest line rule; a final line break makes no extra line);
    with ``segment``, the sentences of its paragraphs instead. Each unit is a slice of ``text``."""
    if segment:
        return split_sentences(text)
    return split_lines(text)


def align_texts(
    src_text: str,
    tgt_text: str,
    *,
    segment: bool = False,
    translator: Translator | None = None,
    options: AlignOptions | None = None,
) -> Bitext:
    """Align an Arabic text and its English translation held in memory (the Align page).

    Like :func:`align_files`, with the loaded ``translator`` in place of translation files: the
    Arabic is machine-translated first when it is the real model; with a stand-in or no model the
    alignment goes on without MT and a note says so. Raises :class:`InputError` for an empty or
    whitespace-only side.
    """
    check_text(src_text, name="the Arabic text")
    check_text(tgt_text, name="the English text")
    opts = options or AlignOptions()
    src_units = text_units(src_text, segment=segment)
    tgt_units = text_units(tgt_text, segment=segment)
    mt, made, note = _auto_translation(
        src_units, lambda: translator, "install the real model for better links"
    )
    links = align_sentences(src_units, tgt_units, translation=mt, options=opts)
    signature = opts.signature(
        translation=made, reverse_translation="none", segment="yes" if segment else "no"
    )
    return Bitext(src_units, tgt_units, links, str(signature), [note] if note else [])


def link_type(link: Link) -> str:
    """``"2-1"``: how many source and target lines the link holds."""
    return f"{len(link.src)}-{len(link.tgt)}"


def covers(links: Sequence[Link], n_src: int, n_tgt: int) -> bool:
    """Whether ``links`` cover source lines ``0..n_src-1`` and target lines ``0..n_tgt-1`` each
    exactly once, in order, with no empty link."""
    if any(not link.src and not link.tgt for link in links):
        return False
    src = [i for link in links for i in link.src]
    tgt = [j for link in links for j in link.tgt]
    return src == list(range(n_src)) and tgt == list(range(n_tgt))


def merge_links(links: Sequence[Link], k: int) -> list[Link]:
    """Merge link ``k`` with link ``k + 1``: one link holding the lines of both, in order."""
    if not 0 <= k < len(links) - 1:
        raise IndexError(f"link {k} has no next link to merge with ({len(links)} links, 0-based)")
    first, second = links[k], links[k + 1]
    merged = Link(first.src + second.src, first.tgt + second.tgt, MANUAL_SCORE)
    return [*links[:k], merged, *links[k + 2 :]]


def default_cut(link: Link) -> tuple[int, int]:
    """Where :func:`split_link` cuts ``link`` when not told: the first half of each side (the
    larger half, so 2-1 gives 1-1 + 1-0); a 1-1 link becomes 1-0 + 0-1."""
    ns, nt = len(link.src), len(link.tgt)
    if ns <= 1 and nt <= 1:
        return ns, 0
    return (ns + 1) // 2, (nt + 1) // 2


def split_link(
    links: Sequence[Link], k: int, src_at: int | None = None, tgt_at: int | None = None
) -> list[Link]:
    """Split link ``k`` in two: its first ``src_at`` source and ``tgt_at`` target lines, then
    the rest (both parts must keep a line). Without a cut, :func:`default_cut` decides.

    Splitting the parts again reaches every finer alignment; merging undoes a split.
    """
    if not 0 <= k < len(links):
        raise IndexError(f"there is no link {k} to split ({len(links)} links, 0-based)")
    link = links[k]
    if src_at is None or tgt_at is None:
        src_at, tgt_at = default_cut(link)
    if not (0 <= src_at <= len(link.src) and 0 <= tgt_at <= len(link.tgt)):
        raise ValueError(
            f"cannot cut a {link_type(link)} link after {src_at} source and {tgt_at} target lines"
        )
    first = Link(link.src[:src_at], link.tgt[:tgt_at], MANUAL_SCORE)
    second = Link(link.src[src_at:], link.tgt[tgt_at:], MANUAL_SCORE)
    if not (first.src or first.tgt) or not (second.src or second.tgt):
        raise ValueError(
            f"a {link_type(link)} link cut after {src_at} source and {tgt_at} target lines "
            "leaves an empty part; a link with one line cannot be split"
        )
    return [*links[:k], first, second, *links[k + 1 :]]
