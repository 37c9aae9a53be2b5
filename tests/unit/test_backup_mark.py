"""The automatic backup after every command: once the study day's backup is made, the next
commands of that day learn it from a small mark beside the backups, without opening SQLite; the
mark is only a shortcut, never trusted beyond its day or for a backup that is gone."""

import sqlite3
from datetime import UTC, datetime, timedelta

import pytest

from studytrack.store import backup as backup_module
from studytrack.store.backup import automatic_backup, list_backups
from studytrack.store.backup_mark import AUTOMATIC_MARK
from studytrack.store.database import backups_folder

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
"""Inside the study day 2026-11-28 (UTC, rollover 04:00): it runs 04:00 to 04:00 the next day."""


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    """The learner's zone (no ``timezone`` setting: ``$TZ``) is UTC."""
    monkeypatch.setenv("TZ", "UTC")


def test_the_days_backup_leaves_a_mark_naming_it_and_its_day(db, db_path):
    assert automatic_backup(db_path, NOW).status == "made"
    name, start, end = (backups_folder(db_path) / AUTOMATIC_MARK).read_text().split()
    assert name == list_backups(db_path)[0].path.name
    assert (start, end) == ("2026-11-28T04:00:00+00:00", "2026-11-29T04:00:00+00:00")


def test_later_commands_of_the_day_skip_without_opening_sqlite(db, db_path, monkeypatch):
    assert automatic_backup(db_path, NOW).status == "made"
    monkeypatch.setattr(backup_module.sqlite3, "connect", _refuse)
    assert automatic_backup(db_path, NOW + timedelta(hours=18)).status == "skipped"


def test_the_next_study_day_gets_its_own_backup(db, db_path):
    assert automatic_backup(db_path, NOW).status == "made"
    assert automatic_backup(db_path, NOW + timedelta(hours=18, minutes=31)).status == "made"
    assert len(list_backups(db_path)) == 2


def test_a_clock_set_back_to_an_earlier_day_is_not_covered_by_the_mark(db, db_path):
    assert automatic_backup(db_path, NOW).status == "made"
    assert automatic_backup(db_path, NOW - timedelta(days=3)).status == "made"


def test_a_deleted_backup_of_today_is_made_again(db, db_path):
    assert automatic_backup(db_path, NOW).status == "made"
    list_backups(db_path)[0].path.unlink()
    assert automatic_backup(db_path, NOW + timedelta(hours=1)).status == "made"


@pytest.mark.parametrize("mark", ["", "garbage", "studytrack-x-auto.db a b", "../escape 0 9"])
def test_an_unreadable_mark_falls_back_to_the_backups_themselves(db, db_path, mark):
    assert automatic_backup(db_path, NOW).status == "made"
    (backups_folder(db_path) / AUTOMATIC_MARK).write_text(mark)
    assert automatic_backup(db_path, NOW + timedelta(hours=1)).status == "skipped"
    assert len(list_backups(db_path)) == 1
    assert (backups_folder(db_path) / AUTOMATIC_MARK).read_text().split()[0] == list_backups(db_path)[0].path.name


def test_a_backup_made_today_without_a_mark_is_found_and_marked(db, db_path):
    assert automatic_backup(db_path, NOW).status == "made"
    (backups_folder(db_path) / AUTOMATIC_MARK).unlink()
    assert automatic_backup(db_path, NOW + timedelta(hours=1)).status == "skipped"
    assert (backups_folder(db_path) / AUTOMATIC_MARK).exists()


def _refuse(*args: object, **kwargs: object) -> sqlite3.Connection:
    """A stand-in for ``sqlite3.connect`` that fails the test."""
    raise AssertionError("the automatic backup opened SQLite")
