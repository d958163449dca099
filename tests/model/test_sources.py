"""What a model is installed from: the reference hashes, verification against them, what a source
must contain, and the OPUS-MT release (a tiny Marian ``.npz`` in numpy, converted for real by
CTranslate2's converter in about a second).
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from workbench.config import SHARED_ENV
from workbench.errors import ModelError
from workbench.model import install as modelhub
from workbench.model.layout import MANIFEST
from workbench.model.sources import reference_hashes, sha256_file

from .support import hidden

REAL_WEIGHTS_SHA = "d47a288e32edbf598666432ee1aefa0f2f4ddcdb5cd63fff0843394c3c6f2a97"
REAL_ZIP_SHA = "2406c939b175616789999f370a3f487e90cd018e4590e8679cf91ee8caff2416"
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


# --- verification -----------------------------------------------------------------------------


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
