"""Opening the learner's database: a file that is not ours is never taken over or changed, a
healthy one is never refused, damage is found early and never written into, and every problem is
told as what it is (busy, no permission, disk full, damaged).

A studytrack database carries ``PRAGMA application_id`` ``APPLICATION_ID`` and ``user_version`` 0.
Files written by studytrack 0.1.0 carry no id: they are recognised by their migration records and
adopted (the id is set, every row kept). A new file is built next to its final name and linked into
place complete, so no process ever sees a half-made or empty studytrack file.
"""

from __future__ import annotations

import os
import random
import sqlite3
import stat
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from studytrack.domain.planning.days import local_timezone, study_day
from studytrack.errors import DatabaseFileError
from studytrack.i18n import Catalog
from studytrack.paths import DEFAULT_DB_NAME
from studytrack.store.connection import StoreDatabase, applied_migrations, has_table

if TYPE_CHECKING:
    from sqlite_utils import Database

SQLITE_HEADER = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite 3 database file."""

APPLICATION_ID = 0x5374546B
"""``PRAGMA application_id`` of every studytrack database: the ASCII bytes ``StTk``
(1400132715). A file with another non-zero id belongs to another program and is refused."""

QUICK_CHECK_AT_OPEN_MAX_BYTES = 16 * 1024 * 1024
"""Up to this size (file plus ``-wal``) the day's ``PRAGMA quick_check`` runs when the database is
opened, before the day's first write; a larger file is checked right after the command's output
(``run_due_integrity_check``) or by the app in a worker at start.

Measured on the 2-core development machine (SQLite 3.40, warm page cache), a review-log-shaped
table with two indexes: 1.9 MB 3 ms, 3.7 MB 6 ms, 11 MB 40 ms, 57 MB 90 ms, 152 MB 490 ms, i.e.
1.5–3.6 ms per MB. 16 MiB therefore costs at most ~60 ms, within the start-up budget of a command;
a year of daily study writes about 1–5 MB."""

BUSY_TIMEOUT_MS = 5000
"""How long a write waits for another process's transaction before "busy"."""

TEXT = Catalog("store.database")

Notice = Callable[[str], None]
"""Where a notice for the learner goes (a new database was created, the file is damaged)."""

_BUSY, _LOCKED, _READONLY, _PERM, _CANTOPEN, _AUTH = 5, 6, 8, 3, 14, 23
_FULL, _CORRUPT, _NOTADB, _IOERR = 13, 11, 26, 10


def open_database(
    path: Path | str,
    lang: str = "en",
    *,
    now: datetime | None = None,
    create_folder: bool = False,
    notice: Notice | None = None,
) -> Database:
    """Open (creating if needed) and migrate the studytrack database at ``path``.

    A file that is empty, not SQLite, truncated or damaged beyond reading, another program's, or
    written by a newer studytrack raises ``DatabaseFileError`` naming the file and is left
    byte-for-byte as it was: nothing is written before every check passes. A missing folder is
    refused ("no such folder") unless ``create_folder`` (the default location). A studytrack file
    whose ``PRAGMA quick_check`` fails opens read-only, with a notice: reads still work, every
    write is refused as damage. ``now`` (default: the system clock) decides the study day of the
    daily check; ``notice`` hears that a file was created or is damaged.
    """
    path = Path(path)
    moment = now or datetime.now(UTC)
    _check_folder(path, lang, create_folder)
    if not _exists(path, lang):
        if not os.access(path.parent, os.W_OK):
            raise DatabaseFileError(TEXT("cant_write", lang, target=path.parent))
        created = _create_new(path, lang, moment)
        if created and notice is not None:
            notice(TEXT("created", lang, path=path))
    _check_file_bytes(path, lang)
    _check_writable(path, lang)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as error:
        raise database_problem(error, path, lang) from error
    try:
        return _check_and_migrate(conn, path, lang, moment, notice)
    except sqlite3.Error as error:
        conn.close()
        raise database_problem(error, path, lang) from error
    except BaseException:
        conn.close()
        raise


def _check_and_migrate(
    conn: sqlite3.Connection, path: Path, lang: str, moment: datetime, notice: Notice | None
) -> Database:
    """Identify the file, run the day's check if due and cheap, then (only if there is something
    to write) adopt it and apply pending migrations under one write lock."""
    # Deferred: sqlite-utils imports numpy (~100–300 ms); a file that is ready opens without it
    # (store.opening.open_store), so only building, adopting, migrating or checking pays for it.
    from sqlite_utils import Database  # noqa: PLC0415

    from studytrack.store.migrations import MIGRATIONS  # noqa: PLC0415

    conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    adopting = _identify(conn, path, lang)
    db = Database(conn, execute_plugins=False)
    _set_pragmas(db)
    check = adopting or damage_marker(path).exists() or (
        integrity_check_due(db, moment) and _size_with_wal(path) <= QUICK_CHECK_AT_OPEN_MAX_BYTES
    )
    started = time.perf_counter()
    damage = _quick_check(db, path, lang) if check else None
    if damage is not None:
        if adopting:
            raise DatabaseFileError(damage)
        if notice is not None:
            notice(damage)
        return db
    if adopting or check or MIGRATIONS.pending(db):  # else no write lock: never wait for a writer
        with immediate(db):
            if adopting:
                db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            MIGRATIONS.apply(db)
            if check:
                _record_check(db, moment, time.perf_counter() - started)
    return db


@contextmanager
def immediate(db: StoreDatabase) -> Iterator[StoreDatabase]:
    """One transaction started with ``BEGIN IMMEDIATE``: a second writer waits instead of failing.

    Nested use joins the outer transaction through a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    _begin_immediate(db.conn)
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def _begin_immediate(conn: sqlite3.Connection) -> None:
    """``BEGIN IMMEDIATE``, waiting up to the connection's busy timeout for another writer.

    SQLite's own busy handler backs off to 100 ms sleeps, so under load a writer that has waited
    long keeps losing the lock to fresh ones (seen: four writers on a loaded 2-core machine, one
    starved past 5 s and got "database is locked"). Polling every 1–4 ms, with jitter, gives every
    waiting writer an even chance at each release.
    """
    patience_ms = conn.execute("PRAGMA busy_timeout").fetchone()[0]
    conn.execute("PRAGMA busy_timeout=0")
    try:
        deadline = time.monotonic() + patience_ms / 1000
        while True:
            try:
                conn.execute("BEGIN IMMEDIATE")
                return
            except sqlite3.OperationalError as error:
                if problem_kind(error) != "busy" or time.monotonic() >= deadline:
                    raise
                time.sleep(random.uniform(0.001, 0.004))
    finally:
        conn.execute(f"PRAGMA busy_timeout={patience_ms}")


def inserted_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an ``INSERT`` through ``cursor`` just added."""
    if cursor.lastrowid is None:
        raise sqlite3.InterfaceError("the statement inserted no row")
    return cursor.lastrowid


# ── what went wrong ─────────────────────────────────────────────────────────────────────────


def problem_kind(error: sqlite3.Error) -> str:
    """What an SQLite error means for the learner: ``busy`` (another program holds a lock),
    ``cant_write`` (permissions, a read-only file or folder), ``disk_full``, ``io_error`` (the
    disk refused a read or write, e.g. ``ulimit -f``), ``corrupt`` (real damage) or ``failed``."""
    code = getattr(error, "sqlite_errorcode", None)
    if isinstance(code, int):
        primary = code & 0xFF
        kinds = {_BUSY: "busy", _LOCKED: "busy", _READONLY: "cant_write", _PERM: "cant_write",
                 _CANTOPEN: "cant_write", _AUTH: "cant_write", _FULL: "disk_full",
                 _CORRUPT: "corrupt", _NOTADB: "corrupt", _IOERR: "io_error"}
        return kinds.get(primary, "failed")
    text = str(error).lower()
    for needle, kind in (("locked", "busy"), ("readonly", "cant_write"), ("disk is full", "disk_full"),
                         ("malformed", "corrupt"), ("not a database", "corrupt")):
        if needle in text:
            return kind
    return "failed"


def database_problem(
    error: sqlite3.Error, path: Path | str, lang: str = "en", db: StoreDatabase | None = None
) -> DatabaseFileError:
    """The one-line message for ``error`` met while using the database at ``path``.

    Only real damage says damaged; then, if ``db`` is open, writes to it stop at once and a mark
    next to the file (``damage_marker``) makes every later open check the file first. A write
    refused because the file is marked damaged is told as the damage, not as permissions.
    """
    path = Path(path)
    kind = problem_kind(error)
    if kind == "cant_write" and damage_marker(path).exists():
        kind = "corrupt"
    if kind == "corrupt":
        if db is not None:
            stop_writes(db, path, str(error))
        return DatabaseFileError(_damage_text(path, lang, str(error)))
    if kind == "cant_write":
        return DatabaseFileError(TEXT("cant_write", lang, target=_unwritable_target(path)))
    return DatabaseFileError(TEXT(kind, lang, path=path, reason=error))


def stop_writes(db: StoreDatabase, path: Path | str, reason: str) -> None:
    """Refuse every further write through ``db`` (``PRAGMA query_only``) and mark the file
    damaged for every other process (``damage_marker``); reads still work."""
    with suppress(sqlite3.Error):
        db.execute("PRAGMA query_only=ON")
    marker = damage_marker(Path(path))
    with suppress(OSError):
        marker.write_text(f"{datetime.now(UTC).isoformat(timespec='seconds')} {reason}\n", encoding="utf-8")


def damage_found(path: Path | str, lang: str = "en") -> str | None:
    """The damage message when the file at ``path`` is marked damaged (found at open, by the day's
    check or by any error since: writes to it are stopped), else None."""
    marker = damage_marker(Path(path))
    try:
        reason = marker.read_text(encoding="utf-8", errors="replace").strip().partition(" ")[2]
    except OSError:
        return None
    return _damage_text(Path(path), lang, reason or "quick_check")


def damage_marker(path: Path) -> Path:
    """The file next to the database that says damage was seen (``<name>-damaged``): while it
    exists every open runs ``PRAGMA quick_check``; a passing check (a repaired or restored file)
    removes it. ``studytrack doctor`` and ``restore`` look at it."""
    return path.with_name(path.name + "-damaged")


def backups_folder(path: Path) -> Path:
    """Where the backups of the database at ``path`` are kept: ``backups/`` beside it for the
    usual ``studytrack.db``, ``<name>-backups/`` beside any other name, so that two databases in
    one folder never share (or rotate out) each other's backups."""
    if path.name == DEFAULT_DB_NAME:
        return path.parent / "backups"
    return path.parent / f"{path.stem}-backups"


def _damage_text(path: Path, lang: str, reason: str) -> str:
    """"Damaged" (or "truncated" when the header's page count says so, the ``-wal`` taken into
    account by SQLite already), pointing at ``doctor`` and the newest good backup."""
    truncated = _truncation(path)
    if truncated is not None:
        size, expected = truncated
        return TEXT("truncated", lang, path=path, size=size, expected=expected, backups=backups_folder(path)) + (
            _restore_advice(path, lang))
    return TEXT("corrupt", lang, path=path, reason=reason, backups=backups_folder(path)) + _restore_advice(path, lang)


def _restore_advice(path: Path, lang: str) -> str:
    """" " + the newest good backup and the exact command that restores it, or "" when none."""
    # Deferred: store.backup builds on this module (a cycle at import time otherwise).
    from studytrack.store.backup import restore_advice  # noqa: PLC0415

    return restore_advice(path, lang)


def _unwritable_target(path: Path) -> Path:
    """The file, or the folder, that studytrack may not write (the file when neither is clear)."""
    for target in (path, path.parent):
        if target.exists() and not os.access(target, os.W_OK):
            return target
    return path


# ── the daily check ─────────────────────────────────────────────────────────────────────────


def integrity_check_due(db: StoreDatabase, now: datetime) -> bool:
    """True until ``PRAGMA quick_check`` has passed on the study day of ``now``."""
    if not has_table(db, "integrity_checks"):
        return True
    day = _study_day(db, now)
    return db.execute("SELECT 1 FROM integrity_checks WHERE day = ?", [day]).fetchone() is None


def run_due_integrity_check(db: StoreDatabase, path: Path | str, lang: str, now: datetime) -> str | None:
    """Run the day's ``PRAGMA quick_check`` if it has not passed yet (a file larger than
    ``QUICK_CHECK_AT_OPEN_MAX_BYTES`` is checked here: the CLI calls this right after a command's
    output, the app in a worker at start, before any later write). Returns the damage message
    (writes are stopped, ``stop_writes``) or None when the file is sound or was checked today."""
    if not integrity_check_due(db, now):
        return None
    started = time.perf_counter()
    damage = _quick_check(db, Path(path), lang)
    if damage is None:
        with immediate(db):
            _record_check(db, now, time.perf_counter() - started)
    return damage


def _quick_check(db: StoreDatabase, path: Path, lang: str) -> str | None:
    """``PRAGMA quick_check``: on success clear a damage mark and return None; on failure stop
    writes and return the damage message."""
    try:
        rows = [row[0] for row in db.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.DatabaseError as error:
        if problem_kind(error) != "corrupt":
            raise
        rows = [str(error)]
    if rows != ["ok"]:
        reason = "; ".join(rows[:3])
        stop_writes(db, path, reason)
        return _damage_text(path, lang, reason)
    with suppress(FileNotFoundError):
        damage_marker(path).unlink()
    return None


def _record_check(db: StoreDatabase, now: datetime, seconds: float) -> None:
    """Remember that the file passed the check on the study day of ``now``."""
    db.execute(
        "INSERT OR IGNORE INTO integrity_checks (day, checked_at, seconds) VALUES (?, ?, ?)",
        [_study_day(db, now), now.astimezone(UTC).isoformat(timespec="seconds"), round(seconds, 4)],
    )


def _study_day(db: StoreDatabase, now: datetime) -> str:
    """The learner's study day of ``now`` (their zone and rollover hour). Read here directly:
    ``store.settings`` builds on this module, so it cannot be imported from it."""
    stored: dict[str, str] = {}
    if has_table(db, "settings"):
        stored = dict(
            db.execute("SELECT key, value FROM settings WHERE key IN ('timezone', 'rollover_hour')").fetchall()
        )
    try:
        zone = local_timezone(stored.get("timezone") or None)
    except OSError:
        zone = UTC
    try:
        hour = min(max(int(float(stored.get("rollover_hour", "4"))), 0), 23)
    except (ValueError, OverflowError):
        hour = 4
    return study_day(now, zone, hour).isoformat()


# ── checks before SQLite opens the file ─────────────────────────────────────────────────────


def _check_folder(path: Path, lang: str, create_folder: bool) -> None:
    """The folder must exist (a typo must not create a whole new chain of folders), except for the
    default location, which is created private to its owner."""
    folder = path.parent
    if folder.is_dir():
        return
    if create_folder and not folder.exists():
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as error:
            raise DatabaseFileError(TEXT("unopenable", lang, path=path, reason=error)) from error
        return
    raise DatabaseFileError(TEXT("no_folder", lang, path=path, folder=folder))


def _exists(path: Path, lang: str) -> bool:
    """Whether something is at ``path`` already (a folder there is refused)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    except OSError as error:
        raise DatabaseFileError(TEXT("unopenable", lang, path=path, reason=error)) from error
    if not stat.S_ISREG(mode):
        raise DatabaseFileError(TEXT("unopenable", lang, path=path, reason="not a regular file"))
    return True


def _create_new(path: Path, lang: str, now: datetime) -> bool:
    """Build a complete, migrated studytrack database next to ``path`` and link it into place.

    Returns False when another process created ``path`` first (its file is used then). The file
    is readable by its owner only.
    """
    _remove_stale_builds(path)
    # os.urandom rather than secrets: importing secrets (hmac, hashlib) costs ~5 ms at start-up.
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.new")
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(descriptor)
        _build(temporary, now)
        return _link_into_place(temporary, path)
    except (OSError, sqlite3.Error) as error:
        if isinstance(error, sqlite3.Error):
            raise database_problem(error, path, lang) from error
        raise DatabaseFileError(TEXT("unopenable", lang, path=path, reason=error)) from error
    finally:
        for leftover in (temporary, Path(f"{temporary}-wal"), Path(f"{temporary}-shm"), Path(f"{temporary}-journal")):
            with suppress(OSError):
                leftover.unlink()


STALE_BUILD_SECONDS = 600
"""A half-built new file (``.<name>.<pid>-<random>.new``, left by a process killed while it
created the database) older than this is removed the next time the database is created."""


def _remove_stale_builds(path: Path) -> None:
    """Remove the leftovers of creations that were cut short (never a build still under way)."""
    for leftover in path.parent.glob(f".{path.name}.*.new*"):
        with suppress(OSError):
            if time.time() - leftover.stat().st_mtime > STALE_BUILD_SECONDS:
                leftover.unlink()


def _build(temporary: Path, now: datetime) -> None:
    """Migrate the fresh file, stamp it as studytrack's, switch it to WAL and make it durable."""
    # Deferred: sqlite-utils and numpy under it, as in _check_and_migrate.
    from sqlite_utils import Database  # noqa: PLC0415

    from studytrack.store.migrations import MIGRATIONS  # noqa: PLC0415

    conn = sqlite3.connect(str(temporary))
    try:
        db = Database(conn, execute_plugins=False)
        with immediate(db):
            db.execute(f"PRAGMA application_id={APPLICATION_ID}")
            MIGRATIONS.apply(db)
            _record_check(db, now, 0.0)
        with db.ensure_autocommit_on():
            db.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()
    with temporary.open("rb+") as handle:
        os.fsync(handle.fileno())


def _link_into_place(temporary: Path, path: Path) -> bool:
    """Give the finished file its name without ever replacing an existing file; False when
    ``path`` appeared meanwhile. Where hard links are not supported, copy into a new file."""
    try:
        os.link(temporary, path)
    except FileExistsError:
        return False
    except OSError:
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            return False
        with os.fdopen(descriptor, "wb") as target:
            target.write(temporary.read_bytes())
            target.flush()
            os.fsync(target.fileno())
    with suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)
    return True


def _check_file_bytes(path: Path, lang: str) -> None:
    """Refuse, by reading bytes only, an empty file, one that is not SQLite, and, when no ``-wal``
    with content could hold newer pages, a truncated file (``_truncation``) and one whose header
    names another program (``application_id``, or ``user_version`` without our id)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise DatabaseFileError(TEXT("unopenable", lang, path=path, reason=error)) from error
    if not header:
        raise DatabaseFileError(TEXT("empty", lang, path=path))
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise DatabaseFileError(TEXT("not_sqlite", lang, path=path))
    if _size_with_wal(path) > path.stat().st_size:
        return  # SQLite decides, reading the newest pages from the -wal
    if _truncation(path) is not None:
        raise DatabaseFileError(_damage_text(path, lang, "truncated"))
    user_version = int.from_bytes(header[60:64], "big")
    application_id = int.from_bytes(header[68:72], "big")
    if application_id not in (0, APPLICATION_ID) or (application_id == 0 and user_version != 0):
        raise DatabaseFileError(TEXT("foreign", lang, path=path))


def _check_writable(path: Path, lang: str) -> None:
    """Refuse a file or folder studytrack may not write (WAL needs both) before SQLite opens it."""
    for target in (path, path.parent):
        if not os.access(target, os.W_OK):
            raise DatabaseFileError(TEXT("cant_write", lang, target=target))


def _truncation(path: Path) -> tuple[int, int] | None:
    """(size, expected) when the file is shorter than its header's valid page count, or ends in
    a partial page, and no ``-wal`` with content could hold the missing pages (SQLite keeps the
    ``-wal`` until a checkpoint has written and synced every page: a partial checkpoint after a
    crash, a full disk or ``ulimit -f`` is healthy); None otherwise."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
        size = path.stat().st_size
    except OSError:
        return None
    if len(header) < 100 or _size_with_wal(path) > size:
        return None
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    if page_size < 512 or page_size & (page_size - 1):
        return None
    whole_pages = -(-size // page_size) * page_size
    expected = page_size * page_count if page_count and header[24:28] == header[92:96] else whole_pages
    if size < max(expected, whole_pages):
        return size, max(expected, whole_pages)
    return None


def _size_with_wal(path: Path) -> int:
    """The file's size plus its ``-wal``'s (what a check has to read)."""
    total = 0
    for part in (path, Path(f"{path}-wal")):
        with suppress(OSError):
            total += part.stat().st_size
    return total


# ── checks through SQLite, before anything is written ───────────────────────────────────────


def _identify(conn: sqlite3.Connection, path: Path, lang: str) -> bool:
    """Read the header fields and the schema; refuse another program's file or a newer
    studytrack's. Returns True for a file to adopt (no application id: written by 0.1.0, or an
    empty SQLite file with neither id nor version)."""
    # Deferred: the migrations module imports sqlite-utils, as in _check_and_migrate.
    from studytrack.store.migrations import migration_names  # noqa: PLC0415

    application_id = conn.execute("PRAGMA application_id").fetchone()[0]
    user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if application_id == APPLICATION_ID:
        if user_version != 0 or applied_migrations(conn) - set(migration_names()):
            raise DatabaseFileError(TEXT("newer", lang, path=path))
        return False
    if application_id != 0 or user_version != 0:
        raise DatabaseFileError(TEXT("foreign", lang, path=path))
    if not tables:
        return True
    applied = applied_migrations(conn)
    if "0001_flags" not in applied:
        # another program, perhaps one that keeps its schema with sqlite-utils migrations too
        raise DatabaseFileError(TEXT("foreign", lang, path=path))
    if applied - set(migration_names()):
        raise DatabaseFileError(TEXT("newer", lang, path=path))
    return True


def _set_pragmas(db: Database) -> None:
    """WAL, full sync, the busy timeout and enforced foreign keys on every connection."""
    _enable_wal(db)
    db.execute("PRAGMA synchronous=FULL")
    db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA foreign_keys=ON")


def _enable_wal(db: Database, patience: float = 5.0) -> None:
    """Switch to WAL (already so for every file studytrack made), waiting while another process
    holds the lock: changing the journal mode can answer "database is locked" at once instead of
    using the busy timeout, so it is retried for ``patience`` seconds."""
    if db.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
        return
    deadline = time.monotonic() + patience
    while True:
        try:
            with db.ensure_autocommit_on():
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
