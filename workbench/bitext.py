"""Bitext from files: read two documents (and their translations), segment if asked, align.

The library side of ``workbench align``: everything but printing. Line files are read strictly
(UTF-8, a final newline is not an extra line, empty lines keep their index); plain paragraphs are
cut into sentences with the project's segmenter first (``segment=True``), and the links then index
those sentences.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from workbench.errors import ModelError
from workbench.evaluate import read_lines
from workbench.ingest import language_warnings
from workbench.segment import split_sentences
from workbench.sentalign import AlignOptions, Link, align_sentences
from workbench.translation import Translator


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
    """Align the documents ``src`` and ``tgt`` (see :func:`workbench.sentalign.align_sentences`).

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
    if mt is None and back is None and translator is not None and _mostly_arabic(src_units):
        try:
            model: Translator | None = translator()
        except ModelError as err:
            notes.append(f"aligning without machine translation: {err}")
            model = None
        if model is not None and model.is_standin:
            notes.append(
                "only the stand-in model is installed (its output is not a translation): aligning "
                "without machine translation; pass --translation / --reverse-translation, or "
                "install the real model, for better links"
            )
        elif model is not None:
            mt = [r.text for r in model.translate(src_units)]
            made = f"workbench-{model.model_name}"
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
