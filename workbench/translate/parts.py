"""How the engine's work is cut up and put back: parts of segments, batches, assembled results.

A segment goes to the model as one or more :class:`Part` (more when it would overflow the position
table; a letterless part is copied, not translated). :func:`batches` groups parts of the same
decoding limit, :func:`assemble` joins a segment's parts back into one
:class:`~workbench.translate.types.TranslationResult` (verbatim items restored, scores weighted by
length, attention block-diagonal). Nothing here imports ctranslate2.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from workbench.translate.prepare import Prepared, restore
from workbench.translate.subwords import Encoding, Subwords
from workbench.translate.types import (
    COPIED_LETTERLESS,
    HIT_MAX_LENGTH,
    PLACEHOLDER_LOST,
    PLACEHOLDER_RESTORED,
    SPLIT_OVER_LONG,
    TranslationOptions,
    TranslationResult,
)


@dataclass
class Part:
    """A span of one segment that goes to the model on its own (or is copied, when letterless)."""

    start: int
    end: int
    prepared: Prepared | None
    encoding: Encoding | None
    limit: int = 0
    forced: bool = False
    hypotheses: list[list[str]] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    attention: list[list[float]] | None = None
    hit: bool = False


def cache_key(text: str, signature: str, opts: TranslationOptions) -> tuple[object, ...]:
    return (
        text,
        signature,
        opts.num_hypotheses,
        opts.return_scores,
        opts.return_attention,
        opts.max_decoding_ratio,
        opts.max_decoding_cap,
    )


def batches(parts: list[Part], opts: TranslationOptions, workers: int = 1) -> Iterator[list[Part]]:
    """``parts`` (sorted) cut into batches of one decoding limit each.

    A batch holds at most ``batch_size`` parts (or pieces, for ``batch_type="tokens"``) and at
    most ``max_batch_steps`` parts × beam × limit, so long, limit-bound parts come in smaller
    batches and a batch's memory stays bounded. With fewer parts than ``workers`` full batches,
    example batches shrink so that every worker gets one (a page of 10 segments on 2 workers
    goes as 2 batches of 5, not 1 of 10 with one worker idle).
    """
    size = opts.batch_size
    if opts.batch_type == "examples" and workers > 1:
        size = max(1, min(size, -(-len(parts) // workers)))
    batch: list[Part] = []
    longest = 0
    for part in parts:
        pieces = len(part.encoding or ())
        count, width = len(batch) + 1, max(longest, pieces)
        full = count > size if opts.batch_type == "examples" else count * width > size
        steps = count * opts.beam_size * part.limit
        full = full or (opts.max_batch_steps > 0 and count > 1 and steps > opts.max_batch_steps)
        if batch and (full or (part.forced, part.limit) != (batch[0].forced, batch[0].limit)):
            yield batch
            batch, width = [], pieces
        batch.append(part)
        longest = width
    if batch:
        yield batch


def assemble(
    text: str, plan: list[Part], opts: TranslationOptions, signature: str, subwords: Subwords
) -> TranslationResult:
    translated = [part for part in plan if part.prepared is not None]
    if not translated:
        return TranslationResult(
            source=text,
            hypotheses=(text,),
            scores=(0.0,) if opts.return_scores else (),
            target_tokens=(),
            source_pieces=(),
            source_spans=(),
            attention=() if opts.return_attention else None,
            flags=(COPIED_LETTERLESS,),
            signature=signature,
        )
    flags = [SPLIT_OVER_LONG] if len(plan) > 1 else []
    if any(part.hit for part in translated):
        flags.append(HIT_MAX_LENGTH)
    hypotheses = []
    for rank in range(min(len(part.hypotheses) for part in translated)):
        outputs = []
        for part in plan:
            if part.prepared is None:
                outputs.append(text[part.start : part.end].strip())
                continue
            output, lost = restore(subwords.decode(part.hypotheses[rank]), part.prepared.items)
            outputs.append(output)
            if rank == 0 and part.prepared.items:
                flags.append(PLACEHOLDER_LOST if lost else PLACEHOLDER_RESTORED)
        hypotheses.append(" ".join(output for output in outputs if output))
    if PLACEHOLDER_LOST in flags:
        flags = [flag for flag in flags if flag != PLACEHOLDER_RESTORED]
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    for part in translated:
        assert part.prepared is not None and part.encoding is not None
        pieces.extend(part.encoding.pieces)
        for start, end in part.encoding.spans:
            begin, stop = part.prepared.original_span(start, end)
            spans.append((begin + part.start, stop + part.start))
    return TranslationResult(
        source=text,
        hypotheses=tuple(hypotheses),
        scores=_scores(translated, len(hypotheses)) if opts.return_scores else (),
        target_tokens=tuple(token for part in translated for token in part.hypotheses[0]),
        source_pieces=tuple(pieces),
        source_spans=tuple(spans),
        attention=_block_diagonal(translated, len(pieces)) if opts.return_attention else None,
        flags=tuple(dict.fromkeys(flags)),
        signature=signature,
    )


def _scores(parts: list[Part], count: int) -> tuple[float, ...]:
    # CTranslate2 scores are per-token averages; weighting by length keeps that meaning for parts.
    scores = []
    for rank in range(count):
        lengths = [max(1, len(part.hypotheses[rank])) for part in parts]
        total = sum(part.scores[rank] * n for part, n in zip(parts, lengths, strict=True))
        scores.append(total / sum(lengths))
    return tuple(scores)


def _block_diagonal(parts: list[Part], width: int) -> tuple[tuple[float, ...], ...]:
    rows = []
    column = 0
    for part in parts:
        size = len(part.encoding or ())
        for row in part.attention or []:
            rows.append((0.0,) * column + tuple(row) + (0.0,) * (width - column - size))
        column += size
    return tuple(rows)
