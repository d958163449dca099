"""`workbench segment`: sentences of articles, as text or JSON lines."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from workbench.cli.common import ENCODING_OPTION, friendly, visible_controls, warn
from workbench.errors import WorkbenchError
from workbench.pipeline.sources import shown


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "jsonl"]),
    default="text",
    show_default=True,
    help="text: one sentence per line; jsonl: one JSON object per sentence with its span.",
)
@ENCODING_OPTION
@friendly
def segment(files: tuple[Path, ...], fmt: str, encoding: str | None) -> None:
    """Split Arabic articles into sentences, one per line.

    Each line is the exact original text of the sentence (whitespace trimmed). A blank line in the
    input (a paragraph or document break) gives a blank line in the output. Page furniture (date
    lines, "logo", a repeated headline, the site name) comes out whole; --format jsonl marks it with
    "kind": "furniture". A file that cannot be read is reported and the next file is done.
    Written to a file or a pipe the text is exact, control characters and all; on a terminal
    they are shown as escapes (\\x1b) instead of acting on it.
    """
    from workbench.text.read import read_file
    from workbench.text.segment import iter_sentences

    visible = _on_terminal()
    failed = 0
    for index, path in enumerate(files):
        try:
            doc = read_file(path, encoding=encoding)
        except WorkbenchError as err:
            click.echo(f"Error: {shown(str(err))}", err=True)
            failed += 1
            continue
        if index and fmt == "text":
            click.echo("")
        paragraph = None
        for n, sent in enumerate(iter_sentences(doc.text, doc.blocks)):
            if fmt == "jsonl":
                record = {
                    "file": shown(path),
                    "index": n,
                    "paragraph": sent.paragraph,
                    "kind": sent.kind,
                    "start": sent.start,
                    "end": sent.end,
                    "text": sent.text,
                }
                click.echo(json.dumps(record, ensure_ascii=False))
                continue
            if paragraph is not None and sent.paragraph != paragraph:
                click.echo("")
            paragraph = sent.paragraph
            # color=True: click would otherwise drop escape sequences from the exact text.
            click.echo(visible_controls(sent.text) if visible else sent.text, color=True)
        warn(path, doc.warnings)
    if failed:
        raise click.ClickException(f"{failed} of {len(files)} files could not be read (see above).")


def _on_terminal() -> bool:
    return sys.stdout.isatty()
