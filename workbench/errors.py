"""The workbench's errors: one base class, a few subclasses, messages that name the fix."""

from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """Base class of every error the workbench raises on purpose."""


class InputError(WorkbenchError):
    """A file or text could not be read; names the file, the position and the fix."""

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        byte: int | None = None,
        fix: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.byte = byte
        self.fix = fix
        where = []
        if self.path is not None:
            where.append(self.path)
        if line is not None:
            where.append(f"line {line}")
        if byte is not None:
            where.append(f"byte {byte}")
        text = f"{': '.join([', '.join(where)])}: {message}" if where else message
        if fix:
            text = f"{text} {fix}"
        super().__init__(text)


class ConfigError(WorkbenchError):
    """A setting or option has a value the workbench cannot use."""


class UnknownNameError(ConfigError):
    """A registry was asked for a name it does not hold; the message lists the known ones."""

    def __init__(self, kind: str, name: str, known: list[str] | tuple[str, ...]) -> None:
        self.kind = kind
        self.name = name
        self.known = list(known)
        super().__init__(f"unknown {kind} {name!r}; choose one of: {', '.join(sorted(known))}")


class ModelError(WorkbenchError):
    """The translation model is missing, incomplete, or failed to load or install."""


class StoreError(WorkbenchError):
    """The SQLite store could not be opened, migrated or written."""


class NotFoundError(StoreError):
    """A document or segment that was asked for is not in the store."""


class ConflictError(StoreError):
    """A save lost an optimistic-concurrency race: someone saved the segment first.

    Carries both texts so the caller can show them side by side; nothing was written.
    """

    def __init__(
        self,
        segment_id: int,
        expected_version: int,
        current_version: int,
        current_text: str | None,
        attempted_text: str | None,
        current_actor: str | None = None,
    ) -> None:
        self.segment_id = segment_id
        self.expected_version = expected_version
        self.current_version = current_version
        self.current_text = current_text
        self.attempted_text = attempted_text
        #: Who saved the version that won (the history's actor; None: a machine or local mode).
        self.current_actor = current_actor
        by = f" by {current_actor}" if current_actor else ""
        super().__init__(
            f"segment {segment_id} was saved elsewhere{by} (now version {current_version}, "
            f"you edited version {expected_version}); nothing was overwritten. "
            "Compare both texts, then save again to keep yours."
        )


class StoreFileError(StoreError):
    """The store file could not be read or written: a full disk, an I/O error, a damaged file.

    Names the file and the fix. Transactions committed before the failure are kept; the one that
    failed left nothing behind.
    """

    def __init__(self, path: str | Path, problem: str, fix: str) -> None:
        self.path = str(path)
        self.problem = problem
        self.fix = fix
        super().__init__(f"the store {self.path}: {problem}. {fix}")


class AccessError(StoreError):
    """The user's role does not allow this (a translator approving, deleting, opening a document
    not assigned to them), or the user is not known to the store."""


class UnsavedDraftError(StoreError):
    """A change to a segment (a find-and-replace) would hide what a translator typed in its box
    and has not saved yet (its draft): nothing was written."""

    def __init__(self, segment_id: int, position: int) -> None:
        self.segment_id = segment_id
        self.position = position
        super().__init__(
            f"segment #{position + 1} has typing that is not saved (a draft); nothing was "
            "replaced there. Save or discard the draft in its row, then replace again."
        )
