"""Sentence alignment of existing bitext: which lines of a document translate which lines of another.

Both documents hold one sentence per line; empty lines are lines too and keep their index. The
result is a list of :class:`Link` objects, in order, covering every line of both sides exactly
once: 1-1, many-to-one and many-to-many links, and 1-0 / 0-1 links for lines without a partner
(captions, OCR noise, a translator's note).

Method, in short (details in ``workbench.align.dp``): lines become tf-idf bags of words and character
trigrams; machine translations, when given, put both sides in one language (``translation``: the
source in the target's language, compared with the target; ``reverse_translation``: the target
in the source's language, compared with the source; with both, the two similarities are
averaged). Without them, numbers, punctuation and cognate prefixes are compared directly, and
names by their consonants when one side is Arabic and the other is not (``names``). A
link's score is its cosine minus the larger of its chance similarity (its mean cosine with every
line of the other side) and its similarity to the lines next to it, times a length factor; a
merged side is scored as the concatenation of its lines. A dynamic program finds the path with
the best total, 1-0 and 0-1 links scoring ``AlignOptions.skip``. A first pass (1-1, 1-2, 2-1)
searches the whole matrix only while it is small (``coarse_lines`` a side); a longer document is
first aligned as blocks of lines, then line by line in a band around the block path. The length
ratio is re-estimated from the first path, and the final pass with every link type runs in a
narrow band around it. Before it, a bilingual lexicon is learned from the first path's best links
(IBM Model 1, cross-fitted; ``workbench.align.realign``) and joins as one more view, weighted by
how well it separates that path; it matters most without machine translation. With a
translation, word n-grams (``ngram_order``) add word order to the bags. Time and memory grow
linearly with the document's length.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass

from workbench.align.dp import (
    Band,
    GainShape,
    Lines,
    LinkScorer,
    LinkType,
    Span,
    span_gains,
)
from workbench.align.features import View, crosslingual_features, monolingual_features
from workbench.align.names import name_anchors
from workbench.align.realign import with_lexicon
from workbench.align.scoring import score_alignment
from workbench.align.search import run_dp
from workbench.errors import ConfigError, InputError, UnknownNameError
from workbench.signature import Signature

__all__ = [
    "FORMATS",
    "AlignOptions",
    "Link",
    "align_sentences",
    "format_links",
    "links_to_jsonl",
    "score_alignment",
    "validate_inputs",
]

#: Bumped whenever a change can move an alignment; part of every signature.
METHOD_VERSION = "sentalign-4"


@dataclass(frozen=True)
class Link:
    """Source lines ``src`` translate target lines ``tgt`` (0-based; one side may be empty).

    ``score`` is what the link added to the alignment's total: a normalised similarity times a
    length factor for real links (about 0.3-0.8 for good ones, near 0 or below for doubtful
    ones) and the deletion score ``AlignOptions.skip`` for 1-0 and 0-1 links.
    """

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float

    def to_dict(self) -> dict[str, object]:
        return {"src": list(self.src), "tgt": list(self.tgt), "score": round(self.score, 6)}


@dataclass(frozen=True)
class AlignOptions:
    """Settings of the aligner.

    The defaults were chosen by cross-validation (``bench/align_cv.py``) over pieces of the
    development document, perturbed copies of them and Arabic–English documents built from
    FLORES lines 0-699 (the rest is the held-out set of ``bench/align_heldout.py``), not on one
    document. Without ``names`` every fold chose these; with it three folds of four chose
    ``merge=-0.01, ngram_order=1``, which leads them by 0.002 over all documents, less than the
    folds differ, so the defaults stayed. ``skip`` and ``radius`` sit in flat regions (strict F1
    moves by less than 0.01 for ``skip`` from -0.035 to -0.1 and ``radius`` from 4 to 40).

    ``max_link``: most lines in one link, both sides together (6 allows 1-5, 2-4, 3-3 ...;
    Bertalign stops at 5, but re-segmenting translators produce 1-5 and 3-3 links too).
    ``skip``: score of a 1-0 or 0-1 link; a line is left unaligned when every link it
    could join scores below this. ``radius``: half-width in lines of the second pass's band
    around the first path. ``coarse_lines``: longer documents are first aligned in blocks of
    lines, so that the coarse alignment has at most this many blocks per side.
    ``lexicon``: the most weight the learned lexicon's view may get in the final pass (0 turns
    the realignment off); it gets less when it separates the first path's links less well than
    the other views. ``lexicon_share``: the best-scoring share of the first path's links it is
    learned from. ``merge``: added to a link's score for each line beyond one a side (below 0:
    merging must pay for itself). ``length_power``: the power of the length factor (above 1:
    length mismatches cost more). ``ngram_order``: word n-grams up to this order join the words
    and trigrams when a machine translation is compared with the text. ``contrast`` (with a
    machine translation) and ``contrast_without_mt`` (without one): how much a link's similarity
    to its neighbours, above chance, counts against it (see :class:`workbench.align.dp.LinkScorer`;
    1: all of it, 0: only chance). ``names``: without a machine translation, when one side is
    Arabic and the other is not, names spelled in both scripts are anchors
    (``workbench.align.names``).
    """

    max_link: int = 6
    skip: float = -0.05
    radius: int = 8
    coarse_lines: int = 640
    lexicon: float = 1.0
    lexicon_share: float = 0.7
    merge: float = -0.02
    length_power: float = 2.0
    ngram_order: int = 2
    contrast: float = 1.0
    contrast_without_mt: float = 0.0
    names: bool = True

    def signature(self, **extra: object) -> Signature:
        """Everything that shaped an alignment; add what else did, e.g. ``translation="mt.en"``."""
        return Signature.of(method=METHOD_VERSION, **asdict(self), **extra)


def validate_inputs(
    src: Sequence[str],
    tgt: Sequence[str],
    translation: Sequence[str] | None = None,
    reverse_translation: Sequence[str] | None = None,
    *,
    options: AlignOptions | None = None,
    names: Mapping[str, str] | None = None,
) -> None:
    """Raise one :class:`InputError` listing every problem with the inputs, or return.

    ``names`` maps the argument names (``src``, ``tgt``, ``translation``,
    ``reverse_translation``) to what the user knows them by, such as file paths.
    """
    label = {
        "src": "source",
        "tgt": "target",
        "translation": "--translation",
        "reverse_translation": "--reverse-translation",
    }
    label.update(names or {})
    problems = []
    for arg, mt, side, side_arg in (
        ("translation", translation, src, "src"),
        ("reverse_translation", reverse_translation, tgt, "tgt"),
    ):
        if mt is not None and len(mt) != len(side):
            problems.append(
                f"{label[arg]} has {len(mt)} lines but {label[side_arg]} has {len(side)}; "
                f"it must translate {label[side_arg]} line by line (one output line per input "
                "line, empty lines included)"
            )
    if problems:
        raise InputError("; ".join(problems) + ".", fix="Regenerate the translation line by line.")
    opts = options or AlignOptions()
    bad = [
        f"{name}={getattr(opts, name)} ({rule})"
        for name, ok, rule in (
            ("max_link", opts.max_link >= 2, "at least 2"),
            ("radius", opts.radius >= 1, "at least 1"),
            ("coarse_lines", opts.coarse_lines >= 2, "at least 2"),
            ("lexicon", opts.lexicon >= 0, "0 or more"),
            ("lexicon_share", 0 < opts.lexicon_share <= 1, "above 0, at most 1"),
            ("length_power", opts.length_power > 0, "above 0"),
            ("ngram_order", opts.ngram_order >= 1, "at least 1"),
            ("contrast", 0 <= opts.contrast <= 1, "from 0 to 1"),
            ("contrast_without_mt", 0 <= opts.contrast_without_mt <= 1, "from 0 to 1"),
        )
        if not ok
    ]
    if bad:
        raise ConfigError("alignment options out of range: " + ", ".join(bad))


def _link_types(max_link: int) -> list[LinkType]:
    return [
        (ns, nt) for ns in range(1, max_link) for nt in range(1, max_link) if ns + nt <= max_link
    ]


def _views(
    src: Sequence[str],
    tgt: Sequence[str],
    translation: Sequence[str] | None,
    reverse_translation: Sequence[str] | None,
    ngram_order: int,
    names: bool,
) -> list[View]:
    views = []
    if translation is not None:
        views.append(
            View.from_lines(
                translation, tgt, monolingual_features, originals_a=src, ngram_order=ngram_order
            )
        )
    if reverse_translation is not None:
        views.append(
            View.from_lines(
                src,
                reverse_translation,
                monolingual_features,
                originals_b=tgt,
                ngram_order=ngram_order,
            )
        )
    if not views:
        extra = name_anchors(src, tgt) if names else None
        views.append(View.from_lines(src, tgt, crosslingual_features, extra=extra))
    return views


def _ratio(src: Lines, tgt: Lines, spans: Iterable[Span] = ()) -> float:
    """Target characters per source character, over aligned lines when a path is known.

    Lines left unaligned (captions on one side only) would otherwise bias the estimate.
    """
    s_total = t_total = 0.0
    for s0, s1, t0, t1 in spans:
        if s1 > s0 and t1 > t0:
            s_total += float(src.chars[s0:s1].sum())
            t_total += float(tgt.chars[t0:t1].sum())
    if s_total <= 0 or t_total <= 0:
        s_total, t_total = float(src.chars.sum()), float(tgt.chars.sum())
    return t_total / s_total if s_total > 0 and t_total > 0 else 1.0


def _first_pass(
    views: list[View], src: Lines, tgt: Lines, opts: AlignOptions, shape: GainShape
) -> list[Span]:
    """A 1-1 / 1-2 / 2-1 path that the final pass refines (Vecalign's coarse-to-fine idea).

    Documents longer than ``coarse_lines`` are first aligned as blocks of ``factor`` lines over
    the whole (small) matrix, so big omissions and misplaced parts are found wherever they are;
    lines are then aligned in a band of one block (plus ``radius``) around that path.
    """
    n, m = len(src), len(tgt)
    types = [(1, 1), (1, 2), (2, 1)]
    factor = -(-max(n, m) // opts.coarse_lines)
    coarse = [v.coarsen(factor) for v in views] if factor > 1 else views
    c_src, c_tgt = src.coarsen(factor), tgt.coarsen(factor)
    band = Band.full(len(c_src), len(c_tgt))
    scorer = LinkScorer(coarse, c_src, c_tgt, _ratio(c_src, c_tgt), band, types)
    spans = run_dp(band, scorer, types, opts.skip)
    if factor == 1:
        return spans
    spans = [
        (s0 * factor, min(s1 * factor, n), t0 * factor, min(t1 * factor, m))
        for s0, s1, t0, t1 in spans
    ]
    band = Band.around(spans, n, m, factor + opts.radius)
    scorer = LinkScorer(views, src, tgt, _ratio(src, tgt, spans), band, types, shape=shape)
    return run_dp(band, scorer, types, opts.skip)


def align_sentences(
    src: Sequence[str],
    tgt: Sequence[str],
    *,
    translation: Sequence[str] | None = None,
    reverse_translation: Sequence[str] | None = None,
    options: AlignOptions | None = None,
    names: Mapping[str, str] | None = None,
) -> list[Link]:
    """Align two documents line by line; see the module docstring for the method.

    ``translation`` is a machine translation of ``src`` into ``tgt``'s language, one line per
    source line; ``reverse_translation`` one of ``tgt`` into ``src``'s language. Give both when
    you can; with neither, alignment relies on length, numbers, punctuation and shared names.
    Raises :class:`InputError` when a translation's line count does not match its side
    (``names`` puts file names in that message). The links cover every line exactly once,
    in order.
    """
    opts = options or AlignOptions()
    validate_inputs(src, tgt, translation, reverse_translation, options=opts, names=names)
    n, m = len(src), len(tgt)
    if n == 0 or m == 0:
        return [Link((i,), (), opts.skip) for i in range(n)] + [
            Link((), (j,), opts.skip) for j in range(m)
        ]
    views = _views(src, tgt, translation, reverse_translation, opts.ngram_order, opts.names)
    for view in views:  # computed once here for every block size the passes will ask for
        view.block_norm2("a", opts.max_link)
        view.block_norm2("b", opts.max_link)
    src_lines, tgt_lines = Lines.of(src), Lines.of(tgt)
    shape = _shape(opts, translation is not None or reverse_translation is not None)
    first = _first_pass(views, src_lines, tgt_lines, opts, shape)
    # Refinement: the length ratio of what was actually aligned, and every link type, in a
    # narrow band around the first path (the first pass's 1-2/2-1 links keep the band honest).
    types = _link_types(opts.max_link)
    ratio = _ratio(src_lines, tgt_lines, first)
    band = Band.around(first, n, m, opts.radius)
    scorer = LinkScorer(views, src_lines, tgt_lines, ratio, band, types, shape=shape)
    if opts.lexicon > 0:
        # Realignment (hunalign): a lexicon learned from the first path is one more view.
        scorer = with_lexicon(scorer, src, tgt, first, opts.lexicon, opts.lexicon_share)
    spans = run_dp(band, scorer, types, opts.skip)
    return _to_links(spans, scorer, opts.skip)


def _shape(opts: AlignOptions, with_mt: bool) -> GainShape:
    contrast = opts.contrast if with_mt else opts.contrast_without_mt
    return GainShape(opts.merge, opts.length_power, contrast)


def _to_links(spans: list[Span], scorer: LinkScorer, skip: float) -> list[Link]:
    return [
        Link(tuple(range(s0, s1)), tuple(range(t0, t1)), float(score))
        for (s0, s1, t0, t1), score in zip(spans, span_gains(spans, scorer, skip), strict=True)
    ]


def links_to_jsonl(links: Iterable[Link]) -> str:
    """One JSON object per line: ``{"src": [...], "tgt": [...], "score": s}``."""
    return "".join(json.dumps(link.to_dict(), ensure_ascii=False) + "\n" for link in links)


def _links_to_tsv(links: Iterable[Link], src: Sequence[str], tgt: Sequence[str]) -> str:
    del src, tgt  # indices only; the signature is shared with formats that print text
    return "".join(
        f"{','.join(map(str, link.src))}\t{','.join(map(str, link.tgt))}\t{link.score:.6f}\n"
        for link in links
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _links_to_pairs(links: Iterable[Link], src: Sequence[str], tgt: Sequence[str]) -> str:
    return "".join(
        _one_line(" ".join(src[i] for i in link.src))
        + "\t"
        + _one_line(" ".join(tgt[j] for j in link.tgt))
        + "\n"
        for link in links
    )


Formatter = Callable[[Iterable[Link], Sequence[str], Sequence[str]], str]

#: Output formats by name: jsonl (one link object per line), tsv (``src_ids<TAB>tgt_ids<TAB>score``
#: with comma-separated indices) and pairs (source text<TAB>target text, merged lines joined by a
#: space, empty for 1-0 / 0-1).
FORMATS: dict[str, Formatter] = {
    "jsonl": lambda links, src, tgt: links_to_jsonl(links),
    "tsv": _links_to_tsv,
    "pairs": _links_to_pairs,
}


def format_links(links: Iterable[Link], fmt: str, src: Sequence[str], tgt: Sequence[str]) -> str:
    """Render links in a registered format; an unknown name lists the known ones."""
    try:
        formatter = FORMATS[fmt]
    except KeyError:
        raise UnknownNameError("alignment format", fmt, tuple(FORMATS)) from None
    return formatter(links, src, tgt)
