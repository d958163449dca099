"""What a model is installed from: a Hugging Face export, the OPUS-MT zip, or an unpacked release.

Inspection lists every missing file at once before any work starts; verification checks the
weights (or the zip) against the sha256 written in the shared reference README, so the hashes
are kept in one place.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal

from workbench.config import Settings
from workbench.errors import ModelError

#: The Hugging Face export: weights (either file, transformers prefers the first) plus these.
HF_WEIGHTS = ("model.safetensors", "pytorch_model.bin")
HF_FILES = ("config.json", "source.spm", "target.spm", "vocab.json")
OPUS_FILES = ("decoder.yml", "source.spm", "target.spm")


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    """The hex sha256 of a file, read in chunks (the weights are ~300 MB)."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


def reference_hashes(readme_text: str) -> dict[str, str]:
    """File name → sha256 for each hash written in the reference README.

    A hash belongs to the last backticked file name written since the previous hash, as in
    "`model.safetensors`, 305,518,408 bytes, sha256 `d47a…`".
    """
    hashes: dict[str, str] = {}
    start = 0
    for match in re.finditer(r"sha256\s+`?([0-9a-fA-F]{64})`?", readme_text):
        before = readme_text[start : match.start()]
        names = re.findall(r"`([^`\s]+\.(?:safetensors|bin|zip|npz))`", before)
        if names:
            hashes[PurePosixPath(names[-1]).name] = match.group(1).lower()
        start = match.end()
    return hashes


def _reference_hash(hashed: Path, is_zip: bool) -> str:
    readme = Settings.from_env().reference_model_dir / "README.md"
    fix = "pass --sha256 HASH or --no-verify"
    if not readme.is_file():
        raise ModelError(
            f"cannot verify {hashed.name}: the reference hashes are read from {readme}, "
            f"which is missing; set WORKBENCH_SHARED to the shared/ folder, or {fix}"
        )
    hashes = reference_hashes(readme.read_text(encoding="utf-8"))
    if hashed.name in hashes:
        return hashes[hashed.name]
    zips = [value for name, value in hashes.items() if name.endswith(".zip")]
    if is_zip and len(zips) == 1:  # the release zip may have been renamed on download
        return zips[0]
    raise ModelError(
        f"cannot verify {hashed.name}: {readme} gives sha256 only for "
        f"{', '.join(sorted(hashes)) or 'nothing'}; install from one of those, or {fix}"
    )


@dataclass(frozen=True)
class ModelSource:
    """A checked model source; ``hashed`` is the file whose sha256 identifies the model."""

    format: Literal["hf-export", "opus-mt-zip", "opus-mt-dir"]
    root: Path  # the export directory, the unpacked OPUS-MT directory, or the zip
    hashed: Path  # the file whose sha256 identifies the model
    prefix: str = ""  # folder inside the zip that holds decoder.yml
    members: tuple[str, ...] = ()  # zip members to unpack, relative to prefix


def _opus_members(names: set[str], read: Callable[[str], bytes]) -> tuple[list[str], list[str]]:
    """(files needed, what is missing) for an OPUS-MT release whose files are ``names``.

    The files needed are OPUS_FILES, then the model, then the vocabularies named in decoder.yml.
    """
    import yaml  # a dependency of ctranslate2

    wanted = list(OPUS_FILES)
    missing = [name for name in OPUS_FILES if name not in names]
    if "decoder.yml" not in names:
        if not any(name.endswith(".npz") for name in names):
            missing.append("the Marian model (*.npz)")
        if not any(name.endswith(".vocab.yml") for name in names):
            missing.append("the vocabulary (*.vocab.yml)")
        return wanted, missing
    try:
        decoder = yaml.safe_load(read("decoder.yml"))
        named = [str(decoder["models"][0]), *map(str, decoder["vocabs"])]
    except (yaml.YAMLError, KeyError, IndexError, TypeError) as exc:
        return wanted, [*missing, f"usable `models:` and `vocabs:` entries in decoder.yml ({exc})"]
    for name in dict.fromkeys(named):
        parts = PurePosixPath(name)
        if parts.is_absolute() or ".." in parts.parts:
            missing.append(f"{name} (decoder.yml may only name files inside the release)")
        elif name not in names:
            missing.append(f"{name} (named in decoder.yml)")
        else:
            wanted.append(name)
    return wanted, missing


def inspect_source(path: Path) -> ModelSource:
    """Classify ``path`` and check that every file conversion needs is there, listing all gaps."""
    what = (
        "a Hugging Face export directory (config.json, model.safetensors or pytorch_model.bin, "
        "source.spm, target.spm, vocab.json) or the OPUS-MT zip opus-2019-12-18.zip"
    )
    if not path.exists():
        raise ModelError(f"{path} does not exist; pass {what}")
    if path.is_file():
        if not zipfile.is_zipfile(path):
            raise ModelError(f"{path} is neither a directory nor a zip file; pass {what}")
        with zipfile.ZipFile(path) as archive:
            listed = [name for name in archive.namelist() if not name.endswith("/")]
            decoders = sorted(
                (n for n in listed if PurePosixPath(n).name == "decoder.yml"), key=len
            )
            parent = str(PurePosixPath(decoders[0]).parent) if decoders else "."
            prefix = "" if parent == "." else f"{parent}/"
            names = {name[len(prefix) :] for name in listed if name.startswith(prefix)}
            wanted, missing = _opus_members(names, lambda name: archive.read(prefix + name))
        if missing:
            raise ModelError(
                f"{path} is not a complete OPUS-MT release: missing {'; '.join(missing)}"
            )
        return ModelSource("opus-mt-zip", path, path, prefix, tuple(wanted))
    if (path / "decoder.yml").is_file():
        names = {p.relative_to(path).as_posix() for p in path.rglob("*") if p.is_file()}
        wanted, missing = _opus_members(names, lambda name: (path / name).read_bytes())
        if missing:
            raise ModelError(
                f"{path} is not a complete OPUS-MT model: missing {'; '.join(missing)}"
            )
        return ModelSource("opus-mt-dir", path, path / wanted[len(OPUS_FILES)])
    missing = [name for name in HF_FILES if not (path / name).is_file()]
    weights = next((path / name for name in HF_WEIGHTS if (path / name).is_file()), None)
    if weights is None:
        missing.append(" or ".join(HF_WEIGHTS))
    if missing or weights is None:
        raise ModelError(
            f"{path} is not a complete Hugging Face export: missing {', '.join(missing)}"
        )
    return ModelSource("hf-export", path, weights)


def verify_source(
    source: ModelSource, digest: str, verify: bool, expected: str | None
) -> tuple[bool, str]:
    """(verified, how) for a source whose sha256 is ``digest``; raises on a mismatch.

    The expected hash is ``expected`` or, without it, the one the reference README gives for the
    weights file (or for the release zip).
    """
    if not verify:
        return False, "NOT verified (installed with --no-verify)"
    want = expected or _reference_hash(source.hashed, source.format == "opus-mt-zip")
    if digest != want:
        raise ModelError(
            f"sha256 mismatch for {source.hashed}: expected {want}, got {digest}. The file is "
            "corrupt, incomplete or another model: download it again, or pass --no-verify to "
            "install it anyway (recorded as unverified)"
        )
    return True, f"sha256 matches {'the given hash' if expected else 'the reference README'}"


def unpack_opus(source: ModelSource, work: Path) -> Path:
    """Extract only the needed members (never a blind extractall) into ``work/opus``."""
    out = work / "opus"
    with zipfile.ZipFile(source.root) as archive:
        for name in source.members:
            dest = out / name
            dest.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(source.prefix + name) as src, open(dest, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
    return out
