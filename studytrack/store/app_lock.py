"""Knowing whether the app has the database open, so ``restore`` never swaps the file under it.

The app holds a shared lock on a file beside the database (``<name>-app.lock``) from start to
exit (``hold_app_lock``); ``restore`` takes the lock exclusively for the swap (``exclusive_app_lock``)
and refuses when it cannot. The operating system drops the lock when the holder exits, even after a
crash, so a stale lock never blocks a restore. On a system without ``fcntl`` (Windows) the lock is
not available and the check always answers "not open".
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: no advisory locks through fcntl
    fcntl = None  # type: ignore[assignment]


def app_lock_path(db_path: Path) -> Path:
    """The lock file of the database at ``db_path``."""
    return db_path.with_name(db_path.name + "-app.lock")


class AppLock:
    """A held lock on ``app_lock_path``; ``release`` (or the process ending) lets it go."""

    def __init__(self, descriptor: int | None) -> None:
        self._descriptor = descriptor

    def release(self) -> None:
        """Let the lock go (safe to call twice)."""
        if self._descriptor is not None:
            with suppress(OSError):
                os.close(self._descriptor)
            self._descriptor = None


def hold_app_lock(db_path: Path) -> AppLock:
    """Hold the app's shared lock on the database at ``db_path`` until ``release``.

    Several app windows may hold it at once; it waits while a ``restore`` swaps the file (a
    fraction of a second to a few seconds). Where the lock file cannot be made (a read-only
    folder) the lock is simply not held.
    """
    if fcntl is None:
        return AppLock(None)
    try:
        descriptor = os.open(app_lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return AppLock(None)
    fcntl.flock(descriptor, fcntl.LOCK_SH)
    return AppLock(descriptor)


@contextmanager
def exclusive_app_lock(db_path: Path) -> Iterator[bool]:
    """Hold the lock exclusively for the duration; yields False when an app holds it (then
    nothing is held), True otherwise."""
    if fcntl is None or not db_path.parent.is_dir():
        yield True
        return
    try:
        descriptor = os.open(app_lock_path(db_path), os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        yield True
        return
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        yield True
    finally:
        os.close(descriptor)


def app_is_open(db_path: Path) -> bool:
    """Whether an app holds the database at ``db_path`` open right now."""
    with exclusive_app_lock(db_path) as free:
        return not free
