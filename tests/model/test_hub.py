"""The Hugging Face Hub, never reached: it is monkeypatched or switched off with HF_HUB_OFFLINE."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from workbench.errors import ModelError
from workbench.model import hub
from workbench.model import install as modelhub
from workbench.model.sources import sha256_file


def test_offline_env_fails_fast_without_asking_the_hub(
    no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        modelhub.install_from_hub()
    assert time.monotonic() - started < 1
    assert no_network == []
    message = str(caught.value)
    assert "HF_HUB_OFFLINE is set" in message
    assert "workbench model install --from PATH" in message and "opus-2019-12-18.zip" in message


def test_unreachable_hub_gives_a_clear_error(no_network: list[str]) -> None:
    with pytest.raises(ModelError, match="Hub is unreachable") as caught:
        modelhub.install_from_hub(timeout=1)
    assert no_network == ["Helsinki-NLP/opus-mt-ar-en"]
    assert "--from PATH" in str(caught.value)


def test_silent_hub_is_abandoned_after_the_timeout(
    no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    monkeypatch.setattr(hub, "_model_info", lambda *args: release.wait(10))
    started = time.monotonic()
    try:
        reason = hub.hub_unavailable_reason(timeout=0.2)
    finally:
        release.set()
    assert reason == "the Hugging Face Hub did not answer within 0.2 s"
    assert time.monotonic() - started < 2


def test_missing_huggingface_hub_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "huggingface_hub", None)
    with pytest.raises(ModelError, match=r"huggingface_hub is not installed \(pip install"):
        modelhub.install_from_hub()


def test_unknown_repository_is_reported_as_such(
    no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class RepositoryNotFoundError(Exception):
        pass

    def not_found(*args: object) -> None:
        raise RepositoryNotFoundError("404")

    monkeypatch.setattr(hub, "_model_info", not_found)
    assert hub.hub_unavailable_reason("nobody/nothing") == (
        "nobody/nothing is not on the Hugging Face Hub"
    )


def test_install_from_hub_installs_the_snapshot(
    tiny_export: Path, no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Answer:
        sha = "0123456789abcdef"

    downloads: list[tuple[str, str]] = []

    def download(repo: str, revision: str, files: object, **kwargs: object) -> Path:
        downloads.append((repo, revision))
        return tiny_export

    monkeypatch.setattr(hub, "_model_info", lambda *args: Answer())
    monkeypatch.setattr(modelhub, "download_snapshot", download)
    digest = sha256_file(tiny_export / "model.safetensors")
    info = modelhub.install_from_hub(expected_sha256=digest)
    assert downloads == [("Helsinki-NLP/opus-mt-ar-en", Answer.sha)]
    assert info.is_real and info.verified
    assert info.source == f"Helsinki-NLP/opus-mt-ar-en@{Answer.sha}"


def test_failed_download_says_how_to_resume_or_install_from_a_path(
    no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub

    def broken(*args: object, **kwargs: object) -> str:
        raise OSError("connection reset")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", broken)
    with pytest.raises(ModelError) as caught:
        hub.download_snapshot(hub.HUB_REPO, "abc", ["config.json"], timeout=1, fix="do X")
    message = str(caught.value)
    assert "OSError: connection reset" in message
    assert "run the command again to resume, or do X" in message
