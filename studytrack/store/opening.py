"""Opening the learner's database on the fast path: when the file is already studytrack's, fully
migrated, in WAL mode and not marked damaged, it is opened with the standard library's ``sqlite3``
alone (the day's quick check at open, when due, runs here too, and a problem it finds hands the
file over); anything else goes to ``store.database.open_database``
(sqlite-utils), which creates, adopts, migrates, checks or refuses it.

sqlite-utils imports numpy when it is installed (~100–300 ms on a loaded 2-core machine): the
commands a learner runs most (``due``, ``flags``, ``stats``, ``quiz check``) never pay for it.
The fast path refuses exactly what ``open_database`` refuses, with the same words, because it
runs the same byte-level checks before SQLite opens the file.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from studytrack.store import database
from studytrack.store.connection import KNOWN_MIGRATIONS, Connection, StoreDatabase, applied_migrations
from studytrack.store.database import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    Notice,
    _check_file_bytes,
    _check_writable,
    _quick_check,
    _record_check,
    _size_with_wal,
    damage_marker,
    immediate,
    integrity_check_due,
    open_database,
)


def open_store(
    path: Path | str,
    lang: str = "en",
    *,
    now: datetime | None = None,
    create_folder: bool = False,
    notice: Notice | None = None,
) -> StoreDatabase:
    """The studytrack database at ``path``, opened and migrated: with plain ``sqlite3`` when it
    is ready as it is (``open_ready``), else through ``open_database`` (same arguments)."""
    path = Path(path)
    moment = now or datetime.now(UTC)
    ready = open_ready(path, lang, moment)
    if ready is not None:
        return ready
    return open_database(path, lang, now=moment, create_folder=create_folder, notice=notice)


def open_ready(path: Path, lang: str, now: datetime) -> Connection | None:
    """The database at ``path`` on a plain connection with studytrack's pragmas, or None when
    something must be written or decided first (a new, adopted, not yet migrated or damaged
    file, or not in WAL mode): ``open_database`` handles those. The day's check of a small file
    runs here as ``open_database`` would run it, with plain SQL.
    A file another program's, newer, truncated or not writable raises ``DatabaseFileError``
    as ``open_database`` would."""
    if not path.is_file() or damage_marker(path).exists():
        return None
    _check_file_bytes(path, lang)
    _check_writable(path, lang)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error:
        return None
    try:
        store = Connection(conn)
        if _ready(store, path, lang, now):
            return store
    except sqlite3.Error:
        pass  # open_database meets the same error and tells it as what it is
    except BaseException:
        conn.close()
        raise
    conn.close()
    return None


def _ready(store: Connection, path: Path, lang: str, now: datetime) -> bool:
    """Set the connection's pragmas and run the day's check when due at open; True when the file
    needs nothing from ``open_database``: ours, exactly the known migrations applied, WAL, and
    sound (a failed check goes to ``open_database``, which tells the damage and opens read-only)."""
    store.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    ours = store.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    if not ours or store.execute("PRAGMA user_version").fetchone()[0] != 0:
        return False
    if applied_migrations(store.conn) != set(KNOWN_MIGRATIONS):
        return False
    if store.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        return False
    store.execute("PRAGMA synchronous=FULL")
    store.execute("PRAGMA foreign_keys=ON")
    # read at call time: the size limit is database's (tests lower it)
    if integrity_check_due(store, now) and _size_with_wal(path) <= database.QUICK_CHECK_AT_OPEN_MAX_BYTES:
        started = time.perf_counter()
        if _quick_check(store, path, lang) is not None:
            return False
        with immediate(store):
            _record_check(store, now, time.perf_counter() - started)
    return True
