"""The stand-in: a random export with the real shape and tokenizers, installed like the real model.

The full-shape stand-in (the real opus-mt-ar-en shape) is built once per module and marked slow.
"""

from __future__ import annotations

import json
import math
import os
import struct
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.config import SHARED_ENV
from workbench.errors import ModelError, UnknownNameError
from workbench.model import install as modelhub
from workbench.model.layout import MANIFEST
from workbench.model.registry import ModelInfo, installed_models
from workbench.model.sources import sha256_file
from workbench.model.standin import TINY_SHAPE, write_random_export

from .support import hidden

ARABIC = "أعلنت الحكومة عن خطة جديدة لدعم التعليم."


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
    tmp_path: Path,
    models: Path,
    monkeypatch: pytest.MonkeyPatch,
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
