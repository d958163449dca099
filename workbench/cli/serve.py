"""`workbench serve`: the LibreTranslate-compatible HTTP API (FastAPI on uvicorn)."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import friendly
from workbench.model.notices import STANDIN_BANNER


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=5000, show_default=True, help="Port.")
@click.option(
    "--api-keys",
    "keys_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="File of API keys, one a line (optionally `KEY REQUESTS_PER_MINUTE`); required when "
    "--host is not a loopback address.",
)
@click.option(
    "--per-minute", default=120, show_default=True, help="Requests per minute per key (or address)."
)
@click.option("--max-chars", default=20_000, show_default=True, help="Characters per request.")
@click.option("--beam", default=4, show_default=True, help="Beam size.")
@click.option("--model", "model_dir", type=click.Path(path_type=Path), default=None)
@friendly
def serve(
    host: str,
    port: int,
    keys_file: Path | None,
    per_minute: int,
    max_chars: int,
    beam: int,
    model_dir: Path | None,
) -> None:
    """Serve LibreTranslate's API (POST /translate, /detect, GET /languages) and POST /align.

    Arabic to English with the workbench's segmentation, verbatim protection, translation cache
    and translation memory (100% matches, as it stood when the server started). Any LibreTranslate client works: point it at http://HOST:PORT/. Every answer says which
    model made the English (a `model` field and the X-Workbench-Standin header).
    """
    from workbench.api import Limits, Service, load_keys
    from workbench.api.http import create_app
    from workbench.api.server import check_binding, run
    from workbench.memory import TranslationMemory
    from workbench.store.sqlite import Store
    from workbench.translate.engine import open_translator
    from workbench.translate.types import TranslationOptions

    keys = load_keys(keys_file) if keys_file is not None else None
    check_binding(host, keys is not None)
    options = TranslationOptions(beam_size=beam)
    translator = open_translator(model_dir, options)
    if translator.is_standin:
        click.secho(STANDIN_BANNER, fg="yellow", err=True)
    limits = Limits(max_chars=max_chars, per_minute=per_minute)
    store = Store.open_default()
    memory = TranslationMemory.of_store(store)
    service = Service(translator, store=store, memory=memory, options=options, limits=limits)
    click.echo(f"API: http://{host}:{port}/  (Ctrl+C stops it)", err=True)
    run(create_app(service, keys), host, port)
