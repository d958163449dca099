"""Installing a Hugging Face export, atomically, and ensure_model's choice of what to use.

The export is a tiny random MarianMTModel (d_model 16, one layer each side) with the real
tokenizers from the shared data, so CTranslate2's real converter runs in about a second.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from workbench.errors import ConfigError, UnknownNameError
from workbench.model import install as modelhub
from workbench.model.layout import MANIFEST
from workbench.model.registry import ModelInfo, model_dir, read_model_info
from workbench.model.sources import sha256_file

from .support import fake_model, hidden

DEAD_PID = 2**22 + 12345  # above Linux's largest pid_max: no process can have it


# --- installing a Hugging Face export ---------------------------------------------------------


def test_install_tiny_export_writes_model_and_manifest(tiny_export: Path, models: Path) -> None:
    info = modelhub.install_from_path(tiny_export, kind="tiny", verify=False)

    target = models / "opus-mt-ar-en-tiny"
    assert info.path == target == model_dir("tiny")
    assert sorted(p.name for p in target.iterdir()) == [
        "config.json",
        "model.bin",
        "shared_vocabulary.json",
        "source.spm",
        "target.spm",
        MANIFEST,
    ]
    manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["name"] == "opus-mt-ar-en"
    assert manifest["kind"] == "tiny"
    assert manifest["sha256"] == sha256_file(tiny_export / "model.safetensors")
    assert manifest["weights_file"] == "model.safetensors"
    assert manifest["verified"] is False
    assert "--no-verify" in manifest["verification"]
    assert manifest["source"] == str(tiny_export)
    assert manifest["format"] == "hf-export"
    assert manifest["compute_type"] == "int8"
    assert manifest["converted_with"].startswith("ctranslate2 4.")
    assert "transformers" in manifest["converted_with"]
    assert manifest["max_positions"] == 512
    assert manifest["created"].endswith("+00:00")
    # the converter drops <pad> (the decoder starts from a zero embedding instead)
    vocabulary = json.loads((target / "shared_vocabulary.json").read_text(encoding="utf-8"))
    assert len(vocabulary) == 62834 - 1
    assert vocabulary[:2] == ["</s>", "<unk>"]
    assert info.usable and info.kind == "tiny" and not info.is_real
    assert hidden(models) == []


@pytest.mark.parametrize(
    ("options", "error", "fragment"),
    [
        ({"quantization": "int3"}, UnknownNameError, "int8_float32"),
        ({"kind": "huge"}, UnknownNameError, "standin"),
        ({"expected_sha256": "xyz"}, ConfigError, "64 hex digits"),
    ],
)
def test_install_rejects_bad_options(
    tiny_export: Path, options: dict[str, str], error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error, match=fragment):
        modelhub.install_from_path(tiny_export, **options)  # type: ignore[arg-type]


# --- atomic install ---------------------------------------------------------------------------


def _failing_convert(exc: BaseException) -> Callable[..., tuple[str, int]]:
    def convert(source: object, work: Path, out: Path, quantization: str) -> tuple[str, int]:
        out.mkdir()
        (out / "model.bin").write_bytes(b"half a model")
        raise exc

    return convert


@pytest.mark.parametrize("exc", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failed_conversion_keeps_the_previous_install(
    tiny_export: Path,
    models: Path,
    monkeypatch: pytest.MonkeyPatch,
    exc: BaseException,
) -> None:
    before = modelhub.install_from_path(tiny_export, kind="tiny", verify=False)
    manifest = (before.path / MANIFEST).read_bytes()
    model = (before.path / "model.bin").read_bytes()
    monkeypatch.setattr(modelhub, "_convert", _failing_convert(exc))

    with pytest.raises(type(exc)):
        modelhub.install_from_path(tiny_export, kind="tiny", verify=False)

    assert (before.path / MANIFEST).read_bytes() == manifest
    assert (before.path / "model.bin").read_bytes() == model
    assert hidden(models) == []


def test_failed_first_install_leaves_no_directory(
    tiny_export: Path, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(modelhub, "_convert", _failing_convert(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        modelhub.install_from_path(tiny_export, kind="tiny", verify=False)
    assert list(models.iterdir()) == []


def test_failed_swap_puts_the_previous_install_back(
    tiny_export: Path,
    models: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = modelhub.install_from_path(tiny_export, kind="tiny", verify=False)
    created = before.created
    real_replace = os.replace

    def replace(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        if Path(src).name == "model":  # the staged directory, moved into place second
            raise OSError("simulated failure between the two renames")
        real_replace(src, dst)

    monkeypatch.setattr("workbench.model.install.os.replace", replace)
    with pytest.raises(OSError, match="simulated"):
        modelhub.install_from_path(tiny_export, kind="tiny", verify=False)
    assert read_model_info(before.path).created == created
    assert hidden(models) == []


def test_leftover_of_a_killed_install_is_recovered(
    tiny_export: Path,
    models: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = modelhub.install_from_path(tiny_export, kind="tiny", verify=False)
    # a process killed between the two renames: the old model sits in its partial directory
    leftover = models / f".{before.path.name}.partial-{DEAD_PID}-x"
    leftover.mkdir()
    os.replace(before.path, leftover / "previous")
    stale = models / f".{before.path.name}.partial-{DEAD_PID}-y"
    (stale / "model").mkdir(parents=True)
    monkeypatch.setattr(modelhub, "_convert", _failing_convert(RuntimeError("boom")))

    with pytest.raises(RuntimeError):
        modelhub.install_from_path(tiny_export, kind="tiny", verify=False)

    assert read_model_info(before.path).usable
    assert read_model_info(before.path).created == before.created
    assert hidden(models) == []


# --- ensure_model -----------------------------------------------------------------------------


@pytest.fixture
def fake_standin(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    calls: list[dict[str, object]] = []

    def build(**kwargs: object) -> ModelInfo:
        calls.append(kwargs)
        return read_model_info(
            fake_model(model_dir("standin").parent, model_dir("standin").name, "standin")
        )

    monkeypatch.setattr(modelhub, "build_standin", build)
    return calls


def test_ensure_model_offline_builds_the_standin(
    fake_standin: list[dict[str, object]], no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    info, reason = modelhub.ensure_model()
    assert info.kind == "standin" and len(fake_standin) == 1
    assert reason.startswith(
        "using the STAND-IN model (random weights, output is not a translation)"
    )
    assert "HF_HUB_OFFLINE is set and no real model is installed" in reason
    assert "workbench model install --from PATH" in reason
    assert no_network == []


def test_ensure_model_reuses_an_installed_standin(
    fake_standin: list[dict[str, object]],
    no_network: list[str],
    models: Path,
) -> None:
    fake_model(models, "opus-mt-ar-en-standin", "standin")
    info, reason = modelhub.ensure_model(timeout=1)
    assert info.kind == "standin" and fake_standin == []
    assert "the Hugging Face Hub is unreachable" in reason


def test_ensure_model_uses_an_installed_real_model_without_the_hub(
    fake_standin: list[dict[str, object]],
    no_network: list[str],
    models: Path,
) -> None:
    fake_model(models, "opus-mt-ar-en", "real", verified=True, verification="sha256 matches x")
    info, reason = modelhub.ensure_model()
    assert info.is_real and no_network == [] and fake_standin == []
    assert reason.startswith("using the real opus-mt-ar-en model (sha256 matches x)")


def test_ensure_model_downloads_when_the_hub_answers(
    fake_standin: list[dict[str, object]], models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = ModelInfo(models / "opus-mt-ar-en", "real", verified=True)
    monkeypatch.setattr(modelhub, "hub_unavailable_reason", lambda **kwargs: None)
    monkeypatch.setattr(modelhub, "install_from_hub", lambda **kwargs: installed)
    info, reason = modelhub.ensure_model()
    assert info is installed and fake_standin == []
    assert "just installed from the hub" in reason


def test_importing_modelhub_loads_no_heavy_library() -> None:
    code = (
        "import sys, workbench, workbench.model.install, workbench.model.registry; "
        "print([m for m in ('torch', 'transformers', 'ctranslate2', 'huggingface_hub') "
        "if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
