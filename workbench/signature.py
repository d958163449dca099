"""The signature every translation and score carries: everything that affected the result."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Signature:
    """Everything that affected a result, rendered like sacrebleu's ``key:value|key:value``."""

    fields: tuple[tuple[str, str], ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, **items: object) -> Signature:
        return cls(tuple((k, str(v)) for k, v in items.items() if v is not None))

    def __str__(self) -> str:
        return "|".join(f"{k}:{v}" for k, v in self.fields)

    def as_dict(self) -> dict[str, str]:
        return dict(self.fields)
