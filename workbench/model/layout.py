"""The model directory contract: what a converted model directory holds, and its manifest.

A model directory is what CTranslate2's ``TransformersConverter`` writes for a Marian model
(``model.bin``, ``config.json``, ``shared_vocabulary.json`` or ``source_vocabulary.json`` +
``target_vocabulary.json``) plus the two SentencePiece models copied in (``source.spm``,
``target.spm``) and the workbench's manifest ``workbench.json``::

    {"name": "opus-mt-ar-en", "kind": "real" | "standin" | "tiny", "sha256": "...",
     "compute_type": "...", "converted_with": "...", "created": "...", "max_positions": 512}

``max_positions`` is the size of the model's position table, which bounds the source pieces
(``</s>`` included) it can read; without it opus-mt's 512 is assumed. A directory without a
manifest loads as kind ``"unknown"``, which counts as a stand-in: its output is never presented as
a real translation unless the manifest says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

from workbench.errors import ModelError
from workbench.model.notices import INSTALL_FIX

MANIFEST = "workbench.json"
SOURCE_SPM = "source.spm"
TARGET_SPM = "target.spm"
#: The vocabulary files CTranslate2's converters write: one shared list, or one per side.
SHARED_VOCABULARY = "shared_vocabulary.json"
SOURCE_VOCABULARY = "source_vocabulary.json"
TARGET_VOCABULARY = "target_vocabulary.json"
MODEL_FILES = ("model.bin", "config.json")
#: The kinds of model, in order of preference when several are installed. A directory without a
#: manifest reads as kind ``"unknown"`` and counts as a stand-in.
ModelKind = Literal["real", "standin", "tiny"]
KINDS: tuple[ModelKind, ...] = get_args(ModelKind)
DEFAULT_MAX_POSITIONS = 512


def missing_files(model_dir: Path) -> list[str]:
    """The tokenizer and vocabulary files ``model_dir`` lacks, in the order a message should list them."""
    missing = [name for name in (SOURCE_SPM, TARGET_SPM) if not (model_dir / name).is_file()]
    if not (model_dir / SHARED_VOCABULARY).is_file() and not (
        (model_dir / SOURCE_VOCABULARY).is_file() and (model_dir / TARGET_VOCABULARY).is_file()
    ):
        missing.append(f"{SHARED_VOCABULARY} (or {SOURCE_VOCABULARY} and {TARGET_VOCABULARY})")
    return missing


@dataclass(frozen=True)
class ModelManifest:
    """What ``workbench.json`` says about a model directory."""

    name: str
    kind: str
    sha256: str | None = None
    compute_type: str | None = None
    converted_with: str | None = None
    created: str | None = None
    max_positions: int = DEFAULT_MAX_POSITIONS


def read_manifest(model_dir: Path) -> ModelManifest:
    """The manifest of ``model_dir``; a missing one gives name = directory name, kind "unknown"."""
    path = model_dir / MANIFEST
    if not path.is_file():
        return ModelManifest(name=model_dir.name, kind="unknown")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read {path}: {exc}; {INSTALL_FIX} to rewrite it") from exc
    positions = data.get("max_positions", DEFAULT_MAX_POSITIONS) if isinstance(data, dict) else None
    if not isinstance(data, dict) or not isinstance(positions, int) or positions < 2:
        raise ModelError(f"{path} is not a valid manifest; {INSTALL_FIX} to rewrite it")
    return ModelManifest(
        name=str(data.get("name") or model_dir.name),
        kind=str(data.get("kind") or "unknown"),
        sha256=data.get("sha256"),
        compute_type=data.get("compute_type"),
        converted_with=data.get("converted_with"),
        created=data.get("created"),
        max_positions=positions,
    )


def check_model_dir(model_dir: Path) -> ModelManifest:
    """Checks that ``model_dir`` holds every file a model needs; raises one error naming all missing."""
    if not model_dir.is_dir():
        raise ModelError(f"model directory {model_dir} does not exist; {INSTALL_FIX}")
    missing = [name for name in MODEL_FILES if not (model_dir / name).is_file()]
    missing += missing_files(model_dir)
    if missing:
        raise ModelError(
            f"model directory {model_dir} is missing {', '.join(missing)}; {INSTALL_FIX}"
        )
    return read_manifest(model_dir)
