"""`workbench translate`: batch translation of files and folders into a folder of outputs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workbench.cli.common import ENCODING_OPTION, friendly
from workbench.errors import WorkbenchError
from workbench.export import EXPORTERS
from workbench.model.notices import STANDIN_BANNER
from workbench.translate.types import BATCH_TYPES, DEVICES, TranslationOptions, Translator

if TYPE_CHECKING:
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
    "--threads", default=0, show_default=True, help="CPU threads (0 = CTranslate2's default)."
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
    n_best: int,
    alignments: bool,
    model_dir: Path | None,
    encoding: str | None,
) -> None:
    """Translate Arabic articles (files, or folders of .txt files) into OUT.

    Each file is read, segmented, stored and translated segment by segment; its output is written
    atomically when it is complete. Run it again after an interruption: finished segments are
    not translated again. A file that fails is reported and the rest go on; the exit status is
    non-zero if any failed.
    """
    from workbench.pipeline.document import import_files
    from workbench.store.sqlite import Store
    from workbench.translate.engine import open_translator

    options = TranslationOptions(
        device=device,
        beam_size=beam,
        batch_size=batch_size,
        batch_type=batch_type,
        compute_type=compute_type,
        intra_threads=threads,
        num_hypotheses=n_best,
        return_attention=alignments,
    )
    store = Store.open_default()
    translator = open_translator(model_dir, options)
    if translator.is_standin:
        click.secho(STANDIN_BANNER, fg="yellow", err=True)
    imported = list(import_files(store, paths, encoding=encoding))
    failures = [(item.path, str(item.error)) for item in imported if item.error is not None]
    docs = [(item.path, item.document_id) for item in imported if item.document_id is not None]
    written = _translate_all(store, docs, translator, options, fmt, out_dir, failures)
    for path in written:
        click.echo(str(path))
    click.echo(f"{len(written)} translated, {len(failures)} failed; store: {store.path}", err=True)
    if failures:
        for path, message in failures:
            click.echo(f"  failed: {path}: {message}", err=True)
        sys.exit(1)


def _translate_all(
    store: Store,
    docs: list[tuple[Path, int]],
    translator: Translator,
    options: TranslationOptions,
    fmt: str,
    out_dir: Path,
    failures: list[tuple[Path, str]],
) -> list[Path]:
    """Translate and write each document with a progress bar; a failure is added to ``failures``."""
    from workbench.export import export_document, write_export
    from workbench.pipeline.document import translate_document

    total = sum(store.document(doc_id).translatable for _, doc_id in docs)
    written = []
    try:
        with click.progressbar(
            length=total, label="Translating", show_eta=True, show_pos=True, file=sys.stderr
        ) as bar:
            for path, doc_id in docs:
                try:
                    for _ in translate_document(store, doc_id, translator, options):
                        bar.update(1)
                    written.append(write_export(export_document(store, doc_id, fmt), out_dir))
                except WorkbenchError as err:
                    failures.append((path, str(err)))
    except KeyboardInterrupt:
        click.echo(
            "\nInterrupted: finished segments are saved; run the same command to resume.", err=True
        )
        sys.exit(130)
    return written
