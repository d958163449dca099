"""What the AppTest modules share: a fake that passes for the real model, and clean caches."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st

from workbench.testing import FakeTranslator


class RealFake(FakeTranslator):
    """A fake that claims to be the real model (no stand-in banner)."""

    is_standin = False


@pytest.fixture(autouse=True)
def fresh_caches() -> Iterator[None]:
    """The translator and store are ``st.cache_resource``s: each test starts without them."""
    st.cache_resource.clear()
    yield
    st.cache_resource.clear()
