"""The editor labels each row's MT by that segment's own MT signature, not by the loaded model.

Both documents are open while the stand-in (a FakeTranslator) is the loaded model: MT another
engine made must name that engine and must not be called stand-in noise; stand-in MT must.
"""

from __future__ import annotations

import pytest
from ui_support import (
    fresh_caches,  # noqa: F401  (an autouse fixture)
    html,
    open_page,
)

from workbench.pipeline.document import add_document
from workbench.store.sqlite import Store
from workbench.testing import FakeTranslator
from workbench.text.read import read_text
from workbench.translate.types import external_signature, translation_signature
from workbench.ui import editing

ARTICLE = "أعلنت الحكومة اليوم عن خطة جديدة للتعليم. وقال الوزير إن الخطة تبدأ في أيلول."


pytestmark = pytest.mark.usefixtures("fake_model")


def _doc_with_mt(store: Store, name: str, signature: str) -> int:
    # A text of its own per document (the same text would be the same document).
    doc_id = add_document(store, read_text(f"{ARTICLE} {name}", name=name))[0]
    for seg in store.segments(doc_id):
        if seg.kind == "prose":
            store.set_mt(seg.id, f"English {seg.position} <b>x</b>", signature)
    return doc_id


def test_each_row_is_labelled_by_its_own_mt(store: Store) -> None:
    external = _doc_with_mt(store, "deepl.txt", str(external_signature("DeepL <Pro>", "a.xlf")))
    standin = _doc_with_mt(store, "noise.txt", str(FakeTranslator().signature()))

    at = open_page("editor", external)
    banner = " ".join(w.value for w in at.warning)
    assert "the English it makes is NOT a translation" in banner  # the model's, not this MT
    page = html(at)
    assert "MT from DeepL &lt;Pro&gt; (imported), read-only" in page  # escaped, named
    assert editing.STANDIN_MT_NOTE not in page

    page = html(open_page("editor", standin))
    assert f"MT, read-only ({editing.STANDIN_MT_NOTE})" in page
    assert "(imported)" not in page


def test_the_label_follows_the_signature_kind(store: Store) -> None:
    real = str(translation_signature("opus-mt-ar-en", "real", None, "none", 4))
    doc_id = _doc_with_mt(store, "real.txt", real)
    seg = next(s for s in store.segments(doc_id) if s.kind == "prose")
    assert editing.mt_label(seg) == "MT, read-only"
    doc_id = _doc_with_mt(store, "unsigned.txt", "sig")  # a signature that says nothing
    seg = next(s for s in store.segments(doc_id) if s.kind == "prose")
    assert editing.STANDIN_MT_NOTE in editing.mt_label(seg)
