"""Threads that work while the UI thread draws: the interpreter hands its lock between threads
every 5 ms by default, so a worker (a read stepping through SQLite rows, a plot being built) can hold
up the UI thread's next frame that long, and a read that gives the lock back at each row can wait
that long for it each time. ``handing_over_often`` shortens the interval while such work runs.

Several workers may overlap: the interval is shortened when the first enters and set back when the
last leaves (a worker restoring what it found could otherwise leave it short for good)."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager

HANDOFF = 0.0005
"""Seconds between the interpreter's offers of its lock while a worker runs (the default is 0.005)."""

_guard = threading.Lock()
_inside = 0
"""Workers inside ``handing_over_often`` now."""
_default = sys.getswitchinterval()
"""The interval to set back when the last one leaves."""


@contextmanager
def handing_over_often() -> Iterator[None]:
    """While the block runs, offer the interpreter lock to other threads every ``HANDOFF`` seconds."""
    global _inside, _default
    with _guard:
        if _inside == 0:
            _default = sys.getswitchinterval()
            sys.setswitchinterval(HANDOFF)
        _inside += 1
    try:
        yield
    finally:
        with _guard:
            _inside -= 1
            if _inside == 0:
                sys.setswitchinterval(_default)
