"""Installing, verifying and converting models; the stand-in; what is installed. All offline.

The conversion tests build a tiny random MarianMTModel (d_model 16, one layer each side) with the
real tokenizers from the shared data, and a tiny Marian ``.npz`` in numpy for the OPUS-MT zip, so
CTranslate2's real converters run in about a second. The network is never touched: the hub is
monkeypatched or switched off with HF_HUB_OFFLINE.
"""

from __future__ import annotations

import json
import math
import os
import struct
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from workbench.config import MODELS_ENV, SHARED_ENV, Settings
from workbench.errors import ConfigError, ModelError, UnknownNameError
from workbench.model import hub
from workbench.model import install as modelhub
from workbench.model.registry import (
    MANIFEST,
    ModelInfo,
    active_model,
    installed_models,
    model_dir,
    model_info_text,
    read_model_info,
)
from workbench.model.sources import reference_hashes, sha256_file
from workbench.model.standin import TINY_SHAPE, missing_reference_files, write_random_export

REAL_WEIGHTS_SHA = "d47a288e32edbf598666432ee1aefa0f2f4ddcdb5cd63fff0843394c3c6f2a97"
REAL_ZIP_SHA = "2406c939b175616789999f370a3f487e90cd018e4590e8679cf91ee8caff2416"
DEAD_PID = 2**22 + 12345  # above Linux's largest pid_max: no process can have it
ARABIC = "أعلنت الحكومة عن خطة جديدة لدعم التعليم."


@pytest.fixture(autouse=True)
def models(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own models directory, so none touches the checkout's models/."""
    root = tmp_path / "models"
    monkeypatch.setenv(MODELS_ENV, str(root))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    return root


@pytest.fixture(scope="session")
def reference() -> Path:
    ref = Settings.from_env().reference_model_dir
    missing = missing_reference_files(ref)
    if missing:
        pytest.skip(
            f"shared reference model files missing in {ref}: {', '.join(missing)} "
            f"(set {SHARED_ENV} to the shared/ folder)"
        )
    return ref


@pytest.fixture(scope="session")
def convert_deps() -> None:
    """Skip, naming the extra, where torch/transformers (``workbench[convert]``) are absent."""
    for name in ("torch", "transformers"):
        pytest.importorskip(name, reason=f"{name} missing: pip install -e '.[convert]'")


@pytest.fixture(scope="session")
def tiny_export(
    reference: Path, convert_deps: None, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A tiny random Hugging Face export with the real tokenizers (built once per session)."""
    return write_random_export(
        tmp_path_factory.mktemp("tiny") / "export", reference, seed=0, shape=TINY_SHAPE
    )


def hidden(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".")) if root.exists() else []


# --- reference hashes -------------------------------------------------------------------------

A, B = "a" * 64, "B" * 64


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {}),
        ("no hashes here, only `model.safetensors`", {}),
        (f"sha256 `{A}` with no file before it", {}),
        (f"`model.safetensors`, 305,518,408 bytes, sha256 `{A}`", {"model.safetensors": A}),
        (f"release `ar-en/opus-2019-12-18.zip`, sha256 {B}", {"opus-2019-12-18.zip": B.lower()}),
        (
            f"`model.safetensors`, sha256 `{A}`. The zip `x/y.zip`, sha256 `{B}`",
            {"model.safetensors": A, "y.zip": B.lower()},
        ),
        (f"`a.bin` and then `model.safetensors`, sha256 `{A}`", {"model.safetensors": A}),
    ],
)
def test_reference_hashes_table(text: str, expected: dict[str, str]) -> None:
    assert reference_hashes(text) == expected


def test_reference_hashes_of_the_shared_readme(reference: Path) -> None:
    hashes = reference_hashes((reference / "README.md").read_text(encoding="utf-8"))
    assert hashes == {"model.safetensors": REAL_WEIGHTS_SHA, "opus-2019-12-18.zip": REAL_ZIP_SHA}


# --- installing a Hugging Face export ---------------------------------------------------------


def test_install_tiny_export_writes_model_and_manifest(tiny_export: Path, models: Path) -> None:
    info = modelhub.install_from_path(tiny_export, kind="tiny", verify=False)

    target = models / "opus-mt-ar-en-tiny"
    assert info.path == target == model_dir("tiny")
    assert sorted(p.name for p in target.iterdir()) == [
        "config.json",
        "model.bin",
        "shared_vocabulary.json",
        "source.spm",
        "target.spm",
        MANIFEST,
    ]
    manifest = json.loads((target / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["name"] == "opus-mt-ar-en"
    assert manifest["kind"] == "tiny"
    assert manifest["sha256"] == sha256_file(tiny_export / "model.safetensors")
    assert manifest["weights_file"] == "model.safetensors"
    assert manifest["verified"] is False
    assert "--no-verify" in manifest["verification"]
    assert manifest["source"] == str(tiny_export)
    assert manifest["format"] == "hf-export"
    assert manifest["compute_type"] == "int8"
    assert manifest["converted_with"].startswith("ctranslate2 4.")
    assert "transformers" in manifest["converted_with"]
    assert manifest["max_positions"] == 512
    assert manifest["created"].endswith("+00:00")
    # the converter drops <pad> (the decoder starts from a zero embedding instead)
    vocabulary = json.loads((target / "shared_vocabulary.json").read_text(encoding="utf-8"))
    assert len(vocabulary) == 62834 - 1
    assert vocabulary[:2] == ["</s>", "<unk>"]
    assert info.usable and info.kind == "tiny" and not info.is_real
    assert hidden(models) == []


def test_install_verified_against_a_given_hash(tiny_export: Path) -> None:
    digest = sha256_file(tiny_export / "model.safetensors")
    info = modelhub.install_from_path(tiny_export, kind="tiny", expected_sha256=digest.upper())
    assert info.verified
    assert info.sha256 == digest
    assert info.verification == "sha256 matches the given hash"


def test_install_mismatch_names_both_hashes_and_the_file(
    tiny_export: Path, reference: Path, models: Path
) -> None:
    digest = sha256_file(tiny_export / "model.safetensors")
    with pytest.raises(ModelError) as caught:
        modelhub.install_from_path(tiny_export)  # verified against the shared README
    message = str(caught.value)
    assert REAL_WEIGHTS_SHA in message and digest in message
    assert str(tiny_export / "model.safetensors") in message
    assert "--no-verify" in message
    assert not models.exists() or list(models.iterdir()) == []


def test_install_cannot_verify_without_the_reference_readme(
    tiny_export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SHARED_ENV, str(tmp_path / "nowhere"))
    with pytest.raises(ModelError, match=r"README\.md, which is missing") as caught:
        modelhub.install_from_path(tiny_export)
    assert "--sha256 HASH or --no-verify" in str(caught.value)


@pytest.mark.parametrize(
    ("options", "error", "fragment"),
    [
        ({"quantization": "int3"}, UnknownNameError, "int8_float32"),
        ({"kind": "huge"}, UnknownNameError, "standin"),
        ({"expected_sha256": "xyz"}, ConfigError, "64 hex digits"),
    ],
)
def test_install_rejects_bad_options(
    tiny_export: Path, options: dict[str, str], error: type[Exception], fragment: str
) -> None:
    with pytest.raises(error, match=fragment):
        modelhub.install_from_path(tiny_export, **options)  # type: ignore[arg-type]


# --- atomic install ---------------------------------------------------------------------------


def _failing_convert(exc: BaseException) -> Callable[..., tuple[str, int]]:
    def convert(source: object, work: Path, out: Path, quantization: str) -> tuple[str, int]:
        out.mkdir()
        (out / "model.bin").write_bytes(b"half a model")
        raise exc

    return convert


@pytest.mark.parametrize("exc", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_failed_conversion_keeps_the_previous_install(
    tiny_export: Path, models: Path, monkeypatch: pytest.MonkeyPatch, exc: BaseException
) -> None:
    before = modelhub.install_from_path(tiny_export, kind="tiny", verify=False)
    manifest = (before.path / MANIFEST).read_bytes()
    model = (before.path / "model.bin").read_bytes()
    monkeypatch.setattr(modelhub, "_convert", _failing_convert(exc))

    with pytest.raises(type(exc)):
        modelhub.install_from_path(tiny_export, kind="tiny", verify=False)

    assert (before.path / MANIFEST).read_bytes() == manifest
    assert (before.path / "model.bin").read_bytes() == model
    assert hidden(models) == []


def test_failed_first_install_leaves_no_directory(
    tiny_export: Path, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(modelhub, "_convert", _failing_convert(RuntimeError("boom")))
    with pytest.raises(RuntimeError):
        modelhub.install_from_path(tiny_export, kind="tiny", verify=False)
    assert list(models.iterdir()) == []


def test_failed_swap_puts_the_previous_install_back(
    tiny_export: Path, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = modelhub.install_from_path(tiny_export, kind="tiny", verify=False)
    created = before.created
    real_replace = os.replace

    def replace(src: os.PathLike[str], dst: os.PathLike[str]) -> None:
        if Path(src).name == "model":  # the staged directory, moved into place second
            raise OSError("simulated failure between the two renames")
        real_replace(src, dst)

    monkeypatch.setattr(modelhub.os, "replace", replace)
    with pytest.raises(OSError, match="simulated"):
        modelhub.install_from_path(tiny_export, kind="tiny", verify=False)
    assert read_model_info(before.path).created == created
    assert hidden(models) == []


def test_leftover_of_a_killed_install_is_recovered(
    tiny_export: Path, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = modelhub.install_from_path(tiny_export, kind="tiny", verify=False)
    # a process killed between the two renames: the old model sits in its partial directory
    leftover = models / f".{before.path.name}.partial-{DEAD_PID}-x"
    leftover.mkdir()
    os.replace(before.path, leftover / "previous")
    stale = models / f".{before.path.name}.partial-{DEAD_PID}-y"
    (stale / "model").mkdir(parents=True)
    monkeypatch.setattr(modelhub, "_convert", _failing_convert(RuntimeError("boom")))

    with pytest.raises(RuntimeError):
        modelhub.install_from_path(tiny_export, kind="tiny", verify=False)

    assert read_model_info(before.path).usable
    assert read_model_info(before.path).created == before.created
    assert hidden(models) == []


# --- what a source must contain ---------------------------------------------------------------


def _zip(path: Path, files: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


DECODER = b"models:\n  - opus.model1.npz\nvocabs:\n  - opus.vocab.yml\n  - opus.vocab.yml\n"


@pytest.mark.parametrize(
    ("files", "missing"),
    [
        (
            {"README.md": b"hi"},
            [
                "decoder.yml",
                "source.spm",
                "target.spm",
                "the Marian model (*.npz)",
                "the vocabulary (*.vocab.yml)",
            ],
        ),
        (
            {"decoder.yml": DECODER, "source.spm": b"x"},
            [
                "target.spm",
                "opus.model1.npz (named in decoder.yml)",
                "opus.vocab.yml (named in decoder.yml)",
            ],
        ),
        (
            {"opus-2019-12-18/decoder.yml": DECODER, "opus-2019-12-18/opus.model1.npz": b"x"},
            ["source.spm", "target.spm", "opus.vocab.yml (named in decoder.yml)"],
        ),
        (
            {"decoder.yml": b"models: [../../etc/passwd.npz]\nvocabs: [v.yml]\n"},
            ["inside the release", "v.yml (named in decoder.yml)"],
        ),
        ({"decoder.yml": b"just: text\n"}, ["usable `models:` and `vocabs:` entries"]),
    ],
)
def test_incomplete_opus_zip_lists_every_missing_file(
    tmp_path: Path, files: dict[str, bytes], missing: list[str]
) -> None:
    release = _zip(tmp_path / "opus-2019-12-18.zip", files)
    with pytest.raises(ModelError, match="not a complete OPUS-MT release") as caught:
        modelhub.install_from_path(release)
    for piece in missing:
        assert piece in str(caught.value)


@pytest.mark.parametrize(
    ("case", "fragment"),
    [
        ("absent", "does not exist"),
        ("notes.txt", "is neither a directory nor a zip file"),
        (
            "empty-export",
            "missing config.json, source.spm, target.spm, vocab.json, "
            "model.safetensors or pytorch_model.bin",
        ),
        ("export-without-weights", "missing vocab.json, model.safetensors or pytorch_model.bin"),
    ],
)
def test_unusable_paths_say_what_to_pass(tmp_path: Path, case: str, fragment: str) -> None:
    path = tmp_path / case
    if case == "notes.txt":
        path.write_text("not a model")
    elif case == "empty-export":
        path.mkdir()
    elif case == "export-without-weights":
        path.mkdir()
        for name in ("config.json", "source.spm", "target.spm"):
            (path / name).write_text("{}")
    with pytest.raises(ModelError) as caught:
        modelhub.install_from_path(path)
    assert fragment in str(caught.value)
    assert fragment in str(caught.value)


# --- the OPUS-MT zip, converted for real ------------------------------------------------------


def _tiny_marian_release(reference: Path, vocab: list[str]) -> dict[str, bytes]:
    """The files of an OPUS-MT release holding a tiny Marian transformer (seeded numpy weights)."""
    import io

    import numpy as np
    import yaml

    dim, ffn, size = 8, 16, len(vocab)
    rng = np.random.default_rng(0)

    def w(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.1).astype(np.float32)

    config = {
        "type": "transformer",
        "enc-depth": 1,
        "dec-depth": 1,
        "transformer-heads": 2,
        "transformer-ffn-activation": "swish",
        "transformer-preprocess": "",
        "transformer-postprocess": "dan",
        "transformer-postprocess-emb": "d",
        "transformer-decoder-autoreg": "self-attention",
        "transformer-no-projection": False,
        "transformer-guided-alignment-layer": "last",
    }
    weights = {
        "special:model.yml": np.frombuffer(yaml.safe_dump(config).encode() + b"\0", np.int8),
        "Wemb": w(size, dim),
        "decoder_ff_logit_out_b": np.zeros((1, size), np.float32),
    }

    def attention(scope: str) -> None:
        for p in "qkvo":
            weights[f"{scope}_W{p}"], weights[f"{scope}_b{p}"] = w(dim, dim), w(1, dim)
        weights[f"{scope}_Wo_ln_scale"] = np.ones((1, dim), np.float32)
        weights[f"{scope}_Wo_ln_bias"] = np.zeros((1, dim), np.float32)

    def feed_forward(scope: str) -> None:
        weights[f"{scope}_W1"], weights[f"{scope}_b1"] = w(dim, ffn), w(1, ffn)
        weights[f"{scope}_W2"], weights[f"{scope}_b2"] = w(ffn, dim), w(1, dim)
        weights[f"{scope}_ffn_ln_scale"] = np.ones((1, dim), np.float32)
        weights[f"{scope}_ffn_ln_bias"] = np.zeros((1, dim), np.float32)

    attention("encoder_l1_self")
    feed_forward("encoder_l1_ffn")
    attention("decoder_l1_self")
    attention("decoder_l1_context")
    feed_forward("decoder_l1_ffn")
    npz = io.BytesIO()
    np.savez(npz, **weights)  # type: ignore[arg-type]
    return {
        "decoder.yml": DECODER,
        "opus.model1.npz": npz.getvalue(),
        "opus.vocab.yml": "".join(f'"{t}": {i}\n' for i, t in enumerate(vocab)).encode(),
        "source.spm": (reference / "source.spm").read_bytes(),
        "target.spm": (reference / "target.spm").read_bytes(),
        "README.md": b"tiny test release",
    }


VOCAB = ["</s>", "<unk>", "▁the", "▁news", "▁al", "ا", "ل", "."]


@pytest.mark.parametrize("prefix", ["", "opus-2019-12-18/"])
def test_install_opus_zip_converts_with_the_marian_converter(
    tmp_path: Path, reference: Path, models: Path, prefix: str
) -> None:
    import ctranslate2

    files = _tiny_marian_release(reference, VOCAB)
    release = _zip(tmp_path / "download.zip", {prefix + k: v for k, v in files.items()})
    digest = sha256_file(release)

    info = modelhub.install_from_path(release, kind="tiny", expected_sha256=digest)

    manifest = json.loads((info.path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["format"] == "opus-mt-zip"
    assert manifest["sha256"] == digest and manifest["verified"] is True
    assert manifest["weights_file"] == "download.zip"
    assert "OpusMTConverter" in manifest["converted_with"]
    assert manifest["max_positions"] == 512
    vocabulary = json.loads((info.path / "shared_vocabulary.json").read_text(encoding="utf-8"))
    assert vocabulary == VOCAB
    assert (info.path / "target.spm").read_bytes() == files["target.spm"]
    translator = ctranslate2.Translator(str(info.path), device="cpu")
    result = translator.translate_batch([["▁al", "ا", "</s>"]], max_decoding_length=5)
    assert all(token in VOCAB for token in result[0].hypotheses[0])
    assert hidden(models) == []


def test_unpacked_opus_release_installs_but_cannot_be_verified(
    tmp_path: Path, reference: Path
) -> None:
    release = tmp_path / "opus-2019-12-18"
    release.mkdir()
    for name, data in _tiny_marian_release(reference, VOCAB).items():
        (release / name).write_bytes(data)
    with pytest.raises(ModelError, match="gives sha256 only for") as caught:
        modelhub.install_from_path(release)
    assert "--no-verify" in str(caught.value)
    info = modelhub.install_from_path(release, kind="tiny", verify=False)
    manifest = json.loads((info.path / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["format"] == "opus-mt-dir"
    assert manifest["weights_file"] == "opus.model1.npz"
    assert manifest["sha256"] == sha256_file(release / "opus.model1.npz")


def test_renamed_opus_zip_is_checked_against_the_readme_zip_hash(
    tmp_path: Path, reference: Path
) -> None:
    files = _tiny_marian_release(reference, VOCAB)
    release = _zip(tmp_path / "renamed.zip", files)
    with pytest.raises(ModelError, match="sha256 mismatch") as caught:
        modelhub.install_from_path(release)
    assert REAL_ZIP_SHA in str(caught.value) and sha256_file(release) in str(caught.value)


# --- the stand-in -----------------------------------------------------------------------------


def test_random_export_is_deterministic_per_seed(
    reference: Path, convert_deps: None, tmp_path: Path
) -> None:
    digests = [
        sha256_file(
            write_random_export(tmp_path / f"e{i}", reference, seed=seed, shape=TINY_SHAPE)
            / "model.safetensors"
        )
        for i, seed in enumerate([0, 0, 1])
    ]
    assert digests[0] == digests[1] != digests[2]


def test_build_standin_without_reference_files_says_what_is_missing(
    tmp_path: Path, models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(SHARED_ENV, str(tmp_path / "empty"))
    with pytest.raises(ModelError) as caught:
        modelhub.build_standin(shape=TINY_SHAPE)
    message = str(caught.value)
    for name in ["config.json", "source.spm", "target.spm", "vocab.json"]:
        assert name in message
    assert SHARED_ENV in message
    assert hidden(models) == [] and installed_models() == []


def test_build_tiny_standin_goes_through_the_install_path(
    reference: Path, convert_deps: None, models: Path
) -> None:
    info = modelhub.build_standin(shape=TINY_SHAPE, seed=3)
    manifest = json.loads((info.path / MANIFEST).read_text(encoding="utf-8"))
    assert info.path == models / "opus-mt-ar-en-tiny"
    assert manifest["kind"] == "tiny" and manifest["seed"] == 3
    assert manifest["verified"] is False and "random weights" in manifest["verification"]
    assert manifest["format"] == "hf-export" and len(manifest["sha256"]) == 64
    assert "STAND-IN" in info.label
    # random weights, but finite scores: the init does not overflow after int8 conversion
    import ctranslate2
    import sentencepiece as spm

    pieces = spm.SentencePieceProcessor(model_file=str(info.path / "source.spm"))
    translator = ctranslate2.Translator(str(info.path), device="cpu")
    result = translator.translate_batch(
        [[*pieces.encode(ARABIC, out_type=str), "</s>"]],
        max_decoding_length=8,
        return_scores=True,
    )[0]
    assert result.hypotheses[0] and math.isfinite(result.scores[0])


def test_unknown_shape_field_is_refused(
    reference: Path, convert_deps: None, tmp_path: Path
) -> None:
    with pytest.raises(UnknownNameError, match="unknown MarianConfig field 'dmodel'"):
        write_random_export(tmp_path / "export", reference, shape={"dmodel": 16})


# --- the hub, never reached -------------------------------------------------------------------


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail any test that would ask the real hub; records the calls that were attempted."""
    pytest.importorskip(
        "huggingface_hub", reason="huggingface_hub missing: pip install -e '.[convert]'"
    )
    calls: list[str] = []

    def refuse(repo: str, revision: str | None, timeout: float) -> None:
        calls.append(repo)
        raise ConnectionError("[Errno -2] Name or service not known")

    monkeypatch.setattr(hub, "_model_info", refuse)
    return calls


def test_offline_env_fails_fast_without_asking_the_hub(
    no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    started = time.monotonic()
    with pytest.raises(ModelError) as caught:
        modelhub.install_from_hub()
    assert time.monotonic() - started < 1
    assert no_network == []
    message = str(caught.value)
    assert "HF_HUB_OFFLINE is set" in message
    assert "workbench model install --from PATH" in message and "opus-2019-12-18.zip" in message


def test_unreachable_hub_gives_a_clear_error(no_network: list[str]) -> None:
    with pytest.raises(ModelError, match="Hub is unreachable") as caught:
        modelhub.install_from_hub(timeout=1)
    assert no_network == ["Helsinki-NLP/opus-mt-ar-en"]
    assert "--from PATH" in str(caught.value)


def test_silent_hub_is_abandoned_after_the_timeout(
    no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    monkeypatch.setattr(hub, "_model_info", lambda *args: release.wait(10))
    started = time.monotonic()
    try:
        reason = hub.hub_unavailable_reason(timeout=0.2)
    finally:
        release.set()
    assert reason == "the Hugging Face Hub did not answer within 0.2 s"
    assert time.monotonic() - started < 2


def test_missing_huggingface_hub_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "huggingface_hub", None)
    with pytest.raises(ModelError, match=r"huggingface_hub is not installed \(pip install"):
        modelhub.install_from_hub()


def test_unknown_repository_is_reported_as_such(
    no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class RepositoryNotFoundError(Exception):
        pass

    def not_found(*args: object) -> None:
        raise RepositoryNotFoundError("404")

    monkeypatch.setattr(hub, "_model_info", not_found)
    assert hub.hub_unavailable_reason("nobody/nothing") == (
        "nobody/nothing is not on the Hugging Face Hub"
    )


def test_install_from_hub_installs_the_snapshot(
    tiny_export: Path, no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    class Answer:
        sha = "0123456789abcdef"

    downloads: list[tuple[str, str]] = []

    def download(repo: str, revision: str, files: object, **kwargs: object) -> Path:
        downloads.append((repo, revision))
        return tiny_export

    monkeypatch.setattr(hub, "_model_info", lambda *args: Answer())
    monkeypatch.setattr(modelhub, "download_snapshot", download)
    digest = sha256_file(tiny_export / "model.safetensors")
    info = modelhub.install_from_hub(expected_sha256=digest)
    assert downloads == [("Helsinki-NLP/opus-mt-ar-en", Answer.sha)]
    assert info.is_real and info.verified
    assert info.source == f"Helsinki-NLP/opus-mt-ar-en@{Answer.sha}"


def test_failed_download_says_how_to_resume_or_install_from_a_path(
    no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import huggingface_hub

    def broken(*args: object, **kwargs: object) -> str:
        raise OSError("connection reset")

    monkeypatch.setattr(huggingface_hub, "snapshot_download", broken)
    with pytest.raises(ModelError) as caught:
        hub.download_snapshot(hub.HUB_REPO, "abc", ["config.json"], timeout=1, fix="do X")
    message = str(caught.value)
    assert "OSError: connection reset" in message
    assert "run the command again to resume, or do X" in message


# --- what is installed ------------------------------------------------------------------------


def fake_model(root: Path, name: str, kind: str, **extra: object) -> Path:
    """A model directory with every file the contract asks for (contents irrelevant here)."""
    path = root / name
    path.mkdir(parents=True)
    for file in ["model.bin", "config.json", "shared_vocabulary.json", "source.spm", "target.spm"]:
        (path / file).write_text("{}")
    manifest = {"name": "opus-mt-ar-en", "kind": kind, "sha256": "f" * 64, **extra}
    (path / MANIFEST).write_text(json.dumps(manifest))
    return path


def test_nothing_installed(models: Path) -> None:
    assert installed_models() == [] and active_model() is None
    text = model_info_text()
    assert "no usable model is installed" in text and "workbench model standin" in text


@pytest.mark.parametrize(
    ("present", "active"),
    [
        (["standin"], "opus-mt-ar-en-standin"),
        (["tiny", "standin"], "opus-mt-ar-en-standin"),
        (["standin", "real"], "opus-mt-ar-en"),
        (["tiny"], "opus-mt-ar-en-tiny"),
    ],
)
def test_active_model_prefers_the_real_one(models: Path, present: list[str], active: str) -> None:
    for kind in present:
        fake_model(models, model_dir(kind).name, kind)  # type: ignore[arg-type]
    assert active_model() == installed_models()[0]
    info = active_model()
    assert info is not None and info.path.name == active


def test_broken_models_are_listed_with_their_problems_and_skipped(models: Path) -> None:
    real = fake_model(models, "opus-mt-ar-en", "real", verified=True)
    (real / "model.bin").unlink()
    fake_model(models, "opus-mt-ar-en-standin", "standin")
    fake_model(models, "odd", "giant")
    (models / "junk").mkdir()
    (models / "junk" / MANIFEST).write_text("{not json")
    fake_model(models, ".opus-mt-ar-en.partial-1-x", "real")  # an install in progress

    listed = {info.path.name: info for info in installed_models()}
    assert sorted(listed) == ["junk", "odd", "opus-mt-ar-en", "opus-mt-ar-en-standin"]
    assert "model.bin" in listed["opus-mt-ar-en"].problems[0]
    assert "'giant'" in listed["odd"].problems[0]
    assert listed["junk"].problems and not listed["junk"].usable
    info = active_model()
    assert info is not None and info.kind == "standin"
    text = model_info_text()
    assert "active: opus-mt-ar-en-standin: STAND-IN" in text
    assert "UNUSABLE" in text and "the real model is not installed" in text


def test_info_text_of_a_real_model(models: Path) -> None:
    fake_model(
        models,
        "opus-mt-ar-en",
        "real",
        verified=True,
        verification="sha256 matches the reference README",
        compute_type="int8",
        source="Helsinki-NLP/opus-mt-ar-en@abc",
    )
    text = model_info_text()
    assert "active: opus-mt-ar-en: real opus-mt-ar-en (sha256 verified)" in text
    assert "f" * 64 + " (sha256 matches the reference README)" in text
    assert "compute type:  int8" in text and "STAND-IN" not in text


# --- ensure_model -----------------------------------------------------------------------------


@pytest.fixture
def fake_standin(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, object]]:
    calls: list[dict[str, object]] = []

    def build(**kwargs: object) -> ModelInfo:
        calls.append(kwargs)
        return read_model_info(
            fake_model(model_dir("standin").parent, model_dir("standin").name, "standin")
        )

    monkeypatch.setattr(modelhub, "build_standin", build)
    return calls


def test_ensure_model_offline_builds_the_standin(
    fake_standin: list[dict[str, object]], no_network: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    info, reason = modelhub.ensure_model()
    assert info.kind == "standin" and len(fake_standin) == 1
    assert reason.startswith(
        "using the STAND-IN model (random weights, output is not a translation)"
    )
    assert "HF_HUB_OFFLINE is set and no real model is installed" in reason
    assert "workbench model install --from PATH" in reason
    assert no_network == []


def test_ensure_model_reuses_an_installed_standin(
    fake_standin: list[dict[str, object]], no_network: list[str], models: Path
) -> None:
    fake_model(models, "opus-mt-ar-en-standin", "standin")
    info, reason = modelhub.ensure_model(timeout=1)
    assert info.kind == "standin" and fake_standin == []
    assert "the Hugging Face Hub is unreachable" in reason


def test_ensure_model_uses_an_installed_real_model_without_the_hub(
    fake_standin: list[dict[str, object]], no_network: list[str], models: Path
) -> None:
    fake_model(models, "opus-mt-ar-en", "real", verified=True, verification="sha256 matches x")
    info, reason = modelhub.ensure_model()
    assert info.is_real and no_network == [] and fake_standin == []
    assert reason.startswith("using the real opus-mt-ar-en model (sha256 matches x)")


def test_ensure_model_downloads_when_the_hub_answers(
    fake_standin: list[dict[str, object]], models: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    installed = ModelInfo(models / "opus-mt-ar-en", "real", verified=True)
    monkeypatch.setattr(modelhub, "hub_unavailable_reason", lambda **kwargs: None)
    monkeypatch.setattr(modelhub, "install_from_hub", lambda **kwargs: installed)
    info, reason = modelhub.ensure_model()
    assert info is installed and fake_standin == []
    assert "just installed from the hub" in reason


def test_importing_modelhub_loads_no_heavy_library() -> None:
    code = (
        "import sys, workbench, workbench.model.install, workbench.model.registry; "
        "print([m for m in ('torch', 'transformers', 'ctranslate2', 'huggingface_hub') "
        "if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# --- the full-shape stand-in (slow) -----------------------------------------------------------


def ct2_variables(model_bin: Path) -> dict[str, tuple[int, ...]]:
    """Variable name → shape, from the variable headers and aliases of a CTranslate2 model.bin."""
    shapes: dict[str, tuple[int, ...]] = {}
    with open(model_bin, "rb") as handle:

        def unpack(fmt: str) -> tuple[int, ...]:
            return struct.unpack(fmt, handle.read(struct.calcsize(fmt)))

        def string() -> str:
            (length,) = unpack("H")
            return handle.read(length)[:-1].decode("utf-8")

        unpack("I")  # binary version
        string()  # spec name
        unpack("I")  # spec revision
        (count,) = unpack("I")
        for _ in range(count):
            name = string()
            (rank,) = unpack("B")
            shape = unpack(f"{rank}I")
            unpack("B")  # dtype
            (size,) = unpack("I")
            handle.seek(size, os.SEEK_CUR)
            shapes[name] = shape
        # shared or identical tensors (tied embeddings, all-zero biases) are stored once
        (aliases,) = unpack("I")
        for _ in range(aliases):
            alias = string()
            shapes[alias] = shapes[string()]
    return shapes


@pytest.fixture(scope="module")
def full_standin(
    reference: Path, convert_deps: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ModelInfo]:
    root = tmp_path_factory.mktemp("full") / "models"
    yield modelhub.build_standin(models_dir=root)


@pytest.mark.slow
def test_full_standin_has_the_exact_opus_mt_shape(full_standin: ModelInfo) -> None:
    manifest = json.loads((full_standin.path / MANIFEST).read_text(encoding="utf-8"))
    assert full_standin.path.name == "opus-mt-ar-en-standin"
    assert manifest["kind"] == "standin" and manifest["seed"] == 0
    assert manifest["compute_type"] == "int8" and manifest["max_positions"] == 512
    vocabulary = json.loads((full_standin.path / "shared_vocabulary.json").read_text("utf-8"))
    assert len(vocabulary) == 62834 - 1  # <pad> dropped by the converter, as for the real model
    shapes = ct2_variables(full_standin.path / "model.bin")
    for side in ("encoder", "decoder"):
        layers = {name.split("/")[1] for name in shapes if name.startswith(f"{side}/layer_")}
        assert layers == {f"layer_{i}" for i in range(6)}
    assert shapes["encoder/embeddings_0/weight"] == (62833, 512)
    assert shapes["decoder/embeddings/weight"] == (62833, 512)
    assert shapes["encoder/position_encodings/encodings"] == (512, 512)
    assert shapes["encoder/layer_5/ffn/linear_0/weight"] == (2048, 512)
    assert shapes["decoder/layer_5/attention/linear_1/weight"] == (2 * 512, 512)
    assert shapes["encoder/layer_5/self_attention/linear_0/bias"] == (3 * 512,)


@pytest.mark.slow
def test_full_standin_translates_something(full_standin: ModelInfo) -> None:
    import ctranslate2
    import sentencepiece as spm

    source = spm.SentencePieceProcessor(model_file=str(full_standin.path / "source.spm"))
    target = spm.SentencePieceProcessor(model_file=str(full_standin.path / "target.spm"))
    translator = ctranslate2.Translator(str(full_standin.path), device="cpu", compute_type="int8")
    pieces = [*source.encode(ARABIC, out_type=str), "</s>"]
    result = translator.translate_batch(
        [pieces], beam_size=2, max_decoding_length=12, return_scores=True
    )[0]
    assert result.hypotheses[0] and math.isfinite(result.scores[0])
    assert target.decode(result.hypotheses[0]).strip()


@pytest.mark.slow
def test_full_random_export_matches_the_real_weights_size(
    reference: Path, convert_deps: None, tmp_path: Path
) -> None:
    export = write_random_export(tmp_path / "export", reference, seed=0)
    readme = (reference / "README.md").read_text(encoding="utf-8")
    size = int(readme.split("`model.safetensors`, ")[1].split(" bytes")[0].replace(",", ""))
    assert (export / "model.safetensors").stat().st_size == size
    config = json.loads((export / "config.json").read_text(encoding="utf-8"))
    assert (config["d_model"], config["encoder_layers"], config["decoder_layers"]) == (512, 6, 6)
    assert config["vocab_size"] == 62834 and config["max_position_embeddings"] == 512
