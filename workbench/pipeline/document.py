"""The one chain of steps: read → segment → store → translate (→ align)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from workbench.errors import InputError
from workbench.pipeline.sources import Source, find_sources, shown
from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store
from workbench.text.read import read_file, sha256
from workbench.text.records import Document
from workbench.text.segment import SEGMENTER_VERSION, iter_sentences
from workbench.translate.types import (
    EXTERNAL_KIND,
    TranslationOptions,
    TranslationResult,
    Translator,
    signature_kind,
)


@dataclass(frozen=True)
class Imported:
    """One input after :func:`import_files`: its document id, or the error that stopped it.

    ``warnings`` are the file's own (for instance that its text looks Persian, not Arabic), even
    when its bytes were already stored (``reused``).
    """

    path: Path
    document_id: int | None
    reused: bool = False
    error: InputError | None = None
    warnings: tuple[str, ...] = ()


def add_document(store: Store, doc: Document) -> tuple[int, bool]:
    """Store ``doc`` with its segments unless the same bytes are already stored; ``(id, reused)``.

    An undecodable byte in its name or path is stored escaped (``\\xff``): SQLite text is UTF-8.
    """
    existing = store.find_document(sha256(doc.raw), SEGMENTER_VERSION)
    if existing is not None:
        return existing, True
    source_path = None if doc.source_path is None else shown(doc.source_path)
    doc = replace(doc, name=shown(doc.name), source_path=source_path)
    return store.add_document(doc, iter_sentences(doc.text, doc.blocks), SEGMENTER_VERSION), False


def stored_copy(store: Store, path: str | Path) -> int | None:
    """The stored document holding ``path``'s bytes (and today's segmentation), found by hashing
    the file a megabyte at a time; None when there is none or the file cannot be read (reading
    it then says why)."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return store.find_document(digest.hexdigest(), SEGMENTER_VERSION)


def import_files(
    store: Store, paths: Iterable[str | Path], *, encoding: str | None = None
) -> Iterator[Imported]:
    """Read, segment and store each file; a bad file is reported and the batch goes on."""
    return import_sources(store, find_sources(paths), encoding=encoding)


def import_sources(
    store: Store, sources: Iterable[Source], *, encoding: str | None = None
) -> Iterator[Imported]:
    """:func:`import_files` for sources already found: one :class:`Imported` per source, in order."""
    for source in sources:
        if source.error is not None:
            yield Imported(source.path, None, error=source.error)
            continue
        existing = stored_copy(store, source.path)
        if existing is not None:  # the same bytes were stored: not decoded, nor cut, again
            yield Imported(source.path, existing, True, warnings=store.document(existing).warnings)
            continue
        try:
            doc = read_file(source.path, encoding=encoding)
        except InputError as err:
            yield Imported(source.path, None, error=err)
            continue
        doc_id, reused = add_document(store, doc)
        yield Imported(source.path, doc_id, reused, warnings=doc.warnings)


@dataclass(frozen=True)
class SegmentTranslation:
    """One segment after :func:`translate_document` dealt with it.

    ``origin`` says where its MT came from: ``"model"`` (translated now), ``"cache"`` (the same
    source was translated before under the same signature) or ``"store"`` (already done: resumed).
    """

    segment: SegmentRow
    origin: str
    result: TranslationResult | None = None


def _meta(result: TranslationResult) -> dict[str, Any]:
    meta: dict[str, Any] = {
        "flags": list(result.flags),
        "scores": list(result.scores),
        "nbest": list(result.hypotheses[1:]),
    }
    if result.attention is not None:
        # Imported here: it brings numpy (11 MB of RSS) that a run without alignments never uses.
        from workbench.align.words import align_words

        links = align_words(
            result.source,
            result.source_pieces,
            result.source_spans,
            result.target_tokens,
            result.attention,
            # Links index the English with its verbatim items back ("XZ 1" → "2020").
            output=result.text,
        )
        meta["alignment"] = links.pharaoh
        meta["unattended"] = list(links.unattended)
        meta["flags"] += [f for f in links.flags if f not in meta["flags"]]
    return meta


def stored_result(result: TranslationResult) -> dict[str, Any]:
    """What the store and its cache keep of a result: ``{"text": ..., "meta": ...}``.

    The Ray engine's workers make these too, so both engines store the very same values.
    """
    return {"text": result.text, "meta": _meta(result)}


def _finished(seg: SegmentRow, signature: str, wants_alignment: bool) -> bool:
    if signature_kind(seg.mt_signature) == EXTERNAL_KIND:
        return True  # another engine's MT, imported to be post-edited and scored: never replaced
    # Word alignments come from attention: results made without it do not count as done.
    done = seg.mt is not None and seg.mt_signature == signature
    return done and (not wants_alignment or "alignment" in seg.mt_meta)


def untranslated(
    store: Store, doc_id: int, translator: Translator, options: TranslationOptions | None = None
) -> list[SegmentRow]:
    """The prose segments :func:`translate_document` would still translate (for progress bars)."""
    signature = str(translator.signature(options))
    wants_alignment = options is not None and options.return_attention
    return [
        s
        for s in store.segments(doc_id)
        if s.kind == "prose" and not _finished(s, signature, wants_alignment)
    ]


def translate_document(
    store: Store,
    doc_id: int,
    translator: Translator,
    options: TranslationOptions | None = None,
    *,
    chunk_size: int = 2048,
) -> Iterator[SegmentTranslation]:
    """Translate a stored document's prose segments, lazily, saving each batch as it finishes.

    A generator, like faster-whisper's ``transcribe``. The prose is taken ``chunk_size`` segments
    at a time (a window: the translator sorts it by length, so its batches stay full and tight);
    as each of the translator's batches finishes, its results are written to the cache and the
    store in one transaction, then yielded, so progress moves per batch and an interrupted run
    loses at most the batches in flight: a re-run resumes there (segments already translated
    under the same signature are not redone). Items come in the order their batches finish, each
    batch in document order; segments that need no model (done before, or in the cache) come with
    a window's first batch. Identical sources are translated once: within a window, and across
    runs and documents through the store's cache. A human edit is never overwritten.

    A small window makes small, padded batches: with 64 the FLORES dev set (1,086 segments) ran
    at 0.37x a bare CTranslate2 loop (bench/translate_bench.py); the default keeps a long article
    in one window.
    """
    signature = str(translator.signature(options))
    wants_alignment = options is not None and options.return_attention
    prose = [s for s in store.segments(doc_id) if s.kind == "prose"]
    for begin in range(0, len(prose), chunk_size):
        window = prose[begin : begin + chunk_size]
        todo = [s for s in window if not _finished(s, signature, wants_alignment)]
        yield from _translate_window(store, window, todo, translator, options, signature)


def translate_segments(
    store: Store,
    segments: Sequence[SegmentRow],
    translator: Translator,
    options: TranslationOptions | None = None,
) -> Iterator[SegmentTranslation]:
    """Translate just these segments of a document (the page a translator opened), as
    :func:`translate_document` does one window: saved per batch, finished ones not redone."""
    signature = str(translator.signature(options))
    wants_alignment = options is not None and options.return_attention
    window = [s for s in segments if s.kind == "prose"]
    todo = [s for s in window if not _finished(s, signature, wants_alignment)]
    yield from _translate_window(store, window, todo, translator, options, signature)


def _translate_window(
    store: Store,
    window: list[SegmentRow],
    todo: list[SegmentRow],
    translator: Translator,
    options: TranslationOptions | None,
    signature: str,
) -> Iterator[SegmentTranslation]:
    wants_alignment = options is not None and options.return_attention
    cached = {
        src: hit
        for src, hit in store.cached([s.source for s in todo], signature).items()
        if not wants_alignment or "alignment" in hit["meta"]
    }
    waiting: dict[str, list[SegmentRow]] = {}
    for seg in todo:
        if seg.source not in cached:
            waiting.setdefault(seg.source, []).append(seg)
    fresh = list(waiting)
    pending = {s.id for s in todo}
    without_model = [s for s in window if s.id not in pending or s.source in cached]
    groups = translator.translate_stream(fresh, options) if fresh else iter([[]])
    for finished in groups:
        results = {fresh[index]: result for index, result in finished}
        segments = without_model + [seg for src in results for seg in waiting[src]]
        without_model = []
        yield from _save_batch(store, signature, segments, pending, results, cached)


def _save_batch(
    store: Store,
    signature: str,
    segments: list[SegmentRow],
    pending: set[int],
    results: dict[str, TranslationResult],
    cached: dict[str, dict[str, Any]],
) -> Iterator[SegmentTranslation]:
    """Write one batch's results to the cache and the store, then yield it in document order.

    Cache and segments land in one transaction: a kill leaves both or neither.
    """
    fresh = {src: stored_result(r) for src, r in results.items()}
    updates: list[tuple[int, str, str, dict[str, Any] | None]] = []
    for seg in segments:
        if seg.id in pending:
            hit = fresh.get(seg.source) or cached[seg.source]
            updates.append((seg.id, hit["text"], signature, hit["meta"]))
    written: dict[int, SegmentRow] = {}
    if updates or fresh:
        rows = store.set_mt_many(updates, (list(fresh.items()), signature) if fresh else None)
        written = {row.id: row for row in rows}
    for seg in sorted(segments, key=lambda s: s.position):
        if seg.id not in written:
            yield SegmentTranslation(seg, "store")
        elif seg.source in results:
            yield SegmentTranslation(written[seg.id], "model", results[seg.source])
        else:
            yield SegmentTranslation(written[seg.id], "cache")


def translate_file(
    path: str | Path,
    translator: Translator,
    options: TranslationOptions | None = None,
    *,
    store: Store | None = None,
    encoding: str | None = None,
) -> Iterator[SegmentTranslation]:
    """Read, segment, store and translate one article: the one-call version for scripts.

    >>> for item in translate_file("article.txt", open_translator()):   # doctest: +SKIP
    ...     print(item.segment.source, "→", item.segment.mt)
    """
    store = store or Store.open_default()
    doc_id, _ = add_document(store, read_file(path, encoding=encoding))
    yield from translate_document(store, doc_id, translator, options)
