"""`workbench model …` and `workbench translate`: installing models and batch translation."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from workbench.cli.common import ENCODING_OPTION, friendly
from workbench.errors import WorkbenchError

STANDIN_BANNER = (
    "STAND-IN MODEL: random weights with the shape of opus-mt-ar-en. Its English is NOT a "
    "translation; install the real model with `workbench model install --from PATH`."
)


def _say(line: str) -> None:
    click.echo(line, err=True)


@click.group()
def model() -> None:
    """Install, build and inspect the translation model (opus-mt-ar-en for CTranslate2)."""


@model.command()
@click.option(
    "--from",
    "source",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="A Hugging Face export folder of Helsinki-NLP/opus-mt-ar-en, or the OPUS-MT zip "
    "(opus-2019-12-18.zip). Without it, download from the Hugging Face hub.",
)
@click.option(
    "--sha256",
    default=None,
    help="Expected sha256 of the weights (default: the reference README's).",
)
@click.option(
    "--no-verify", is_flag=True, help="Install without checking the hash (recorded as unverified)."
)
@click.option("--quantization", default="int8", show_default=True, help="CTranslate2 quantization.")
@click.option("--revision", default=None, help="Hub revision (branch, tag or commit).")
@click.option("--timeout", default=10.0, show_default=True, help="Seconds to wait for the hub.")
@friendly
def install(
    source: Path | None,
    sha256: str | None,
    no_verify: bool,
    quantization: str,
    revision: str | None,
    timeout: float,
) -> None:
    """Install the real opus-mt-ar-en: verify its hash, convert it with CTranslate2."""
    from workbench.model.install import install_from_hub, install_from_path

    if source is not None:
        info = install_from_path(
            source,
            verify=not no_verify,
            expected_sha256=sha256,
            quantization=quantization,
            progress=_say,
        )
    else:
        info = install_from_hub(
            revision=revision,
            timeout=timeout,
            verify=not no_verify,
            expected_sha256=sha256,
            quantization=quantization,
            progress=_say,
        )
    click.echo(f"installed {info.label} into {info.path}")


@model.command()
@click.option("--seed", default=0, show_default=True, help="Seed of the random weights.")
@click.option("--quantization", default="int8", show_default=True, help="CTranslate2 quantization.")
@friendly
def standin(seed: int, quantization: str) -> None:
    """Build the stand-in: opus-mt-ar-en's exact shape and real tokenizers, random weights.

    It runs every real code path at real speed, for tests and benchmarks. Its output is
    meaningless and is labelled as such everywhere.
    """
    from workbench.model.install import build_standin

    info = build_standin(seed=seed, quantization=quantization, progress=_say)
    click.echo(f"built {info.label} into {info.path}")


@model.command()
@friendly
def info() -> None:
    """Show which models are installed, which one is used, and whether it is real."""
    from workbench.model.registry import model_info_text

    click.echo(model_info_text())


@model.command()
@click.option("--offline", is_flag=True, help="Do not ask the hub; use or build the stand-in.")
@click.option("--timeout", default=5.0, show_default=True, help="Seconds to wait for the hub.")
@friendly
def ensure(offline: bool, timeout: float) -> None:
    """Make sure a model is installed: the real one where possible, else the stand-in (says why)."""
    from workbench.model.install import ensure_model

    _, reason = ensure_model(offline=offline, timeout=timeout, progress=_say)
    click.echo(reason)


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
    type=click.Choice(["jsonl", "tsv", "txt", "sbs", "tmx", "xliff", "xliff2"]),
    help="Output format; sbs is a side-by-side text view for reading.",
)
@click.option("--beam", default=4, show_default=True, help="Beam size (1 = greedy).")
@click.option(
    "--batch-size", default=32, show_default=True, help="Sentences (or tokens) per batch."
)
@click.option(
    "--batch-type", type=click.Choice(["examples", "tokens"]), default="examples", show_default=True
)
@click.option(
    "--device", type=click.Choice(["auto", "cpu", "cuda"]), default="auto", show_default=True
)
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
    from workbench.export import export_document, write_export
    from workbench.pipeline.document import import_files, translate_document
    from workbench.store.sqlite import Store
    from workbench.translate.engine import open_translator
    from workbench.translate.types import TranslationOptions

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
    docs = [item for item in imported if item.document_id is not None]
    total = sum(store.document(item.document_id).translatable for item in docs if item.document_id)
    written = []
    try:
        with click.progressbar(
            length=total, label="Translating", show_eta=True, show_pos=True, file=sys.stderr
        ) as bar:
            for item in docs:
                assert item.document_id is not None
                try:
                    for _ in translate_document(store, item.document_id, translator, options):
                        bar.update(1)
                    result = export_document(store, item.document_id, fmt)
                    written.append(write_export(result, out_dir))
                except WorkbenchError as err:
                    failures.append((item.path, str(err)))
    except KeyboardInterrupt:
        click.echo(
            "\nInterrupted: finished segments are saved; run the same command to resume.", err=True
        )
        sys.exit(130)
    for path in written:
        click.echo(str(path))
    click.echo(f"{len(written)} translated, {len(failures)} failed; store: {store.path}", err=True)
    if failures:
        for path, message in failures:
            click.echo(f"  failed: {path}: {message}", err=True)
        sys.exit(1)
