"""The writer that tests/store/test_store_kill.py kills with SIGKILL: saves until it is stopped.

``python durability_child.py STORE ACK_LOG SEED``: on the store's first document it saves edits,
records MT (one segment or a batch) and adds documents, at random, and after each committed
transaction appends one JSON line to ACK_LOG and fsyncs it. Every line in the log is therefore a
write the store acknowledged; the test checks that each one survived the kill.
"""

from __future__ import annotations

import json
import os
import random
import sys

from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.text.read import read_text


def _text(rng: random.Random, n: int) -> str:
    # Now and then a long one, so the WAL grows and checkpoints run while the child may die.
    words = rng.choice((3, 12, 40, 2500))
    return f"edit {n}: " + " ".join(
        rng.choice(("plan", "minister", "today", "said")) for _ in range(words)
    )


def main(store_path: str, ack_path: str, seed: int) -> None:
    rng = random.Random(seed)
    store = Store(store_path)
    doc_id = min(d.id for d in store.documents())
    ids = [s.id for s in store.segments(doc_id)]
    ack = os.open(ack_path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
    size = os.fstat(ack).st_size
    if size and os.pread(ack, 1, size - 1) != b"\n":
        # The previous child was killed inside a write: Linux stops a write to a file when a
        # SIGKILL arrives, so its last line can be cut short. That line was never fsynced, so
        # never acknowledged; end it here so that it stays one torn line, not glued to ours.
        os.write(ack, b"\n")

    def acknowledge(record: dict[str, object]) -> None:
        os.write(ack, (json.dumps(record, ensure_ascii=False) + "\n").encode())
        os.fsync(ack)

    for n in range(1_000_000):
        kind = rng.choices(("edit", "mt", "batch", "doc"), weights=(6, 3, 2, 1))[0]
        if kind == "edit":
            seg = store.segment(rng.choice(ids))
            saved = store.save_edit(seg.id, _text(rng, n), seg.version, confirm=rng.random() < 0.3)
            acknowledge(
                {"segment": saved.id, "version": saved.version, "post_edit": saved.post_edit}
            )
        elif kind == "mt":
            saved = store.set_mt(rng.choice(ids), _text(rng, n), f"sig-{seed}")
            acknowledge({"segment": saved.id, "version": saved.version, "mt": saved.mt})
        elif kind == "batch":
            chosen = rng.sample(ids, k=min(len(ids), 3))
            rows = store.set_mt_many([(i, _text(rng, n), f"sig-{seed}", None) for i in chosen])
            for row in rows:
                acknowledge({"segment": row.id, "version": row.version, "mt": row.mt})
        else:
            text = f"وثيقة {seed} رقم {n}. قال الوزير إن الخطة جديدة."
            new = add_document(store, read_text(text, name=f"{seed}-{n}.txt"))[0]
            acknowledge({"document": new, "text": text})


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))
