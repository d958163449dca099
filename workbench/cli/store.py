"""`workbench store migrate` and `workbench store copy`: the store's schema and moving it."""

from __future__ import annotations

import click

from workbench.cli.common import friendly


@click.group()
def store() -> None:
    """The store: SQLite (the default file) or PostgreSQL ($WORKBENCH_DATABASE_URL)."""


@store.command()
@click.argument("where", required=False)
@friendly
def migrate(where: str | None) -> None:
    """Bring a store's schema up to date (default: the configured store).

    WHERE is an SQLite file or a postgresql:// URL. Opening a store migrates it; this does only that and says
    which version it is at.
    """
    from workbench.config import settings
    from workbench.store.sqlite import Store

    opened = Store(where or settings().store_location)
    click.echo(f"{opened.location}: schema version {opened.schema_version}")
    opened.close()


@store.command()
@click.argument("src")
@click.argument("dst")
@friendly
def copy(src: str, dst: str) -> None:
    """Copy every row of the store SRC into the empty store DST, then verify the copy.

    Each is an SQLite file or a postgresql:// URL: `workbench store copy ~/.local/share/workbench/workbench.db
    postgresql://wb@db.example/workbench` moves a translator's work onto the team server. Ids,
    texts and history are kept; row counts and a digest of every value are compared afterwards.
    """
    from workbench.store.copy import copy_store
    from workbench.store.sqlite import Store

    source, target = Store(src), Store(dst)
    try:
        for table in copy_store(source, target):
            click.echo(f"{table.table}: {table.rows} rows copied, verified ({table.digest[:12]})")
    finally:
        source.close()
        target.close()
    click.echo(f"{source.location} → {target.location}: identical", err=True)
