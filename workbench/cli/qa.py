"""`workbench qa`: QA checks of the English, on two line-aligned files or a stored document."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from workbench.cli.common import friendly
from workbench.errors import InputError

if TYPE_CHECKING:
    from workbench.terms import Glossary


def _glossary(path: Path | None) -> Glossary | None:
    from workbench.terms import Glossary, read_glossary

    return Glossary(read_glossary(path)) if path is not None else None


def _file_pairs(src: Path, en: Path) -> list[tuple[str, str | None]]:
    from workbench.text.lines import read_lines

    sources, english = read_lines(src), read_lines(en)
    if len(sources) != len(english):
        raise InputError(
            f"{src} has {len(sources)} lines but {en} has {len(english)}: "
            "the Arabic and the English must pair up line by line."
        )
    return list(zip(sources, english, strict=True))


def _echo(index: int, issues: list[dict[str, str]], fmt: str, label: str) -> None:
    if fmt == "jsonl":
        click.echo(json.dumps({label: index, "issues": issues}, ensure_ascii=False))
        return
    for issue in issues:
        click.echo(f"{label} {index}: {issue['code']}: {issue['detail']}")


@click.command()
@click.argument("src", type=click.Path(path_type=Path), required=False)
@click.argument("en", type=click.Path(path_type=Path), required=False)
@click.option(
    "--document", "doc_id", type=int, default=None, help="Check a stored document instead."
)
@click.option(
    "--glossary",
    type=click.Path(path_type=Path),
    default=None,
    help="A glossary (.csv, .tsv or .tbx) for term-missing and term-forbidden"
    " (--document: default the store's, from `workbench glossary import`).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "text"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON line per pair; text: one line per issue.",
)
@friendly
def qa(
    src: Path | None, en: Path | None, doc_id: int | None, glossary: Path | None, fmt: str
) -> None:
    """Check the English of SRC and EN (line-aligned Arabic and English) or of --document DOC_ID.

    Codes: number-mismatch, url-missing, arabic-left, empty-target, same-as-source,
    length-ratio, repeated-word, unbalanced-brackets, double-space, term-missing, term-forbidden,
    inconsistent-translation, inconsistent-name (see the README). Exit status 1 if any line has an issue.
    """
    from workbench.quality.qa import check_document, check_pairs

    terms = _glossary(glossary)
    if (doc_id is None) == (src is None or en is None) or (doc_id is not None and src):
        raise click.UsageError("give SRC and EN, or --document DOC_ID (not both).")
    any_issue = False
    if doc_id is not None:
        from workbench.store import Store
        from workbench.terms.stored import stored_glossary

        store = Store.open_default()
        # Without --glossary, a stored document is checked against the store's glossary.
        terms = terms if terms is not None else stored_glossary(store) or None
        for row in check_document(store, doc_id, terms):
            _echo(row.position, [i.as_dict() for i in row.issues], fmt, "segment")
            any_issue = any_issue or bool(row.issues)
    else:
        assert src is not None and en is not None
        for i, issues in enumerate(check_pairs(_file_pairs(src, en), terms)):
            _echo(i, [issue.as_dict() for issue in issues], fmt, "line")
            any_issue = any_issue or bool(issues)
    if any_issue:
        raise click.exceptions.Exit(1)
