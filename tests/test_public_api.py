"""The public API: every name in ``workbench.__all__`` resolves, and importing it is light."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import workbench
from workbench.pipeline.document import translate_file as defined_translate_file
from workbench.testing import FakeTranslator


@pytest.mark.parametrize("name", workbench.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(workbench, name) is not None


def test_a_public_name_is_the_defining_object() -> None:
    assert workbench.translate_file is defined_translate_file


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = workbench.no_such_thing


def test_import_loads_no_engine_and_no_ui() -> None:
    code = (
        "import sys, workbench; "
        "print(sorted(m for m in ('ctranslate2', 'sentencepiece', 'streamlit', 'torch', "
        "'sacrebleu', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_readme_script_example(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("قال الوزير إن الخطة جاهزة.\nوأضاف أن التمويل متوفر.\n", encoding="utf-8")
    translator = FakeTranslator()
    items = list(workbench.translate_file(article, translator))
    assert [item.segment.source for item in items] == [
        "قال الوزير إن الخطة جاهزة.",
        "وأضاف أن التمويل متوفر.",
    ]
    assert all(item.segment.mt for item in items)


def test_the_batch_path_does_not_load_numpy() -> None:
    """Without word alignments, translating a file never needs numpy (about 11 MB of RSS)."""
    code = (
        "import sys, workbench.pipeline.document, workbench.export, workbench.store.sqlite, "
        "workbench.translate.engine, workbench.model.registry; print('numpy' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "False"
