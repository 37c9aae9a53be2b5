"""``studytrack doctor``: is the learner's data safe? Each finding is one line saying what to do.

The checks never change the database: it is opened with ``PRAGMA query_only``, so even a damaged
file is examined as it is. Checked: ``PRAGMA integrity_check``, ``PRAGMA foreign_key_check``, every
migration applied, the age of the newest good backup and the last automatic backup's failure,
whether the data folder is writable, and the free disk space.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from studytrack.i18n import Catalog
from studytrack.store.backup import backup_failure_marker, list_backups, newest_good_backup
from studytrack.store.connection import MIGRATION_SET
from studytrack.store.database import BUSY_TIMEOUT_MS, backups_folder, damage_marker
from studytrack.store.migrations import migration_names

TEXT = Catalog("store.doctor")

BACKUP_MAX_AGE_DAYS = 3
"""A newest good backup older than this many days is reported."""

MIN_FREE_BYTES = 100 * 1024 * 1024
"""Less free space than this (or than twice the database) is reported."""


@dataclass
class Checkup:
    """What ``examine`` found: facts for ``--json`` and one line per problem."""

    facts: dict[str, object] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The checkup as ``studytrack doctor --json`` prints it."""
        return {**self.facts, "ok": not self.problems, "problems": list(self.problems)}


def examine(db_path: Path, now: datetime, lang: str = "en") -> Checkup:
    """Run every check on the database at ``db_path`` (read only) and its data folder."""
    checkup = Checkup()
    checkup.facts["database"] = str(db_path)
    newest = newest_good_backup(db_path)
    if not db_path.exists():
        checkup.problems.append(TEXT("missing", lang, path=db_path))
    else:
        size = db_path.stat().st_size + _size(Path(f"{db_path}-wal"))
        checkup.facts["size"] = size
        _check_file(db_path, newest, lang, checkup)
        _check_disk(db_path, size, lang, checkup)
    _check_backups(db_path, newest, now, lang, checkup)
    _check_folder(db_path, lang, checkup)
    return checkup


def _check_file(db_path: Path, newest: Path | None, lang: str, checkup: Checkup) -> None:
    """Integrity, foreign keys and migrations, through a connection that cannot write; a problem
    names ``newest`` (the newest good backup) and the command that restores it."""
    restore = TEXT("restore_hint", lang, backup=newest) if newest else TEXT("no_backup_hint", lang)
    try:
        with closing(sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)) as conn:
            conn.execute("PRAGMA query_only=ON")
            integrity = [row[0] for row in conn.execute("PRAGMA integrity_check").fetchall()]
            foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
            applied = {row[0] for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])}
    except sqlite3.Error as error:
        checkup.facts["integrity"] = "unreadable"
        checkup.problems.append(TEXT("unreadable", lang, path=db_path, reason=error, restore=restore))
        return
    checkup.facts["integrity"] = "ok" if integrity == ["ok"] else "damaged"
    checkup.facts["foreign_key_problems"] = len(foreign)
    pending = [name for name in migration_names() if name not in applied]
    checkup.facts["migrations_pending"] = pending
    if integrity != ["ok"]:
        checkup.problems.append(TEXT("damaged", lang, path=db_path, reason="; ".join(integrity[:2]), restore=restore))
    elif damage_marker(db_path).exists():
        checkup.problems.append(TEXT("marked_damaged", lang, marker=damage_marker(db_path)))
    if foreign:
        checkup.problems.append(TEXT("foreign_keys", lang, count=len(foreign), restore=restore))
    if pending:
        checkup.problems.append(TEXT("pending", lang, names=", ".join(pending)))


def _check_backups(db_path: Path, newest: Path | None, now: datetime, lang: str, checkup: Checkup) -> None:
    """The newest good backup (``newest``) is recent, and the last automatic backup did not fail."""
    checkup.facts["newest_backup"] = str(newest) if newest else None
    if newest is None:
        checkup.facts["backup_age_days"] = None
        checkup.problems.append(TEXT("no_backups", lang, folder=backups_folder(db_path)))
    else:
        made = datetime.fromtimestamp(newest.stat().st_mtime, UTC)
        for backup in list_backups(db_path):
            if backup.path == newest:
                made = datetime.fromisoformat(backup.made_at)
        age = max((now - made).total_seconds() / 86400, 0.0)
        checkup.facts["backup_age_days"] = round(age, 1)
        if age > BACKUP_MAX_AGE_DAYS:
            checkup.problems.append(TEXT("old_backup", lang, days=int(age)))
    marker = backup_failure_marker(db_path)
    if marker.exists():
        reason = marker.read_text(encoding="utf-8", errors="replace").strip()
        checkup.facts["last_backup_failure"] = reason
        checkup.problems.append(TEXT("backup_failed", lang, reason=reason, folder=backups_folder(db_path)))


def _check_folder(db_path: Path, lang: str, checkup: Checkup) -> None:
    """The data folder (and ``backups/`` in it) can be written."""
    folder = db_path.parent
    writable = folder.is_dir() and os.access(folder, os.W_OK)
    checkup.facts["folder_writable"] = writable
    if not writable:
        checkup.problems.append(TEXT("folder", lang, folder=folder))
    backups = backups_folder(db_path)
    if backups.is_dir() and not os.access(backups, os.W_OK):
        checkup.problems.append(TEXT("folder", lang, folder=backups))


def _check_disk(db_path: Path, size: int, lang: str, checkup: Checkup) -> None:
    """Enough free space for the database to grow and a backup to be made."""
    free = shutil.disk_usage(db_path.parent).free
    checkup.facts["free_bytes"] = free
    if free < max(MIN_FREE_BYTES, 2 * size):
        checkup.problems.append(TEXT("disk", lang, free=f"{free / 1024 / 1024:.0f}", folder=db_path.parent))


def _size(path: Path) -> int:
    """A file's size, 0 when missing."""
    try:
        return path.stat().st_size
    except OSError:
        return 0
