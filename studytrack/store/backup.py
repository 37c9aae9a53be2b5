"""Backups of the learner's database: made with SQLite's online backup API (a consistent copy even
while another process writes, never a file copy of a live WAL database), kept in ``backups/``
beside the database, rotated 7 daily / 4 weekly / 12 monthly, listed, and found again when the
file is damaged.

An automatic backup is made at most once per study day, off the learner's path (after a command's
output, or in a worker of the app: ``automatic_backup``), and only right after the day's integrity
check passed, so a damaged file never rotates good backups out. A backup that fails never stops
studying: the failure is remembered beside the database (``backup_failure_marker``) for
``studytrack doctor`` and cleared by the next backup that works.
"""

from __future__ import annotations

import os
import re
import shlex
import sqlite3
from collections.abc import Callable
from contextlib import closing, suppress
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from studytrack.domain.records.rotation import DatedBackup, backups_to_delete
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.store.backup_mark import mark_today, marked_today
from studytrack.store.connection import MIGRATION_SET, Connection, StoreDatabase
from studytrack.store.database import (
    APPLICATION_ID,
    BUSY_TIMEOUT_MS,
    SQLITE_HEADER,
    backups_folder,
    damage_marker,
    run_due_integrity_check,
)
from studytrack.store.long_work import report_progress
from studytrack.store.settings import day_settings

TEXT = Catalog("store.backup")

KINDS = ("auto", "manual", "before-restore")
"""Why a backup in ``backups/`` was made: automatically, by ``studytrack backup``, or by
``studytrack restore`` just before it replaced the database."""

NAME_PATTERN = re.compile(r"^studytrack-(\d{8}T\d{6}Z)-(auto|manual|before-restore)(?:-\d+)?\.db$")
"""How a backup in ``backups/`` is named: when (UTC) and why."""

PAGES_PER_STEP = 4096
"""Pages copied per step of the backup API between two progress reports (16 MiB at 4 KiB pages):
small databases are copied in one step."""

PROGRESS_MIN_PAGES = 8192
"""A backup of at least this many pages (32 MiB) reports its progress."""


@dataclass(frozen=True)
class BackupInfo:
    """One backup file and what it holds."""

    path: Path
    kind: str
    made_at: str
    """When it was made (UTC ISO-8601; for a file outside ``backups/``, its modification time)."""
    size: int
    flags: int | None
    """How many flags it holds (None when the file cannot be read)."""
    reviews: int | None
    """How many reviews (``review_logs`` of kind review) it holds (None when unreadable)."""

    def to_json(self) -> dict[str, object]:
        """The backup as ``studytrack backups --json`` prints it."""
        return {"path": str(self.path), "kind": self.kind, "made_at": self.made_at, "size": self.size,
                "flags": self.flags, "reviews": self.reviews}


@dataclass(frozen=True)
class AutomaticBackup:
    """What ``automatic_backup`` did: ``made`` (``path`` set), ``skipped`` (one exists for the
    study day, or the file is damaged) or ``failed`` (``message`` says why, one line)."""

    status: str
    path: Path | None = None
    message: str = ""


def copy_database(source: Path, target: Path) -> None:
    """Copy the database at ``source`` to the new file ``target`` through the online backup API.

    The copy is built next to ``target`` and renamed into place once complete and synced, so an
    interrupted backup (Ctrl+C, a full disk) leaves no half-written file. ``sqlite3.Error`` or
    ``OSError`` when it fails.
    """
    temporary = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        with (
            closing(sqlite3.connect(str(source), timeout=BUSY_TIMEOUT_MS / 1000)) as src,
            closing(sqlite3.connect(str(temporary))) as dst,
        ):
            total_pages = src.execute("PRAGMA page_count").fetchone()[0]
            src.backup(dst, pages=PAGES_PER_STEP, progress=_backup_progress(total_pages))
        with temporary.open("rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temporary, target)
        _sync_folder(target.parent)
    finally:
        for leftover in (temporary, Path(f"{temporary}-journal")):
            with suppress(OSError):
                leftover.unlink()


def make_backup(db_path: Path, now: datetime, kind: str = "manual", target: Path | None = None) -> Path:
    """Back up the database at ``db_path`` into ``backups/`` (named by ``now`` and ``kind``) or to
    ``target``; returns the file written. An existing ``target`` is never overwritten."""
    if target is None:
        folder = backups_folder(db_path)
        folder.mkdir(mode=0o700, exist_ok=True)
        target = _free_name(folder, now, kind)
    elif target.exists():
        raise FileExistsError(target)
    copy_database(db_path, target)
    return target


def automatic_backup(db_path: Path, now: datetime, lang: str = "en") -> AutomaticBackup:
    """The day's automatic backup, if it is due: right after the day's integrity check passes,
    at most once per study day, then rotation (7 daily / 4 weekly / 12 monthly).

    Safe to run in a worker thread (it opens its own connection). Never raises for a failed
    backup: the result says so and the failure is remembered for ``studytrack doctor``. After
    every command, so the usual answer ("made already today") is found by reading the day's mark
    (``store.backup_mark``) and a stat, without opening SQLite or any backup.
    """
    if not db_path.exists() or damage_marker(db_path).exists() or marked_today(db_path, now):
        return AutomaticBackup("skipped")
    try:
        with closing(sqlite3.connect(str(db_path), timeout=BUSY_TIMEOUT_MS / 1000)) as conn:
            db = Connection(conn)
            if run_due_integrity_check(db, db_path, lang, now) is not None:
                return AutomaticBackup("skipped")
            days = day_settings(db)
        today = days.day(now)
        existing = [backup for backup in _dated_backups(db_path, days.day) if backup.name.endswith("-auto.db")]
        made_today = next((backup for backup in existing if backup.day == today), None)
        if made_today is not None:
            mark_today(db_path, made_today.name, days.start(today), days.end(today))
            return AutomaticBackup("skipped")
        path = make_backup(db_path, now, "auto")
        made = DatedBackup(path.name, today, _made_at(now))
        for name in backups_to_delete([*existing, made]):
            with suppress(OSError):
                (backups_folder(db_path) / name).unlink()
        mark_today(db_path, path.name, days.start(today), days.end(today))
    except (OSError, sqlite3.Error) as error:
        message = TEXT("auto_failed", lang, reason=_one_line(error), folder=backups_folder(db_path))
        with suppress(OSError):
            backup_failure_marker(db_path).write_text(f"{_made_at(now)} {_one_line(error)}\n", encoding="utf-8")
        return AutomaticBackup("failed", message=message)
    with suppress(OSError):
        backup_failure_marker(db_path).unlink()
    return AutomaticBackup("made", path)


def list_backups(db_path: Path) -> list[BackupInfo]:
    """Every backup in ``backups/`` beside the database, newest first."""
    folder = backups_folder(db_path)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = NAME_PATTERN.match(path.name)
        if match and path.is_file():
            found.append(describe_backup(path, match.group(2), _parse_stamp(match.group(1))))
    return sorted(found, key=lambda backup: (backup.made_at, backup.path.name), reverse=True)


def describe_backup(path: Path, kind: str = "file", made_at: str | None = None) -> BackupInfo:
    """What a backup file holds (its counts are None when it cannot be read as studytrack's)."""
    stat = path.stat()
    when = made_at or _made_at(datetime.fromtimestamp(stat.st_mtime, UTC))
    flags = reviews = None
    with suppress(sqlite3.Error), closing(_open_read_only(path)) as conn:
        flags = conn.execute("SELECT count(*) FROM flags").fetchone()[0]
        reviews = conn.execute("SELECT count(*) FROM review_logs WHERE kind = 'review'").fetchone()[0]
    return BackupInfo(path, kind, when, stat.st_size, flags, reviews)


def backup_problem(path: Path, lang: str = "en") -> str | None:
    """Why the file at ``path`` is not a usable studytrack backup (one line), or None when it is:
    a SQLite file of studytrack's, not from a newer version, passing ``PRAGMA quick_check``."""
    # Deferred: the migrations module imports sqlite-utils (numpy under it, ~100–300 ms), which
    # the day's automatic backup after every command never needs.
    from studytrack.store.migrations import migration_names  # noqa: PLC0415

    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        return TEXT("unreadable", lang, path=path, reason=_one_line(error))
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        return TEXT("not_backup", lang, path=path)
    try:
        with closing(_open_read_only(path)) as conn:
            application_id = conn.execute("PRAGMA application_id").fetchone()[0]
            names = {row[0] for row in conn.execute(
                "SELECT name FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET])}
            if application_id not in (0, APPLICATION_ID) or "0001_flags" not in names:
                return TEXT("not_backup", lang, path=path)
            if names - set(migration_names()):
                return TEXT("newer", lang, path=path)
            rows = [row[0] for row in conn.execute("PRAGMA quick_check").fetchall()]
    except sqlite3.Error as error:
        return TEXT("damaged", lang, path=path, reason=_one_line(error))
    if rows != ["ok"]:
        return TEXT("damaged", lang, path=path, reason="; ".join(rows[:2]))
    return None


def newest_good_backup(db_path: Path) -> Path | None:
    """The newest backup in ``backups/`` that passes ``backup_problem``, or None.

    For the message about a damaged database: it names this file and the restore command.
    """
    for backup in list_backups(db_path):
        if backup_problem(backup.path) is None:
            return backup.path
    return None


def restore_advice(db_path: Path, lang: str = "en") -> str:
    """For the message about a damaged database: " " and a sentence naming the newest good backup
    and the exact command that restores it; "" when there is no good backup."""
    newest = newest_good_backup(db_path)
    if newest is None:
        return ""
    command = f"studytrack --db {shlex.quote(str(db_path))} restore {shlex.quote(str(newest))}"
    return " " + TEXT("restore_advice", lang, backup=newest, command=command)


def backup_failure_marker(db_path: Path) -> Path:
    """The file beside the database that remembers the last failed automatic backup
    (``<name>-backup-failed``: when and why); ``studytrack doctor`` reports it."""
    return db_path.with_name(db_path.name + "-backup-failed")


def refuse_if_damaged(db: StoreDatabase, db_path: Path, now: datetime, lang: str) -> None:
    """Run the day's integrity check if due; ``StudytrackError`` when the file is damaged (a
    copy of a damaged file is no good backup)."""
    damage = run_due_integrity_check(db, db_path, lang, now)
    if damage is not None or damage_marker(db_path).exists():
        raise StudytrackError(TEXT("source_damaged", lang, path=db_path))


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that can neither change ``path`` nor leave files beside it."""
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def _dated_backups(db_path: Path, day_of: Callable[[datetime], date]) -> list[DatedBackup]:
    """The backups in ``backups/`` with the study day each was made on, told by their names alone
    (no file is opened)."""
    folder = backups_folder(db_path)
    if not folder.is_dir():
        return []
    dated = []
    for path in folder.iterdir():
        match = NAME_PATTERN.match(path.name)
        if match and path.is_file():
            made_at = _parse_stamp(match.group(1))
            dated.append(DatedBackup(path.name, day_of(datetime.fromisoformat(made_at)), made_at))
    return sorted(dated, key=lambda backup: (backup.made_at, backup.name), reverse=True)


def _free_name(folder: Path, now: datetime, kind: str) -> Path:
    """A name in ``folder`` for a backup made at ``now`` that no file has yet."""
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = folder / f"studytrack-{stamp}-{kind}.db"
    number = 1
    while candidate.exists():
        number += 1
        candidate = folder / f"studytrack-{stamp}-{kind}-{number}.db"
    return candidate


def _parse_stamp(stamp: str) -> str:
    """``20261128T093000Z`` as ``2026-11-28T09:30:00+00:00`` (by slicing: ``strptime`` costs a
    few ms of imports after every command)."""
    return f"{stamp[0:4]}-{stamp[4:6]}-{stamp[6:8]}T{stamp[9:11]}:{stamp[11:13]}:{stamp[13:15]}+00:00"


def _made_at(moment: datetime) -> str:
    """``moment`` as the UTC ISO-8601 text a backup's time is told in."""
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _backup_progress(total_pages: int) -> Callable[[int, int, int], None] | None:
    """The backup API's progress callback for a copy of ``total_pages`` pages (None when small)."""
    if total_pages < PROGRESS_MIN_PAGES:
        return None

    def progress(status: int, remaining: int, total: int) -> None:
        del status
        report_progress("backup", total - remaining, total)

    return progress


def _sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows opening a folder)."""
    with suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _one_line(error: BaseException) -> str:
    """An error's text on one line."""
    return " ".join(str(error).split()) or type(error).__name__
