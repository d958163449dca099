"""What the editor loads once per process: the store and the translator (``st.cache_resource``).

The translator is found like the command line finds it: ``$WORKBENCH_MODEL_DIR`` names a model
directory explicitly; otherwise the active model of ``$WORKBENCH_MODELS`` (the real one if usable,
else the stand-in): :func:`workbench.model.registry.find_model`, as for the command line). One CTranslate2 translator per process:
it is thread-safe and shared by every browser tab. Tests replace :func:`model_state`.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import streamlit as st

from workbench.config import settings
from workbench.errors import WorkbenchError
from workbench.model.registry import find_model
from workbench.store.sqlite import Store
from workbench.translate.types import Translator
from workbench.ui.translating import Workers

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
    """The store (``$WORKBENCH_DATABASE_URL``, else the file in ``$WORKBENCH_HOME``), opened once per process."""
    from workbench.ui.signin import scoped  # the signed-in user's view of it, if any

    return scoped(_store(str(settings().store_location)))


@st.cache_resource(show_spinner=False)
def jobs() -> ThreadPoolExecutor:
    """Threads for a row's slow requests (re-translations), so the tab stays usable meanwhile."""
    return ThreadPoolExecutor(max_workers=2, thread_name_prefix="editor-job")


@st.cache_resource(show_spinner=False)
def workers() -> Workers:
    """The process's background translations, one worker per document (every tab shares them)."""
    return Workers()


@st.cache_resource(show_spinner="Loading the translation model…")
def _translator(model_dir: str) -> Translator:
    from workbench.translate.engine import CTranslate2Translator

    return CTranslate2Translator(model_dir)


@st.cache_resource(ttl=30, show_spinner=False)
def _model_state(models_dir: str, explicit: str) -> ModelState:
    # Keyed on the environment so tests and a changed $WORKBENCH_MODELS get a fresh lookup; the
    # TTL lets a model installed while the editor runs appear without a restart.
    try:
        found = find_model()
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
    current = settings()
    return _model_state(str(current.models_dir), str(current.model_dir or ""))
