"""What the LibreTranslate-compatible API does, without HTTP: validate a request, answer it.

Requests are the parameters LibreTranslate takes (``q``, ``source``, ``target``, ``format``,
``alternatives``, ``api_key``), from JSON or a form. Answers are LibreTranslate's shapes, plus a
``model`` object on every answer that says which model made the English and whether it is the
stand-in (whose output is not a translation), and ``fromMemory`` on translations: how many
sentences took human English from the translation memory instead. A bad request raises
:class:`ApiError` with the status and message LibreTranslate would give; the HTTP layer only
turns it into JSON.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from workbench.memory import TranslationMemory
from workbench.model.notices import STANDIN_BANNER
from workbench.pipeline.texts import detect_languages, translate_texts
from workbench.store.sqlite import Store
from workbench.text.segment import segment_text
from workbench.translate.types import TranslationOptions, Translator, signature_kind

LANGUAGES = [
    {"code": "ar", "name": "Arabic", "targets": ["en"]},
    {"code": "en", "name": "English", "targets": []},
]
FORMATS = ("text", "html")


class ApiError(Exception):
    """A request the API refuses: the HTTP status and LibreTranslate's ``{"error": message}``."""

    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message
        super().__init__(message)


@dataclass(frozen=True)
class Limits:
    """How much one request may ask: characters of text in all, texts, alternatives; requests
    per minute per API key (per client address without keys)."""

    max_chars: int = 20_000
    max_texts: int = 128
    max_alternatives: int = 3
    per_minute: int = 120


def _texts(params: Mapping[str, Any], limits: Limits) -> tuple[list[str], bool]:
    """``q`` as a list of strings, and whether it came as a list."""
    q = params.get("q")
    if q is None:
        raise ApiError(400, "Invalid request: missing q parameter")
    many = isinstance(q, list)
    texts = q if many else [q]
    if not all(isinstance(t, str) for t in texts):
        raise ApiError(400, "Invalid request: q must be a string or a list of strings")
    if not texts or not any(t.strip() for t in texts):
        raise ApiError(400, "Invalid request: empty text")
    if len(texts) > limits.max_texts:
        raise ApiError(413, f"Invalid request: {len(texts)} texts, at most {limits.max_texts}")
    size = sum(len(t) for t in texts)
    if size > limits.max_chars:
        raise ApiError(
            413,
            f"Invalid request: request ({size} characters) exceeds the text limit "
            f"({limits.max_chars})",
        )
    return texts, many


def _choice(params: Mapping[str, Any], name: str, allowed: Sequence[str], what: str) -> str:
    value = params.get(name)
    if value is None or value == "":
        raise ApiError(400, f"Invalid request: missing {name} parameter")
    if value not in allowed:
        raise ApiError(
            400, f"{value!r} is not a supported {what}; this server offers: {', '.join(allowed)}"
        )
    return str(value)


def _count(value: Any, limit: int) -> int:
    try:
        number = int(value or 0)
    except (TypeError, ValueError):
        raise ApiError(400, "Invalid request: alternatives must be a whole number") from None
    if not 0 <= number <= limit:
        raise ApiError(400, f"Invalid request: alternatives must be between 0 and {limit}")
    return number


class Service:
    """The API over one translator and (optionally) the store's translation cache."""

    def __init__(
        self,
        translator: Translator,
        *,
        store: Store | None = None,
        memory: TranslationMemory | None = None,
        options: TranslationOptions | None = None,
        limits: Limits | None = None,
    ) -> None:
        self.translator = translator
        self.store = store
        self.memory = memory
        self.options = options or TranslationOptions()
        self.limits = limits or Limits()
        signature = str(translator.signature(self.options))
        self.model: dict[str, Any] = {
            "name": translator.model_name,
            "kind": signature_kind(signature) or "unknown",
            "standin": bool(translator.is_standin),
            "signature": signature,
        }
        if translator.is_standin:
            self.model["notice"] = STANDIN_BANNER

    def languages(self) -> list[dict[str, Any]]:
        """``GET /languages``."""
        return LANGUAGES

    def detect(self, params: Mapping[str, Any]) -> list[dict[str, Any]]:
        """``POST /detect``: ``[{"language", "confidence"}]`` for ``q``, most likely first."""
        texts, _ = _texts(params, self.limits)
        found = detect_languages(" ".join(texts))
        return [{"language": lang, "confidence": conf} for lang, conf in found]

    def translate(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """``POST /translate``: LibreTranslate's answer, plus ``model``."""
        texts, many = _texts(params, self.limits)
        source = _choice(params, "source", ("ar", "auto"), "source language")
        _choice(params, "target", ("en",), "target language")
        fmt = str(params.get("format") or "text")
        if fmt not in FORMATS:
            raise ApiError(400, f"{fmt!r} is not a supported format; use text or html")
        alternatives = _count(params.get("alternatives"), self.limits.max_alternatives)
        answer: dict[str, Any] = {}
        if source == "auto":
            found = detect_languages(" ".join(texts))
            if not found or found[0][0] != "ar":
                raise ApiError(400, "the text is not Arabic: this server translates ar to en")
            answer["detectedLanguage"] = {"language": "ar", "confidence": found[0][1]}
        results = translate_texts(
            texts,
            self.translator,
            self.options,
            store=self.store,
            memory=self.memory,
            alternatives=alternatives,
            html=fmt == "html",
        )
        english = [r.text for r in results]
        answer["translatedText"] = english if many else english[0]
        remembered = [r.remembered for r in results]
        answer["fromMemory"] = remembered if many else remembered[0]
        if alternatives:
            alts = [r.alternatives for r in results]
            answer["alternatives"] = alts if many else alts[0]
        answer["model"] = self.model
        return answer

    def align(self, params: Mapping[str, Any]) -> dict[str, Any]:
        """``POST /align``: sentence links of ``source`` (Arabic) and ``target`` (English).

        Each side is a list of lines, or a text to cut into sentences first. ``translation``
        (the MT of the source lines, one a line) helps; without it the server's model translates
        the source when it is the real one, and the stand-in's noise is never used.
        """
        from workbench.align.sentences import align_sentences

        sides = []
        for name in ("source", "target"):
            value = params.get(name)
            if isinstance(value, str):
                value = [s.text for s in segment_text(value)]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ApiError(400, f"Invalid request: {name} must be a text or a list of lines")
            sides.append(value)
        size = sum(len(line) for side in sides for line in side)
        if size > self.limits.max_chars * 5:
            raise ApiError(413, f"Invalid request: {size} characters to align exceed the limit")
        translation = params.get("translation")
        notes = []
        if translation is None and not self.translator.is_standin and sides[0]:
            translation = [
                r.text
                for r in translate_texts(sides[0], self.translator, self.options, store=self.store)
            ]
        elif translation is None:
            notes.append("aligned without machine translation (the server has only the stand-in)")
        links = align_sentences(sides[0], sides[1], translation=translation)
        return {
            "source": sides[0],
            "target": sides[1],
            "links": [{"src": list(k.src), "tgt": list(k.tgt), "score": k.score} for k in links],
            "notes": notes,
            "model": self.model,
        }
