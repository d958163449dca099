"""Fixtures of the model tests: a models directory of its own for every test, the shared reference
files, a tiny Hugging Face export built once, and the hub switched off.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.config import MODELS_ENV, SHARED_ENV, Settings
from workbench.model import hub
from workbench.model.standin import TINY_SHAPE, missing_reference_files, write_random_export


@pytest.fixture(autouse=True)
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own models directory, so none touches the checkout's models/."""
    root = tmp_path / "models"
    monkeypatch.setenv(MODELS_ENV, str(root))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    return root


@pytest.fixture(scope="session")
def reference() -> Path:
    ref = Settings.from_env().reference_model_dir
    missing = missing_reference_files(ref)
    if missing:
        pytest.skip(
            f"shared reference model files missing in {ref}: {', '.join(missing)} "
            f"(set {SHARED_ENV} to the shared/ folder)"
        )
    return ref


@pytest.fixture(scope="session")
def convert_deps() -> None:
    """Skip, naming the extra, where torch/transformers (``workbench[convert]``) are absent."""
    for name in ("torch", "transformers"):
        pytest.importorskip(name, reason=f"{name} missing: pip install -e '.[convert]'")


@pytest.fixture(scope="session")
def tiny_export(
    reference: Path, convert_deps: None, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A tiny random Hugging Face export with the real tokenizers (built once per session)."""
    return write_random_export(
        tmp_path_factory.mktemp("tiny") / "export", reference, seed=0, shape=TINY_SHAPE
    )


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail any test that would ask the real hub; records the calls that were attempted."""
    pytest.importorskip(
        "huggingface_hub", reason="huggingface_hub missing: pip install -e '.[convert]'"
    )
    calls: list[str] = []

    def refuse(repo: str, revision: str | None, timeout: float) -> None:
        calls.append(repo)
        raise ConnectionError("[Errno -2] Name or service not known")

    monkeypatch.setattr(hub, "_model_info", refuse)
    return calls
