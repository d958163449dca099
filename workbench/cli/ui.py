"""`workbench ui`: the editor, served by Streamlit on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path

import click

from workbench.cli.common import ENCODING_OPTION, friendly


@click.command()
@click.argument("article", required=False, type=click.Path(path_type=Path))
@click.option("--port", default=8501, show_default=True, help="Port on 127.0.0.1.")
@click.option("--doc", "doc_id", type=int, default=None, help="Open this stored document.")
@click.option("--max-upload-mb", default=50, show_default=True, help="Largest upload accepted.")
@click.option(
    "--address",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on. Anything but 127.0.0.1 needs sign-in ([auth] in "
    ".streamlit/secrets.toml) or --unsafe-no-auth.",
)
@click.option(
    "--unsafe-no-auth",
    is_flag=True,
    help="Serve beyond 127.0.0.1 without sign-in (only behind a proxy that signs people in).",
)
@ENCODING_OPTION
@click.option(
    "--tm/--no-tm",
    "use_memory",
    default=True,
    show_default=True,
    help="With ARTICLE: fill segments with a 100% translation-memory match on import "
    "(status tm; never a human edit), as `workbench import` does.",
)
@friendly
def ui(
    article: Path | None,
    port: int,
    doc_id: int | None,
    max_upload_mb: int,
    address: str,
    unsafe_no_auth: bool,
    encoding: str | None,
    use_memory: bool,
) -> None:
    """Open the post-editing editor in the browser (Streamlit on 127.0.0.1).

    With ARTICLE, it is imported first (if new) and opened in the editor, where it translates on
    first open. XSRF and CORS protection stay on, and only requests for localhost or 127.0.0.1 are
    answered. Stop it with Ctrl+C or `kill`: the server stops with it.
    """
    from workbench.pipeline.memory_fill import add_document_filled
    from workbench.store.sqlite import Store
    from workbench.text.read import read_file
    from workbench.ui import launch

    auth = launch.auth_configured(launch.secrets_files())
    launch.check_exposure(address, auth=auth, unsafe_no_auth=unsafe_no_auth)
    if article is not None:
        store = Store.open_default()
        doc_id, _ = add_document_filled(store, read_file(article, encoding=encoding), use_memory)
    where = launch.url(port, address=address, document=doc_id)
    click.echo(
        f"Editor: {where}  (Ctrl+C stops it){' — sign-in required' if auth else ''}", err=True
    )
    cmd = launch.command(port, address=address, document=doc_id, max_upload_mb=max_upload_mb)
    status = launch.serve(cmd)
    if status:
        raise SystemExit(status)
