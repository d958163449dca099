"""`workbench ui ARTICLE` imports the article as `workbench import` does: with the memory's
100% matches filled in (status tm), unless --no-tm. The server is not started here."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workbench.cli.main import cli
from workbench.store.sqlite import Store
from workbench.ui import launch


@pytest.mark.parametrize(("flag", "status"), [([], "tm"), (["--no-tm"], "new")])
def test_ui_article_prefills_from_the_memory_unless_told_not_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flag: list[str], status: str
) -> None:
    served: list[list[str]] = []

    def serve(cmd: list[str], **_: object) -> int:
        served.append(cmd)
        return 0

    monkeypatch.setattr(launch, "serve", serve)
    store = Store.open_default()
    first = tmp_path / "first.txt"
    first.write_text("وصل الرئيس.\nقال الوزير.\nانتهى الاجتماع.\n", encoding="utf-8")
    code = CliRunner().invoke(cli, ["import", str(first)])
    assert code.exit_code == 0, code.output
    [doc] = store.documents()
    segs = store.segments(doc.id)
    # Same neighbours in the article: a 100% match in the same context.
    store.save_edit(segs[1].id, "The minister said.", segs[1].version, confirm=True)
    article = tmp_path / "article.txt"
    article.write_text("وصل الرئيس.\nقال الوزير.\nانتهى الاجتماع.\nجملة.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["ui", str(article), *flag])
    assert result.exit_code == 0, result.output
    assert served, "the server was not launched"
    new = [d for d in store.documents() if d.id != doc.id]
    assert len(new) == 1
    rows = store.segments(new[0].id)
    assert rows[1].status == status
    assert rows[1].post_edit == ("The minister said." if status == "tm" else None)
    assert [r.status for r in rows if r.position != 1] == ["new", "new", "new"]
