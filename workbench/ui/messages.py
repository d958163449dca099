"""What the editor says when an import fails: the reader's error, told for the page, not a shell.

The reader (:mod:`workbench.text.read`) names the fix in command-line terms ("pass --encoding
cp1256"); on the Library page the same fix is the Encoding box, and an empty paste is a text box
left empty, not "a file that contains only whitespace".
"""

from __future__ import annotations

import re

from workbench.errors import InputError

_FLAG = re.compile(r"pass --encoding ([\w-]+)(?: \(or ([\w-]+)\))?")
#: The Library's name for the Encoding box.
ENCODING_BOX = "the Encoding box (under the file)"
NO_FILE = "No file chosen: choose a .txt file above, then press Import file."
EMPTY_PASTE = "Nothing to import: the text box is empty. Paste the article's Arabic text into it."


def _box(match: re.Match[str]) -> str:
    names = " or ".join(n for n in match.groups() if n)
    return f"choose {names} in {ENCODING_BOX} and import the file again"


def import_error(err: InputError) -> str:
    """The reader's error with its command-line fix said as the page's own control."""
    return _FLAG.sub(_box, str(err))


def paste_problem(text: str) -> str | None:
    """Why a paste cannot be imported before reading it (an empty box), or None."""
    return EMPTY_PASTE if not text or text.isspace() else None
