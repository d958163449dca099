"""What is installed in ``models/``: where each kind of model goes, what it is, and a summary.

The directory contract and the manifest's core fields belong to `workbench.model.layout` (the translator
checks a directory with it before loading); this module adds what installing records on top
(verification, source) and lists the models. Nothing here needs ctranslate2, torch or the network.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workbench.config import Settings
from workbench.errors import ModelError
from workbench.model.layout import (
    DEFAULT_MAX_POSITIONS,
    KINDS,
    MANIFEST,
    ModelKind,
    check_model_dir,
    read_manifest,
)
from workbench.model.notices import INSTALL_HINT, MODEL_NAME, standin_label
from workbench.signature import Signature


@dataclass(frozen=True)
class ModelInfo:
    """An installed model directory and what its ``workbench.json`` says about it.

    ``problems`` lists what makes it unusable (missing files, an unreadable manifest); it is empty
    when the directory is complete.
    """

    path: Path
    kind: str
    name: str = MODEL_NAME
    sha256: str = ""
    verified: bool = False
    verification: str = ""
    source: str = ""
    compute_type: str = ""
    converted_with: str = ""
    created: str = ""
    max_positions: int = DEFAULT_MAX_POSITIONS
    workbench_version: str = ""
    problems: tuple[str, ...] = ()

    @property
    def usable(self) -> bool:
        return not self.problems

    @property
    def is_real(self) -> bool:
        return self.kind == "real"

    @property
    def label(self) -> str:
        """How the model must be named wherever its output is shown."""
        if self.is_real:
            state = "sha256 verified" if self.verified else "NOT verified"
            return f"real {self.name} ({state})"
        return standin_label(self.name, self.kind)

    @property
    def signature(self) -> Signature:
        """The model's part of a translation's signature."""
        return Signature.of(
            model=self.name, kind=self.kind, sha=self.sha256[:12], compute=self.compute_type
        )


def models_root(models_dir: Path | None = None) -> Path:
    """The models directory: ``models_dir``, else ``$WORKBENCH_MODELS``, else ``<repo>/models``."""
    return Settings.from_env().models_dir if models_dir is None else Path(models_dir)


def model_dir(kind: ModelKind, models_dir: Path | None = None) -> Path:
    """Where a model of ``kind`` is installed: ``opus-mt-ar-en``, ``opus-mt-ar-en-standin``, ..."""
    suffix = "" if kind == "real" else f"-{kind}"
    return models_root(models_dir) / f"{MODEL_NAME}{suffix}"


def write_manifest(directory: Path, manifest: dict[str, Any]) -> None:
    """Write ``workbench.json`` durably: the directory is published by a rename right after."""
    path = directory / MANIFEST
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_model_info(path: Path) -> ModelInfo:
    """What ``path`` holds; an incomplete or unreadable directory comes back with ``problems``."""
    try:
        core = check_model_dir(path)  # the very checks the translator makes before loading
        extra: dict[str, Any] = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except (ModelError, OSError, ValueError) as exc:
        return ModelInfo(path, "unknown", problems=(str(exc),))
    problems = (
        ()
        if core.kind in KINDS
        else (
            f"{path / MANIFEST} gives kind {core.kind!r} (known: {', '.join(KINDS)}); reinstall it",
        )
    )
    return ModelInfo(
        path=path,
        kind=core.kind,
        name=core.name,
        sha256=core.sha256 or "",
        verified=extra.get("verified") is True,
        verification=str(extra.get("verification", "")),
        source=str(extra.get("source", "")),
        compute_type=core.compute_type or "",
        converted_with=core.converted_with or "",
        created=core.created or "",
        max_positions=core.max_positions,
        workbench_version=str(extra.get("workbench_version", "")),
        problems=problems,
    )


def installed_models(models_dir: Path | None = None) -> list[ModelInfo]:
    """Every model directory with a manifest in the models directory, most preferred first.

    Hidden directories (partial installs in progress) are skipped; broken ones are listed with
    their ``problems`` so ``workbench model info`` can say what is wrong.
    """
    root = models_root(models_dir)
    if not root.is_dir():
        return []
    found = [
        read_model_info(child)
        for child in root.iterdir()
        if child.is_dir() and not child.name.startswith(".") and (child / MANIFEST).exists()
    ]
    rank: dict[str, int] = {kind: i for i, kind in enumerate(KINDS)}
    return sorted(found, key=lambda info: (rank.get(info.kind, len(KINDS)), info.path.name))


def active_model(models_dir: Path | None = None) -> ModelInfo | None:
    """The model the workbench translates with: the real one if usable, else the stand-in."""
    return next((info for info in installed_models(models_dir) if info.usable), None)


def find_model(model_dir: str | Path | None = None) -> tuple[Path, str] | None:
    """The model directory to translate with, and its kind: the one place models are looked up.

    ``model_dir`` if given, else ``$WORKBENCH_MODEL_DIR``, else the active model of the models
    directory (the real one if usable, else the stand-in); None when nothing is installed. An
    explicit directory is not checked here (the translator checks it, naming what is missing).
    """
    explicit = Path(model_dir) if model_dir is not None else Settings.from_env().model_dir
    if explicit is not None:
        path = explicit.expanduser()
        return path, read_manifest(path).kind if path.is_dir() else "unknown"
    info = active_model()
    return (info.path, info.kind) if info is not None else None


def model_info_text(models_dir: Path | None = None) -> str:
    """A human summary of what is installed, for ``workbench model info``."""
    root = models_root(models_dir)
    models = installed_models(root)
    active = next((info for info in models if info.usable), None)
    lines = [f"models directory: {root}"]
    if active is None:
        lines.append(
            "no usable model is installed: run `workbench model install` on a machine with "
            f"internet, {INSTALL_HINT}, or build the stand-in with `workbench model standin`."
        )
    else:
        lines.append(f"active: {active.path.name}: {active.label}")
        if not active.is_real:
            lines.append(f"the real model is not installed; {INSTALL_HINT}")
    for info in models:
        marker = "  [active]" if info is active else ""
        lines += ["", f"{info.path.name}{marker}", f"  path:          {info.path}"]
        if info.problems:
            lines.append(f"  UNUSABLE:      {'; '.join(info.problems)}")
            continue
        check = info.verification or ("verified" if info.verified else "not verified")
        lines += [
            f"  model:         {info.label}",
            f"  sha256:        {info.sha256} ({check})",
            f"  source:        {info.source}",
            f"  compute type:  {info.compute_type}",
            f"  max positions: {info.max_positions}",
            f"  converted:     {info.created} with {info.converted_with}",
        ]
    return "\n".join(lines)
