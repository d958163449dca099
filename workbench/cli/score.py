"""`workbench score`: BLEU, chrF and TER with sacrebleu's signatures."""

from __future__ import annotations

import json
from pathlib import Path

import click

from workbench.cli.common import friendly
from workbench.quality.metrics import METRICS


@click.command()
@click.argument("hyp", type=click.Path(path_type=Path))
@click.argument("ref", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as a JSON list.")
@click.option(
    "-m",
    "--metric",
    "metrics",
    multiple=True,
    default=tuple(METRICS),
    show_default=True,
    type=click.Choice(list(METRICS)),
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
