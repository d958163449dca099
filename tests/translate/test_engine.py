"""CTranslate2Translator on the tiny model: every hazard of opus-mt, as plumbing (its output is noise)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Generator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import ctranslate2
import pytest
from conftest_models import TINY_ARABIC, TINY_MAX_POSITIONS

from workbench.errors import ConfigError, ModelError
from workbench.testing import FakeTranslator
from workbench.text.chars import CONTROL_CHARS
from workbench.translate.engine import CTranslate2Translator, resolve_compute_type
from workbench.translate.subwords import EOS
from workbench.translate.types import (
    COPIED_LETTERLESS,
    HIT_MAX_LENGTH,
    PLACEHOLDER_LOST,
    PLACEHOLDER_RESTORED,
    SPLIT_OVER_LONG,
    TranslationOptions,
    Translator,
)

GREEDY = TranslationOptions(beam_size=1)
LONG = " ".join(TINY_ARABIC * 3)  # some 400 pieces: far over the tiny model's 64 positions


@pytest.fixture
def translator(tiny_model_dir: Path) -> CTranslate2Translator:
    return CTranslate2Translator(tiny_model_dir, GREEDY)


def _copy_model(tiny_model_dir: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(tiny_model_dir, tmp_path / "model"))


# --- options ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"device": "gpu"}, "device 'gpu' is not one of: cpu, cuda, auto"),
        ({"batch_type": "sentences"}, "batch_type 'sentences' is not one of: examples, tokens"),
        ({"compute_type": "int4"}, "compute_type 'int4' is not one of: auto, default, int8, "),
        ({"beam_size": 0}, "beam_size must be a whole number >= 1 (got 0)"),
        ({"beam_size": 2.5}, "beam_size must be a whole number >= 1 (got 2.5)"),
        ({"batch_size": -1}, "batch_size must be a whole number >= 1 (got -1)"),
        ({"inter_threads": -1}, "inter_threads must be a whole number >= 0 (got -1)"),
        ({"max_batch_steps": -1}, "max_batch_steps must be a whole number >= 0 (got -1)"),
        ({"intra_threads": -1}, "intra_threads must be a whole number >= 0 (got -1)"),
        ({"num_hypotheses": 3, "beam_size": 2}, "num_hypotheses (3) cannot exceed beam_size (2)"),
        ({"max_decoding_cap": 512}, "max_decoding_cap must be <= 511"),
        ({"max_decoding_cap": 0}, "max_decoding_cap must be a whole number >= 1 (got 0)"),
        ({"max_decoding_ratio": 0}, "max_decoding_ratio must be > 0 (got 0)"),
    ],
)
def test_invalid_options(changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match="invalid translation options") as error:
        TranslationOptions(**changes)  # type: ignore[arg-type]
    assert message in str(error.value)


def test_every_invalid_option_is_reported_at_once() -> None:
    with pytest.raises(ConfigError) as error:
        TranslationOptions(device="gpu", beam_size=0, batch_type="lines")
    assert all(name in str(error.value) for name in ("device", "beam_size", "batch_type"))


def test_auto_compute_type_is_int8_on_cpu() -> None:
    supported = ctranslate2.get_supported_compute_types("cpu")
    assert resolve_compute_type("cpu", "auto") == ("int8" if "int8" in supported else "float32")
    if "float16" not in supported:
        with pytest.raises(ConfigError, match="not supported on cpu; choose one of: auto"):
            resolve_compute_type("cpu", "float16")


def test_engine_options_are_fixed_at_load(translator: CTranslate2Translator) -> None:
    with pytest.raises(ConfigError, match="compute_type are fixed when the model is loaded"):
        translator.translate(["مرحبا"], TranslationOptions(beam_size=1, compute_type="float32"))
    # Defaults, and what "auto" resolved to, are no clash.
    for options in (TranslationOptions(beam_size=2), TranslationOptions(device=translator.device)):
        assert translator.translate(["مرحبا"], options)[0].target_tokens


# --- the model directory ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("remove", "listed"),
    [
        (["model.bin"], "model.bin"),
        (["source.spm", "target.spm"], "source.spm, target.spm"),
        (["shared_vocabulary.json"], "shared_vocabulary.json (or source_vocabulary.json and"),
        (
            ["model.bin", "config.json", "source.spm", "target.spm", "shared_vocabulary.json"],
            "model.bin, config.json, source.spm, target.spm, shared_vocabulary.json",
        ),
    ],
)
def test_missing_files_are_listed_with_the_fix(
    tiny_model_dir: Path, tmp_path: Path, remove: list[str], listed: str
) -> None:
    model = _copy_model(tiny_model_dir, tmp_path)
    for name in remove:
        (model / name).unlink()
    with pytest.raises(ModelError) as error:
        CTranslate2Translator(model)
    message = str(error.value)
    assert f"is missing {listed}" in message
    assert "workbench model install" in message and "workbench model standin" in message


def test_absent_model_directory(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="does not exist; run `workbench model install`"):
        CTranslate2Translator(tmp_path / "nowhere")


def test_damaged_model_file(tiny_model_dir: Path, tmp_path: Path) -> None:
    model = _copy_model(tiny_model_dir, tmp_path)
    (model / "model.bin").write_bytes(b"not a model")
    with pytest.raises(ModelError, match="cannot load the model"):
        CTranslate2Translator(model)


def test_separate_vocabularies_load(tiny_model_dir: Path, tmp_path: Path) -> None:
    model = _copy_model(tiny_model_dir, tmp_path)
    shared = model / "shared_vocabulary.json"
    shutil.copy(shared, model / "source_vocabulary.json")
    shared.rename(model / "target_vocabulary.json")
    assert CTranslate2Translator(model, GREEDY).translate(["مرحبا بالعالم"])[0].target_tokens


@pytest.mark.parametrize(
    ("manifest", "name", "standin"),
    [
        ({"name": "opus-mt-ar-en", "kind": "real"}, "opus-mt-ar-en", False),
        ({"name": "opus-mt-ar-en", "kind": "standin"}, "opus-mt-ar-en", True),
        ({"name": "tiny", "kind": "tiny"}, "tiny", True),
        (None, "model", True),  # no manifest: never presented as real
    ],
)
def test_manifest_kind(
    tiny_model_dir: Path, tmp_path: Path, manifest: dict[str, str] | None, name: str, standin: bool
) -> None:
    model = _copy_model(tiny_model_dir, tmp_path)
    if manifest is None:
        (model / "workbench.json").unlink()
    else:
        (model / "workbench.json").write_text(json.dumps({**manifest, "max_positions": 64}))
    translator = CTranslate2Translator(model, GREEDY)
    assert (translator.model_name, translator.is_standin) == (name, standin)


def test_signature(translator: CTranslate2Translator) -> None:
    from workbench import __version__
    from workbench.text.segment import SEGMENTER_VERSION

    signature = translator.signature(TranslationOptions(beam_size=3))
    assert signature.as_dict() == {
        "model": "tiny-ar-en",
        "kind": "tiny",
        "sha": "0" * 12,
        "compute": translator.compute_type,
        "beam": "3",
        "segmenter": SEGMENTER_VERSION,
        "version": __version__,
    }
    results = translator.translate(["مرحبا", "2020"])
    assert {result.signature for result in results} == {str(translator.signature())}


def test_both_translators_fit_the_protocol(translator: CTranslate2Translator) -> None:
    assert isinstance(translator, Translator)
    assert isinstance(FakeTranslator(), Translator)


# --- order, dedupe, cache -----------------------------------------------------------------------


def test_results_come_back_in_input_order_translated_once(
    translator: CTranslate2Translator,
) -> None:
    texts = [TINY_ARABIC[1], "مرحبا", TINY_ARABIC[0], "مرحبا", "", TINY_ARABIC[1], "مرحبا"]
    results = translator.translate(texts)
    assert [result.source for result in results] == texts
    assert translator.stats.inputs == 3  # three distinct texts with letters
    assert results[1] is results[3] is results[6]


def test_cache(tiny_model_dir: Path) -> None:
    translator = CTranslate2Translator(tiny_model_dir, GREEDY, cache_size=2)
    first = translator.translate(TINY_ARABIC[:2])
    assert translator.translate(TINY_ARABIC[:2]) == first
    assert (translator.stats.inputs, translator.stats.cache_hits) == (2, 2)
    # Anything that changes the result is part of the key.
    translator.translate(TINY_ARABIC[:1], TranslationOptions(beam_size=2))
    assert translator.stats.inputs == 3
    # The least recently used entry made room: TINY_ARABIC[0] at beam 1 is kept, [1] is not.
    translator.translate(TINY_ARABIC[:2])
    assert translator.stats.inputs == 4


@pytest.mark.parametrize("batch", [{"batch_size": 2}, {"batch_type": "tokens", "batch_size": 100}])
def test_batching_keeps_order(translator: CTranslate2Translator, batch: dict[str, object]) -> None:
    options = TranslationOptions(beam_size=1, **batch)  # type: ignore[arg-type]
    texts = [*TINY_ARABIC, *(line.split("،")[0] for line in TINY_ARABIC)]
    results = translator.translate(texts, options)
    assert [result.source for result in results] == texts
    assert translator.stats.batches > 1
    alone = CTranslate2Translator(translator.model_dir, GREEDY).translate(texts)
    assert [r.source_pieces for r in results] == [r.source_pieces for r in alone]


def test_thread_safe(tiny_model_dir: Path, translator: CTranslate2Translator) -> None:
    texts = [line[: 10 + i] for line in TINY_ARABIC for i in range(4)]
    expected = CTranslate2Translator(tiny_model_dir, GREEDY).translate(texts)
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda text: translator.translate([text])[0], texts))
    assert [r.hypotheses for r in results] == [r.hypotheses for r in expected]


def test_greedy_is_deterministic(tiny_model_dir: Path) -> None:
    first = CTranslate2Translator(tiny_model_dir, GREEDY).translate(TINY_ARABIC)
    second = CTranslate2Translator(tiny_model_dir, GREEDY).translate(TINY_ARABIC)
    assert first == second


# --- hazards ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["", "   ", "-", "2020", "٢٠٢٠/١٢/٣١", "😀🎉", "👍🏽", "ـــ", "https://example.com", "#٢٠٢٠"],
)
def test_letterless_segments_are_copied(translator: CTranslate2Translator, text: str) -> None:
    (result,) = translator.translate([text], TranslationOptions(beam_size=1, return_attention=True))
    assert result.hypotheses == (text,)
    assert result.flags == (COPIED_LETTERLESS,)
    assert (result.source_pieces, result.target_tokens, result.attention) == ((), (), ())
    assert translator.stats.inputs == 0


@pytest.mark.parametrize("text", ["قال </s> الرئيس", "<unk> مرحبا", "</s>", "مرحبا </s></s> <unk>"])
def test_literal_special_tokens_never_end_the_source(
    translator: CTranslate2Translator, text: str
) -> None:
    (result,) = translator.translate([text])
    assert result.source_pieces.count(EOS) == 1
    assert result.source_pieces[-1] == EOS
    assert result.target_tokens


def test_verbatim_items_survive(translator: CTranslate2Translator) -> None:
    items = ["https://a.com/x", "info@x.org", "@user", "#هاشتاغ", "😀", "2020", "18.04"]
    text = "زار {} وكتب إلى {} و{} عن {} {} في عام {} الساعة {}".format(*items)
    options = TranslationOptions(beam_size=2, num_hypotheses=2)
    (result,) = translator.translate([text], options)
    for hypothesis in result.hypotheses:
        assert all(item in hypothesis for item in items)
    assert {PLACEHOLDER_RESTORED, PLACEHOLDER_LOST} & set(result.flags)
    # The model saw markers, not the items.
    assert not any("2020" in piece or "http" in piece for piece in result.source_pieces)


def test_controls_are_hidden_from_the_model_only(translator: CTranslate2Translator) -> None:
    text = "\u202bقال\u200f الرئيس\u200c إن\u2066 الاقتصاد\u2069 ينمو\u202c"
    (result,) = translator.translate([text])
    assert result.source == text
    assert not any(char in CONTROL_CHARS for piece in result.source_pieces for char in piece)
    for piece, (start, end) in zip(result.source_pieces[:-1], result.source_spans, strict=False):
        # Only a lone word-boundary piece stands for no character.
        assert text[start:end].strip() or piece == "▁"


def test_over_long_segments_are_split_and_nothing_is_lost(
    tiny_model_dir: Path, translator: CTranslate2Translator
) -> None:
    pieces = translator.subwords.encode(LONG).pieces
    assert len(pieces) > TINY_MAX_POSITIONS
    # The hazard: CTranslate2 itself fails on more pieces than positions.
    with pytest.raises(RuntimeError, match="position"):
        ctranslate2.Translator(str(tiny_model_dir)).translate_batch([list(pieces)])
    options = TranslationOptions(beam_size=1, return_attention=True)
    (result,) = translator.translate([LONG], options)
    assert SPLIT_OVER_LONG in result.flags
    parts = "|".join(result.source_pieces).split(EOS)[:-1]
    assert len(parts) > 1
    assert all(len(part.strip("|").split("|")) + 1 <= TINY_MAX_POSITIONS for part in parts)
    covered = {i for start, end in result.source_spans for i in range(start, end)}
    assert covered == {i for i, char in enumerate(LONG) if not char.isspace()}
    assert len(result.attention or ()) == len(result.target_tokens)
    assert {len(row) for row in result.attention or ()} == {len(result.source_pieces)}


def test_one_huge_sentence_without_punctuation(translator: CTranslate2Translator) -> None:
    words = " ".join(TINY_ARABIC).replace("،", "").replace("؛", "").replace(".", "").split()
    text = " ".join(words * 20)
    (result,) = translator.translate([text])
    assert SPLIT_OVER_LONG in result.flags
    assert result.source_pieces.count(EOS) >= len(translator.subwords.encode(text)) // 64


@pytest.mark.parametrize(
    ("pieces", "changes", "limit"),
    [
        (10, {}, 32),  # 2 * 10 + 10 = 30, rounded up to 32
        (11, {}, 32),
        (12, {}, 48),
        (30, {}, 63),  # the tiny model has 64 positions
        (1, {"max_decoding_ratio": 0.5}, 16),
        (10, {"max_decoding_cap": 20}, 20),
    ],
)
def test_decoding_limit(
    translator: CTranslate2Translator, pieces: int, changes: dict[str, float], limit: int
) -> None:
    options = TranslationOptions(beam_size=1, **changes)  # type: ignore[arg-type]
    assert translator.decoding_limit(pieces, options) == limit


@pytest.mark.parametrize("options", [GREEDY, TranslationOptions(beam_size=2, max_decoding_cap=5)])
def test_outputs_that_reach_the_length_limit_are_flagged(
    translator: CTranslate2Translator, options: TranslationOptions
) -> None:
    texts = [*TINY_ARABIC, *(" ".join(line.split()[:2]) for line in TINY_ARABIC)]
    results = translator.translate(texts, options)
    for result in results:
        limit = translator.decoding_limit(len(result.source_pieces), options)
        assert len(result.target_tokens) <= limit
        assert (HIT_MAX_LENGTH in result.flags) is (len(result.target_tokens) == limit)
    assert any(HIT_MAX_LENGTH in result.flags for result in results)
    if options.max_decoding_cap == 5:
        assert all(len(result.target_tokens) <= 5 for result in results)


@pytest.mark.parametrize("beam", [1, 3])
def test_attention_is_target_tokens_by_source_pieces(
    translator: CTranslate2Translator, beam: int
) -> None:
    options = TranslationOptions(beam_size=beam, return_attention=True)
    for result in translator.translate(TINY_ARABIC, options):
        assert result.attention is not None
        assert len(result.attention) == len(result.target_tokens)
        assert all(len(row) == len(result.source_pieces) for row in result.attention)
        assert all(0 <= weight <= 1 + 1e-6 for row in result.attention for weight in row)
    assert all(r.attention is None for r in translator.translate(TINY_ARABIC[:1]))


def test_n_best_and_scores(translator: CTranslate2Translator) -> None:
    options = TranslationOptions(beam_size=3, num_hypotheses=3)
    for result in translator.translate(TINY_ARABIC, options):
        assert len(result.hypotheses) == len(result.scores) == 3
        assert list(result.scores) == sorted(result.scores, reverse=True)
        assert result.text == result.hypotheses[0]
    quiet = TranslationOptions(beam_size=1, return_scores=False)
    assert translator.translate(TINY_ARABIC[:1], quiet)[0].scores == ()


def test_forced_lengths(translator: CTranslate2Translator) -> None:
    texts = [TINY_ARABIC[0], TINY_ARABIC[1], TINY_ARABIC[0], TINY_ARABIC[2], "2020"]
    lengths = [5, 30, 5, 12, 7]
    results = translator.translate_forced(texts, lengths)
    assert [len(r.target_tokens) for r in results] == [5, 30, 5, 12, 0]
    assert translator.stats.batches == 3  # one per distinct length
    assert not any(HIT_MAX_LENGTH in r.flags for r in results)
    (split,) = translator.translate_forced([LONG], [40])
    assert abs(len(split.target_tokens) - 40) <= split.source_pieces.count(EOS)


@pytest.mark.parametrize(
    ("texts", "lengths", "message"),
    [
        (["a"], [1, 2], "got 1 texts but 2 forced lengths"),
        (["a", "b"], [0, 3], "forced lengths must be between 1 and 63 (got [0])"),
        (["a"], [64], "forced lengths must be between 1 and 63 (got [64])"),
    ],
)
def test_forced_lengths_are_checked(
    translator: CTranslate2Translator, texts: list[str], lengths: list[int], message: str
) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        translator.translate_forced(texts, lengths)


# --- the fake -----------------------------------------------------------------------------------


def test_fake_translator_queues_and_records(fake_translator: FakeTranslator) -> None:
    fake_translator.queue_outputs("one", RuntimeError("model crashed"))
    options = TranslationOptions(beam_size=2)
    assert [r.text for r in fake_translator.translate(["أ"], options)] == ["one"]
    with pytest.raises(RuntimeError, match="model crashed"):
        fake_translator.translate(["ب"])
    assert fake_translator.translate(["ج"])[0].text == "EN: ج"
    assert fake_translator.texts == ["أ", "ب", "ج"]
    assert fake_translator.calls[0].options is options
    assert fake_translator.is_standin
    assert fake_translator.signature(options).as_dict()["model"] == "fake"


def test_translate_stream_yields_each_batch_as_it_finishes(
    translator: CTranslate2Translator,
) -> None:
    texts = [*TINY_ARABIC[:6], TINY_ARABIC[0], "-", LONG]
    options = TranslationOptions(beam_size=1, batch_size=2)
    before = translator.stats.batches
    groups = list(translator.translate_stream(texts, options))
    batches = translator.stats.batches - before
    indexes = [index for group in groups for index, _ in group]
    assert sorted(indexes) == list(range(len(texts)))
    assert len(groups) > 2 and all(groups)
    assert len(groups) <= batches + 1  # the letterless "-" comes first, on its own
    assert groups[0] == [(7, groups[0][0][1])] and groups[0][0][1].flags == (COPIED_LETTERLESS,)
    results = dict(index_result for group in groups for index_result in group)
    assert results[0] == results[6]  # a repeated text is decoded once, yielded twice
    fresh = CTranslate2Translator(translator.model_dir, GREEDY)
    assert [results[i] for i in range(len(texts))] == fresh.translate(texts, options)
    cached = list(translator.translate_stream(texts, options))
    assert len(cached) == 1 and translator.stats.batches - before == batches


def test_translate_stream_lets_the_caller_stop_between_batches(
    translator: CTranslate2Translator,
) -> None:
    options = TranslationOptions(beam_size=1, batch_size=1)
    stream = translator.translate_stream(list(TINY_ARABIC[:6]), options)
    assert isinstance(stream, Generator)
    first = next(stream)
    stream.close()
    assert len(first) == 1
    assert translator.stats.batches == 1  # the batch decoding ahead is dropped, not collected
