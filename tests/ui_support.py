"""What the AppTest modules share: the app, opening a page, submitting a row, the HTML shown, a fake
that passes for the real model, and clean caches."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from workbench.testing import FakeTranslator
from workbench.ui import resources

APP = str(Path(resources.__file__).with_name("app.py"))


class RealFake(FakeTranslator):
    """A fake that claims to be the real model (no stand-in banner)."""

    is_standin = False


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """The translator and store are ``st.cache_resource``s: each test starts without them."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()


def open_page(page: str, doc_id: int | None = None) -> AppTest:
    """The app run once, then switched to ``page`` (with ``?doc=doc_id``) and run again."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.run()
    at.switch_page(f"views/{page}/page.py")
    if doc_id is not None:
        at.query_params["doc"] = str(doc_id)
    at.run()
    assert not at.exception, at.exception
    return at


def submit(at: AppTest, segment_id: int, label: str) -> None:
    """Click the row form's button called ``label``."""
    prefix = f"FormSubmitter:wb-form-{segment_id}-"
    button = next(b for b in at.button if (b.key or "").startswith(prefix) and b.label == label)
    button.click().run()
    assert not at.exception, at.exception


def html(at: AppTest) -> str:
    """Every ``st.html`` body on the page, joined."""
    return "\n".join(h.proto.body for h in at.html)
