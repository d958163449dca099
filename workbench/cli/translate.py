"""`workbench translate`: batch translation of files and folders into a folder of outputs."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workbench.cli.common import ENCODING_OPTION, failure, friendly, warn
from workbench.errors import WorkbenchError
from workbench.export import EXPORTERS
from workbench.model.notices import STANDIN_BANNER
from workbench.pipeline.sources import shown
from workbench.translate.types import BATCH_TYPES, DEVICES, TranslationOptions, Translator

ENGINES = ("local", "ray")

if TYPE_CHECKING:
    from workbench.export import ExportOptions
    from workbench.pipeline.sources import Source
    from workbench.store.sqlite import Store


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("translations"),
    show_default=True,
    help="Folder for the translated files.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    default="jsonl",
    show_default=True,
    type=click.Choice(list(EXPORTERS)),
    help="Output format; sbs is a side-by-side text view for reading.",
)
@click.option("--beam", default=4, show_default=True, help="Beam size (1 = greedy).")
@click.option(
    "--batch-size", default=32, show_default=True, help="Sentences (or tokens) per batch."
)
@click.option("--batch-type", type=click.Choice(BATCH_TYPES), default="examples", show_default=True)
@click.option("--device", type=click.Choice(DEVICES), default="auto", show_default=True)
@click.option("--compute-type", default="auto", show_default=True, help="auto = int8 on CPU.")
@click.option(
    "--threads",
    default=0,
    show_default=True,
    help="CPU threads per worker (0 = chosen from the CPUs: all of them in all).",
)
@click.option(
    "--workers",
    default=0,
    show_default=True,
    help="local: batches decoded at once (0 = one per CPU, at most 8); "
    "ray: actors, each loading the model once (0 = one per GPU, or per 2 CPUs).",
)
@click.option(
    "--engine",
    type=click.Choice(ENGINES),
    default="local",
    show_default=True,
    help="local: this process; ray: Ray actors (a local runtime, or --address).",
)
@click.option(
    "--address",
    default=None,
    help="With --engine ray: the cluster to join (what `ray start --head` printed, host:port).",
)
@click.option("--n-best", default=1, show_default=True, help="Alternatives kept per segment.")
@click.option("--alignments", is_flag=True, help="Also compute word alignments (from attention).")
@click.option(
    "--model",
    "model_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="A converted model folder (default: the installed one, real preferred).",
)
@click.option(
    "--include-standin",
    is_flag=True,
    help="tmx, omegat: keep English that is stand-in output (marked as not a translation); "
    "by default memories leave it out.",
)
@ENCODING_OPTION
@friendly
def translate(
    paths: tuple[Path, ...],
    out_dir: Path,
    fmt: str,
    beam: int,
    batch_size: int,
    batch_type: str,
    device: str,
    compute_type: str,
    threads: int,
    workers: int,
    engine: str,
    address: str | None,
    n_best: int,
    alignments: bool,
    model_dir: Path | None,
    include_standin: bool,
    encoding: str | None,
) -> None:
    """Translate Arabic articles (files, or folders of .txt files) into OUT.

    Each file is read, segmented, stored and translated; every finished batch of segments is saved
    at once, and the file's output is written atomically when it is complete. OUT mirrors the
    folders given (a.txt and sub/b.txt in a folder become OUT/a.ar-en.jsonl and
    OUT/sub/b.ar-en.jsonl); two inputs that would write the same output stop the run before
    anything is written. Run it again after an interruption: finished segments are not translated
    again. A file that fails is reported and the rest go on; the exit status is non-zero if any
    failed.
    """
    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    options = TranslationOptions(
        device=device,
        beam_size=beam,
        batch_size=batch_size,
        batch_type=batch_type,
        compute_type=compute_type,
        inter_threads=workers if engine == "local" else 0,
        intra_threads=threads,
        num_hypotheses=n_best,
        return_attention=alignments,
    )
    try:
        ray = (address, workers) if engine == "ray" else None
        _run(paths, out_dir, fmt, options, model_dir, encoding, include_standin, ray)
    except KeyboardInterrupt:
        click.echo(
            "\nInterrupted: finished segments are saved; run the same command to resume.", err=True
        )
        sys.exit(130)


def _run(
    paths: tuple[Path, ...],
    out_dir: Path,
    fmt: str,
    options: TranslationOptions,
    model_dir: Path | None,
    encoding: str | None,
    include_standin: bool = False,
    ray: tuple[str | None, int] | None = None,
) -> None:
    from workbench.export import ExportOptions, exporter
    from workbench.pipeline.document import import_sources
    from workbench.pipeline.sources import find_sources, output_paths
    from workbench.store.sqlite import Store
    from workbench.translate.engine import open_translator

    sources = list(find_sources(paths))
    outputs = output_paths(sources, fmt, out_dir)
    store = Store.open_default()
    if ray is None:
        translator = open_translator(model_dir, options)
        standin = translator.is_standin
    else:
        model_path, standin = _model_for_ray(model_dir)
    if standin:
        click.secho(STANDIN_BANNER, fg="yellow", err=True)
        if exporter(fmt).drops_standin and not include_standin:
            click.secho(
                f"{fmt} keeps only real translations, so the stand-in's English is left out and "
                "the file will have no units; pass --include-standin to keep it, marked as not a "
                "translation.",
                fg="yellow",
                err=True,
            )
    failures: list[tuple[Path, WorkbenchError]] = []
    export = (fmt, ExportOptions(include_standin=include_standin))
    if ray is not None:
        written = _translate_ray(
            store, sources, model_path, options, ray, export, outputs, failures, encoding
        )
    else:
        docs: list[tuple[Path, int]] = []
        for item in import_sources(store, sources, encoding=encoding):
            warn(item.path, item.warnings)
            if item.error is not None:
                failures.append((item.path, item.error))
            elif item.document_id is not None:
                docs.append((item.path, item.document_id))
        written = _translate_all(store, docs, translator, options, export, outputs, failures)
    for path in written:
        click.echo(shown(path))
    click.echo(
        f"{len(written)} translated, {len(failures)} failed; store: {store.location}", err=True
    )
    if failures:
        for path, err in failures:
            click.echo(f"  failed: {failure(path, err)}", err=True)
        sys.exit(1)


def _translate_all(
    store: Store,
    docs: list[tuple[Path, int]],
    translator: Translator,
    options: TranslationOptions,
    export: tuple[str, ExportOptions],
    outputs: dict[Path, Path],
    failures: list[tuple[Path, WorkbenchError]],
) -> list[Path]:
    """Translate and write each document with a progress bar; a failure is added to ``failures``.

    The bar counts the characters still to translate, so it moves with each saved batch and its
    ETA holds even though the engine does the short segments first.
    """
    from workbench.pipeline.document import translate_document, untranslated

    todo = {doc_id: untranslated(store, doc_id, translator, options) for _, doc_id in docs}
    total = sum(max(1, len(s.source)) for segments in todo.values() for s in segments)
    written = []
    with click.progressbar(
        length=total, label="Translating", show_eta=True, show_percent=True, file=sys.stderr
    ) as bar:
        for path, doc_id in docs:
            try:
                for item in translate_document(store, doc_id, translator, options):
                    if item.origin != "store":
                        bar.update(max(1, len(item.segment.source)))
                written.append(_write(store, doc_id, path, export, outputs[path]))
            except WorkbenchError as err:
                failures.append((path, err))
    return written


def _write(
    store: Store, doc_id: int, path: Path, export: tuple[str, ExportOptions], target: Path
) -> Path:
    """Write ``path``'s output, named after this input (the same bytes share one document)."""
    from workbench.export import export_document, write_export

    rendered = export_document(store, doc_id, *export, name=shown(path.name))
    return write_export(replace(rendered, filename=target.name), target.parent)


def _model_for_ray(model_dir: Path | None) -> tuple[Path, bool]:
    """The model the workers load (the same path on every machine) and whether it is a stand-in."""
    from workbench.errors import ModelError
    from workbench.model.notices import INSTALL_HINT
    from workbench.model.registry import find_model

    found = find_model(model_dir)
    if found is None:
        raise ModelError(
            "no translation model is installed: "
            f"{INSTALL_HINT}, or build the stand-in with `workbench model standin`."
        )
    return found[0], found[1] != "real"


def _translate_ray(
    store: Store,
    sources: list[Source],
    model_dir: Path,
    options: TranslationOptions,
    ray: tuple[str | None, int],
    export: tuple[str, ExportOptions],
    outputs: dict[Path, Path],
    failures: list[tuple[Path, WorkbenchError]],
    encoding: str | None,
) -> list[Path]:
    """:func:`_translate_all` on Ray: outputs are written as their documents complete.

    The bar counts source bytes (the files' sizes: the driver reads them in groups, so their
    segments are not known at the start) and moves with each stored batch.
    """
    from workbench.cluster.driver import Cluster, translate_sources

    total = sum(_size(source.path) for source in sources if source.error is None)
    written = []
    with click.progressbar(
        length=max(1, total), label="Translating", show_eta=True, show_percent=True, file=sys.stderr
    ) as bar:
        run = translate_sources(
            store,
            sources,
            model_dir,
            options,
            Cluster(address=ray[0], workers=ray[1]),
            encoding=encoding,
            progress=bar.update,
        )
        for item in run:
            path = item.source.path
            warn(path, item.warnings)
            if item.error is not None or item.document_id is None:
                failures.append((path, item.error or WorkbenchError("not translated")))
                continue
            try:
                written.append(_write(store, item.document_id, path, export, outputs[path]))
            except WorkbenchError as err:
                failures.append((path, err))
    return written


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
