"""Machine translation: options, results and the protocol; the CTranslate2 engine behind them.

``types`` (:class:`TranslationOptions`, :class:`TranslationResult`, the :class:`Translator`
protocol, signatures, flags), ``engine`` (:class:`CTranslate2Translator`, :func:`open_translator`:
the only module that imports ctranslate2), ``parts`` (over-long segments cut, batched and put back),
``prepare`` (what the model sees: markers for verbatim items, controls hidden) and ``subwords``
(SentencePiece: the only module that imports sentencepiece). The engine is imported on first use,
so importing the types does not load ctranslate2.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.lazy import lazy_names
from workbench.translate.types import (
    BATCH_TYPES,
    COMPUTE_TYPES,
    DEVICES,
    TranslationOptions,
    TranslationResult,
    Translator,
    TranslatorStats,
    translation_signature,
)

if TYPE_CHECKING:
    from workbench.translate.engine import CTranslate2Translator, open_translator


__all__ = [
    "BATCH_TYPES",
    "COMPUTE_TYPES",
    "DEVICES",
    "CTranslate2Translator",
    "TranslationOptions",
    "TranslationResult",
    "Translator",
    "TranslatorStats",
    "open_translator",
    "translation_signature",
]


__getattr__ = lazy_names(
    globals(),
    dict.fromkeys(("CTranslate2Translator", "open_translator"), "workbench.translate.engine"),
)
