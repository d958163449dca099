"""`workbench model …`: install, build and inspect the translation model."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import friendly


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
