"""One of the writers tests/store/test_store_concurrency.py starts: saves to shared segments.

``python concurrency_child.py STORE LOG WORKER SECONDS SEGMENT_IDS``: for SECONDS it picks one of
the segments at random, reads it, sometimes waits a moment (so another writer can get in first),
and saves its own text naming the version it read. Each outcome is one JSON line in LOG: a save
the store acknowledged (with the version it got) or a conflict (with the version it had read).
"""

from __future__ import annotations

import json
import random
import sys
import time

from workbench.errors import ConflictError
from workbench.store.sqlite import Store


def main(where: str, log_path: str, worker: int, seconds: float, ids: list[int]) -> None:
    rng = random.Random(worker)
    store = Store(where)
    deadline = time.monotonic() + seconds
    n = 0
    with open(log_path, "w", encoding="utf-8") as log:
        while time.monotonic() < deadline:
            seg = store.segment(rng.choice(ids))
            if rng.random() < 0.5:
                time.sleep(rng.random() * 0.004)
            n += 1
            text = f"w{worker} n{n} «تعديل» 100%"
            try:
                saved = store.save_edit(seg.id, text, seg.version, actor=f"w{worker}")
                record = {
                    "ok": True,
                    "segment": seg.id,
                    "read": seg.version,
                    "version": saved.version,
                    "text": text,
                }
            except ConflictError as err:
                record = {
                    "ok": False,
                    "segment": seg.id,
                    "read": seg.version,
                    "now": err.current_version,
                    "text": text,
                }
            log.write(json.dumps(record, ensure_ascii=False) + "\n")
    store.close()


if __name__ == "__main__":
    main(
        sys.argv[1],
        sys.argv[2],
        int(sys.argv[3]),
        float(sys.argv[4]),
        [int(i) for i in sys.argv[5].split(",")],
    )
