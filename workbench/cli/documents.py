"""`workbench import`, `documents` and `export`: the store's documents from the command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import cast

import click

from workbench.cli.common import ENCODING_OPTION, failure, friendly, visible_controls, warn
from workbench.export import FURNITURE_MODES, UNTRANSLATED_MODES
from workbench.export.model import FurnitureMode, UntranslatedMode
from workbench.pipeline.sources import shown


@click.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@ENCODING_OPTION
@click.option(
    "--tm/--no-tm",
    "use_memory",
    default=True,
    show_default=True,
    help="Fill segments with a 100% translation-memory match (status tm; never a human edit).",
)
@friendly
def import_(paths: tuple[Path, ...], encoding: str | None, use_memory: bool) -> None:
    """Read, segment and store articles (files, or folders of .txt files) for the editor."""
    from workbench.config import settings
    from workbench.pipeline.document import import_files
    from workbench.store.sqlite import Store
    from workbench.store.users import require

    store = Store.open_default()
    require(store, settings().user, "import")
    failed = done = 0
    memory = None
    try:
        for item in import_files(store, paths, encoding=encoding):
            warn(item.path, item.warnings)
            if item.error is not None:
                failed += 1
                click.echo(f"Error: {failure(item.path, item.error)}", err=True)
                continue
            done += 1
            note = " (already stored)" if item.reused else ""
            if use_memory and not item.reused and item.document_id is not None:
                from workbench.pipeline.memory_fill import prefill_document

                filled, memory = prefill_document(store, item.document_id, memory)
                note += f", {filled} segments from the memory" if filled else ""
            click.echo(f"{shown(item.path)}: document {item.document_id}{note}")
    except KeyboardInterrupt:
        click.echo(
            f"\nInterrupted after {done} files: they are stored; run the same command to import "
            "the rest (stored files are not added twice).",
            err=True,
        )
        sys.exit(130)
    click.echo(f"{done} imported, {failed} failed; store: {store.location}", err=True)
    if failed:
        sys.exit(1)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="One JSON object per document.")
@friendly
def documents(as_json: bool) -> None:
    """List the documents in the store with their progress."""
    from dataclasses import asdict

    from workbench.store.sqlite import Store

    rows = Store.open_default().documents()
    for row in rows:
        if as_json:
            click.echo(json.dumps(asdict(row), ensure_ascii=False))
        else:
            click.echo(
                f"{row.id:>4}  {visible_controls(row.name, invisible=True)}  "
                f"{row.confirmed}/{row.translatable} confirmed, "
                f"{row.translated} translated, {row.words} words"
            )
    if not rows and not as_json:
        click.echo("The store is empty: `workbench import FILE` adds an article.", err=True)


@click.command()
@click.argument("doc_id", type=int)
@click.option(
    "-f",
    "--format",
    "fmt",
    default="txt",
    show_default=True,
    help="txt (post-edited English, paragraphs kept), sbs (side by side, for reading), tsv, "
    "jsonl, tmx (TMX 1.4b), xliff (XLIFF 1.2: MateCat, Trados, memoQ), xliff2 or omegat (an "
    "OmegaT project package: Arabic source, confirmed English and MT as memories).",
)
@click.option(
    "-o",
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=".",
    show_default=True,
    help="Folder to write into (the file name comes from the document's).",
)
@click.option("--output", default=None, help="Exact file to write instead, or - for stdout.")
@click.option(
    "--furniture",
    type=click.Choice(FURNITURE_MODES),
    default="drop",
    show_default=True,
    help="txt: drop page furniture (dates, the repeated Arabic headline) or keep it as its "
    "original text on its own line.",
)
@click.option(
    "--untranslated",
    type=click.Choice(UNTRANSLATED_MODES),
    default="source",
    show_default=True,
    help="txt: what stands in for a segment with no English yet.",
)
@click.option("--reviewed-only", is_flag=True, help="tmx: only edited or confirmed segments.")
@click.option(
    "--include-standin",
    is_flag=True,
    help="tmx: keep units whose English is stand-in output (marked as not a translation).",
)
@friendly
def export(
    doc_id: int,
    fmt: str,
    out_dir: Path,
    output: str | None,
    furniture: str,
    untranslated: str,
    reviewed_only: bool,
    include_standin: bool,
) -> None:
    """Export a stored document (see `workbench documents` for ids), written atomically."""
    from workbench.config import settings
    from workbench.errors import AccessError
    from workbench.export import ExportOptions, export_document, write_atomic, write_export
    from workbench.store.sqlite import Store
    from workbench.store.users import can_open, record_export

    options = ExportOptions(
        furniture=cast(FurnitureMode, furniture),  # click.Choice checked it
        untranslated=cast(UntranslatedMode, untranslated),
        reviewed_only=reviewed_only,
        include_standin=include_standin,
    )
    store = Store.open_default()
    actor = settings().user
    if not can_open(store, actor, doc_id):
        raise AccessError(f"document {doc_id} is not assigned to {actor}.")
    result = export_document(store, doc_id, fmt, options)
    record_export(store, doc_id, fmt, actor)
    if output == "-":
        sys.stdout.buffer.write(result.data)
    elif output:
        write_atomic(output, result.data)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(f"wrote {write_export(result, out_dir)}", err=True)
