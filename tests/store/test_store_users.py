"""Roles, assignments, review and attribution (workbench.store.users), on both backends."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli.main import cli
from workbench.errors import AccessError, ConflictError, InputError
from workbench.pipeline.document import add_document
from workbench.store import users
from workbench.store.sqlite import Store
from workbench.text.read import read_text

T, R, A = "tr@example.org", "rev@example.org", "boss@example.org"


@pytest.fixture
def newsroom(any_store: Store) -> tuple[Store, int, int]:
    store = any_store
    one = add_document(store, read_text("جملة أولى. جملة ثانية.", name="one.txt"))[0]
    two = add_document(store, read_text("نص آخر.", name="two.txt"))[0]
    users.add_user(store, A, "admin")
    users.add_user(store, "TR@Example.org ", "translator", name="Tarek")
    users.add_user(store, R, "reviewer")
    users.assign(store, one, T, by=A)
    return store, one, two


def test_a_store_without_users_is_local_mode(any_store: Store) -> None:
    doc = add_document(any_store, read_text("جملة.", name="x.txt"))[0]
    assert users.local_mode(any_store)
    users.require(any_store, "anyone@example.org", "delete")
    assert [d.id for d in users.visible_documents(any_store, "anyone@example.org")] == [doc]


def test_translators_see_their_documents_reviewers_and_admins_all(
    newsroom: tuple[Store, int, int],
) -> None:
    store, one, two = newsroom
    assert [d.id for d in users.visible_documents(store, T)] == [one]
    assert {d.id for d in users.visible_documents(store, R)} == {one, two}
    assert {d.id for d in users.visible_documents(store, A)} == {one, two}
    assert users.can_open(store, T, one) and not users.can_open(store, T, two)
    with pytest.raises(AccessError, match="not assigned"):
        users.require(store, T, "edit", two)
    with pytest.raises(AccessError, match="not a user"):
        users.visible_documents(store, "stranger@example.org")
    assert users.user(store, T).name == "Tarek" and users.assignees(store, one) == [T]


def test_only_admins_import_delete_assign(newsroom: tuple[Store, int, int]) -> None:
    store, _, two = newsroom
    for who in (T, R):
        for action in ("import", "delete", "assign", "manage-users"):
            with pytest.raises(AccessError, match="admins"):
                users.require(store, who, action)
        with pytest.raises(AccessError):
            users.assign(store, two, T, by=who)
    users.require(store, A, "delete")
    with pytest.raises(InputError, match="unknown role"):
        users.add_user(store, "x@example.org", "editor")


def test_review_approve_and_send_back_with_who(newsroom: tuple[Store, int, int]) -> None:
    store, one, _ = newsroom
    first, second = (s for s in store.segments(one) if s.kind == "prose")
    done = store.save_edit(first.id, "First.", first.version, confirm=True, seconds=4, actor=T)
    with pytest.raises(AccessError, match="reviewers"):
        users.approve(store, first.id, done.version, T)
    with pytest.raises(InputError, match="only a confirmed"):
        users.approve(store, second.id, second.version, R)
    approved = users.approve(store, first.id, done.version, R)
    assert approved.status == "approved"
    assert store.document(one).confirmed == 1, "approved counts as done"
    after = store.set_mt(first.id, "new mt", "sig")
    assert (after.status, after.post_edit) == ("approved", "First."), "MT never overwrites it"
    back = store.save_edit(second.id, "Second", second.version, confirm=True, seconds=2, actor=T)
    with pytest.raises(ConflictError):
        users.send_back(store, second.id, back.version - 1, "no", R)
    returned = users.send_back(store, second.id, back.version, "Name the minister.", R)
    assert returned.status == "edited"
    (note,) = users.review_notes(store, second.id)
    assert note[1:3] == ("Name the minister.", R)
    actions = [(h.action, h.actor) for h in store.history(first.id)]
    assert actions == [("confirm", T), ("approve", R), ("mt", None)]
    effort = users.effort_by_actor(store, one)
    assert effort[T][0] == 2 and effort[T][1] == pytest.approx(6.0)
    assert R not in effort, "approving is not editing time"


def test_review_notes_are_append_only(newsroom: tuple[Store, int, int]) -> None:
    store, one, _ = newsroom
    seg = next(s for s in store.segments(one) if s.kind == "prose")
    done = store.save_edit(seg.id, "x", seg.version, confirm=True, actor=T)
    users.send_back(store, seg.id, done.version, "again", R)
    with pytest.raises(Exception, match="kept as written"):
        store.db.execute("UPDATE comments SET body = 'forged'")
    with pytest.raises(Exception, match="kept as written"):
        store.db.execute("DELETE FROM comments")


def test_users_cli_and_who_exports(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    doc = add_document(Store.open_default(), read_text("جملة.", name="x.txt"))[0]
    assert runner.invoke(cli, ["users", "add", A, "--role", "admin"]).exit_code == 0
    added = runner.invoke(cli, ["users", "add", T, "--role", "translator", "--name", "Tarek"])
    assert added.exit_code == 0 and f"{T}: translator" in added.output
    assert T in runner.invoke(cli, ["users", "list"]).output
    monkeypatch.setenv("WORKBENCH_USER", T)
    refused = runner.invoke(cli, ["users", "assign", str(doc), T])
    assert refused.exit_code == 1 and "only admins may assign" in refused.output
    out = tmp_path / "x.txt"
    denied = runner.invoke(cli, ["export", str(doc), "-f", "txt", "-o", str(out)])
    assert denied.exit_code == 1 and "not assigned" in denied.output
    monkeypatch.setenv("WORKBENCH_USER", A)
    assert runner.invoke(cli, ["users", "assign", str(doc), T]).exit_code == 0
    monkeypatch.setenv("WORKBENCH_USER", T)
    done = runner.invoke(cli, ["export", str(doc), "-f", "txt", "-o", str(out)])
    assert done.exit_code == 0, done.output
    assert users.exports(Store.open_default(), doc)[0][:2] == ("txt", T)
    no_import = runner.invoke(cli, ["import", str(out)])
    assert no_import.exit_code == 1 and "only admins may import" in no_import.output


def test_review_and_effort_cli(monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    store = Store.open_default()
    doc = add_document(store, read_text("جملة أولى. جملة ثانية.", name="x.txt"))[0]
    users.add_user(store, T, "translator")
    users.add_user(store, R, "reviewer")
    users.assign(store, doc, T)
    first, second = (s for s in store.segments(doc) if s.kind == "prose")
    store.set_mt(first.id, "First machine", "sig")
    store.save_edit(first.id, "First.", first.version + 1, confirm=True, seconds=3, actor=T)
    store.save_edit(second.id, "Second.", second.version, confirm=True, seconds=2, actor=T)
    monkeypatch.setenv("WORKBENCH_USER", T)
    refused = runner.invoke(cli, ["review", "approve", str(doc)])
    assert refused.exit_code == 1 and "only reviewers and admins may review" in refused.output
    monkeypatch.setenv("WORKBENCH_USER", R)
    done = runner.invoke(cli, ["review", "approve", str(doc), "--segment", str(first.id)])
    assert done.exit_code == 0 and "1 segments approved" in done.output
    back = runner.invoke(cli, ["review", "send-back", str(second.id), "--note", "Name them."])
    assert back.exit_code == 0, back.output
    assert [s.status for s in store.segments(doc) if s.kind == "prose"] == ["approved", "edited"]
    effort = runner.invoke(cli, ["users", "effort", str(doc)])
    assert effort.exit_code == 0
    assert f"{T}  2 saves  5 s  2 segments  1 confirmed  HTER" in effort.output
    assert R not in effort.output


def test_a_conflict_names_the_person_who_saved_first(newsroom: tuple[Store, int, int]) -> None:
    store, one, _ = newsroom
    seg = next(s for s in store.segments(one) if s.kind == "prose")
    store.save_edit(seg.id, "Mine first.", seg.version, actor=R)
    with pytest.raises(ConflictError, match=f"saved elsewhere by {R}") as caught:
        store.save_edit(seg.id, "Mine too.", seg.version, actor=T)
    assert caught.value.current_actor == R and caught.value.current_text == "Mine first."


def test_the_store_itself_checks_the_actor(newsroom: tuple[Store, int, int]) -> None:
    """Not only the CLI and the editor: a library caller naming an actor is held to their role."""
    store, one, two = newsroom
    mine = next(s for s in store.segments(one) if s.kind == "prose")
    theirs = next(s for s in store.segments(two) if s.kind == "prose")
    with pytest.raises(AccessError, match="not assigned"):
        store.save_edit(theirs.id, "Not my document.", theirs.version, actor=T)
    assert store.segment(theirs.id).version == theirs.version
    saved = store.save_edit(mine.id, "Mine.", mine.version, actor=T)
    first = store.history(mine.id)[0].id
    other = store.save_edit(theirs.id, "A reviewer's.", theirs.version, actor=R)
    with pytest.raises(AccessError, match="not assigned"):
        store.restore(theirs.id, store.history(theirs.id)[0].id, other.version, actor=T)
    store.restore(mine.id, first, saved.version, actor=T)
    with pytest.raises(AccessError, match="not a user"):
        store.save_edit(mine.id, "Who?", mine.version + 2, actor="stranger@example.org")
    with pytest.raises(AccessError, match="reviewers and admins may review"):
        users.send_back(store, mine.id, mine.version + 2, "no", T)
    for who in (T, R):
        with pytest.raises(AccessError, match="only admins may delete"):
            store.delete_document(two, actor=who)
        with pytest.raises(AccessError, match="only admins may manage-users"):
            users.add_user(store, "new@example.org", "admin", by=who)
        with pytest.raises(AccessError, match="only admins may manage-users"):
            users.remove_user(store, A, by=who)
    assert store.document(two).id == two and users.user(store, A).role == "admin"
    users.add_user(store, "new@example.org", "translator", by=A)
    users.remove_user(store, "new@example.org", by=A)
    store.delete_document(two, actor=A)
    store.delete_document(one)  # no actor: the operator on the server
    assert store.documents() == []
