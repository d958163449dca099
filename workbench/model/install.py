"""Install, verify and convert opus-mt-ar-en into ``models/``, and build its stand-in.

Every install goes the same way, whatever its origin (the Hub, a Hugging Face export, the OPUS-MT
zip, or the locally generated stand-in): check that nothing is missing, hash the weights, convert
with CTranslate2's own converter into a partial directory next to the target, write
``workbench.json``, then swap the directory in with ``os.replace``. A crash or Ctrl-C leaves the
previous install or none, never half of one. ctranslate2's converters, torch, transformers and
huggingface_hub are imported inside the functions that need them: importing this module is cheap.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from workbench.config import Settings
from workbench.errors import ConfigError, ModelError, UnknownNameError
from workbench.model.hub import HUB_REPO, download_snapshot, hub_unavailable_reason, probe_hub
from workbench.model.layout import DEFAULT_MAX_POSITIONS, KINDS, ModelKind
from workbench.model.notices import INSTALL_HINT, MODEL_NAME, standin_chosen
from workbench.model.registry import (
    ModelInfo,
    installed_models,
    model_dir,
    read_model_info,
    write_manifest,
)
from workbench.model.sources import (
    HF_FILES,
    HF_WEIGHTS,
    ModelSource,
    inspect_source,
    sha256_file,
    unpack_opus,
    verify_source,
)

HUB_FILES = (*HF_FILES, HF_WEIGHTS[0], "tokenizer_config.json", "special_tokens_map.json")

Progress = Callable[[str], None]


def _silent(_: str) -> None:
    pass


def _pid_alive(pid: int) -> bool:
    if os.name == "nt" or pid == os.getpid():
        return True  # on Windows os.kill would terminate the process: never probe there
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _recover_leftovers(target: Path) -> None:
    """Clean up after installs of ``target`` whose process died (kill -9, power loss).

    A death between the two renames of the swap leaves the previous install in ``previous``
    inside the partial directory: put it back rather than lose a working model.
    """
    pattern = re.compile(rf"\.{re.escape(target.name)}\.partial-(\d+)-")
    for leftover in target.parent.glob(f".{target.name}.partial-*"):
        found = pattern.match(leftover.name)
        if not found or _pid_alive(int(found.group(1))):
            continue
        previous = leftover / "previous"
        if not target.exists() and (previous / "workbench.json").is_file():
            os.replace(previous, target)
        shutil.rmtree(leftover, ignore_errors=True)


def _fsync_tree(directory: Path) -> None:
    # the rename must not reach the disk before the files it publishes
    for path in directory.iterdir():
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def _install_into(target: Path, fill: Callable[[Path, Path], None]) -> None:
    """Run ``fill(work_dir, staged_dir)`` in a partial directory beside ``target``, then swap in."""
    target.parent.mkdir(parents=True, exist_ok=True)
    _recover_leftovers(target)
    partial = Path(
        tempfile.mkdtemp(prefix=f".{target.name}.partial-{os.getpid()}-", dir=target.parent)
    )
    try:
        work, staged = partial / "work", partial / "model"
        work.mkdir()
        fill(work, staged)
        _fsync_tree(staged)
        if target.exists():
            # os.replace cannot overwrite a non-empty directory: move the old one aside first
            os.replace(target, partial / "previous")
            try:
                os.replace(staged, target)
            except BaseException:
                os.replace(partial / "previous", target)
                raise
        else:
            os.replace(staged, target)
    finally:
        shutil.rmtree(partial, ignore_errors=True)


def _check_options(kind: str, quantization: str) -> None:
    from ctranslate2.specs.model_spec import ACCEPTED_MODEL_TYPES

    if kind not in KINDS:
        raise UnknownNameError("model kind", kind, KINDS)
    if quantization not in ACCEPTED_MODEL_TYPES:
        raise UnknownNameError("quantization", quantization, ACCEPTED_MODEL_TYPES)


def _convert(source: ModelSource, work: Path, out: Path, quantization: str) -> tuple[str, int]:
    """Convert with CTranslate2's converter; returns (converted_with, max_positions)."""
    import ctranslate2

    try:
        if source.format == "hf-export":
            from workbench.model.standin import quiet_transformers, require_transformers

            torch, transformers = require_transformers()
            from ctranslate2.converters import TransformersConverter

            with quiet_transformers():
                converter = TransformersConverter(str(source.root))
                converter.convert(str(out), quantization=quantization, force=True)
            config = json.loads((source.root / "config.json").read_text(encoding="utf-8"))
            positions = int(config.get("max_position_embeddings", DEFAULT_MAX_POSITIONS))
            libs = (
                f"TransformersConverter / transformers {transformers.__version__}"
                f" / torch {torch.__version__}"
            )
            spm_dir = source.root
        else:
            from ctranslate2.converters import OpusMTConverter

            spm_dir = unpack_opus(source, work) if source.format == "opus-mt-zip" else source.root
            OpusMTConverter(str(spm_dir)).convert(str(out), quantization=quantization, force=True)
            # The Marian converter builds a 2048-row sinusoidal table, but the model was trained
            # and exported upstream with 512 positions: keep 512 whatever the install's origin.
            positions, libs = DEFAULT_MAX_POSITIONS, "OpusMTConverter"
    except ModelError:
        raise
    except Exception as exc:  # the converters raise anything from KeyError to RuntimeError
        raise ModelError(
            f"converting {source.root} with CTranslate2 failed ({type(exc).__name__}: {exc}); "
            "check that it is an opus-mt-ar-en model, or get a fresh copy"
        ) from exc
    for name in ("source.spm", "target.spm"):
        shutil.copyfile(spm_dir / name, out / name)
    return f"ctranslate2 {ctranslate2.__version__} {libs}", positions


def _convert_and_describe(
    source: ModelSource,
    work: Path,
    staged: Path,
    *,
    kind: ModelKind,
    label: str,
    digest: str,
    verified: bool,
    verification: str,
    quantization: str,
    seed: int | None,
    say: Progress,
) -> None:
    from workbench.version import __version__

    say(f"converting {source.root.name} to CTranslate2 ({quantization})…")
    started = time.monotonic()
    converted_with, positions = _convert(source, work, staged, quantization)
    manifest: dict[str, Any] = {
        "name": MODEL_NAME,
        "kind": kind,
        "sha256": digest,
        "weights_file": source.hashed.name,
        "verified": verified,
        "verification": verification,
        "source": label,
        "format": source.format,
        "compute_type": quantization,
        "converted_with": converted_with,
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "conversion_seconds": round(time.monotonic() - started, 1),
        "max_positions": positions,
        "seed": seed,
        "workbench_version": __version__,
    }
    write_manifest(staged, manifest)


def install_from_path(
    path: str | Path,
    *,
    verify: bool = True,
    expected_sha256: str | None = None,
    quantization: str = "int8",
    kind: ModelKind = "real",
    out_dir: Path | None = None,
    models_dir: Path | None = None,
    source: str | None = None,
    progress: Progress | None = None,
) -> ModelInfo:
    """Convert a Hugging Face export directory or the OPUS-MT zip and install it atomically.

    The weights (``model.safetensors``) or the zip are checked against the sha256 in the reference
    README (or ``expected_sha256``); a mismatch raises ModelError naming both hashes. With
    ``verify=False`` the manifest records the install as unverified. Installs into
    ``models/opus-mt-ar-en`` (or ``out_dir``), replacing a previous install only on success.
    """
    say = progress or _silent
    path = Path(path).expanduser().resolve()
    _check_options(kind, quantization)
    if expected_sha256 is not None and not re.fullmatch(r"[0-9a-fA-F]{64}", expected_sha256):
        raise ConfigError(f"--sha256 must be 64 hex digits, got {expected_sha256!r}")
    src = inspect_source(path)
    say(f"computing the sha256 of {src.hashed.name}…")
    digest = sha256_file(src.hashed)
    verified, verification = verify_source(
        src, digest, verify, expected_sha256 and expected_sha256.lower()
    )
    target = Path(out_dir) if out_dir is not None else model_dir(kind, models_dir)

    def fill(work: Path, staged: Path) -> None:
        _convert_and_describe(
            src,
            work,
            staged,
            kind=kind,
            label=source or str(path),
            digest=digest,
            verified=verified,
            verification=verification,
            quantization=quantization,
            seed=None,
            say=say,
        )

    _install_into(target, fill)
    say(f"installed {target}")
    return read_model_info(target)


def build_standin(
    out_dir: Path | None = None,
    *,
    seed: int = 0,
    quantization: str = "int8",
    shape: Mapping[str, int] | None = None,
    models_dir: Path | None = None,
    progress: Progress | None = None,
) -> ModelInfo:
    """Build the stand-in: a random MarianMTModel of the exact opus-mt-ar-en shape, installed.

    It uses the real config and tokenizers from the shared reference directory, is deterministic
    for a given ``seed`` (and torch/transformers versions), and goes through the same conversion
    and atomic install as a real model, into ``models/opus-mt-ar-en-standin`` (or ``out_dir``).
    ``shape`` overrides config fields (e.g. ``standin.TINY_SHAPE``) and makes it a "tiny" model.
    Its output is meaningless and is labelled as such wherever it is shown.
    """
    from workbench.model.standin import write_random_export

    say = progress or _silent
    kind: ModelKind = "tiny" if shape else "standin"
    _check_options(kind, quantization)
    reference = Settings.from_env().reference_model_dir
    target = Path(out_dir) if out_dir is not None else model_dir(kind, models_dir)
    label = f"random weights (seed {seed}) with the shape of {reference / 'config.json'}"
    if shape:
        label += f", resized: {dict(shape)}"

    def fill(work: Path, staged: Path) -> None:
        say(f"building a random {MODEL_NAME} ({kind}, seed {seed})…")
        export = write_random_export(work / "export", reference, seed=seed, shape=shape)
        src = inspect_source(export)
        _convert_and_describe(
            src,
            work,
            staged,
            kind=kind,
            label=label,
            digest=sha256_file(src.hashed),
            verified=False,
            verification=f"not applicable: random weights generated here (seed {seed})",
            quantization=quantization,
            seed=seed,
            say=say,
        )

    _install_into(target, fill)
    say(f"installed {target}")
    return read_model_info(target)


def install_from_hub(
    repo: str = HUB_REPO,
    *,
    revision: str | None = None,
    timeout: float = 10.0,
    verify: bool = True,
    expected_sha256: str | None = None,
    quantization: str = "int8",
    models_dir: Path | None = None,
    progress: Progress | None = None,
) -> ModelInfo:
    """Download ``repo`` from the Hugging Face Hub and install it like `install_from_path`.

    Fails fast (within ``timeout`` seconds) with a ModelError that says how to install from a
    path when the hub cannot be reached. The download goes to the Hugging Face cache, so an
    interrupted one resumes.
    """
    say = progress or _silent
    sha, reason = probe_hub(repo, revision=revision, timeout=timeout)
    if reason is not None:
        raise ModelError(
            f"cannot download {repo}: {reason}. Without internet access, {INSTALL_HINT}"
        )
    say(f"downloading {repo}@{sha[:12]} from the Hugging Face Hub (about 300 MB)…")
    snapshot = download_snapshot(repo, sha, HUB_FILES, timeout=timeout, fix=INSTALL_HINT)
    return install_from_path(
        snapshot,
        verify=verify,
        expected_sha256=expected_sha256,
        quantization=quantization,
        models_dir=models_dir,
        source=f"{repo}@{sha}",
        progress=say,
    )


def ensure_model(
    models_dir: Path | None = None,
    *,
    offline: bool = False,
    timeout: float = 5.0,
    seed: int = 0,
    progress: Progress | None = None,
) -> tuple[ModelInfo, str]:
    """Make sure a model is installed; return it and one line saying which one and why.

    An installed real model wins; else the real one is downloaded when the hub answers (and
    ``offline`` is false); else the stand-in is used, built first if needed.
    """
    usable = [info for info in installed_models(models_dir) if info.usable]
    real = next((info for info in usable if info.is_real), None)
    if real is not None:
        return real, f"using the real {MODEL_NAME} model ({real.verification}) from {real.path}"
    reason = "offline mode was asked for" if offline else hub_unavailable_reason(timeout=timeout)
    if reason is None:
        info = install_from_hub(timeout=timeout, models_dir=models_dir, progress=progress)
        return (
            info,
            f"using the real {MODEL_NAME} model, just installed from the hub into {info.path}",
        )
    standin = next((info for info in usable if info.kind == "standin"), None)
    if standin is None:
        standin = build_standin(seed=seed, models_dir=models_dir, progress=progress)
    return standin, standin_chosen(reason)
