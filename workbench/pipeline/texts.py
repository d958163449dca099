"""Translating short texts as they arrive (the HTTP API): segment, cache, translate, reassemble.

:func:`translate_texts` cuts each text into the workbench's sentences, looks every sentence up in
the store's translation cache (the same entries, keyed by source and signature, as the batch path
writes), translates the rest in one call (identical sentences once), caches them and puts each
text back together with its own whitespace and line breaks between the translated sentences. The
translator protects URLs, numbers and the like (verbatim items) as it always does; a sentence the
translation memory has a 100% match for takes its human English instead. With ``html``
only the text between tags is translated, and tags, comments, scripts and styles are kept as they
are. :func:`detect_languages` says how Arabic a text is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from html import escape
from html.parser import HTMLParser
from typing import Any

from workbench.memory import TranslationMemory
from workbench.pipeline.document import _meta
from workbench.store.sqlite import Store
from workbench.text.chars import ARABIC_LETTER, PERSIAN_URDU_LETTER
from workbench.text.segment import segment_text
from workbench.translate.types import TranslationOptions, Translator

_RAW_TAGS = {"script", "style"}


@dataclass(frozen=True)
class TextTranslation:
    """One text translated: the best English, ``alternatives`` (the n-best after the best, as
    whole texts), how many sentences it had, how many came from the cache and how many from the
    translation memory (human English)."""

    text: str
    alternatives: list[str]
    sentences: int
    cached: int
    remembered: int = 0


class _Html(HTMLParser):
    """HTML as pieces: ``(True, text)`` to translate, ``(False, markup)`` to keep as it is."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[tuple[bool, str]] = []
        self._raw = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pieces.append((False, self.get_starttag_text() or ""))
        if tag in _RAW_TAGS:
            self._raw += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.pieces.append((False, self.get_starttag_text() or ""))

    def handle_endtag(self, tag: str) -> None:
        self.pieces.append((False, f"</{tag}>"))
        if tag in _RAW_TAGS and self._raw:
            self._raw -= 1

    def handle_data(self, data: str) -> None:
        self.pieces.append((not self._raw, data))

    def handle_comment(self, data: str) -> None:
        self.pieces.append((False, f"<!--{data}-->"))

    def handle_decl(self, decl: str) -> None:
        self.pieces.append((False, f"<!{decl}>"))

    def handle_pi(self, data: str) -> None:
        self.pieces.append((False, f"<?{data}>"))


def html_pieces(text: str) -> list[tuple[bool, str]]:
    """``text`` as HTML: the pieces to translate (unescaped) and the markup between them."""
    parser = _Html()
    parser.feed(text)
    parser.close()
    return parser.pieces


def _sentences(text: str) -> list[tuple[int, int, bool]]:
    # (start, end, translate?) of each sentence; only sentences with Arabic letters go to the
    # model (a date, a number or a Latin name is copied as it is).
    return [(s.start, s.end, bool(ARABIC_LETTER.search(s.text))) for s in segment_text(text)]


def _lookup(
    store: Store | None, sources: list[str], signature: str, wanted: int
) -> dict[str, dict[str, Any]]:
    if store is None or not sources:
        return {}
    hits = store.cached(sources, signature)
    return {s: hit for s, hit in hits.items() if len(hit["meta"].get("nbest", [])) >= wanted}


def _remembered(memory: TranslationMemory | None, sources: list[str]) -> dict[str, dict[str, Any]]:
    """Sentences with a 100% match in ``memory``, as cache-shaped entries of human English."""
    out: dict[str, dict[str, Any]] = {}
    if memory is None:
        return out
    for source in sources:
        targets = list(dict.fromkeys(e.target for e in memory.exact(source)))
        if targets:
            out[source] = {"text": targets[0], "meta": {"nbest": targets[1:]}}
    return out


def _hypotheses(hit: dict[str, Any], count: int) -> list[str]:
    nbest = [hit["text"], *hit["meta"].get("nbest", [])]
    return [nbest[min(k, len(nbest) - 1)] for k in range(count)]


def translate_texts(
    texts: Sequence[str],
    translator: Translator,
    options: TranslationOptions | None = None,
    *,
    store: Store | None = None,
    memory: TranslationMemory | None = None,
    alternatives: int = 0,
    html: bool = False,
) -> list[TextTranslation]:
    """Translate ``texts`` (module docstring); one :class:`TextTranslation` per text, in order.

    ``alternatives`` asks for that many more hypotheses (the beam is widened to fit). With
    ``memory``, a sentence with a 100% match (its folded Arabic) takes the newest entry's human
    English (other English of the same source as its alternatives) and never goes to the model;
    with ``store`` its cache is read and written.
    """
    count = alternatives + 1
    options = options or TranslationOptions()
    if count > 1:
        beam = max(options.beam_size, count)
        options = replace(options, beam_size=beam, num_hypotheses=count)
    signature = str(translator.signature(options))
    pieces = [html_pieces(t) if html else [(True, t)] for t in texts]
    spans = [[_sentences(p) if todo else [] for todo, p in text] for text in pieces]
    sources = list(
        dict.fromkeys(
            piece[start:end]
            for text, text_spans in zip(pieces, spans, strict=True)
            for (_, piece), found in zip(text, text_spans, strict=True)
            for start, end, wanted in found
            if wanted
        )
    )
    remembered = _remembered(memory, sources)
    rest = [s for s in sources if s not in remembered]
    hits = _lookup(store, rest, signature, alternatives)
    cached = set(hits)
    fresh = [s for s in rest if s not in hits]
    if fresh:
        results = translator.translate(fresh, options)
        new = {
            src: {"text": r.text, "meta": _meta(r)} for src, r in zip(fresh, results, strict=True)
        }
        if store is not None:
            store.cache(list(new.items()), signature)
        hits.update(new)
    hits.update(remembered)
    return [
        _text(text, text_spans, hits, count, html, (cached, set(remembered)))
        for text, text_spans in zip(pieces, spans, strict=True)
    ]


def _text(
    text: list[tuple[bool, str]],
    spans: list[list[tuple[int, int, bool]]],
    hits: dict[str, dict[str, Any]],
    count: int,
    html: bool,
    origins: tuple[set[str], set[str]],
) -> TextTranslation:
    """One text put back together from its pieces' translations; ``origins``: the sentences
    from the cache and from the memory."""
    cached, remembered = origins
    versions = ["" for _ in range(count)]
    sentences = from_cache = from_memory = 0
    for (todo, piece), found in zip(text, spans, strict=True):
        if not todo:
            versions = [v + piece for v in versions]
            continue
        parts = _assemble(piece, found, hits, count, escaped=html)
        versions = [v + p for v, p in zip(versions, parts, strict=True)]
        wanted = [piece[a:b] for a, b, translate in found if translate]
        sentences += len(wanted)
        from_cache += sum(source in cached for source in wanted)
        from_memory += sum(source in remembered for source in wanted)
    return TextTranslation(versions[0], versions[1:], sentences, from_cache, from_memory)


def _assemble(
    piece: str,
    found: list[tuple[int, int, bool]],
    hits: dict[str, dict[str, Any]],
    count: int,
    *,
    escaped: bool,
) -> list[str]:
    """``piece`` with each sentence replaced by its translation, ``count`` versions (n-best)."""

    def keep(text: str) -> str:
        return escape(text, quote=False) if escaped else text

    versions = ["" for _ in range(count)]
    pos = 0
    for start, end, wanted in found:
        between = keep(piece[pos:start])
        sentence = piece[start:end]
        english = _hypotheses(hits[sentence], count) if wanted else [sentence] * count
        versions = [v + between + keep(e) for v, e in zip(versions, english, strict=True)]
        pos = end
    return [v + keep(piece[pos:]) for v in versions]


def detect_languages(text: str) -> list[tuple[str, float]]:
    """``[(language, confidence 0-100)]``, most likely first: Arabic by its share of the letters
    (Persian when its letters show), English by the Latin share; empty when there are no letters."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return []
    arabic = sum(bool(ARABIC_LETTER.match(ch)) for ch in letters)
    persian = sum(bool(PERSIAN_URDU_LETTER.match(ch)) for ch in letters)
    latin = sum(ch.isascii() for ch in letters)
    found = [
        ("fa" if arabic and persian / arabic > 0.02 else "ar", 100.0 * arabic / len(letters)),
        ("en", 100.0 * latin / len(letters)),
    ]
    return sorted(((lang, round(c, 1)) for lang, c in found if c > 0), key=lambda x: -x[1])
