"""Pause Python's cycle collector while a build makes many objects that form no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector for a block of bulk work, and restore it afterwards.

    Loading and publishing make hundreds of thousands of objects, none of them in a reference
    cycle: the collector would walk the whole heap several times over (a third of the loading
    time) and free nothing. Memory is still freed by reference counting meanwhile.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
