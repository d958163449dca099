"""`workbench users ...`: the newsroom's users, their roles and their documents.

The command line acts as ``$WORKBENCH_USER`` when it is set (checked against that user's role)
and otherwise as the local operator, who may do everything (whoever has a shell on the server).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from workbench.cli.common import friendly

if TYPE_CHECKING:
    from workbench.store.sqlite import Store


@click.group()
def users() -> None:
    """Users (translator, reviewer, admin) and who is assigned which document."""


def _open() -> tuple[Store, str | None]:
    from workbench.config import settings
    from workbench.store.sqlite import Store

    return Store.open_default(), settings().user


@users.command(name="add")
@click.argument("email")
@click.option(
    "--role",
    type=click.Choice(["translator", "reviewer", "admin"]),
    default="translator",
    show_default=True,
)
@click.option("--name", default=None, help="The name shown beside their work.")
@friendly
def add(email: str, role: str, name: str | None) -> None:
    """Add a user (or change their role). They sign in with this email."""
    from workbench.store import users as u

    store, actor = _open()
    row = u.add_user(store, email, role, name, by=actor)
    click.echo(f"{row.email}: {row.role}")


@users.command(name="list")
@friendly
def list_() -> None:
    """List the users and their roles."""
    from workbench.store import users as u

    store, _ = _open()
    for row in u.users(store):
        click.echo(f"{row.email}  {row.role}  {row.name or ''}".rstrip())


@users.command()
@click.argument("email")
@friendly
def remove(email: str) -> None:
    """Remove a user (their history stays, under their email)."""
    from workbench.store import users as u

    store, actor = _open()
    u.remove_user(store, email, by=actor)
    click.echo(f"removed {email}")


@users.command()
@click.argument("doc_id", type=int)
@click.argument("email")
@friendly
def assign(doc_id: int, email: str) -> None:
    """Assign document DOC_ID to the user EMAIL."""
    from workbench.store import users as u

    store, actor = _open()
    u.assign(store, doc_id, email, by=actor)
    click.echo(f"document {doc_id}: {', '.join(u.assignees(store, doc_id))}")


@users.command()
@click.argument("doc_id", type=int)
@click.argument("email")
@friendly
def unassign(doc_id: int, email: str) -> None:
    """Take document DOC_ID away from the user EMAIL."""
    from workbench.store import users as u

    store, actor = _open()
    u.unassign(store, doc_id, email, by=actor)
    click.echo(f"document {doc_id}: {', '.join(u.assignees(store, doc_id)) or 'nobody'}")


@users.command()
@click.argument("doc_id", type=int)
@friendly
def effort(doc_id: int) -> None:
    """Each person's saves, editing time and HTER (of their confirmed segments) on DOC_ID."""
    from workbench.quality.people import effort_by_person

    store, _ = _open()
    for row in effort_by_person(store, doc_id):
        score = "-" if row.hter is None else f"{row.hter:.2f}"
        click.echo(
            f"{row.actor or '(local)'}  {row.saves} saves  {row.seconds:.0f} s  "
            f"{row.segments} segments  {row.confirmed} confirmed  HTER {score}"
        )


@click.group()
def review() -> None:
    """A reviewer's approvals and send-backs (acting as $WORKBENCH_USER)."""


@review.command()
@click.argument("doc_id", type=int)
@click.option("--segment", "segment_ids", type=int, multiple=True, help="Only these segment ids.")
@friendly
def approve(doc_id: int, segment_ids: tuple[int, ...]) -> None:
    """Approve the confirmed segments of DOC_ID (or only --segment ones)."""
    from workbench.store import users as u

    store, actor = _open()
    chosen = [
        s
        for s in store.segments(doc_id)
        if s.status == "confirmed" and (not segment_ids or s.id in segment_ids)
    ]
    for seg in chosen:
        u.approve(store, seg.id, seg.version, actor)
    click.echo(f"document {doc_id}: {len(chosen)} segments approved")


@review.command(name="send-back")
@click.argument("segment_id", type=int)
@click.option("--note", required=True, help="What the translator should change.")
@friendly
def send_back(segment_id: int, note: str) -> None:
    """Send segment SEGMENT_ID back to its translator with a note."""
    from workbench.store import users as u

    store, actor = _open()
    seg = store.segment(segment_id)
    u.send_back(store, segment_id, seg.version, note, actor)
    click.echo(f"segment {segment_id}: sent back")
