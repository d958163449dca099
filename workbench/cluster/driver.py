"""The Ray engine's driver: read and segment here, translate on the cluster, store and write here.

:func:`translate_sources` takes the sources of a run in groups of ``Cluster.group_files`` files
(the driver never holds the archive). For each group it imports the files (the same reader and
errors as the local engine), collects the prose segments not yet done under the run's signature,
fills what the store's cache already has, and hands the remaining distinct sources, longest
first, to ``workers`` :class:`~workbench.cluster.actor.TranslateBatch` actors (``num_cpus`` or
``num_gpus`` each) started once for the whole run, so each worker loads the model once and
decodes length-sorted batches of consecutive slices. (Not Ray Data's ``map_batches``: its actor
pool lives for one dataset, and a driver that streams the archive in groups would load the model
again for every group.) Ray restarts an actor whose process dies and retries its calls. Results
stream back as the actors finish them; each is written to the cache and the segments in one
transaction, a source already saved in the group is skipped (a retried call that comes back
twice is stored once), and a document is yielded as soon as its last segment is stored.
A re-run finds the stored segments done and sends only the rest.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from workbench.cluster.actor import RESULT, SIGNATURE, SOURCE, TranslateBatch, options_to_dict
from workbench.cluster.runtime import Runtime
from workbench.errors import ConfigError, InputError
from workbench.pipeline.document import import_sources, untranslated
from workbench.pipeline.sources import Source
from workbench.signature import Signature
from workbench.store.records import SegmentRow
from workbench.store.sqlite import Store
from workbench.translate.types import TranslationOptions


@dataclass(frozen=True)
class Cluster:
    """Where and how wide to run: ``address`` of a running cluster (None: a local runtime),
    ``workers`` actors (0: one per GPU with ``--device cuda``, else one per 2 CPUs of the
    cluster), files per group, and sources per actor call at most (0: 4 engine batches per
    thread of the actor: slices of the length-sorted sources small enough to keep the actors'
    loads even, large enough that an actor's threads are rarely left without a batch; fewer
    where a group has less, so that every actor gets work)."""

    address: str | None = None
    workers: int = 0
    group_files: int = 500
    rows_per_call: int = 0
    #: The callable class the actors run, and what else its constructor takes (benchmarks force
    #: output lengths with a subclass of :class:`TranslateBatch`).
    actor: type[TranslateBatch] = TranslateBatch
    actor_kwargs: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Finished:
    """One source after the run: its document, or the error that stopped it."""

    source: Source
    document_id: int | None
    error: InputError | None = None
    warnings: tuple[str, ...] = ()


class _Model:
    """The run's signature, for :func:`untranslated`: what the workers said they run."""

    def __init__(self, signature: Signature, name: str, standin: bool) -> None:
        self._signature = signature
        self.model_name = name
        self.is_standin = standin

    def signature(self, options: TranslationOptions | None = None) -> Signature:
        return self._signature


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
        pool = _Pool(runtime, model_dir, options, cluster)
        group: list[Source] = []
        for source in sources:
            group.append(source)
            if len(group) >= cluster.group_files:
                yield from _group(store, group, pool, encoding, progress)
                group = []
        if group:
            yield from _group(store, group, pool, encoding, progress)


class _Pool:
    """The run's actors, started once: each loads the model once and serves every group."""

    #: Calls queued per actor beyond the one it runs, so it never waits for the driver.
    AHEAD = 2

    def __init__(
        self, runtime: Runtime, model_dir: Path, options: TranslationOptions, cluster: Cluster
    ) -> None:
        self.runtime = runtime
        self.model_dir = str(Path(model_dir).resolve())
        gpu = options.device == "cuda"
        self.workers = cluster.workers or runtime.default_workers(gpu)
        resources: dict[str, Any]
        if gpu:
            resources = {"num_gpus": 1, "num_cpus": 1}
            self.options = replace(options, inter_threads=options.inter_threads or 1)
        else:
            cpus = max(1, runtime.cpus() // self.workers)
            resources = {"num_cpus": cpus}
            from workbench.translate.types import split_threads

            inter, intra = split_threads(options.inter_threads, options.intra_threads, cpus)
            device = "cpu" if options.device == "auto" else options.device
            self.options = replace(options, device=device, inter_threads=inter, intra_threads=intra)
        self.resources = resources
        self.rows = (
            cluster.rows_per_call or 4 * self.options.batch_size * self.options.inter_threads
        )
        self.wants_alignment = options.return_attention
        self.actors = runtime.actors(
            cluster.actor,
            self.workers,
            resources,
            (self.model_dir, options_to_dict(self.options)),
            dict(cluster.actor_kwargs),
        )
        # Every worker says what it runs (and has its model loaded before the first group).
        described = runtime.call([actor.describe.remote() for actor in self.actors], self.model_dir)
        fields, name, standin = described[0]
        # Any: what untranslated() asks of a translator is its signature, all _Model has.
        self.model: Any = _Model(Signature(tuple(tuple(f) for f in fields)), name, standin)
        self._check({str(Signature(tuple(tuple(f) for f in d[0]))) for d in described})

    def _check(self, signatures: set[str]) -> None:
        expected = str(self.model.signature())
        if signatures - {expected}:
            raise ConfigError(
                f"a worker translates under {sorted(signatures - {expected})}, not "
                f"{expected}: every machine needs the same model in {self.model_dir}"
            )

    def translate(self, sources: list[str]) -> Iterator[list[tuple[str, dict[str, Any]]]]:
        """Each call's results as it comes back: ``(source, stored result)`` pairs.

        ``sources`` (sorted by length) go out in consecutive slices, at most :attr:`rows` each
        and small enough that every actor gets some; an actor that finishes gets the next slice.
        """
        share = -(-len(sources) // (len(self.actors) * self.AHEAD))
        rows = max(1, min(self.rows, share))
        slices = iter(range(0, len(sources), rows))
        pending: dict[Any, Any] = {}

        def submit(actor: Any) -> None:
            start = next(slices, None)
            if start is not None:
                pending[actor.translate.remote(sources[start : start + rows])] = actor

        for actor in self.actors * self.AHEAD:
            submit(actor)
        while pending:
            [ready], _ = self.runtime.ray.wait(list(pending), num_returns=1)
            actor = pending.pop(ready)
            [batch] = self.runtime.call([ready], self.model_dir)
            submit(actor)
            self._check({str(s) for s in batch[SIGNATURE]})
            yield [
                (str(src), json.loads(str(res)))
                for src, res in zip(batch[SOURCE], batch[RESULT], strict=True)
            ]


def _group(
    store: Store,
    group: list[Source],
    pool: _Pool,
    encoding: str | None,
    progress: Callable[[int], None] | None,
) -> Iterator[Finished]:
    signature = str(pool.model.signature())
    by_doc: dict[int, list[Finished]] = {}
    for source, item in zip(group, import_sources(store, group, encoding=encoding), strict=True):
        if item.error is not None or item.document_id is None:
            yield Finished(source, None, item.error, item.warnings)
        else:
            finished = Finished(source, item.document_id, None, item.warnings)
            by_doc.setdefault(item.document_id, []).append(finished)
    waiting: dict[str, list[SegmentRow]] = {}
    remaining: dict[int, int] = {}
    for doc_id in by_doc:
        todo = untranslated(store, doc_id, pool.model, pool.options)
        remaining[doc_id] = len(todo)
        for seg in todo:
            waiting.setdefault(seg.source, []).append(seg)
    cached = {
        src: hit
        for src, hit in store.cached(list(waiting), signature).items()
        if not pool.wants_alignment or "alignment" in hit["meta"]
    }
    _save(store, signature, waiting, list(cached.items()), remaining, progress, cache=False)
    yield from _ready(by_doc, remaining)
    # Longest first: the run ends on short slices, so no actor is left alone with a long one.
    fresh = sorted(waiting, key=len, reverse=True)
    if fresh:
        for results in pool.translate(fresh):
            new = [(src, hit) for src, hit in results if src in waiting]
            _save(store, signature, waiting, new, remaining, progress, cache=True)
            yield from _ready(by_doc, remaining)
    if waiting:
        raise ConfigError(f"the cluster returned no result for {len(waiting)} segments")


def _save(
    store: Store,
    signature: str,
    waiting: dict[str, list[SegmentRow]],
    results: list[tuple[str, dict[str, Any]]],
    remaining: dict[int, int],
    progress: Callable[[int], None] | None,
    *,
    cache: bool,
) -> None:
    """Store ``results`` (and the cache, when fresh) in one transaction."""
    updates = []
    chars = 0
    for src, hit in results:
        for seg in waiting.pop(src, []):
            updates.append((seg.id, hit["text"], signature, hit["meta"]))
            remaining[seg.document_id] -= 1
            chars += max(1, len(src.encode("utf-8")))
    if updates:
        store.set_mt_many(updates, (results, signature) if cache else None)
    if progress is not None and chars:
        progress(chars)


def _ready(by_doc: dict[int, list[Finished]], remaining: dict[int, int]) -> Iterator[Finished]:
    """The sources whose documents have nothing left to translate."""
    done = [doc_id for doc_id, left in remaining.items() if left == 0]
    for doc_id in done:
        del remaining[doc_id]
    for doc_id in done:
        yield from by_doc.pop(doc_id, [])
