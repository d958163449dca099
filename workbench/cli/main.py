"""The command line: a thin Click layer over the library, one module per command group.

Library errors become clean one-line messages (:func:`workbench.cli.common.friendly`).
"""

from __future__ import annotations

import click

from workbench.cli.align import align
from workbench.cli.documents import documents, export, import_
from workbench.cli.find import find
from workbench.cli.imports import import_mt, import_translation
from workbench.cli.memory import glossary, tm
from workbench.cli.model import model
from workbench.cli.qa import qa
from workbench.cli.score import score
from workbench.cli.segment import segment
from workbench.cli.serve import serve
from workbench.cli.store import store
from workbench.cli.translate import translate
from workbench.cli.ui import ui
from workbench.cli.users import review, users
from workbench.version import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="workbench")
def cli() -> None:
    """Arabic→English translation, post-editing and alignment workbench.

    Data lives in $WORKBENCH_HOME (default ~/.local/share/workbench).
    """


for command in (
    segment,
    import_,
    documents,
    score,
    export,
    ui,
    align,
    model,
    translate,
    store,
    users,
    review,
):
    cli.add_command(command)
# English from other tools (one line, so other groups' additions merge apart).
for command in (import_translation, import_mt, serve):
    cli.add_command(command)
# Translation memory, terminology and QA (one line, so other groups' additions merge apart).
for command in (qa, tm, glossary):
    cli.add_command(command)
# Find and replace in a stored document (one line, so other groups' additions merge apart).
cli.add_command(find)


def main() -> None:
    cli(prog_name="workbench")
