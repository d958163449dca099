"""Model fixtures: a tiny real CTranslate2 model built in milliseconds, and a fake translator.

``tests/conftest.py`` star-imports this module. The tiny model runs the real ctranslate2 and
sentencepiece code paths in the model-directory layout :mod:`workbench.model.layout` describes; its
output is gibberish, so tests assert plumbing (shapes, counts, flags, order), never wording.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np
import pytest
import sentencepiece as spm
from ctranslate2.specs import common_spec, transformer_spec

from workbench.testing import FakeTranslator

__all__ = [
    "TINY_ARABIC",
    "TINY_MAX_POSITIONS",
    "build_tiny_model",
    "fake_translator",
    "tiny_model_dir",
]

#: Small on purpose: a few lines of text overflow it, so the over-long path is cheap to test.
TINY_MAX_POSITIONS = 64

TINY_ARABIC = [
    "أعلنت الحكومة اليوم عن خطة جديدة للتعليم في المدارس.",
    "قال الرئيس إن الاقتصاد ينمو بسرعة، وإن البطالة تنخفض؛ لكن الأسعار ترتفع.",
    "ذهب الطلاب إلى المدرسة في الصباح ثم عادوا إلى البيت: كان اليوم طويلا.",
    "الشرطة تحقق في الحادث، ولا إصابات حتى الآن؟ نعم!",
    "مرحبا بالعالم من القاهرة ودمشق وبغداد والرباط وتونس.",
    # Latin letters and digits, so the placeholders (XZ1...) are pieces, not <unk>.
    "كتب XZ1 و XZ2 عن XZ3 XZ4 XZ5 XZ6 XZ7 XZ8 XZ9 XZ10 Apple iPhone 16",
]
_TINY_ENGLISH = [
    "The government announced a new plan for education in schools today.",
    "The president said the economy is growing fast, and unemployment is falling; but prices rise.",
    "The students went to school in the morning and then returned home: it was a long day.",
    "Police are investigating the accident, and no injuries so far? Yes!",
    "Hello world from Cairo, Damascus, Baghdad, Rabat and Tunis.",
    "He wrote XZ1 and XZ2 about XZ3 XZ4 XZ5 XZ6 XZ7 XZ8 XZ9 XZ10 Apple iPhone 16",
]


def _train_spm(lines: list[str]) -> bytes:
    model = io.BytesIO()
    # opus-mt's SentencePiece models number <unk>, <s>, </s> as 0, 1, 2; do the same.
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines * 4),
        model_writer=model,
        vocab_size=150,
        model_type="unigram",
        character_coverage=1.0,
        hard_vocab_limit=False,
        unk_id=0,
        bos_id=1,
        eos_id=2,
        pad_id=-1,
        num_threads=1,
        minloglevel=2,
    )
    return model.getvalue()


def _vocabulary(*models: bytes) -> list[str]:
    # Like opus-mt's vocab.json: </s> and <unk> first, then every piece of both sides once.
    tokens = ["</s>", "<unk>"]
    seen = set(tokens)
    for proto in models:
        processor = spm.SentencePieceProcessor(model_proto=proto)
        for i in range(processor.get_piece_size()):
            piece = processor.id_to_piece(i)
            if not (processor.is_control(i) or processor.is_unknown(i) or piece in seen):
                tokens.append(piece)
                seen.add(piece)
    return tokens


def _spec(vocabulary_size: int, positions: int, seed: int) -> transformer_spec.TransformerSpec:
    """A 1+1-layer, 16-wide Marian-shaped Transformer (post-norm, swish) with seeded weights."""
    rng = np.random.default_rng(seed)
    width, inner = 16, 32

    def weights(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape) * 0.3).astype(np.float32)

    def linear(spec: common_spec.LinearSpec, out: int, into: int) -> None:
        spec.weight, spec.bias = weights(out, into), weights(out)

    def norm(spec: common_spec.LayerNormSpec) -> None:
        spec.gamma, spec.beta = np.ones(width, np.float32), np.zeros(width, np.float32)

    spec = transformer_spec.TransformerSpec.from_config(
        (1, 1), 2, pre_norm=False, activation=common_spec.Activation.SWISH
    )
    for side in (spec.encoder, spec.decoder):
        side.scale_embeddings = float(np.sqrt(width))
        side.position_encodings.encodings = weights(positions, width)
        for layer in side.layer:
            linear(layer.self_attention.linear[0], 3 * width, width)
            linear(layer.self_attention.linear[1], width, width)
            norm(layer.self_attention.layer_norm)
            linear(layer.ffn.linear_0, inner, width)
            linear(layer.ffn.linear_1, width, inner)
            norm(layer.ffn.layer_norm)
    spec.encoder.embeddings[0].weight = weights(vocabulary_size, width)
    spec.decoder.embeddings.weight = weights(vocabulary_size, width)
    spec.decoder.start_from_zero_embedding = True
    for layer in spec.decoder.layer:
        linear(layer.attention.linear[0], width, width)
        linear(layer.attention.linear[1], 2 * width, width)
        linear(layer.attention.linear[2], width, width)
        norm(layer.attention.layer_norm)
    linear(spec.decoder.projection, vocabulary_size, width)
    # Random weights fall into loops that never emit </s>. A ramp in one dimension of the decoder's
    # positions, read only by the </s> row of the projection, makes outputs end on their own after
    # some 15-45 tokens, so both natural ends and the length limit occur.
    spec.decoder.position_encodings.encodings[:, 0] = (np.arange(positions) - 6) * 0.5
    spec.decoder.projection.weight[0, :] = 0.0
    spec.decoder.projection.weight[0, 0] = 3.0
    return spec


def build_tiny_model(out: Path, *, max_positions: int = TINY_MAX_POSITIONS, seed: int = 0) -> Path:
    """Writes a tiny model directory (kind "tiny") to ``out`` and returns it."""
    source, target = _train_spm(TINY_ARABIC), _train_spm(_TINY_ENGLISH)
    vocabulary = _vocabulary(source, target)
    spec = _spec(len(vocabulary), max_positions, seed)
    # What the Marian converter sets: EOS-started decoder, no automatic source EOS.
    spec.config.unk_token = "<unk>"
    spec.config.eos_token = "</s>"
    spec.config.decoder_start_token = "</s>"
    spec.config.add_attribute("layer_norm_epsilon", 1e-5)
    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.validate()
    spec.optimize(quantization="float32")
    out.mkdir(parents=True, exist_ok=True)
    spec.save(str(out))
    (out / "source.spm").write_bytes(source)
    (out / "target.spm").write_bytes(target)
    manifest = {
        "name": "tiny-ar-en",
        "kind": "tiny",
        "sha256": "0" * 64,
        "compute_type": "float32",
        "converted_with": "tests/conftest_models.py",
        "created": "1970-01-01T00:00:00+00:00",
        "max_positions": max_positions,
    }
    (out / "workbench.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return out


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny real CTranslate2 model directory, built once per test session."""
    return build_tiny_model(tmp_path_factory.mktemp("models") / "tiny-ar-en")


@pytest.fixture
def fake_translator() -> FakeTranslator:
    """A :class:`FakeTranslator` with an empty queue (so it answers ``"EN: " + text``)."""
    return FakeTranslator()
