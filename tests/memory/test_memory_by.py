"""A memory entry from a confirmed segment says who confirmed it (the store's history actor)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from workbench.cli.main import cli
from workbench.memory import add_entries, entries
from workbench.pipeline.document import add_document
from workbench.store import Store
from workbench.store.users import approve
from workbench.text.read import read_text


def _segments(store: Store) -> list[int]:
    doc_id, _ = add_document(store, read_text("قال الوزير\nوصل الرئيس\nجملة ثالثة\n", name="a.txt"))
    return [s.id for s in store.segments(doc_id) if s.kind == "prose"]


def test_entries_record_who_confirmed(default_store: Store) -> None:
    store = default_store
    first, second, third = _segments(store)
    store.save_edit(first, "The minister said", 0, confirm=True, actor="amal")
    edited = store.save_edit(second, "The president came", 0, actor="amal")
    store.save_edit(second, "The president arrived", edited.version, confirm=True, actor="omar")
    confirmed = store.save_edit(third, "A third sentence", 0, confirm=True)  # no user name
    add_entries(store, [("جملة مستوردة", "An imported sentence")], "tmx:x.tmx")
    by = {e.target: e.by for e in entries(store)}
    assert by == {
        "An imported sentence": None,
        "The minister said": "amal",
        "The president arrived": "omar",
        "A third sentence": None,
    }
    approve(store, third, confirmed.version, "rana")  # confirmed without a user name: the reviewer
    assert {e.target: e.by for e in entries(store)}["A third sentence"] == "rana"


def test_approval_keeps_the_confirmer(default_store: Store) -> None:
    store = default_store
    first = _segments(store)[0]
    row = store.save_edit(first, "The minister said", 0, confirm=True, actor="amal")
    approve(store, first, row.version, "rana")
    assert [e.by for e in entries(store)] == ["amal"]


def test_tm_search_shows_who_confirmed(default_store: Store) -> None:
    store = default_store
    first = _segments(store)[0]
    store.save_edit(first, "The minister said", 0, confirm=True, actor="amal")
    runner = CliRunner()
    text = runner.invoke(cli, ["tm", "search", "قال الوزير"])
    assert "(document 1, confirmed by amal)" in text.output, text.output
    row = json.loads(runner.invoke(cli, ["tm", "search", "قال الوزير", "--json"]).output)
    assert row["by"] == "amal" and row["origin"] == "document 1"
