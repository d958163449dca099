"""What runs on a Ray worker: :class:`TranslateBatch`, the callable class of ``map_batches``.

Ray Data starts ``workers`` actors of it for each round of the run (see
:mod:`workbench.cluster.driver`): each loads the CTranslate2 model once, in its constructor,
and then translates every batch Ray Data gives it, so the model is loaded once per worker and
round, not per batch; a worker killed mid-run is restarted by Ray (and loads the model again)
and its batch is retried. A batch is a ``source`` column of distinct source segments; the
answer gives, for each, what the store keeps (:func:`workbench.pipeline.document.stored_result`)
as JSON, with the signature it was made under, so the driver stores exactly what the local
engine would and can check that every worker ran the same model. :func:`describe` is the
driver's first remote call: the signature and the model's name before any actor starts.
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


def describe(
    cls: type[TranslateBatch], model_dir: str, options: Mapping[str, Any], kwargs: Mapping[str, Any]
) -> tuple[Any, str, bool]:
    """What a worker of ``cls`` would run (:meth:`TranslateBatch.describe`), with the model
    loaded where the workers run, so the compute type is the one they resolve."""
    return cls(model_dir, options, **kwargs).describe()
