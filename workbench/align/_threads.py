"""Run numpy's matrix products on one thread while the aligner computes its banded dot products.

The banded dot products are many small single-precision products. OpenBLAS splits each of them
over every core, and its worker threads wait by spinning: on a busy machine that costs several
times the product itself in CPU time (the 10,000-line document took 33-41 s of CPU instead of
about 13). Within :func:`one_blas_thread` numpy's bundled OpenBLAS uses one thread; the previous
setting is restored on exit. The products' values do not depend on it beyond float32 rounding
(OpenBLAS splits rows and columns, not the summed dimension). Where numpy is not linked to its
bundled OpenBLAS (another BLAS, another build), nothing changes.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path

import numpy as np

_LOCK = threading.Lock()


@cache
def _controls() -> tuple[Callable[[], int], Callable[[int], None]] | None:
    libs = Path(np.__file__).resolve().parent.parent / "numpy.libs"
    for path in sorted(libs.glob("libscipy_openblas*.so*")):
        try:
            lib = ctypes.CDLL(str(path))
            get = lib.scipy_openblas_get_num_threads64_
            put = lib.scipy_openblas_set_num_threads64_
        except (OSError, AttributeError):
            continue
        get.restype, get.argtypes = ctypes.c_int, []
        put.restype, put.argtypes = None, [ctypes.c_int]
        return get, put
    return None


_state = {"depth": 0, "before": 1}


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's matrix products use one thread inside the block (where that can be set).

    Blocks may nest and overlap across threads: the first to enter sets one thread, the last to
    leave restores the setting found by the first.
    """
    controls = _controls()
    if controls is None:
        yield
        return
    get, put = controls
    with _LOCK:
        if _state["depth"] == 0:
            _state["before"] = get()
            put(1)
        _state["depth"] += 1
    try:
        yield
    finally:
        with _LOCK:
            _state["depth"] -= 1
            if _state["depth"] == 0:
                put(_state["before"])
