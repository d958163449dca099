"""`workbench find`: matches listed, --json, --replace in the English, clear errors."""

from __future__ import annotations

import json

from click.testing import CliRunner

from workbench.cli.main import cli
from workbench.pipeline.document import add_document
from workbench.store import Store
from workbench.text.read import read_text


def test_find_and_replace_from_the_command_line() -> None:
    store = Store.open_default()
    doc_id, _ = add_document(store, read_text("قال الوزير.\n\nوصل الرئيس.\n", name="a"))
    for segment, mt in zip(store.segments(doc_id), ["The minister said.", "He came."], strict=True):
        store.set_mt(segment.id, mt, "sig")
    runner = CliRunner()
    found = runner.invoke(cli, ["find", str(doc_id), "الـوزير"])
    assert found.exit_code == 0, found.output
    assert found.stdout == "#1: قال [[الوزير]].\n"
    as_json = runner.invoke(cli, ["find", str(doc_id), "minister", "--in", "english", "--json"])
    assert json.loads(as_json.stdout) == {
        "segment": 1,
        "side": "english",
        "text": "The minister said.",
        "spans": [[4, 12]],
    }
    refused = runner.invoke(cli, ["find", str(doc_id), "x", "--replace", "y"])
    assert refused.exit_code == 2 and "add --in english" in refused.output
    done = runner.invoke(
        cli, ["find", str(doc_id), "minister", "--in", "english", "--replace", "Minister"]
    )
    assert "Replaced 1 occurrence(s) in 1 segment(s)" in done.stderr
    assert store.segments(doc_id)[0].target == "The Minister said."
    missing = runner.invoke(cli, ["find", str(doc_id), "absent"])
    assert missing.exit_code == 1 and "0 match(es)" in missing.stderr
    nodoc = runner.invoke(cli, ["find", "99", "x"])
    assert nodoc.exit_code == 1 and "no document 99" in nodoc.output
