"""The translation cache: MT results by source text and signature (mixed into the store)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from workbench.store.connection import Connection
from workbench.store.connection import now as _now


class MtCache(Connection):
    """The cache methods of :class:`workbench.store.sqlite.Store`."""

    def cached(self, sources: Sequence[str], signature: str) -> dict[str, dict[str, Any]]:
        """Cached results for these sources under this signature."""
        out: dict[str, dict[str, Any]] = {}
        unique = list(dict.fromkeys(sources))
        for i in range(0, len(unique), 500):
            chunk = unique[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for r in self.db.execute(
                f"SELECT source, result FROM mt_cache WHERE signature = ? AND source IN ({marks})",
                [signature, *chunk],
            ):
                out[r["source"]] = json.loads(r["result"])
        return out

    def cache(self, items: Sequence[tuple[str, dict[str, Any]]], signature: str) -> None:
        with self.write() as db:
            self._cache_rows(db, items, signature)

    @staticmethod
    def _cache_rows(db: Any, items: Sequence[tuple[str, dict[str, Any]]], signature: str) -> None:
        """Write cache rows inside the caller's transaction (``set_mt_many`` joins its own)."""
        now = _now()
        db.executemany(
            "INSERT INTO mt_cache (source, signature, result, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (source, signature) DO UPDATE SET result = excluded.result, "
            "created_at = excluded.created_at",
            [(src, signature, json.dumps(res, ensure_ascii=False), now) for src, res in items],
        )
