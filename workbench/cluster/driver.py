"""The Ray engine's driver: read and segment here, translate with Ray Data, store and write here.

:func:`translate_sources` takes the sources of a run in groups of ``Cluster.group_files`` files
(the driver never holds the archive). For each group it imports the files (the same reader and
errors as the local engine), collects the prose segments not yet done under the run's signature
and fills what the store's cache already has. The remaining distinct sources wait until a
round of ``Cluster.round_sources`` of them, or ``Cluster.round_segments`` segments waiting for
them (or the end of the input), is reached; the round then
goes to Ray Data (:mod:`workbench.cluster.data`): ``map_batches`` over
:class:`~workbench.cluster.actor.TranslateBatch`, ``workers`` actors holding ``num_cpus`` or
``num_gpus`` each, each loading the model once, on length-sorted batches. Results stream back
as the actors finish them; each is written to the cache and the segments in one transaction, a
source already saved is skipped (a retried batch that comes back twice is stored once), and a
document is yielded as soon as its last segment is stored. A re-run finds the stored segments
done and sends only the rest.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.cluster.actor import TranslateBatch
from workbench.cluster.data import Plan, translate_round
from workbench.cluster.runtime import Runtime
from workbench.errors import ConfigError, InputError
from workbench.pipeline.document import import_sources, untranslated
from workbench.pipeline.sources import Source
from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store
from workbench.translate.types import TranslationOptions


@dataclass(frozen=True)
class Cluster:
    """Where and how wide to run: ``address`` of a running cluster (None: a local runtime),
    ``workers`` actors (0: one per GPU with ``--device cuda``, else one per 2 CPUs of the
    cluster), files imported per group, distinct sources translated per round (each round is
    one Ray Data run, whose actors load the model once: large enough that loading is a small
    part of a round, small enough that the driver holds little and documents finish as the
    run goes), and sources per actor call at most (0: 2 engine batches per thread of an actor,
    fewer where a round has less, so that every actor gets at least two calls)."""

    address: str | None = None
    workers: int = 0
    group_files: int = 500
    round_sources: int = 20_000
    #: Segments waiting for their sources at most: a round starts at either bound, so that an
    #: archive with few repeats in each file but many files does not wait whole in the driver
    #: (20,000 articles of 10 segments are 200,000 rows held for 21,000 distinct sources).
    round_segments: int = 50_000
    rows_per_call: int = 0
    #: The callable class the actors run, and what else its constructor takes (benchmarks force
    #: output lengths with a subclass of :class:`TranslateBatch`).
    actor: type[TranslateBatch] = TranslateBatch
    actor_kwargs: tuple[tuple[str, Any], ...] = ()
    #: How a round's sources are ordered before they are cut into batches, longest first: by
    #: characters (benchmarks that force output lengths order by the forced length, as the
    #: local engine's forced path groups its batches).
    order: Callable[[str], Any] = len


@dataclass(frozen=True)
class Finished:
    """One source after the run: its document, or the error that stopped it."""

    source: Source
    document_id: int | None
    error: InputError | None = None
    warnings: tuple[str, ...] = ()


def translate_sources(
    store: Store,
    sources: Iterable[Source],
    model_dir: Path,
    options: TranslationOptions,
    cluster: Cluster,
    *,
    encoding: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Finished]:
    """Translate ``sources`` on Ray; one :class:`Finished` per source as its document is done.

    ``progress`` is called with the UTF-8 bytes of source text each stored batch completes.
    """
    with Runtime(cluster.address) as runtime:
        plan = Plan.of(runtime, model_dir, options, cluster)
        run = _Run(store, plan, runtime, encoding, progress)
        group: list[Source] = []
        for source in sources:
            group.append(source)
            if len(group) >= cluster.group_files:
                yield from run.add(group)
                group = []
                if len(run.waiting) >= cluster.round_sources or run.held >= cluster.round_segments:
                    yield from run.translate()
        if group:
            yield from run.add(group)
        yield from run.translate()


class _Run:
    """What the driver holds between groups: the documents waiting for their segments."""

    def __init__(
        self,
        store: Store,
        plan: Plan,
        runtime: Runtime,
        encoding: str | None,
        progress: Callable[[int], None] | None,
    ) -> None:
        self.store, self.plan, self.runtime = store, plan, runtime
        self.encoding, self.progress = encoding, progress
        #: Each document's sources, and its segments still to be stored.
        self.by_doc: dict[int, list[Finished]] = {}
        self.remaining: dict[int, int] = {}
        #: Each distinct source still to be translated, and the segments that wait for it.
        self.waiting: dict[str, list[SegmentRow]] = {}

    @property
    def held(self) -> int:
        """The segments waiting for their sources."""
        return sum(map(len, self.waiting.values()))

    def add(self, group: list[Source]) -> Iterator[Finished]:
        """Import ``group``; yield what fails or is already done, keep the rest waiting."""
        imported = list(import_sources(self.store, group, encoding=self.encoding))
        # The signature, asked of a worker while the group was read (Any: what untranslated()
        # asks of a translator is its signature, all the model's description has).
        model: Any = self.plan.model()
        signature = str(model.signature())
        added: list[str] = []
        for source, item in zip(group, imported, strict=True):
            if item.error is not None or item.document_id is None:
                yield Finished(source, None, item.error, item.warnings)
                continue
            doc_id = item.document_id
            first = doc_id not in self.by_doc
            self.by_doc.setdefault(doc_id, []).append(Finished(source, doc_id, None, item.warnings))
            if not first:  # the same file named twice: its segments are counted once
                continue
            todo = untranslated(self.store, doc_id, model, self.plan.options)
            self.remaining[doc_id] = len(todo)
            for seg in todo:
                if seg.source not in self.waiting:
                    added.append(seg.source)
                self.waiting.setdefault(seg.source, []).append(seg)
        wants_alignment = self.plan.options.return_attention
        cached = [
            (src, hit)
            for src, hit in self.store.cached(added, signature).items()
            if not wants_alignment or "alignment" in hit["meta"]
        ]
        self._save(signature, cached, cache=False)
        yield from self._ready()

    def translate(self) -> Iterator[Finished]:
        """Translate every waiting source (one Ray Data run) and yield the finished documents."""
        if not self.waiting:
            return
        signature = str(self.plan.model().signature())
        # Longest first: the round ends on short batches, so no actor is left alone with a
        # long one.
        fresh = sorted(self.waiting, key=self.plan.cluster.order, reverse=True)
        for results in translate_round(self.runtime, self.plan, fresh):
            new = [(src, hit) for src, hit in results if src in self.waiting]
            self._save(signature, new, cache=True)
            yield from self._ready()
        if self.waiting:
            raise ConfigError(f"the cluster returned no result for {len(self.waiting)} segments")

    def _save(self, signature: str, results: list[tuple[str, Any]], *, cache: bool) -> None:
        """Store ``results`` (and the cache, when fresh) in one transaction."""
        updates = []
        chars = 0
        for src, hit in results:
            for seg in self.waiting.pop(src, []):
                updates.append((seg.id, hit["text"], signature, hit["meta"]))
                self.remaining[seg.document_id] -= 1
                chars += max(1, len(src.encode("utf-8")))
        if updates:
            self.store.set_mt_many(updates, (results, signature) if cache else None)
        if self.progress is not None and chars:
            self.progress(chars)

    def _ready(self) -> Iterator[Finished]:
        """The sources whose documents have nothing left to translate."""
        done = [doc_id for doc_id, left in self.remaining.items() if left == 0]
        for doc_id in done:
            del self.remaining[doc_id]
            yield from self.by_doc.pop(doc_id, [])
