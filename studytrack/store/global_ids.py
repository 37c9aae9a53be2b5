"""Back-filling the global ids (``uid``) of rows written before ``0007_global_ids``.

Each existing row gets a UUIDv7 made from its own ``created_at`` (so ids sort like the rows'
times) and random bits; no other value changes. Large tables go in chunks with progress reported
(``store.long_work``); the caller's transaction makes it all or nothing, so Ctrl+C leaves the
database as it was.
"""

from collections.abc import Iterable

from studytrack.clock import from_iso
from studytrack.domain.records.global_ids import uuid7
from studytrack.store.connection import StoreDatabase
from studytrack.store.long_work import report_progress

CHUNK_ROWS = 20_000
"""Rows back-filled between two progress reports."""


def backfill_uids(db: StoreDatabase, tables: Iterable[str]) -> int:
    """Give every row of ``tables`` without a ``uid`` one; returns how many rows got one."""
    tables = list(tables)
    total = sum(db.execute(f"SELECT count(*) FROM {table} WHERE uid IS NULL").fetchone()[0] for table in tables)
    done = 0
    for table in tables:
        after = -(2**63)  # chunks go up the rowid, so each reads only its own rows, not all those before
        while True:
            rows = db.execute(
                f"SELECT rowid, created_at FROM {table} WHERE rowid > ? AND uid IS NULL ORDER BY rowid "
                f"LIMIT {CHUNK_ROWS}", [after]
            ).fetchall()
            if not rows:
                break
            after = rows[-1][0]
            db.conn.executemany(
                f"UPDATE {table} SET uid = ? WHERE rowid = ?",
                [(_uid_for(created_at), rowid) for rowid, created_at in rows],
            )
            done += len(rows)
            if total >= CHUNK_ROWS:
                report_progress("backfill", done, total)
    return done


def _uid_for(created_at: str | None) -> str:
    """A new id whose time part is the row's ``created_at`` (now when it is unreadable)."""
    try:
        return uuid7(from_iso(created_at)) if created_at else uuid7()
    except ValueError:
        return uuid7()
