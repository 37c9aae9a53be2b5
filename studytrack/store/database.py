"""Opening the learner's database: checks that leave a bad file untouched, pragmas, migrations."""

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from studytrack.errors import DatabaseFileError
from studytrack.i18n import Catalog
from studytrack.store.migrations import MIGRATION_SET, MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"
"""The first 16 bytes of every SQLite 3 database file."""

TEXT = Catalog("store.database")


def open_database(path: Path, lang: str = "en") -> Database:
    """Open (creating if needed) and migrate the studytrack database at ``path``.

    A file that is not SQLite, is truncated or damaged, belongs to another program or was
    written by a newer studytrack raises ``DatabaseFileError`` and is left byte-for-byte as it
    was: every check only reads, and nothing is written before all of them pass.
    """
    path = Path(path)
    _check_file_bytes(path, lang)
    _create_private_file(path, lang)
    try:
        conn = sqlite3.connect(str(path), timeout=5.0, check_same_thread=False)
    except sqlite3.Error as error:
        raise DatabaseFileError(TEXT("unopenable", lang, path=path, reason=error)) from error
    try:
        conn.execute("PRAGMA busy_timeout=5000")
        _check_contents(conn, path, lang)
        db = Database(conn, execute_plugins=False)
        _set_pragmas(db)
        with immediate(db):
            MIGRATIONS.apply(db)
    except sqlite3.OperationalError as error:
        conn.close()
        raise DatabaseFileError(TEXT(_operational_key(error), lang, path=path, reason=error)) from error
    except sqlite3.DatabaseError as error:
        conn.close()
        raise DatabaseFileError(TEXT("corrupt", lang, path=path, reason=error)) from error
    except BaseException:
        conn.close()
        raise
    return db


def _operational_key(error: sqlite3.OperationalError) -> str:
    """Which message fits an ``OperationalError`` met while opening: a lock, a file that can't be
    written (permissions, not damage: "restore a backup" would be the wrong advice), or damage."""
    text = str(error).lower()
    if "locked" in text:
        return "busy"
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return "unopenable"
    return "corrupt"


def _enable_wal(db: Database, patience: float = 5.0) -> None:
    """Switch to WAL, waiting while another process holds the lock.

    Changing the journal mode can answer "database is locked" at once instead of using the busy
    timeout (two processes opening a new file together), so it is retried here for ``patience``
    seconds.
    """
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


@contextmanager
def immediate(db: Database) -> Iterator[Database]:
    """One transaction started with ``BEGIN IMMEDIATE``: a second writer waits instead of failing.

    Nested use joins the outer transaction through a savepoint.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def _check_file_bytes(path: Path, lang: str) -> None:
    """Refuse a file that is not SQLite or is shorter than its header says, by reading bytes only."""
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as error:
        raise DatabaseFileError(TEXT("unopenable", lang, path=path, reason=error)) from error
    if size == 0:
        return
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise DatabaseFileError(TEXT("unopenable", lang, path=path, reason=error)) from error
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise DatabaseFileError(TEXT("not_sqlite", lang, path=path))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    change_counter = header[24:28]
    version_valid_for = header[92:96]
    if page_count and change_counter == version_valid_for:
        expected = page_size * page_count
        if size < expected:
            raise DatabaseFileError(
                TEXT("truncated", lang, path=path, size=size, expected=expected)
            )


def _create_private_file(path: Path, lang: str) -> None:
    """Create the folder and an empty database file readable by its owner only, if missing."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise DatabaseFileError(TEXT("unopenable", lang, path=path, reason=error)) from error
    os.close(descriptor)


def _check_contents(conn: sqlite3.Connection, path: Path, lang: str) -> None:
    """Read the schema: refuse damage, another program's database, or a newer studytrack's."""
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not tables:
            return
        if "_sqlite_migrations" not in tables:
            raise DatabaseFileError(TEXT("foreign", lang, path=path))
        applied = {
            row[0]
            for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
            )
        }
    except sqlite3.DatabaseError as error:
        raise DatabaseFileError(TEXT("corrupt", lang, path=path, reason=error)) from error
    if not applied and tables - {"_sqlite_migrations"}:
        # another program that keeps its schema with sqlite-utils migrations too
        raise DatabaseFileError(TEXT("foreign", lang, path=path))
    known = {migration.name for migration in MIGRATIONS._migrations}
    if applied - known:
        raise DatabaseFileError(TEXT("newer", lang, path=path))


def _set_pragmas(db: Database) -> None:
    """WAL, full sync, a 5 s busy timeout and enforced foreign keys on every connection."""
    _enable_wal(db)
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA busy_timeout=5000")
    db.execute("PRAGMA foreign_keys=ON")
