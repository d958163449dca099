"""The translation model on disk: its directory layout and manifest, what is installed, installing.

``layout`` (what a converted model directory holds, ``workbench.json``, the model kinds),
``registry`` (the installed models and :func:`find_model`, the one lookup), ``install`` (from the
hub, a local export or the OPUS-MT zip, with the sha256 check and CTranslate2 conversion),
``sources``, ``hub``, ``standin`` (random weights of the exact shape) and ``notices`` (every
stand-in label and install hint). Nothing here loads a model or imports ctranslate2; the install
functions load on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.lazy import lazy_names
from workbench.model.layout import KINDS, ModelKind, ModelManifest, check_model_dir, read_manifest
from workbench.model.registry import ModelInfo, active_model, find_model, installed_models

if TYPE_CHECKING:
    from workbench.model.install import (
        build_standin,
        ensure_model,
        install_from_hub,
        install_from_path,
    )


__all__ = [
    "KINDS",
    "ModelInfo",
    "ModelKind",
    "ModelManifest",
    "active_model",
    "build_standin",
    "check_model_dir",
    "ensure_model",
    "find_model",
    "install_from_hub",
    "install_from_path",
    "installed_models",
    "read_manifest",
]


_INSTALL = ("build_standin", "ensure_model", "install_from_hub", "install_from_path")
__getattr__ = lazy_names(globals(), dict.fromkeys(_INSTALL, "workbench.model.install"))
