"""The Hugging Face Hub: can it be reached from here, and fetching a snapshot of a repository.

huggingface_hub is optional (it comes with ``workbench[convert]``) and is imported only inside the
functions; nothing here touches the network until a function is called.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workbench.config import Settings
from workbench.errors import ModelError

HUB_REPO = "Helsinki-NLP/opus-mt-ar-en"


def _offline_env() -> bool:
    return Settings.from_env().hub_offline


def _model_info(repo: str, revision: str | None, timeout: float) -> Any:
    from huggingface_hub import HfApi

    return HfApi().model_info(repo, revision=revision, timeout=timeout)


def _answer(repo: str, revision: str | None, timeout: float, into: list[Any]) -> None:
    try:
        into.append(_model_info(repo, revision, timeout))
    except Exception as exc:  # any failure to get an answer means no download from here
        into.append(exc)


def probe_hub(
    repo: str = HUB_REPO, *, revision: str | None = None, timeout: float = 10.0
) -> tuple[str, str | None]:
    """(commit sha, None) when the hub answers about ``repo``; ("", why not) otherwise.

    Checks that huggingface_hub is installed and HF_HUB_OFFLINE is not set before asking the hub
    for the repository's metadata; gives up after ``timeout`` seconds. Downloads nothing.
    """
    try:
        import huggingface_hub  # noqa: F401
    except ImportError:
        return "", "huggingface_hub is not installed (pip install 'workbench[convert]')"
    if _offline_env():
        return "", "HF_HUB_OFFLINE is set"
    answer: list[Any] = []
    # A thread bounds the whole probe: the HTTP timeout does not cover a hanging DNS lookup.
    thread = threading.Thread(target=_answer, args=(repo, revision, timeout, answer), daemon=True)
    thread.start()
    thread.join(timeout)
    if not answer:
        return "", f"the Hugging Face Hub did not answer within {timeout:g} s"
    result = answer[0]
    if isinstance(result, BaseException):
        if type(result).__name__ in {"RepositoryNotFoundError", "RevisionNotFoundError"}:
            return "", f"{repo}{'@' + revision if revision else ''} is not on the Hugging Face Hub"
        return "", f"the Hugging Face Hub is unreachable ({type(result).__name__}: {result})"
    return str(getattr(result, "sha", None) or revision or "main"), None


def hub_unavailable_reason(
    repo: str = HUB_REPO, *, revision: str | None = None, timeout: float = 10.0
) -> str | None:
    """Why ``repo`` cannot be downloaded from here right now, or None when the hub answers."""
    return probe_hub(repo, revision=revision, timeout=timeout)[1]


def download_snapshot(
    repo: str, revision: str, files: Sequence[str], *, timeout: float, fix: str
) -> Path:
    """Download ``files`` of ``repo`` at ``revision`` into the Hugging Face cache (resumable).

    The hub's progress bars are off while it runs (library code does not print); any failure
    becomes a ModelError that ends with ``fix``.
    """
    import huggingface_hub
    from huggingface_hub.utils import (
        are_progress_bars_disabled,
        disable_progress_bars,
        enable_progress_bars,
    )

    bars_were_off = are_progress_bars_disabled()
    disable_progress_bars()
    try:
        snapshot = huggingface_hub.snapshot_download(
            repo, revision=revision, allow_patterns=list(files), etag_timeout=timeout
        )
    except Exception as exc:  # network, disk, auth: all end the same way for the user
        raise ModelError(
            f"downloading {repo} failed ({type(exc).__name__}: {exc}); run the command again to "
            f"resume, or {fix}"
        ) from exc
    finally:
        if not bars_were_off:
            enable_progress_bars()
    return Path(str(snapshot))
