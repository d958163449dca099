"""How parts are cut into batches: size, one limit each, a step budget, every worker busy."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.translate.parts import Part, batches
from workbench.translate.prepare import Prepared
from workbench.translate.subwords import Encoding
from workbench.translate.types import TranslationOptions, split_threads


def parts(count: int, limit: int, pieces: int = 10) -> list[Part]:
    encoding = Encoding(tuple(["x"] * pieces), tuple((0, 1) for _ in range(pieces)))
    return [Part(0, 1, Prepared("x", ((0, 1),), (), 1), encoding, limit) for _ in range(count)]


def sizes(options: TranslationOptions, items: list[Part], workers: int = 1) -> list[int]:
    return [len(batch) for batch in batches(items, options, workers)]


def test_examples_fill_up_to_the_batch_size() -> None:
    options = TranslationOptions(batch_size=32, beam_size=1)
    assert sizes(options, parts(70, 32)) == [32, 32, 6]


def test_a_batch_holds_one_decoding_limit() -> None:
    options = TranslationOptions(batch_size=32, beam_size=1)
    assert sizes(options, parts(3, 32) + parts(2, 48)) == [3, 2]


def test_the_step_budget_cuts_long_limit_bound_batches() -> None:
    options = TranslationOptions(batch_size=32, beam_size=4, max_batch_steps=4096)
    # 4096 / (4 beams × 128 steps) = 8 parts; short parts still fill to 32
    assert sizes(options, parts(20, 128)) == [8, 8, 4]
    assert sizes(options, parts(40, 32)) == [32, 8]
    unbounded = TranslationOptions(batch_size=32, beam_size=4, max_batch_steps=0)
    assert sizes(unbounded, parts(20, 128)) == [20]


def test_one_part_over_the_budget_still_goes_alone() -> None:
    options = TranslationOptions(batch_size=32, beam_size=4, max_batch_steps=100)
    assert sizes(options, parts(2, 511)) == [1, 1]


def test_a_small_input_is_shared_among_the_workers() -> None:
    options = TranslationOptions(batch_size=32, beam_size=1)
    assert sizes(options, parts(10, 32), workers=2) == [5, 5]
    assert sizes(options, parts(100, 32), workers=2) == [32, 32, 32, 4]
    assert sizes(options, parts(1, 32), workers=2) == [1]


def test_token_batches_count_pieces() -> None:
    options = TranslationOptions(batch_size=100, batch_type="tokens", beam_size=1)
    assert sizes(options, parts(25, 32, pieces=10), workers=2) == [10, 10, 5]


@pytest.mark.parametrize(
    ("inter", "intra", "cpus", "expected"),
    [
        (0, 0, 1, (1, 1)),
        (0, 0, 2, (2, 1)),
        (0, 0, 16, (8, 2)),
        (0, 0, 64, (8, 8)),
        (1, 0, 2, (1, 2)),
        (0, 2, 2, (1, 2)),
        (3, 5, 2, (3, 5)),
    ],
)
def test_split_threads(inter: int, intra: int, cpus: int, expected: tuple[int, int]) -> None:
    assert split_threads(inter, intra, cpus) == expected


NO_GPU = "no CUDA GPU is visible to CTranslate2 here; run on a GPU machine to test --device cuda"


def _gpus() -> int:
    import ctranslate2

    return int(ctranslate2.get_cuda_device_count())


@pytest.mark.skipif(_gpus() == 0, reason=NO_GPU)
@pytest.mark.parametrize("compute", ["float16", "int8_float16"])
def test_cuda_translates_with_half_precision(tiny_model_dir: Path, compute: str) -> None:
    from conftest_models import TINY_ARABIC

    from workbench.translate.engine import CTranslate2Translator

    options = TranslationOptions(device="cuda", compute_type=compute, batch_type="tokens")
    translator = CTranslate2Translator(tiny_model_dir, options)
    results = translator.translate(TINY_ARABIC)
    assert len(results) == len(TINY_ARABIC) and translator.device == "cuda"
    assert f"compute:{translator.compute_type}" in results[0].signature
    assert translator.inter_threads == 1
