"""What runs on a Ray worker: :class:`TranslateBatch`, one long-lived actor per worker.

The driver starts ``workers`` of these once for the whole run (see
:mod:`workbench.cluster.driver`), so the CTranslate2 model is loaded once per worker, not per
group of files or per task; a worker killed mid-run is restarted by Ray (and loads the model
again) and its calls are retried. A call takes a list of distinct source segments and answers,
for each, what the store keeps (:func:`workbench.pipeline.document.stored_result`) as JSON, with
the signature it was made under, so the driver stores exactly what the local engine would and can
check that every worker ran the same model.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import fields
from typing import Any

from workbench.translate.types import TranslationOptions

#: The columns of the answers :class:`TranslateBatch` gives.
SOURCE, RESULT, SIGNATURE = "source", "result", "signature"


def options_to_dict(options: TranslationOptions) -> dict[str, Any]:
    """``options`` as plain values, to ship to the workers."""
    return {f.name: getattr(options, f.name) for f in fields(options)}


class TranslateBatch:
    """Loads the model once (per actor) and translates each list of sources given to it."""

    def __init__(self, model_dir: str, options: Mapping[str, Any]) -> None:
        from workbench.translate.engine import CTranslate2Translator

        self.options = TranslationOptions(**options)
        self.translator = CTranslate2Translator(model_dir, self.options)
        self.signature = str(self.translator.signature(self.options))
        self._described = (
            self.translator.signature(self.options).fields,
            self.translator.model_name,
            self.translator.is_standin,
        )

    def describe(self) -> tuple[Any, str, bool]:
        """The signature's fields, the model's name and whether it is a stand-in."""
        return self._described

    def translate(self, sources: Sequence[str]) -> dict[str, list[str]]:
        """Each source's stored result (JSON) and the signature, in the order given."""
        from workbench.pipeline.document import stored_result

        texts = [str(source) for source in sources]
        results = self.translator.translate(texts, self.options)
        return {
            SOURCE: texts,
            RESULT: [json.dumps(stored_result(r), ensure_ascii=False) for r in results],
            SIGNATURE: [self.signature] * len(texts),
        }

    def __call__(self, batch: Mapping[str, Any]) -> dict[str, list[str]]:
        """:meth:`translate` of a batch's ``source`` column (the ``map_batches`` form)."""
        return self.translate([str(source) for source in batch[SOURCE]])
