"""The random opus-mt-ar-en: a Hugging Face export with the real shape and tokenizers.

It is written as an ordinary export directory so that `workbench.model.install` converts it through
exactly the code path a real download takes. torch and transformers are imported inside the
functions: they are an optional extra (``workbench[convert]``) and importing must stay light.
"""

from __future__ import annotations

import math
import re
import shutil
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

from workbench.errors import ModelError, UnknownNameError

#: Files of the real Hugging Face export, besides the weights, that the stand-in reuses as they are.
TOKENIZER_FILES = (
    "source.spm",
    "target.spm",
    "vocab.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
)
REFERENCE_FILES = ("config.json", *TOKENIZER_FILES)

#: A shape small enough to build and convert in well under a second (tests, smoke checks). The
#: vocabulary stays the real one so the real tokenizers still fit.
TINY_SHAPE: dict[str, int] = {
    "d_model": 16,
    "encoder_layers": 1,
    "decoder_layers": 1,
    "encoder_attention_heads": 2,
    "decoder_attention_heads": 2,
    "encoder_ffn_dim": 32,
    "decoder_ffn_dim": 32,
}

#: ctranslate2's TransformersConverter calls ``from_pretrained(..., dtype=...)``; older transformers
#: pass the unknown keyword on to the model and fail with a TypeError deep in the conversion.
MIN_TRANSFORMERS = (4, 56)

_CONVERT_EXTRA = "pip install 'workbench[convert]'"


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version)[:2])


def require_transformers() -> tuple[ModuleType, ModuleType]:
    """Import torch and transformers, or raise ModelError naming the extra to install."""
    try:
        import torch
        import transformers
    except ImportError as exc:
        raise ModelError(
            f"converting a Hugging Face model needs torch and transformers ({exc.name} is not "
            f"installed): {_CONVERT_EXTRA}"
        ) from exc
    if _version_tuple(transformers.__version__) < MIN_TRANSFORMERS:
        wanted = ".".join(map(str, MIN_TRANSFORMERS))
        raise ModelError(
            f"transformers {transformers.__version__} is too old for ctranslate2's converter "
            f"(it needs transformers>={wanted}): pip install 'transformers>={wanted}'"
        )
    return torch, transformers


@contextmanager
def quiet_transformers() -> Iterator[None]:
    """Silence transformers' progress bars, log lines and warnings for the duration of a block.

    Library code never prints; the caller reports progress through its own callback instead.
    """
    _, transformers = require_transformers()
    log = transformers.utils.logging
    verbosity = log.get_verbosity()
    bars = log.is_progress_bar_enabled()
    log.set_verbosity_error()
    log.disable_progress_bar()
    try:
        with warnings.catch_warnings():
            # e.g. "Recommended: pip install sacremoses", irrelevant to SentencePiece models
            warnings.simplefilter("ignore")
            yield
    finally:
        log.set_verbosity(verbosity)
        if bars:
            log.enable_progress_bar()


def missing_reference_files(reference_dir: Path) -> list[str]:
    """The files the stand-in needs from the reference directory that are not there."""
    return [name for name in REFERENCE_FILES if not (reference_dir / name).is_file()]


def write_random_export(
    out_dir: Path,
    reference_dir: Path,
    *,
    seed: int = 0,
    shape: Mapping[str, int] | None = None,
) -> Path:
    """Save a randomly initialised MarianMTModel with the reference config and tokenizers.

    ``shape`` overrides config fields (e.g. `TINY_SHAPE`); without it the model has the exact
    opus-mt-ar-en shape. The weights are a function of ``seed`` and the torch/transformers versions.
    Returns ``out_dir``, a Hugging Face export directory.
    """
    missing = missing_reference_files(reference_dir)
    if missing:
        raise ModelError(
            f"cannot build the stand-in: {reference_dir} is missing {', '.join(missing)} "
            "(set WORKBENCH_SHARED to the shared/ folder that holds models/opus-mt-ar-en/)"
        )
    torch, transformers = require_transformers()
    known = transformers.MarianConfig().to_dict()
    for key in shape or {}:
        if key not in known:  # from_pretrained would silently keep a misspelt field
            raise UnknownNameError("MarianConfig field", key, sorted(known))
    with quiet_transformers():
        config = transformers.MarianConfig.from_pretrained(reference_dir, **dict(shape or {}))
        torch.manual_seed(seed)
        model = transformers.MarianMTModel(config)
        _check_init(model, config)
        model.save_pretrained(out_dir)
    for name in TOKENIZER_FILES:
        # copyfile, not copy: the shared files are read-only and the copies must stay removable
        shutil.copyfile(reference_dir / name, out_dir / name)
    return out_dir


def _check_init(model: Any, config: Any) -> None:
    """Refuse weights that would make the converted model emit NaN or infinite scores.

    MarianMTModel draws every matrix from N(0, init_std) and zeroes ``final_logits_bias``; with
    init_std 0.02 the logits stay small. A config with a huge or non-finite init_std would not.
    """
    import torch

    std = float(getattr(config, "init_std", 0.02))
    if not math.isfinite(std) or not 0 < std <= 0.5:
        raise ModelError(f"refusing init_std={std} for the stand-in: use a value in (0, 0.5]")
    with torch.no_grad():
        for name, tensor in [*model.named_parameters(), *model.named_buffers()]:
            if tensor.is_floating_point() and not torch.isfinite(tensor).all():
                raise ModelError(f"stand-in weight {name} is not finite; try another --seed")
        bias = getattr(model, "final_logits_bias", None)
        if bias is not None:
            bias.zero_()
