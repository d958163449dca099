"""`workbench find DOC TEXT [--replace X]`: find in a stored document, and replace in its English."""

from __future__ import annotations

import json

import click

from workbench.cli.common import friendly


@click.command("find")
@click.argument("doc_id", metavar="DOC", type=int)
@click.argument("text")
@click.option(
    "--in",
    "side",
    type=click.Choice(["source", "english"]),
    default="source",
    show_default=True,
    help="Look in the Arabic source or in the English shown (the human edit, else the MT).",
)
@click.option("--whole-word", is_flag=True, help="Match whole words only.")
@click.option("--match-case", is_flag=True, help="Upper and lower case differ.")
@click.option(
    "--no-fold",
    is_flag=True,
    help="Source: match harakat, tatweel and alef/yaa/taa-marbuta forms exactly (default: folded).",
)
@click.option(
    "--replace",
    "replacement",
    default=None,
    help="Replace every match in the English with this text (needs --in english): each changed "
    "segment is saved as a new version (status edited), undoable from its history.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON line per matching segment.")
@friendly
def find(
    doc_id: int,
    text: str,
    side: str,
    whole_word: bool,
    match_case: bool,
    no_fold: bool,
    replacement: str | None,
    as_json: bool,
) -> None:
    """Find TEXT in document DOC's segments (numbered as the editor numbers them).

    Exit status 1 when nothing matches.
    """
    from workbench.search import Query, find_hits, replace_all, snippet
    from workbench.store import Store

    store = Store.open_default()
    store.document(doc_id)
    query = Query(
        text, "english" if side == "english" else "source", whole_word, match_case, not no_fold
    )
    if replacement is not None and query.side != "english":
        raise click.UsageError("--replace changes the English only: add --in english.")
    hits = find_hits(store.segments(doc_id), query)
    for hit in hits:
        if as_json:
            spans = [[s.start, s.end] for s in hit.spans]
            line = {"segment": hit.position + 1, "side": hit.side, "text": hit.text, "spans": spans}
            click.echo(json.dumps(line, ensure_ascii=False))
        else:
            shown = "".join(f"[[{p}]]" if m else p for p, m in snippet(hit.text, hit.spans))
            click.echo(f"#{hit.position + 1}: {shown}")
    count = sum(len(h.spans) for h in hits)
    click.echo(f"{count} match(es) in {len(hits)} segment(s).", err=True)
    if replacement is not None and hits:
        click.echo(replace_all(store, hits, replacement).summary(), err=True)
    if not hits:
        raise click.exceptions.Exit(1)
