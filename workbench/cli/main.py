"""The command line: a thin Click layer over the library. Library errors become clean messages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from workbench.cli.align import align
from workbench.cli.common import ENCODING_OPTION, friendly
from workbench.cli.translate import model, translate
from workbench.errors import WorkbenchError
from workbench.version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="workbench")
def cli() -> None:
    """Arabic→English translation, post-editing and alignment workbench.

    Data lives in $WORKBENCH_HOME (default ~/.local/share/workbench).
    """


@cli.command()
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
    """
    from workbench.text.read import read_file
    from workbench.text.segment import segment_text

    failed = 0
    for index, path in enumerate(files):
        try:
            doc = read_file(path, encoding=encoding)
        except WorkbenchError as err:
            click.echo(f"Error: {err}", err=True)
            failed += 1
            continue
        if index and fmt == "text":
            click.echo("")
        paragraph = None
        for n, sent in enumerate(segment_text(doc.text, doc.blocks)):
            if fmt == "jsonl":
                record = {
                    "file": str(path),
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
            click.echo(sent.text)
        for warning in doc.warnings:
            click.echo(f"Warning: {path}: {warning}", err=True)
    if failed:
        raise click.ClickException(f"{failed} of {len(files)} files could not be read (see above).")


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@ENCODING_OPTION
@friendly
def import_(paths: tuple[Path, ...], encoding: str | None) -> None:
    """Read, segment and store articles (files, or folders of .txt files) for the editor."""
    from workbench.pipeline.document import import_files
    from workbench.store.sqlite import Store

    store = Store.open_default()
    failed = done = 0
    for item in import_files(store, paths, encoding=encoding):
        if item.error is not None:
            failed += 1
            click.echo(f"Error: {item.error}", err=True)
            continue
        done += 1
        note = " (already stored)" if item.reused else ""
        click.echo(f"{item.path}: document {item.document_id}{note}")
    click.echo(f"{done} imported, {failed} failed; store: {store.path}", err=True)
    if failed:
        sys.exit(1)


@cli.command()
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
                f"{row.id:>4}  {row.name}  {row.confirmed}/{row.translatable} confirmed, "
                f"{row.translated} translated, {row.words} words"
            )
    if not rows and not as_json:
        click.echo("The store is empty: `workbench import FILE` adds an article.", err=True)


@cli.command()
@click.argument("hyp", type=click.Path(path_type=Path))
@click.argument("ref", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as a JSON list.")
@click.option(
    "-m",
    "--metric",
    "metrics",
    multiple=True,
    default=("bleu", "chrf", "ter"),
    show_default=True,
    type=click.Choice(["bleu", "chrf", "ter"]),
    help="Metrics to compute (repeatable).",
)
@friendly
def score(hyp: Path, ref: Path, as_json: bool, metrics: tuple[str, ...]) -> None:
    """Score a translation HYP against a reference REF (one segment per line) with sacrebleu."""
    from workbench.quality.metrics import score_files

    results = score_files(hyp, ref, metrics)
    if as_json:
        click.echo(json.dumps([r.as_dict() for r in results], ensure_ascii=False, indent=2))
        return
    for r in results:
        click.echo(f"{r.metric:6} {r.score:6.2f}  {r.signature}")


@cli.command()
@click.argument("doc_id", type=int)
@click.option(
    "-f",
    "--format",
    "fmt",
    default="txt",
    show_default=True,
    help="txt (post-edited English, paragraphs kept), sbs (side by side, for reading), tsv, "
    "jsonl, tmx (TMX 1.4b), xliff (XLIFF 1.2, opens in OmegaT) or xliff2.",
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
    type=click.Choice(["keep", "drop"]),
    default="keep",
    show_default=True,
    help="txt: keep page furniture (as original text) or drop it.",
)
@click.option(
    "--untranslated",
    type=click.Choice(["source", "mark", "drop"]),
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
    from workbench.export import ExportOptions, export_document, write_atomic, write_export
    from workbench.store.sqlite import Store

    options = ExportOptions(
        furniture=furniture,  # type: ignore[arg-type]  # click.Choice checked it
        untranslated=untranslated,  # type: ignore[arg-type]
        reviewed_only=reviewed_only,
        include_standin=include_standin,
    )
    result = export_document(Store.open_default(), doc_id, fmt, options)
    if output == "-":
        sys.stdout.buffer.write(result.data)
    elif output:
        write_atomic(output, result.data)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(f"wrote {write_export(result, out_dir)}", err=True)


@cli.command()
@click.argument("article", required=False, type=click.Path(path_type=Path))
@click.option("--port", default=8501, show_default=True, help="Port on 127.0.0.1.")
@click.option("--doc", "doc_id", type=int, default=None, help="Open this stored document.")
@click.option("--max-upload-mb", default=50, show_default=True, help="Largest upload accepted.")
@ENCODING_OPTION
@friendly
def ui(
    article: Path | None, port: int, doc_id: int | None, max_upload_mb: int, encoding: str | None
) -> None:
    """Open the post-editing editor in the browser (Streamlit on 127.0.0.1).

    With ARTICLE, it is imported first (if new) and opened in the editor, where it translates on
    first open. XSRF and CORS protection stay on. Stop it with Ctrl+C.
    """
    import contextlib
    import subprocess

    from workbench.pipeline.document import add_document
    from workbench.store.sqlite import Store
    from workbench.text.read import read_file
    from workbench.ui import launch

    if article is not None:
        doc_id, _ = add_document(Store.open_default(), read_file(article, encoding=encoding))
    click.echo(f"Editor: {launch.url(port, document=doc_id)}  (Ctrl+C stops it)", err=True)
    with contextlib.suppress(KeyboardInterrupt):
        subprocess.run(
            launch.command(port, document=doc_id, max_upload_mb=max_upload_mb), check=False
        )


cli.add_command(align)
cli.add_command(model)
cli.add_command(translate)


def main() -> None:
    cli(prog_name="workbench")
