"""Test doubles for code that takes a :class:`~workbench.translate.engine.Translator`."""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.signature import Signature
from workbench.translate.types import TranslationOptions, TranslationResult, translation_signature


@dataclass(frozen=True)
class FakeCall:
    """One call to :meth:`FakeTranslator.translate`: the texts and the options it got."""

    texts: tuple[str, ...]
    options: TranslationOptions | None


class FakeTranslator:
    """A translator with queued outputs that records its calls.

    Each text takes the next queued output; a queued exception is raised instead (to test error
    paths), and once the queue is empty a text translates to ``"EN: " + text``. Nothing is
    deduplicated or cached, so :attr:`calls` shows exactly what the caller asked for;
    :meth:`translate_stream` makes one call per batch of ``options.batch_size`` texts.

    With ``attention=True``, a call asking for ``return_attention`` gets an attention matrix like
    the real model's (one piece per source word, then ``</s>``; one token per output word), in which
    output word ``j`` of ``m`` attends only source word ``j * n // m`` of ``n``: a monotonic
    alignment. An output shorter than its source leaves source words unattended. Without it (the
    default) the attention is always None.
    """

    model_name = "fake"
    is_standin = True

    def __init__(
        self, outputs: Iterable[str | BaseException] = (), *, attention: bool = False
    ) -> None:
        self.queue: deque[str | BaseException] = deque(outputs)
        self.calls: list[FakeCall] = []
        self.attention = attention

    def queue_outputs(self, *outputs: str | BaseException) -> None:
        """Adds outputs (or exceptions to raise) to the end of the queue."""
        self.queue.extend(outputs)

    @property
    def texts(self) -> list[str]:
        """Every text translated so far, in order, across calls."""
        return [text for call in self.calls for text in call.texts]

    def signature(self, options: TranslationOptions | None = None) -> Signature:
        """A signature shaped like the real one, naming the fake model."""
        beam = (options or TranslationOptions()).beam_size
        return translation_signature(self.model_name, "fake", None, "none", beam)

    def translate(
        self, texts: Sequence[str], options: TranslationOptions | None = None
    ) -> list[TranslationResult]:
        """Records the call and answers each text from the queue, in input order."""
        self.calls.append(FakeCall(tuple(texts), options))
        signature = str(self.signature(options))
        results = []
        for text in texts:
            output = self.queue.popleft() if self.queue else f"EN: {text}"
            if isinstance(output, BaseException):
                raise output
            if self.attention and options is not None and options.return_attention:
                results.append(_attending(text, output, signature))
                continue
            results.append(
                TranslationResult(
                    source=text,
                    hypotheses=(output,),
                    scores=(0.0,),
                    target_tokens=tuple(output.split()),
                    source_pieces=(),
                    source_spans=(),
                    attention=None,
                    flags=(),
                    signature=signature,
                )
            )
        return results

    def translate_stream(
        self, texts: Sequence[str], options: TranslationOptions | None = None
    ) -> Iterator[list[tuple[int, TranslationResult]]]:
        """Answers ``texts`` in batches of ``options.batch_size``, in input order, one call each."""
        size = (options or TranslationOptions()).batch_size
        for begin in range(0, len(texts), size):
            results = self.translate(texts[begin : begin + size], options)
            yield list(enumerate(results, start=begin))


def _attending(text: str, output: str, signature: str) -> TranslationResult:
    """A result whose attention links output word ``j`` of ``m`` to source word ``j * n // m``."""
    spans = [match.span() for match in re.finditer(r"\S+", text)]
    words = output.split()
    n, m = len(spans), len(words)
    rows = []
    for j in range(m):
        row = [0.0] * (n + 1)  # the last column is </s>
        row[j * n // m if n else n] = 1.0
        rows.append(tuple(row))
    return TranslationResult(
        source=text,
        hypotheses=(output,),
        scores=(0.0,),
        target_tokens=tuple("\u2581" + word for word in words),
        source_pieces=(*("\u2581" + text[a:b] for a, b in spans), "</s>"),
        source_spans=(*spans, (len(text), len(text))),
        attention=tuple(rows),
        flags=(),
        signature=signature,
    )


def scrambled(text: str) -> str:
    """Noise as long as ``text``, word for word (each word's letters rotated by one)."""
    return " ".join(word[1:] + word[:1] for word in text.split(" "))


class LengthTranslator(FakeTranslator):
    """The stand-in forced to real output lengths: a source found in ``references`` (source → the
    real model's MT) gets noise exactly as long as that MT (:func:`scrambled`), so a page lays
    out and a store fills as with real output; any other source gets the fake's ``"EN: …"``."""

    def __init__(self, references: Mapping[str, str], *, attention: bool = False) -> None:
        super().__init__(attention=attention)
        self.references = dict(references)

    def translate(
        self, texts: Sequence[str], options: TranslationOptions | None = None
    ) -> list[TranslationResult]:
        self.queue_outputs(*(scrambled(self.references.get(t, f"EN: {t}")) for t in texts))
        return super().translate(texts, options)


def flores_pairs(folder: Path, count: int, start: int = 0) -> list[tuple[str, str]]:
    """``count`` FLORES-101 dev sentences from ``start``: (Arabic, the real opus-mt-ar-en MT),
    read from ``folder`` (the shared ``data/flores101-dev``: ``flores-dev.ar``,
    ``flores-dev.opusmt.en``)."""

    def lines(name: str) -> list[str]:
        return (folder / name).read_text(encoding="utf-8").splitlines()[start : start + count]

    return list(zip(lines("flores-dev.ar"), lines("flores-dev.opusmt.en"), strict=True))


def article(sources: Sequence[str]) -> str:
    """An article of one paragraph per source line (so each line is one segment)."""
    return "\n\n".join(sources) + "\n"
