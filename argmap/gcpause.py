"""Pausing Python's cyclic garbage collector while argmap builds many small objects.

Loading, importing or drawing a big map allocates tens of thousands of objects. With
the collector running, every 700 allocations start a pass, and the older passes
rescan everything built so far (a third or more of the time at 10k claims). None of
these structures holds a reference cycle, so reference counting frees them anyway.

Pausing is not enough when the objects are kept: the allocation count still grows,
and the first allocation after re-enabling starts one pass over all of them
(measured 20-30 ms after a 10k-claim load). `keep=True` is for results that live on,
such as a loaded map: every tracked object moves straight to the oldest generation
(`gc.freeze()` then `gc.unfreeze()`, two list splices), as if it had survived the
young passes. Only a full collection looks at them again, when the program has grown
by a quarter; nothing is exempt from collection for good, so the editor leaks no
cycles.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, keep: bool = False) -> Iterator[None]:
    """Run the block without cyclic collection; with `keep`, what it built (and
    everything else alive) joins the oldest generation without a scan."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if keep:  # only on success: after an error the objects are garbage
            _promote_to_oldest()
    finally:
        if was_enabled:
            gc.enable()


def _promote_to_oldest() -> None:
    if gc.get_freeze_count():
        return  # someone froze objects on purpose (a pre-fork server): keep theirs frozen
    gc.freeze()  # also resets the young generation's allocation count
    gc.unfreeze()
