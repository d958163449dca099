"""`workbench tm` and `workbench glossary`: the translation memory and the terms, in and out."""

from __future__ import annotations

import json
from pathlib import Path

import click

from workbench.cli.common import friendly, visible_controls


def _write(data: bytes, output: Path | None) -> None:
    if output is None:
        click.echo(data.decode(), nl=False)
        return
    from workbench.export.files import write_atomic

    write_atomic(output, data)
    click.echo(f"wrote {output}", err=True)


@click.group()
def tm() -> None:
    """The translation memory: every confirmed segment, and pairs imported from TMX files."""


@tm.command(name="import")
@click.argument("path", type=click.Path(path_type=Path))
@friendly
def tm_import(path: Path) -> None:
    """Import the Arabic→English pairs of a TMX file (ar/ar-* and en/en-*; others skipped)."""
    from workbench.memory import import_tmx
    from workbench.store import Store

    added, same, read = import_tmx(Store.open_default(), path)
    click.echo(f"{path}: {added} pairs added, {same} already in the memory")
    for langs, count in sorted(read.skipped.items()):
        click.echo(f"  skipped {count} units in {langs} (not Arabic→English)")


@tm.command(name="export")
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), default=None, help="File (else stdout)."
)
@friendly
def tm_export(output: Path | None) -> None:
    """Write the whole memory (imported pairs and confirmed segments) as TMX 1.4b."""
    from workbench.export.xml import pairs_tmx_bytes
    from workbench.memory import entries
    from workbench.store import Store

    pairs = dict.fromkeys((e.source, e.target) for e in entries(Store.open_default()))
    _write(pairs_tmx_bytes(pairs), output)


@tm.command(name="search")
@click.argument("text")
@click.option("--threshold", type=click.FloatRange(0, 100), default=70.0, show_default=True)
@click.option("--limit", type=click.IntRange(1), default=5, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON line per match.")
@friendly
def tm_search(text: str, threshold: float, limit: int, as_json: bool) -> None:
    """Exact and fuzzy matches of an Arabic TEXT in the memory, best first."""
    from workbench.memory import TranslationMemory
    from workbench.store import Store

    matches = TranslationMemory.of_store(Store.open_default()).search(text, threshold, limit)
    for m in matches:
        if as_json:
            row = {"score": round(m.score, 1), "source": m.entry.source, "target": m.entry.target}
            row |= {"origin": m.entry.origin, "by": m.entry.by}
            click.echo(json.dumps(row, ensure_ascii=False))
        else:
            by = f", confirmed by {visible_controls(m.entry.by)}" if m.entry.by else ""
            click.echo(f"{m.score:5.1f}%  {visible_controls(m.entry.source)}")
            click.echo(f"        {visible_controls(m.entry.target)}  ({m.entry.origin}{by})")
    if not matches and not as_json:
        click.echo(f"no match of {threshold:g}% or more", err=True)


@click.group()
def glossary() -> None:
    """The glossary: Arabic terms, their preferred English, forbidden variants and a note."""


@glossary.command(name="import")
@click.argument("path", type=click.Path(path_type=Path))
@friendly
def glossary_import(path: Path) -> None:
    """Import terms from a .csv, .tsv (arabic,english[,forbidden;variants[,note]]) or .tbx file."""
    from workbench.store import Store
    from workbench.terms import read_glossary
    from workbench.terms.stored import save_terms

    added, updated = save_terms(Store.open_default(), read_glossary(path))
    click.echo(f"{path}: {added} terms added, {updated} updated")


@glossary.command(name="export")
@click.argument("path", type=click.Path(path_type=Path))
@friendly
def glossary_export(path: Path) -> None:
    """Write the glossary to PATH (.csv, .tsv or .tbx, from the extension)."""
    from workbench.store import Store
    from workbench.terms import glossary_bytes, glossary_format
    from workbench.terms.stored import stored_terms

    kind = glossary_format(path)
    _write(glossary_bytes(stored_terms(Store.open_default()), kind), path)
