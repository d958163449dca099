"""Settings read from the environment. Reading them has no side effects: nothing is created."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: The one variable that moves the data directory (the store, caches, the UI's state).
HOME_ENV = "WORKBENCH_HOME"
#: Where converted models live; defaults to ``models/`` of the checkout.
MODELS_ENV = "WORKBENCH_MODELS"
#: Names one model directory to translate with, bypassing the lookup in ``$WORKBENCH_MODELS``.
MODEL_DIR_ENV = "WORKBENCH_MODEL_DIR"
#: The Hugging Face hub's own switch: when set, the workbench does not ask the hub either.
HUB_OFFLINE_ENV = "HF_HUB_OFFLINE"
#: The shared development data (tokenizers, FLORES, alignment gold); defaults to ``../shared``.
SHARED_ENV = "WORKBENCH_SHARED"
#: A ``postgresql://`` URL: the store is that PostgreSQL database instead of the SQLite file.
DATABASE_URL_ENV = "WORKBENCH_DATABASE_URL"
#: Who the command line acts as (an email in the store's users); unset: the local operator.
USER_ENV = "WORKBENCH_USER"

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _default_home() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "workbench"


@dataclass(frozen=True)
class Settings:
    """Where the workbench keeps and finds things."""

    home: Path
    models_dir: Path
    shared_dir: Path
    model_dir: Path | None = None
    hub_offline: bool = False
    database_url: str | None = None
    user: str | None = None

    @property
    def store_path(self) -> Path:
        return self.home / "workbench.db"

    @property
    def store_location(self) -> str | Path:
        """The store: ``$WORKBENCH_DATABASE_URL`` when set, else the SQLite file in the home."""
        return self.database_url or self.store_path

    @property
    def reference_model_dir(self) -> Path:
        """The real opus-mt-ar-en tokenizers and config (no weights) in the shared data."""
        return self.shared_dir / "models" / "opus-mt-ar-en"

    @property
    def data_dir(self) -> Path:
        return self.shared_dir / "data"

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        home = Path(env[HOME_ENV]).expanduser() if env.get(HOME_ENV) else _default_home()
        models = (
            Path(env[MODELS_ENV]).expanduser() if env.get(MODELS_ENV) else PROJECT_ROOT / "models"
        )
        shared = (
            Path(env[SHARED_ENV]).expanduser()
            if env.get(SHARED_ENV)
            else PROJECT_ROOT.parent / "shared"
        )
        model = Path(env[MODEL_DIR_ENV]).expanduser() if env.get(MODEL_DIR_ENV) else None
        offline = env.get(HUB_OFFLINE_ENV, "").strip().upper() in {"1", "ON", "YES", "TRUE"}
        return cls(
            home=home,
            models_dir=models,
            shared_dir=shared,
            model_dir=model,
            hub_offline=offline,
            database_url=env.get(DATABASE_URL_ENV, "").strip() or None,
            user=env.get(USER_ENV, "").strip() or None,
        )


def settings() -> Settings:
    """The current settings (read afresh each call, so tests can change the environment)."""
    return Settings.from_env()
