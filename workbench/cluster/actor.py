"""What runs on a Ray worker: :class:`TranslateBatch`, the callable class of ``map_batches``.

Ray Data makes one instance per actor, so the CTranslate2 model is loaded once per worker and
then serves every batch the actor is given. A batch is a column of distinct source segments; the
answer holds, for each, what the store keeps (:func:`workbench.pipeline.document.stored_result`)
as JSON, and the signature it was made under, so the driver stores exactly what the local engine
would and can check that every worker ran the same model.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from workbench.translate.types import TranslationOptions

#: The columns of the rows :class:`TranslateBatch` reads and writes.
SOURCE, RESULT, SIGNATURE = "source", "result", "signature"


def options_to_dict(options: TranslationOptions) -> dict[str, Any]:
    """``options`` as plain values, to ship to the workers."""
    return {f.name: getattr(options, f.name) for f in fields(options)}


class TranslateBatch:
    """Loads the model once (per actor) and translates each batch of sources given to it."""

    def __init__(self, model_dir: str, options: Mapping[str, Any]) -> None:
        from workbench.translate.engine import CTranslate2Translator

        self.options = TranslationOptions(**options)
        self.translator = CTranslate2Translator(model_dir, self.options)
        self.signature = str(self.translator.signature(self.options))

    def __call__(self, batch: Mapping[str, Any]) -> dict[str, list[str]]:
        from workbench.pipeline.document import stored_result

        sources = [str(source) for source in batch[SOURCE]]
        results = self.translator.translate(sources, self.options)
        return {
            SOURCE: sources,
            RESULT: [json.dumps(stored_result(r), ensure_ascii=False) for r in results],
            SIGNATURE: [self.signature] * len(sources),
        }
