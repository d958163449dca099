"""``one_blas_thread``: numpy's OpenBLAS runs on one thread inside the block, as before outside."""

from __future__ import annotations

import pytest

from workbench.align._threads import _controls, one_blas_thread


def test_one_thread_inside_and_restored_after() -> None:
    controls = _controls()
    if controls is None:
        pytest.skip("numpy is not linked to its bundled OpenBLAS here; the block changes nothing")
    get, put = controls
    before = get()
    put(2)
    try:
        with one_blas_thread():
            assert get() == 1
            with one_blas_thread():  # blocks nest
                assert get() == 1
            assert get() == 1
        assert get() == 2
    finally:
        put(before)


def test_restored_when_the_block_raises() -> None:
    controls = _controls()
    before = controls[0]() if controls else None
    with pytest.raises(RuntimeError), one_blas_thread():
        raise RuntimeError("inside")
    assert (controls[0]() if controls else None) == before
