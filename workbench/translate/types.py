"""What callers of a translator see: options, results, flags, the protocol and the signature.

Nothing here imports :mod:`ctranslate2`, so the pipeline, the UI and the test doubles can use these
types without loading the engine; :mod:`workbench.translate.engine` implements the protocol.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from workbench.errors import ConfigError
from workbench.signature import Signature

DEVICES = ("cpu", "cuda", "auto")
BATCH_TYPES = ("examples", "tokens")
COMPUTE_TYPES = (
    "auto", "default", "int8", "int8_float32", "int8_float16", "int8_bfloat16",
    "int16", "float16", "bfloat16", "float32",
)  # fmt: skip
#: opus-mt's decoder has 512 positions; the start token takes one of them.
MAX_DECODING_CAP = 511
#: Parts × beam × decoding limit one batch may hold: with 2 workers at beam 4, the 5,000-word
#: sentence of bench/memory_bench.py (235 parts that run to their limit of 64–112) stays under
#: 600 MB (6,144 took 768 MB); FLORES batches of 32 at their real lengths are rarely cut.
MAX_BATCH_STEPS = 4096
#: Batches decoded at once on CPU at most, whatever the machine (each holds its own buffers).
MAX_WORKERS = 8
HIT_MAX_LENGTH = "hit-max-length"
SPLIT_OVER_LONG = "split-over-long"
COPIED_LETTERLESS = "copied-letterless"
PLACEHOLDER_RESTORED = "placeholder-restored"
PLACEHOLDER_LOST = "placeholder-lost"


@dataclass(frozen=True)
class TranslationOptions:
    """How to translate. Invalid values raise :class:`ConfigError` naming every problem at once.

    A source of ``n`` pieces may produce ``max_decoding_ratio * n + 10`` tokens, rounded up to a
    multiple of 16, at most ``max_decoding_cap`` (CTranslate2's default of 256 truncates silently);
    an output that reaches its limit is flagged ``hit-max-length``.
    ``compute_type="auto"`` is int8 on CPU when the machine supports it, else the best it supports.
    ``inter_threads`` (batches decoded at once) and ``intra_threads`` (threads each): 0 chooses
    from the CPUs (:func:`split_threads`). ``max_batch_steps`` bounds a batch's worst-case decoder
    work, parts × beam × decoding limit, and with it its memory (0: no bound).
    """

    device: str = "auto"
    beam_size: int = 4
    batch_size: int = 32
    batch_type: str = "examples"
    compute_type: str = "auto"
    inter_threads: int = 0
    intra_threads: int = 0
    num_hypotheses: int = 1
    return_scores: bool = True
    return_attention: bool = False
    max_decoding_ratio: float = 2.0
    max_decoding_cap: int = MAX_DECODING_CAP
    max_batch_steps: int = MAX_BATCH_STEPS

    def __post_init__(self) -> None:
        problems = []
        for name, choices in (
            ("device", DEVICES),
            ("batch_type", BATCH_TYPES),
            ("compute_type", COMPUTE_TYPES),
        ):
            value = getattr(self, name)
            if value not in choices:
                problems.append(f"{name} {value!r} is not one of: {', '.join(choices)}")
        for name, low in (
            ("beam_size", 1),
            ("batch_size", 1),
            ("num_hypotheses", 1),
            ("inter_threads", 0),
            ("intra_threads", 0),
            ("max_decoding_cap", 1),
            ("max_batch_steps", 0),
        ):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < low:
                problems.append(f"{name} must be a whole number >= {low} (got {value!r})")
        if isinstance(self.max_decoding_cap, int) and self.max_decoding_cap > MAX_DECODING_CAP:
            problems.append(
                f"max_decoding_cap must be <= {MAX_DECODING_CAP}, the model's positions"
                f" (got {self.max_decoding_cap})"
            )
        if not isinstance(self.max_decoding_ratio, int | float) or not self.max_decoding_ratio > 0:
            problems.append(f"max_decoding_ratio must be > 0 (got {self.max_decoding_ratio!r})")
        beams, hypotheses = self.beam_size, self.num_hypotheses
        if isinstance(beams, int) and isinstance(hypotheses, int) and hypotheses > beams >= 1:
            problems.append(f"num_hypotheses ({hypotheses}) cannot exceed beam_size ({beams})")
        if problems:
            raise ConfigError("invalid translation options: " + "; ".join(problems))


@dataclass(frozen=True)
class TranslationResult:
    """One source segment's translation, and everything needed to judge and align it.

    ``hypotheses`` holds the n-best, best first, with verbatim items restored; ``scores`` their
    CTranslate2 scores (empty when not asked for). ``target_tokens`` and ``attention`` (target
    tokens × source pieces, or None) belong to the best hypothesis before restoring;
    ``source_pieces`` are what the model read and ``source_spans`` their spans in ``source``.
    A segment cut in parts has each part's pieces in turn (each ending with ``</s>``) and a
    block-diagonal attention. A letterless segment is copied: its one hypothesis is the source,
    with no pieces or tokens and an empty attention. ``flags`` name what happened (the module's
    ``*_LENGTH``, ``SPLIT_*``, ``COPIED_*`` and ``PLACEHOLDER_*`` constants).
    """

    source: str
    hypotheses: tuple[str, ...]
    scores: tuple[float, ...]
    target_tokens: tuple[str, ...]
    source_pieces: tuple[str, ...]
    source_spans: tuple[tuple[int, int], ...]
    attention: tuple[tuple[float, ...], ...] | None
    flags: tuple[str, ...]
    signature: str

    @property
    def text(self) -> str:
        """The best translation."""
        return self.hypotheses[0]


def cpu_count() -> int:
    """The CPUs this process may run on (its affinity, else ``os.cpu_count()``)."""
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def split_threads(inter: int = 0, intra: int = 0, cpus: int | None = None) -> tuple[int, int]:
    """``(inter_threads, intra_threads)`` for ``cpus`` CPUs, each 0 chosen from the other.

    Both 0: one worker per CPU up to :data:`MAX_WORKERS`, the CPUs shared among them. On 2 cores
    ``2 × 1`` decoded 1.7–1.9× faster than ``1 × 2`` at beam 1 and 1.3× at beam 4
    (bench/translate_bench.py); wider machines are not measured here.
    """
    cpus = cpus or cpu_count()
    if inter <= 0:
        inter = max(1, min(MAX_WORKERS, cpus // intra if intra > 0 else cpus))
    if intra <= 0:
        intra = max(1, cpus // inter)
    return inter, intra


@runtime_checkable
class Translator(Protocol):
    """What the pipeline needs from a translator; :class:`workbench.testing.FakeTranslator` fits too."""

    model_name: str
    is_standin: bool

    def translate(
        self, texts: Sequence[str], options: TranslationOptions | None = None
    ) -> list[TranslationResult]:
        """Translates ``texts``; one result per text, in input order."""
        ...

    def translate_stream(
        self, texts: Sequence[str], options: TranslationOptions | None = None
    ) -> Iterator[list[tuple[int, TranslationResult]]]:
        """Translates ``texts``, yielding each finished batch as ``(index into texts, result)``.

        Batches come in the order they finish (for the real engine: shortest sources first);
        every index is yielded exactly once. Lists rather than single results, so that a caller
        can save what one batch finished in one transaction.
        """
        ...

    def signature(self, options: TranslationOptions | None = None) -> Signature:
        """What results translated with ``options`` depend on."""
        ...


@dataclass
class TranslatorStats:
    """Counters for tests and benchmarks: model calls, inputs sent, cache hits."""

    batches: int = 0
    inputs: int = 0
    cache_hits: int = 0


def translation_signature(
    model_name: str, kind: str, sha256: str | None, compute: str, beam: int
) -> Signature:
    """The signature every translator puts on its results.

    The model part (name, kind, first 12 hex digits of the sha256, compute type) reads like
    ``workbench.model.registry.ModelInfo.signature``; beam, segmenter and package version follow.
    """
    from workbench.version import __version__

    try:
        from workbench.text.segment import SEGMENTER_VERSION
    except ImportError:
        segmenter = "unknown"
    else:
        segmenter = str(SEGMENTER_VERSION)
    return Signature.of(
        model=model_name,
        kind=kind,
        sha=(sha256 or "unknown")[:12],
        compute=compute,
        beam=beam,
        segmenter=segmenter,
        version=__version__,
    )


#: The kind of MT that came with an imported document from another engine (named by ``model:``).
EXTERNAL_KIND = "external"


def external_signature(origin: str, file: str | None = None) -> Signature:
    """The signature of MT made by engine ``origin`` elsewhere and imported from ``file``."""
    from workbench.version import __version__

    return Signature.of(model=origin, kind=EXTERNAL_KIND, file=file, version=__version__)


def signature_field(signature: str | None, name: str) -> str | None:
    """The ``name:`` field of a signature, or None (no signature, no such field)."""
    for field in (signature or "").split("|"):
        key, _, value = field.partition(":")
        if key == name and value:
            return value
    return None


def signature_kind(signature: str | None) -> str | None:
    """The ``kind:`` field of a translation signature (``"real"``, ``"standin"``, ...), or None.

    None for a missing signature and for one without a ``kind:`` field (an old or foreign one).
    """
    return signature_field(signature, "kind")


def is_real_signature(signature: str | None) -> bool:
    """Whether MT with this signature came from the real model.

    Only kind ``"real"`` counts: a stand-in, tiny, fake or unknown model, or a signature that does
    not say, never has its output presented as a translation.
    """
    return signature_kind(signature) == "real"


def is_translation_signature(signature: str | None) -> bool:
    """Whether MT with this signature is a translation: the real model's, or another engine's
    imported with its document (kind ``external``); never a stand-in's or an unknown model's."""
    return signature_kind(signature) in ("real", EXTERNAL_KIND)
