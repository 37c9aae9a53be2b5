"""The mark of the study day's automatic backup: after every command the CLI asks whether the
day's backup is made already, and the mark answers with a read and a stat, without opening SQLite,
any backup, or importing the backup module (``store.backup`` writes it and falls back to the
backups themselves whenever it is missing, stale or unreadable).

The mark is ``backups/.automatic-backup``: ``<file name> <start> <end>``, the day's automatic
backup and the UTC moments its study day begins and ends.
"""

from __future__ import annotations

import os
from contextlib import suppress
from datetime import UTC, datetime
from pathlib import Path

from studytrack.store.database import backups_folder

AUTOMATIC_MARK = ".automatic-backup"
"""The mark's file name inside ``backups/``."""


def marked_today(db_path: Path, now: datetime) -> bool:
    """Whether the mark says the automatic backup of the study day containing ``now`` was made and
    that file is still there (a learner who deletes it gets a new one)."""
    folder = backups_folder(db_path)
    try:
        name, start, end = (folder / AUTOMATIC_MARK).read_text(encoding="utf-8").split()
    except (OSError, ValueError):
        return False
    if Path(name).name != name or not name.endswith("-auto.db"):
        return False
    return start <= _utc_text(now) < end and (folder / name).is_file()


def mark_today(db_path: Path, name: str, start: datetime, end: datetime) -> None:
    """Leave the mark of the study day's automatic backup ``name`` (written whole, then renamed
    into place; a mark that cannot be written only costs the next command the longer look)."""
    folder = backups_folder(db_path)
    temporary = folder / f"{AUTOMATIC_MARK}.{os.getpid()}"
    with suppress(OSError):
        temporary.write_text(f"{name} {_utc_text(start)} {_utc_text(end)}\n", encoding="utf-8")
        os.replace(temporary, folder / AUTOMATIC_MARK)
    with suppress(OSError):
        temporary.unlink()


def _utc_text(moment: datetime) -> str:
    """``moment`` as UTC ISO-8601 text to the second (such texts sort as their moments do)."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")
