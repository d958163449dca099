"""`workbench align`: sentence alignment of an Arabic text and an existing translation."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.align.sentences import FORMATS
from workbench.cli.common import friendly

_FILE = click.Path(exists=True, dir_okay=False, path_type=Path)


@click.command()
@click.argument("src", type=_FILE)
@click.argument("tgt", type=_FILE)
@click.option(
    "--translation",
    type=_FILE,
    default=None,
    help="Machine translation of SRC into TGT's language, one line per SRC line.",
)
@click.option(
    "--reverse-translation",
    type=_FILE,
    default=None,
    help="Machine translation of TGT into SRC's language, one line per TGT line.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="jsonl",
    show_default=True,
    help='jsonl: {"src": [i...], "tgt": [j...], "score": s} per link; tsv: indices and texts; '
    "pairs: the two texts side by side.",
)
@click.option(
    "--segment",
    is_flag=True,
    help="SRC and TGT are plain paragraphs: cut them into sentences first (indices then count sentences).",
)
@click.option(
    "--signature", "show_signature", is_flag=True, help="Print the method's signature to stderr."
)
@friendly
def align(
    src: Path,
    tgt: Path,
    translation: Path | None,
    reverse_translation: Path | None,
    fmt: str,
    segment: bool,
    show_signature: bool,
) -> None:
    """Align the sentences of SRC (Arabic) with TGT (its translation), one sentence per line.

    Prints links in order, covering every line exactly once (0-based line indices; empty lines
    are lines too), including 1-2, 2-1, 2-2, 1-3, 3-1, 1-0 and 0-1 links. Give both translation
    files when you have them; without either, an Arabic SRC is translated with the installed real
    model.
    """
    from workbench.align.bitext import align_files
    from workbench.align.sentences import format_links
    from workbench.translate.engine import open_translator

    result = align_files(
        src,
        tgt,
        translation=translation,
        reverse_translation=reverse_translation,
        segment=segment,
        translator=open_translator,
    )
    for note in result.notes:
        click.echo(f"Note: {note}", err=True)
    click.echo(format_links(result.links, fmt, result.src, result.tgt), nl=False)
    if show_signature:
        click.echo(result.signature, err=True)
