"""Pausing Python's cyclic garbage collector while a large structure is built.

Reading a 50,000-entry library or parsing a 100,000-note manuscript allocates millions of small
objects that never form cycles. The collector still walks the ever larger heap again and again
while they accumulate (a third of the time at these sizes, and growing with them); paused, the
time is linear. Reference counting still frees everything as usual; only cycle detection waits
until the block ends.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Disable cyclic garbage collection inside the block (nested blocks are fine)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
