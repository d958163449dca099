"""What the editor loads once per process: the store and the translator (``st.cache_resource``).

The translator is found like the command line finds it: ``$WORKBENCH_MODEL_DIR`` names a model
directory explicitly; otherwise the active model of ``$WORKBENCH_MODELS`` (the real one if usable,
else the stand-in; :func:`workbench.model.registry.active_model`). One CTranslate2 translator per process:
it is thread-safe and shared by every browser tab. Tests replace :func:`model_state`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from workbench.config import settings
from workbench.errors import WorkbenchError
from workbench.store.sqlite import Store
from workbench.translate.types import Translator

#: Names one model directory to use, bypassing the lookup in ``$WORKBENCH_MODELS``.
MODEL_DIR_ENV = "WORKBENCH_MODEL_DIR"
INSTALL_COMMAND = "workbench model install --from PATH"


@dataclass(frozen=True)
class ModelState:
    """The translator if one could be loaded, and what to tell the translator about it.

    ``kind`` is ``"real"``, ``"standin"``, ``"tiny"`` (or ``"unknown"`` for a directory without a
    manifest), or None when no model could be loaded; ``problem`` then says why.
    """

    translator: Translator | None
    kind: str | None
    label: str
    problem: str | None = None

    @property
    def is_standin(self) -> bool:
        """True when the English comes from random weights, not a translation model."""
        return self.translator is not None and bool(self.translator.is_standin)


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)


def store() -> Store:
    """The store in ``$WORKBENCH_HOME``, opened once per process."""
    return _store(str(settings().store_path))


@st.cache_resource(show_spinner="Loading the translation model…")
def _translator(model_dir: str) -> Translator:
    from workbench.translate.engine import CTranslate2Translator

    return CTranslate2Translator(model_dir)


def _active_model_dir() -> tuple[Path, str] | None:
    """(directory, kind) of the model to load, or None when nothing is installed."""
    explicit = os.environ.get(MODEL_DIR_ENV)
    if explicit:
        from workbench.model.layout import read_manifest

        path = Path(explicit).expanduser()
        return path, read_manifest(path).kind if path.is_dir() else "unknown"
    from workbench.model.registry import active_model

    info = active_model()
    return (Path(info.path), str(info.kind)) if info is not None else None


@st.cache_resource(ttl=30, show_spinner=False)
def _model_state(models_dir: str, explicit: str | None) -> ModelState:
    # Keyed on the environment so tests and a changed $WORKBENCH_MODELS get a fresh lookup; the
    # TTL lets a model installed while the editor runs appear without a restart.
    try:
        found = _active_model_dir()
    except WorkbenchError as err:
        return ModelState(None, None, "no model", str(err))
    if found is None:
        return ModelState(
            None,
            None,
            "no model",
            f"No translation model is installed in {models_dir}. Install the real opus-mt-ar-en "
            f"with `{INSTALL_COMMAND}` (or `workbench model standin` for a test model), then "
            "reload this page. Stored documents can still be edited.",
        )
    path, kind = found
    try:
        translator = _translator(str(path))
    except WorkbenchError as err:
        return ModelState(None, kind, "model failed to load", str(err))
    label = f"{getattr(translator, 'model_name', path.name)} ({kind}) from {path}"
    return ModelState(translator, kind, label)


def model_state() -> ModelState:
    """The translator to use and its description (looked up at most every 30 s)."""
    return _model_state(str(settings().models_dir), os.environ.get(MODEL_DIR_ENV))
