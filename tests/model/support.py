"""Helpers of the model tests: what an install left behind, and a fake model directory."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.model.layout import MANIFEST


def hidden(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".")) if root.exists() else []


def fake_model(root: Path, name: str, kind: str, **extra: object) -> Path:
    """A model directory with every file the contract asks for (contents irrelevant here)."""
    path = root / name
    path.mkdir(parents=True)
    for file in ["model.bin", "config.json", "shared_vocabulary.json", "source.spm", "target.spm"]:
        (path / file).write_text("{}")
    manifest = {"name": "opus-mt-ar-en", "kind": kind, "sha256": "f" * 64, **extra}
    (path / MANIFEST).write_text(json.dumps(manifest))
    return path
