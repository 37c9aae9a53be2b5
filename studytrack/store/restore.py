"""Putting a backup in place of the learner's database: checked first, the current file backed up,
then swapped atomically (``os.replace``), never while the app has the file open.

The current database's ``-wal`` is folded into it (or, for a damaged file, copied aside with it)
before the swap, so no stale ``-wal`` is ever applied to the restored file.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.store.app_lock import exclusive_app_lock
from studytrack.store.backup import backup_problem, copy_database, make_backup
from studytrack.store.database import BUSY_TIMEOUT_MS, backups_folder, damage_marker

TEXT = Catalog("store.backup")


@dataclass(frozen=True)
class Restored:
    """What ``restore_backup`` did."""

    restored_from: Path
    previous_saved_as: Path | None
    """Where the database as it was before is kept (None when there was none)."""


def restore_backup(db_path: Path, backup: Path, now: datetime, lang: str = "en") -> Restored:
    """Replace the database at ``db_path`` with the backup at ``backup``.

    Refused with a ``StudytrackError`` (and nothing changed) when the app has the database open,
    or the backup is missing, not studytrack's, from a newer version or damaged. The current file
    is backed up first (``backups/...-before-restore.db``).
    """
    if not backup.is_file():
        raise StudytrackError(TEXT("no_backup", lang, path=backup))
    problem = backup_problem(backup, lang)
    if problem is not None:
        raise StudytrackError(problem)
    with exclusive_app_lock(db_path) as free:
        if not free:
            raise StudytrackError(TEXT("app_open", lang, path=db_path))
        staged = db_path.with_name(f".{db_path.name}.{os.getpid()}.restoring")
        try:
            copy_database(backup, staged)
            previous = _save_current(db_path, now) if db_path.exists() else None
            _fold_wal(db_path)
            os.replace(staged, db_path)
        finally:
            with suppress(OSError):
                staged.unlink()
        for leftover in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm"), damage_marker(db_path)):
            with suppress(OSError):
                leftover.unlink()
    return Restored(backup, previous)


def _save_current(db_path: Path, now: datetime) -> Path:
    """Back up the current database before it is replaced; a file SQLite can no longer copy
    (damaged) is copied byte for byte with its ``-wal``."""
    try:
        return make_backup(db_path, now, "before-restore")
    except sqlite3.Error:
        folder = backups_folder(db_path)
        target = folder / f"{db_path.name}.damaged-{now.strftime('%Y%m%dT%H%M%SZ')}"
        shutil.copy2(db_path, target)
        wal = Path(f"{db_path}-wal")
        if wal.exists():
            shutil.copy2(wal, Path(f"{target}-wal"))
        return target


def _fold_wal(db_path: Path) -> None:
    """Write the ``-wal``'s pages into the database file and empty it, so the swap leaves no
    ``-wal`` of the old file behind (a damaged file's ``-wal`` was copied aside and is dropped)."""
    if not Path(f"{db_path}-wal").exists():
        return
    with suppress(sqlite3.Error), closing(sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
