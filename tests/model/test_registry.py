"""What is installed: which model is active, broken ones listed with their problems, the summary."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.model.layout import MANIFEST
from workbench.model.registry import active_model, installed_models, model_dir, model_info_text

from .support import fake_model


def test_nothing_installed(models: Path) -> None:
    assert installed_models() == [] and active_model() is None
    text = model_info_text()
    assert "no usable model is installed" in text and "workbench model standin" in text


@pytest.mark.parametrize(
    ("present", "active"),
    [
        (["standin"], "opus-mt-ar-en-standin"),
        (["tiny", "standin"], "opus-mt-ar-en-standin"),
        (["standin", "real"], "opus-mt-ar-en"),
        (["tiny"], "opus-mt-ar-en-tiny"),
    ],
)
def test_active_model_prefers_the_real_one(models: Path, present: list[str], active: str) -> None:
    for kind in present:
        fake_model(models, model_dir(kind).name, kind)  # type: ignore[arg-type]
    assert active_model() == installed_models()[0]
    info = active_model()
    assert info is not None and info.path.name == active


def test_broken_models_are_listed_with_their_problems_and_skipped(models: Path) -> None:
    real = fake_model(models, "opus-mt-ar-en", "real", verified=True)
    (real / "model.bin").unlink()
    fake_model(models, "opus-mt-ar-en-standin", "standin")
    fake_model(models, "odd", "giant")
    (models / "junk").mkdir()
    (models / "junk" / MANIFEST).write_text("{not json")
    fake_model(models, ".opus-mt-ar-en.partial-1-x", "real")  # an install in progress

    listed = {info.path.name: info for info in installed_models()}
    assert sorted(listed) == ["junk", "odd", "opus-mt-ar-en", "opus-mt-ar-en-standin"]
    assert "model.bin" in listed["opus-mt-ar-en"].problems[0]
    assert "'giant'" in listed["odd"].problems[0]
    assert listed["junk"].problems and not listed["junk"].usable
    info = active_model()
    assert info is not None and info.kind == "standin"
    text = model_info_text()
    assert "active: opus-mt-ar-en-standin: STAND-IN" in text
    assert "UNUSABLE" in text and "the real model is not installed" in text


def test_info_text_of_a_real_model(models: Path) -> None:
    fake_model(
        models,
        "opus-mt-ar-en",
        "real",
        verified=True,
        verification="sha256 matches the reference README",
        compute_type="int8",
        source="Helsinki-NLP/opus-mt-ar-en@abc",
    )
    text = model_info_text()
    assert "active: opus-mt-ar-en: real opus-mt-ar-en (sha256 verified)" in text
    assert "f" * 64 + " (sha256 matches the reference README)" in text
    assert "compute type:  int8" in text and "STAND-IN" not in text
