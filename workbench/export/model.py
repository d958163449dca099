"""What every export format renders: a document loaded once, as units with their MT labelled.

- The Arabic is always the stored slice of the original text (``SegmentRow.source``), never
  normalised; the English is ``SegmentRow.target`` (the post-edit if there is one, else the MT).
- MT of any model but the real opus-mt-ar-en (a stand-in with random weights, the tiny model, or
  a signature that does not say) is never passed off as a translation: every format labels it
  (:attr:`Unit.standin`) and TMX leaves it out unless asked. A post-edit is human English, except
  one equal to stand-in MT: saving or confirming an untouched row does not make noise a translation.
- MT another engine made, imported with its document (``kind:external``), is a translation labelled
  by its origin (:attr:`Unit.mt_origin`) in every format: never passed off as the workbench's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, get_args

from workbench.errors import ConfigError
from workbench.store.comments import CommentRow, document_comments
from workbench.store.records import HUMAN_STATUSES, DocumentRow, SegmentRow, SegmentStatus
from workbench.store.sqlite import Store
from workbench.translate.types import (
    EXTERNAL_KIND,
    is_translation_signature,
    signature_field,
    signature_kind,
)

FurnitureMode = Literal["keep", "drop"]
UntranslatedMode = Literal["source", "mark", "drop"]
FURNITURE_MODES: tuple[FurnitureMode, ...] = get_args(FurnitureMode)
UNTRANSLATED_MODES: tuple[UntranslatedMode, ...] = get_args(UntranslatedMode)


@dataclass(frozen=True)
class ExportOptions:
    """Choices for the formats that drop or replace something; the others ignore them.

    ``furniture`` (txt): ``"drop"`` page furniture (the default: dates, "logo", the repeated
    Arabic headline are not the English article), or ``"keep"`` it as its original text on its
    own line. ``untranslated`` (txt): a prose segment without English is written as its
    Arabic ``"source"`` (the default, so nothing disappears silently), as ``"mark"``
    (``[untranslated: <Arabic>]``), or ``"drop"``ped. ``reviewed_only`` (tmx): only edited or
    confirmed segments become translation units, keeping raw MT out of a memory.
    ``include_standin`` (tmx): stand-in MT (:attr:`Unit.standin`) is left out of a memory unless
    this is True; then its units carry a note saying they are not translations.
    """

    furniture: FurnitureMode = "drop"
    untranslated: UntranslatedMode = "source"
    reviewed_only: bool = False
    include_standin: bool = False

    def __post_init__(self) -> None:
        problems = []
        if self.furniture not in ("keep", "drop"):
            problems.append(f"furniture {self.furniture!r} is not one of: keep, drop")
        if self.untranslated not in ("source", "mark", "drop"):
            problems.append(f"untranslated {self.untranslated!r} is not one of: source, mark, drop")
        if problems:
            raise ConfigError("invalid export options: " + "; ".join(problems))


def mt_kind(mt: str | None, signature: str | None) -> str | None:
    """The kind of model behind ``mt`` (``"unknown"`` if ``signature`` does not say), or None."""
    return None if mt is None else signature_kind(signature) or "unknown"


def mt_is_translation(mt: str | None, signature: str | None) -> bool | None:
    """Whether ``mt`` is a translation (the real model's or an imported engine's); None without."""
    return None if mt is None else is_translation_signature(signature)


def mt_origin(mt: str | None, signature: str | None) -> str | None:
    """The engine that made ``mt`` when it was imported with the document, else None."""
    if mt_kind(mt, signature) != EXTERNAL_KIND:
        return None
    return signature_field(signature, "model") or "unknown"


@dataclass(frozen=True)
class Unit:
    """A stored segment as the writers see it, with what its machine text is."""

    seg: SegmentRow
    #: The segment's comments (queries, send-back notes), oldest first: XLIFF writes them as notes.
    comments: tuple[CommentRow, ...] = ()

    @property
    def flags(self) -> list[str]:
        """The MT's flags (``hit-max-length``, ...)."""
        flags = self.seg.mt_meta.get("flags") or []
        return [flags] if isinstance(flags, str) else [str(f) for f in flags]

    @property
    def mt_kind(self) -> str | None:
        """The kind of model behind the MT (``"unknown"`` if its signature does not say), or None."""
        return mt_kind(self.seg.mt, self.seg.mt_signature)

    @property
    def mt_is_translation(self) -> bool | None:
        """Whether the MT is a translation (the real model's, or another engine's imported with
        the document); None without MT."""
        return mt_is_translation(self.seg.mt, self.seg.mt_signature)

    @property
    def mt_origin(self) -> str | None:
        """The engine that made MT imported with the document (``kind:external``), else None."""
        return mt_origin(self.seg.mt, self.seg.mt_signature)

    @property
    def standin(self) -> bool:
        """Whether the English shown is still the output of a model that is not the real one.

        That is prose whose MT is not a translation and whose post-edit is missing or equal to
        that MT: "Save ✓ confirm" on an untouched row stores the MT as the post-edit, and the
        words are no more a translation for it (furniture shows its Arabic).
        """
        seg = self.seg
        untouched = seg.post_edit is None or seg.post_edit == seg.mt
        return seg.kind == "prose" and untouched and self.mt_is_translation is False

    @property
    def status(self) -> SegmentStatus:
        """The status the formats report: stand-in English is never edited or confirmed work."""
        if self.standin and self.seg.status in HUMAN_STATUSES:
            return "translated"
        return self.seg.status

    @property
    def target_origin(self) -> str | None:
        """Who wrote the English: ``human``, ``mt`` (the real model, or the engine named by ``mt_origin``) or ``standin``; None without."""
        seg = self.seg
        if seg.kind != "prose" or seg.target is None:
            return None
        if self.standin:
            return "standin"
        return "mt" if seg.post_edit is None else "human"


@dataclass(frozen=True)
class ExportInput:
    """What a writer renders: the document, its original text, its segments and the options."""

    document: DocumentRow
    text: str
    units: list[Unit]
    options: ExportOptions

    @classmethod
    def load(cls, store: Store, doc_id: int, options: ExportOptions) -> ExportInput:
        """Read document ``doc_id`` from ``store``."""
        document = store.document(doc_id)
        text = store.source_text(doc_id)
        notes = document_comments(store, doc_id)
        units = [Unit(seg, tuple(notes.get(seg.id, ()))) for seg in store.segments(doc_id)]
        return cls(document, text, units, options)

    @property
    def standin(self) -> bool:
        """Whether any English shown is stand-in MT (:attr:`Unit.standin`)."""
        return any(unit.standin for unit in self.units)


@dataclass(frozen=True)
class Exporter:
    """A registered format: how to render it, the file name ending and the media type."""

    name: str
    render: Callable[[ExportInput], bytes]
    suffix: str
    media_type: str
    description: str
    #: Whether stand-in English is left out unless ``ExportOptions.include_standin`` (memories).
    drops_standin: bool = False


@dataclass(frozen=True)
class Export:
    """A rendered export: a safe file name to suggest, its media type, and the bytes."""

    format: str
    filename: str
    media_type: str
    data: bytes
