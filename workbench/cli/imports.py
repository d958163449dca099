"""`workbench import-translation` and `import-mt`: English made in other tools, into the store."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path
from typing import cast

import click

from workbench.cli.common import friendly, visible_controls
from workbench.pipeline.sources import shown
from workbench.pipeline.translations import ON_CONFLICT, ImportReport, OnConflict

_FORMATS = (
    "XLIFF 1.2 or 2.0 (.xlf), TMX (.tmx, also OmegaT's project_save.tmx or project-omegat.tmx, "
    "or the OmegaT project folder), TSV (.tsv: source<TAB>target, or the tsv export), OmegaT's "
    "translated file from target/ (.txt)"
)


def _positions(positions: list[int]) -> str:
    return ", ".join(f"#{p + 1}" for p in positions)


def _echo_report(report: ImportReport) -> None:
    for conflict in report.conflicts:
        click.echo(
            f"conflict: segment #{conflict.position + 1} (file line {conflict.line}): the store's "
            f"English was saved after the file's:\n  store: "
            f"{visible_controls(conflict.store_text)}\n  file:  "
            f"{visible_controls(conflict.file_text)}",
            err=True,
        )
    counts = [
        (report.imported, "imported"),
        (report.unchanged, "unchanged"),
        (report.untranslated, "untranslated in the file"),
        ([c.position for c in report.conflicts], "in conflict"),
        (report.ambiguous, "with two different translations in the file (skipped)"),
    ]
    for positions, what in counts:
        if positions:
            click.echo(f"{len(positions)} {what}: {_positions(positions)}", err=True)
    if report.machine_changed:
        click.echo(
            f"{len(report.machine_changed)} marked as machine output but changed since "
            "(skipped; --take-machine imports them as edits)",
            err=True,
        )
    if report.machine:
        click.echo(
            f"{len(report.machine)} marked as machine output in the file (skipped)", err=True
        )
    if report.unmatched:
        lines = ", ".join(map(str, report.unmatched[:20]))
        click.echo(f"{len(report.unmatched)} for no segment here (file lines {lines})", err=True)
    if report.conflicts and not report.written:
        click.echo(
            "Nothing was written. Re-run with --on-conflict keep (import the rest, keep the "
            "store's English) or --on-conflict overwrite (take the file's; the store's stays in "
            "history).",
            err=True,
        )


@click.command(name="import-translation")
@click.argument("doc_id", type=int)
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--on-conflict",
    type=click.Choice(ON_CONFLICT),
    default="stop",
    show_default=True,
    help="A segment whose English in the store was saved after the file's: stop (write "
    "nothing), keep the store's, or overwrite it (the old text stays in history).",
)
@click.option("--confirm", is_flag=True, help="Mark every imported segment confirmed.")
@click.option(
    "--take-machine",
    is_flag=True,
    help="Import English the file marks as machine output when it differs from the stored MT "
    "(a tool that edited the text but not its state).",
)
@click.option(
    "--actor",
    default=None,
    help="Who edited it (history); default: $WORKBENCH_USER, else your user name.",
)
@friendly
def import_translation(
    doc_id: int, file: Path, on_conflict: str, confirm: bool, take_machine: bool, actor: str | None
) -> None:
    """Take English edited in another tool back into document DOC_ID as human edits.

    FILE is one of: {formats}. Units match segments by id where the file has the workbench's,
    else by exact Arabic. One transaction; each edit's history names the file and the actor.
    """
    from workbench.config import settings
    from workbench.pipeline.translations import import_translation as run
    from workbench.store.sqlite import Store

    report = run(
        Store.open_default(),
        doc_id,
        file,
        actor=actor or settings().user or getpass.getuser(),
        on_conflict=cast(OnConflict, on_conflict),  # click.Choice checked it
        confirm=confirm,
        take_machine=take_machine,
    )
    _echo_report(report)
    click.echo(f"{shown(file)}: {len(report.imported)} segments of document {doc_id} imported")
    if report.conflicts and not report.written:
        sys.exit(1)


import_translation.help = (import_translation.help or "").replace("{formats}", _FORMATS)


@click.command(name="import-mt")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--origin", default=None, help="The engine that made the MT (e.g. deepl, google).")
@click.option("--name", default=None, help="The document's name (default: the file's).")
@friendly
def import_mt(file: Path, origin: str | None, name: str | None) -> None:
    """Import a document with machine translation made elsewhere, to post-edit and score it.

    FILE is a TSV (source<TAB>mt, or a header with source, mt and optionally mt_origin), XLIFF or
    TMX; each row or unit is a segment. The MT is labelled with its engine (--origin) in the editor
    and every export, never as the workbench's or as human English.
    """
    from workbench.pipeline.translations import import_with_mt
    from workbench.store.sqlite import Store

    store = Store.open_default()
    doc_id = import_with_mt(store, file, origin=origin, name=name)
    row = store.document(doc_id)
    click.echo(
        f"{shown(file)}: document {doc_id}, {row.translated} of {row.translatable} segments "
        "with imported MT"
    )
