"""Translation with CTranslate2: :class:`CTranslate2Translator`, the real :class:`Translator`.

This is the only module that imports :mod:`ctranslate2`; the options, results and protocol live in
:mod:`workbench.translate.types`, and how segments are cut into parts, batched and put back together
in :mod:`workbench.translate.parts`. :class:`CTranslate2Translator` guards the
model against what breaks opus-mt: it counts pieces (with ``</s>``) and cuts segments that would
overflow the position table, sets the decoding limit from the source length and flags outputs that
reach it, copies letterless segments through, keeps URLs, numbers and the like verbatim, hides bidi
and zero-width controls from the model (see :mod:`workbench.translate.prepare`), and translates each distinct
source once.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import cast

import ctranslate2

from workbench.errors import ConfigError, ModelError
from workbench.model.layout import ModelManifest, check_model_dir
from workbench.model.notices import INSTALL_FIX
from workbench.signature import Signature
from workbench.translate.parts import Part, assemble, batches, cache_key
from workbench.translate.prepare import Prepared, has_letters, prepare, split_for_model
from workbench.translate.subwords import Encoding, Subwords
from workbench.translate.types import (
    TranslationOptions,
    TranslationResult,
    TranslatorStats,
    split_threads,
    translation_signature,
)

__all__ = ["CTranslate2Translator", "open_translator", "resolve_compute_type", "resolve_device"]

#: What "auto" picks, best first: int8 is the fast choice on CPU, mixed precision on GPU.
_PREFERRED_COMPUTE = {
    "cpu": ("int8", "int8_float32", "int16", "float32"),
    "cuda": ("int8_float16", "float16", "int8_bfloat16", "bfloat16", "int8", "float32"),
}
#: Options fixed when the model is loaded; the rest may change per call.
_ENGINE_FIELDS = ("device", "compute_type", "inter_threads", "intra_threads")


def resolve_device(device: str) -> str:
    """``"auto"`` becomes ``"cuda"`` when a GPU is visible, else ``"cpu"``."""
    if device == "auto":
        return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    if device == "cuda" and ctranslate2.get_cuda_device_count() == 0:
        raise ConfigError("device 'cuda' was asked for but no GPU is visible; use 'cpu' or 'auto'")
    return device


def resolve_compute_type(device: str, requested: str) -> str:
    """The compute type to load with on ``device`` (``"cpu"`` or ``"cuda"``)."""
    supported = set(ctranslate2.get_supported_compute_types(device))
    if requested == "auto":
        return next((c for c in _PREFERRED_COMPUTE[device] if c in supported), "default")
    if requested != "default" and requested not in supported:
        raise ConfigError(
            f"compute_type {requested!r} is not supported on {device}; choose one of: "
            f"auto, default, {', '.join(sorted(supported))}"
        )
    return requested


class CTranslate2Translator:
    """A converted opus-mt model loaded once; thread-safe, so share one per process.

    ``options`` fixes the device, compute type and threads for the life of the instance and gives
    the defaults for each call. Results are cached in memory (LRU, ``cache_size`` entries) by source
    and everything that affects them.
    """

    #: Batches submitted ahead per worker (see :meth:`_decoded`).
    ahead = 2

    def __init__(
        self,
        model_dir: str | Path,
        options: TranslationOptions | None = None,
        *,
        cache_size: int = 4096,
    ) -> None:
        self.model_dir = Path(model_dir)
        self.manifest: ModelManifest = check_model_dir(self.model_dir)
        self.options = options or TranslationOptions()
        self.device = resolve_device(self.options.device)
        compute = resolve_compute_type(self.device, self.options.compute_type)
        inter, intra = self.options.inter_threads, self.options.intra_threads
        #: Batches decoded at once, and threads each (chosen from the CPUs where 0).
        self.inter_threads, self.intra_threads = (
            split_threads(inter, intra) if self.device == "cpu" else (max(1, inter), intra)
        )
        try:
            self._model = ctranslate2.Translator(
                str(self.model_dir),
                device=self.device,
                compute_type=compute,
                inter_threads=self.inter_threads,
                intra_threads=self.intra_threads,
            )
        except (RuntimeError, ValueError) as exc:
            raise ModelError(
                f"cannot load the model in {self.model_dir}: {exc}; the directory may be damaged: "
                f"{INSTALL_FIX} to recreate it"
            ) from exc
        # After the model, not before: reading the vocabulary frees a string of a few MB, which
        # raises glibc's mmap threshold, and CTranslate2's loading buffers would then come from
        # the heap and stay resident once freed (about 30 MB more peak RSS).
        self.subwords = Subwords.from_model_dir(self.model_dir)
        self.compute_type: str = self._model.compute_type
        self.model_name = self.manifest.name
        self.is_standin = self.manifest.kind != "real"
        self.max_positions = self.manifest.max_positions
        self.stats = TranslatorStats()
        self._cache: OrderedDict[tuple[object, ...], TranslationResult] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()

    def signature(self, options: TranslationOptions | None = None) -> Signature:
        """Model name, kind and sha256, compute type, beam, segmenter and package version."""
        opts = self._options(options)
        return translation_signature(
            self.model_name,
            self.manifest.kind,
            self.manifest.sha256,
            self.compute_type,
            opts.beam_size,
        )

    def translate(
        self, texts: Sequence[str], options: TranslationOptions | None = None
    ) -> list[TranslationResult]:
        """Translates ``texts`` (each distinct one once, cached ones not at all), in input order."""
        return _in_order(len(texts), self.translate_stream(texts, options))

    def translate_stream(
        self, texts: Sequence[str], options: TranslationOptions | None = None
    ) -> Iterator[list[tuple[int, TranslationResult]]]:
        """Translates ``texts``, yielding ``(index, result)`` pairs as each engine batch finishes.

        All of ``texts`` is planned and sorted by length first, so batching is as tight as in
        :meth:`translate`; each yielded list holds the texts whose last part was in the batch just
        decoded (cached and letterless texts come first), so a caller can save them in one
        transaction and show progress while the next batch decodes. A repeated text is translated
        once and yielded under each of its indexes.
        """
        opts = self._options(options)
        signature = str(self.signature(opts))
        indexes: dict[str, list[int]] = {}
        for index, text in enumerate(texts):
            indexes.setdefault(text, []).append(index)
        hits: list[tuple[str, TranslationResult]] = []
        with self._lock:
            for text in indexes:
                key = cache_key(text, signature, opts)
                if key in self._cache:
                    self._cache.move_to_end(key)
                    hits.append((text, self._cache[key]))
                    self.stats.cache_hits += 1
        if hits:
            yield [(index, result) for text, result in hits for index in indexes[text]]
        cached = {text for text, _ in hits}
        todo = [text for text in indexes if text not in cached]
        for finished in self._stream(todo, [0] * len(todo), opts, signature):
            with self._lock:
                for j, result in finished:
                    self._cache[cache_key(todo[j], signature, opts)] = result
                while len(self._cache) > self._cache_size:
                    self._cache.popitem(last=False)
            yield [(index, result) for j, result in finished for index in indexes[todo[j]]]

    def translate_forced(
        self,
        texts: Sequence[str],
        lengths: Sequence[int],
        options: TranslationOptions | None = None,
    ) -> list[TranslationResult]:
        """Translates with each output forced to ``lengths[i]`` tokens; for speed benchmarks.

        Batches hold one length each, decoded with ``min_decoding_length == max_decoding_length``.
        Nothing is cached or deduplicated; a segment cut in parts shares its length among them.
        """
        return _in_order(len(texts), self.translate_forced_stream(texts, lengths, options))

    def translate_forced_stream(
        self,
        texts: Sequence[str],
        lengths: Sequence[int],
        options: TranslationOptions | None = None,
    ) -> Iterator[list[tuple[int, TranslationResult]]]:
        """:meth:`translate_forced`, yielding as each batch finishes like :meth:`translate_stream`."""
        if len(lengths) != len(texts):
            raise ConfigError(f"got {len(texts)} texts but {len(lengths)} forced lengths")
        bad = sorted({n for n in lengths if not 1 <= n < self.max_positions})
        if bad:
            raise ConfigError(
                f"forced lengths must be between 1 and {self.max_positions - 1} (got {bad[:5]})"
            )
        opts = self._options(options)
        return self._stream(list(texts), list(lengths), opts, str(self.signature(opts)))

    def _options(self, options: TranslationOptions | None) -> TranslationOptions:
        if options is None:
            return self.options
        # Per-call options built from defaults must not clash with how the model was loaded; only
        # an engine setting asked for explicitly, and different from the loaded one, is an error.
        defaults = TranslationOptions()
        loaded = {
            "device": self.device,
            "compute_type": self.compute_type,
            "inter_threads": self.inter_threads,
            "intra_threads": self.intra_threads,
        }
        changed = [
            name
            for name in _ENGINE_FIELDS
            if getattr(options, name) != getattr(defaults, name)
            and getattr(options, name) not in (getattr(self.options, name), loaded.get(name))
        ]
        if changed:
            raise ConfigError(
                f"{', '.join(changed)} are fixed when the model is loaded; "
                "create another CTranslate2Translator to change them"
            )
        return options

    def _stream(
        self, texts: list[str], forced: list[int], opts: TranslationOptions, signature: str
    ) -> Iterator[list[tuple[int, TranslationResult]]]:
        plans = [self._plan(text, n, opts) for text, n in zip(texts, forced, strict=True)]
        owner = {id(part): j for j, plan in enumerate(plans) for part in plan}
        waiting = [sum(part.encoding is not None for part in plan) for plan in plans]

        def results(done: list[int]) -> list[tuple[int, TranslationResult]]:
            return [(j, assemble(texts[j], plans[j], opts, signature, self.subwords)) for j in done]

        copied = [j for j, count in enumerate(waiting) if count == 0]
        if copied:
            yield results(copied)
        parts = [part for plan in plans for part in plan if part.encoding is not None]
        # Each batch shares one decoding limit; within one, sorting by length keeps padding low.
        parts.sort(key=lambda part: (part.forced, part.limit, len(part.encoding or ())))
        for batch in self._decoded(batches(parts, opts, self.inter_threads), opts):
            done = []
            for part in batch:
                j = owner[id(part)]
                waiting[j] -= 1
                if waiting[j] == 0:
                    done.append(j)
            if done:
                yield results(done)

    def _plan(self, text: str, forced: int, opts: TranslationOptions) -> list[Part]:
        if not has_letters(text):
            return []

        def measure(part: str) -> tuple[int, tuple[Prepared, Encoding]]:
            prepared = prepare(part)
            encoding = self.subwords.encode(prepared.text)
            return len(encoding), (prepared, encoding)

        plan = [
            Part(start, end, prepared, encoding, self.decoding_limit(len(encoding), opts))
            if has_letters(text[start:end])
            else Part(start, end, None, None)
            for start, end, (prepared, encoding) in split_for_model(
                text, measure, self.max_positions
            )
        ]
        if forced:
            total = sum(len(p.encoding) for p in plan if p.encoding is not None)
            for part in plan:
                if part.encoding is not None:
                    part.limit = max(1, round(forced * len(part.encoding) / total))
                    part.forced = True
        return plan

    def decoding_limit(self, pieces: int, options: TranslationOptions | None = None) -> int:
        """How many tokens a source of ``pieces`` pieces (``</s>`` included) may produce.

        ``ratio * pieces + 10`` rounded up to a multiple of 16, so that sources of similar length
        share a batch (CTranslate2 takes one limit per call, and a result must not depend on what
        it was batched with), capped by the options and the model's positions.
        """
        opts = self._options(options)
        budget = math.ceil((opts.max_decoding_ratio * pieces + 10) / 16) * 16
        return min(opts.max_decoding_cap, self.max_positions - 1, budget)

    def _decoded(
        self, queue: Iterable[list[Part]], opts: TranslationOptions
    ) -> Iterator[list[Part]]:
        """Each batch, decoded, while the engine already works on the next ones.

        Batches go to CTranslate2 asynchronously, :attr:`ahead` per worker beyond the one waited
        for, so while a caller works on a yielded batch (saving it) every worker that finishes
        finds another queued, instead of idling until the caller asks for more; an abandoned
        generator leaves at most that many batches decoding in vain.
        """
        pending: deque[tuple[list[Part], list[ctranslate2.AsyncTranslationResult], bool]] = deque()
        depth = max(1, self.ahead * self.inter_threads)
        for batch in queue:
            pending.append(self._submit(batch, opts))
            if len(pending) > depth:
                yield self._collect(*pending.popleft(), opts)
        while pending:
            yield self._collect(*pending.popleft(), opts)

    def _submit(
        self, batch: list[Part], opts: TranslationOptions
    ) -> tuple[list[Part], list[ctranslate2.AsyncTranslationResult], bool]:
        sources = [list(part.encoding.pieces) for part in batch if part.encoding is not None]
        limit, forced = batch[0].limit, batch[0].forced
        outputs = self._model.translate_batch(
            sources,
            beam_size=opts.beam_size,
            num_hypotheses=opts.num_hypotheses,
            return_scores=opts.return_scores,
            return_attention=opts.return_attention,
            max_decoding_length=limit,
            min_decoding_length=limit if forced else 1,
            # Every input fits the position table; 0 makes an overflow an error, not a silent cut.
            max_input_length=0,
            max_batch_size=0,
            asynchronous=True,
        )
        return batch, outputs, forced

    def _collect(
        self,
        batch: list[Part],
        outputs: list[ctranslate2.AsyncTranslationResult],
        forced: bool,
        opts: TranslationOptions,
    ) -> list[Part]:
        limit = batch[0].limit
        for part, pending in zip(batch, outputs, strict=True):
            output = pending.result()
            part.hypotheses = [list(tokens) for tokens in output.hypotheses]
            part.scores = list(output.scores)
            part.attention = list(output.attention[0]) if opts.return_attention else None
            part.hit = not forced and len(part.hypotheses[0]) >= limit
        with self._lock:
            self.stats.batches += 1
            self.stats.inputs += len(batch)
        return batch


def _in_order(
    count: int, stream: Iterable[list[tuple[int, TranslationResult]]]
) -> list[TranslationResult]:
    out: list[TranslationResult | None] = [None] * count
    for finished in stream:
        for index, result in finished:
            out[index] = result
    assert all(result is not None for result in out)
    return cast(list[TranslationResult], out)


def open_translator(
    model_dir: str | Path | None = None, options: TranslationOptions | None = None
) -> CTranslate2Translator:
    """The translator for ``model_dir``, or for the installed model the workbench prefers.

    Without a directory, :func:`workbench.model.registry.find_model` chooses ($WORKBENCH_MODEL_DIR,
    else the real model over the stand-in); with none installed the error says how to install one.
    """
    from workbench.model.notices import INSTALL_HINT
    from workbench.model.registry import find_model

    found = find_model(model_dir)
    if found is None:
        raise ModelError(
            "no translation model is installed: "
            f"{INSTALL_HINT}, or build the stand-in with `workbench model standin`."
        )
    return CTranslate2Translator(found[0], options)
