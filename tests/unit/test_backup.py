"""Backups: global ids, the 7/4/12 rotation rule, consistent copies through the backup API, the
once-a-day automatic backup and its failures, restore, doctor, and the damaged-file message."""

import os
import re
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studytrack.clock import fixed_clock
from studytrack.domain.records.global_ids import uid_sql_expression, uid_time, uuid7
from studytrack.domain.records.rotation import DatedBackup, backups_to_delete, backups_to_keep
from studytrack.errors import DatabaseFileError, StudytrackError
from studytrack.store.app_lock import app_is_open, hold_app_lock
from studytrack.store.backup import (
    automatic_backup,
    backup_failure_marker,
    backup_problem,
    copy_database,
    list_backups,
    make_backup,
    newest_good_backup,
)
from studytrack.store.database import backups_folder, open_database
from studytrack.store.doctor import examine
from studytrack.store.flags import add_flag
from studytrack.store.learner import Learner
from studytrack.store.restore import restore_backup

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
UUID7 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")


def flags_in(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return conn.execute("SELECT count(*) FROM flags").fetchone()[0]


def add_flags(db, count: int, moment: datetime = NOW) -> None:
    learner = Learner(db, fixed_clock(moment))
    for _ in range(count):
        add_flag(learner, "loss.zero", "math", "why zero?")


# ── global ids ──────────────────────────────────────────────────────────────────────────────


def test_uuid7_carries_its_moment_and_sorts_by_it():
    early, late = uuid7(NOW), uuid7(NOW + timedelta(milliseconds=1))
    assert UUID7.match(early) and UUID7.match(late)
    assert early < late
    assert uid_time(early) == NOW


def test_the_sql_ids_have_the_same_layout_and_differ():
    with sqlite3.connect(":memory:") as conn:
        made = {conn.execute(f"SELECT {uid_sql_expression()}").fetchone()[0] for _ in range(200)}
    assert len(made) == 200
    assert all(UUID7.match(uid) for uid in made)


def test_every_new_row_gets_a_unique_uid(db):
    add_flags(db, 3)
    uids = [row[0] for row in db.execute("SELECT uid FROM flags")]
    assert len(set(uids)) == 3 and all(UUID7.match(uid) for uid in uids)


# ── rotation ────────────────────────────────────────────────────────────────────────────────


def dated(days: list[date]) -> list[DatedBackup]:
    return [DatedBackup(f"b-{day}", day, f"{day}T10:00:00+00:00") for day in days]


def test_a_year_of_daily_backups_keeps_7_daily_4_weekly_12_monthly():
    days = [date(2026, 1, 1) + timedelta(days=offset) for offset in range(400)]
    keep = backups_to_keep(dated(days))
    newest = days[-1]
    assert {f"b-{newest - timedelta(days=offset)}" for offset in range(7)} <= keep
    assert len(keep) <= 7 + 4 + 12
    months = {name[2:9] for name in keep}
    assert len(months) == 12


@settings(max_examples=60, deadline=None)
@given(st.lists(st.dates(date(2025, 1, 1), date(2027, 1, 1)), min_size=1, max_size=60, unique=True))
def test_rotation_keeps_the_newest_and_at_most_23(days):
    backups = dated(days)
    keep = backups_to_keep(backups)
    assert f"b-{max(days)}" in keep
    assert len(keep) <= 23
    assert set(backups_to_delete(backups)) == {backup.name for backup in backups} - keep
    assert backups_to_keep([b for b in backups if b.name in keep]) == keep


# ── copies ──────────────────────────────────────────────────────────────────────────────────


def test_a_copy_holds_what_is_still_in_the_wal(db, db_path, tmp_path):
    add_flags(db, 5)
    assert Path(f"{db_path}-wal").stat().st_size > 0
    copy = tmp_path / "copy.db"
    copy_database(db_path, copy)
    assert flags_in(copy) == 5
    assert backup_problem(copy) is None
    assert not list(tmp_path.glob(".*partial*"))


def test_a_backup_never_overwrites_a_file(db, db_path, tmp_path):
    target = tmp_path / "there.db"
    target.write_text("mine")
    with pytest.raises(FileExistsError):
        make_backup(db_path, NOW, "manual", target)
    assert target.read_text() == "mine"


# ── automatic backups ───────────────────────────────────────────────────────────────────────


def test_the_automatic_backup_runs_once_per_study_day(db, db_path):
    add_flags(db, 1)
    assert automatic_backup(db_path, NOW).status == "made"
    assert automatic_backup(db_path, NOW + timedelta(hours=2)).status == "skipped"
    assert automatic_backup(db_path, NOW + timedelta(days=1)).status == "made"
    assert [info.kind for info in list_backups(db_path)] == ["auto", "auto"]
    assert list_backups(db_path)[0].flags == 1


def test_rotation_deletes_old_automatic_backups_only(db, db_path):
    manual = make_backup(db_path, NOW - timedelta(days=100), "manual")
    for day in range(40):
        automatic_backup(db_path, NOW - timedelta(days=99 - day))
    autos = [info for info in list_backups(db_path) if info.kind == "auto"]
    assert len(autos) < 40
    assert manual.exists()
    assert autos[0].made_at.startswith((NOW - timedelta(days=60)).date().isoformat())


def test_a_damaged_file_never_rotates_good_backups_out(db, db_path):
    automatic_backup(db_path, NOW)
    before = {info.path for info in list_backups(db_path)}
    (db_path.with_name(db_path.name + "-damaged")).write_text("seen\n")
    assert automatic_backup(db_path, NOW + timedelta(days=1)).status == "skipped"
    assert {info.path for info in list_backups(db_path)} == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_failing_backup_says_one_line_and_doctor_reports_it(db, db_path):
    folder = backups_folder(db_path)
    folder.mkdir()
    folder.chmod(0o500)
    try:
        outcome = automatic_backup(db_path, NOW)
        assert outcome.status == "failed" and "\n" not in outcome.message
        assert backup_failure_marker(db_path).exists()
        assert any("automatic backup failed" in line for line in examine(db_path, NOW).problems)
    finally:
        folder.chmod(0o700)
    assert automatic_backup(db_path, NOW).status == "made"
    assert not backup_failure_marker(db_path).exists()


def test_a_failing_backup_is_remembered_even_as_root(db, db_path):
    backups_folder(db_path).write_text("a file where the folder should be")
    outcome = automatic_backup(db_path, NOW)
    assert outcome.status == "failed"
    assert "doctor" in outcome.message
    assert any("automatic backup failed" in line for line in examine(db_path, NOW).problems)


# ── restore ─────────────────────────────────────────────────────────────────────────────────


def test_restore_swaps_in_the_backup_and_keeps_the_current_file(db, db_path):
    add_flags(db, 2)
    backup = make_backup(db_path, NOW, "manual")
    add_flags(db, 3)
    db.close()
    restored = restore_backup(db_path, backup, NOW + timedelta(minutes=1))
    assert not Path(f"{db_path}-wal").exists()
    assert flags_in(db_path) == 2
    assert restored.previous_saved_as is not None and flags_in(restored.previous_saved_as) == 5
    reopened = open_database(db_path)
    assert reopened.execute("SELECT count(*) FROM flags").fetchone()[0] == 2
    reopened.close()


def test_restore_is_refused_while_the_app_holds_the_database(db, db_path):
    backup = make_backup(db_path, NOW, "manual")
    lock = hold_app_lock(db_path)
    try:
        assert app_is_open(db_path)
        before = db_path.read_bytes()
        with pytest.raises(StudytrackError, match="app has"):
            restore_backup(db_path, backup, NOW)
        assert db_path.read_bytes() == before
    finally:
        lock.release()
    assert not app_is_open(db_path)


def test_restore_refuses_a_file_that_is_no_backup(db, db_path, tmp_path):
    other = tmp_path / "notes.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x)")
    for candidate in (other, tmp_path / "missing.db"):
        with pytest.raises(StudytrackError):
            restore_backup(db_path, candidate, NOW)
    assert flags_in(db_path) == 0


def test_the_newest_good_backup_skips_a_damaged_one(db, db_path):
    good = make_backup(db_path, NOW, "manual")
    bad = make_backup(db_path, NOW + timedelta(hours=1), "manual")
    data = bytearray(bad.read_bytes())
    data[4096 * 2: 4096 * 3] = b"\xff" * 4096
    bad.write_bytes(bytes(data))
    assert backup_problem(bad) is not None
    assert newest_good_backup(db_path) == good


def test_a_damaged_database_names_the_newest_good_backup_and_the_command(db, db_path):
    add_flags(db, 2)
    good = make_backup(db_path, NOW, "manual")
    db.close()
    size = db_path.stat().st_size
    with db_path.open("r+b") as handle:
        handle.truncate(size - 4096)
    with pytest.raises(DatabaseFileError) as raised:
        open_database(db_path)
    message = str(raised.value)
    assert str(good) in message
    assert f"studytrack --db {db_path} restore {good}" in message


# ── doctor ──────────────────────────────────────────────────────────────────────────────────


def test_doctor_finds_nothing_wrong_with_a_backed_up_database(db, db_path):
    automatic_backup(db_path, NOW)
    checkup = examine(db_path, NOW)
    assert checkup.problems == []
    assert checkup.to_json()["integrity"] == "ok" and checkup.to_json()["migrations_pending"] == []


def test_doctor_reports_a_missing_or_old_backup(db, db_path):
    assert any("no good backup" in line for line in examine(db_path, NOW).problems)
    automatic_backup(db_path, NOW)
    later = examine(db_path, NOW + timedelta(days=10)).problems
    assert any("10 days old" in line for line in later)


def test_doctor_reports_damage_without_changing_the_file(db, db_path):
    add_flags(db, 30)
    good = make_backup(db_path, NOW, "manual")
    db.close()
    with db_path.open("r+b") as handle:
        handle.seek(4096 * 2)
        handle.write(b"\x00\xff" * 2048)
    before = db_path.read_bytes()
    checkup = examine(db_path, NOW)
    assert checkup.facts["integrity"] in ("damaged", "unreadable")
    assert any(f"studytrack restore {good}" in line for line in checkup.problems)
    assert db_path.read_bytes() == before


def test_two_databases_in_one_folder_keep_their_own_backups(tmp_path, now):
    """The day's automatic backup of a.db does not count as b.db's, nor rotate it out."""
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    for path, topic in ((first, "gd.idea"), (second, "loss.zero")):
        db = open_database(path)
        db.execute("INSERT INTO flags (topic_id, category, note, created_at) VALUES (?, 'math', '', ?)",
                    [topic, now.isoformat()])
        db.conn.commit()
        db.close()
    assert automatic_backup(first, now).status == "made"
    assert automatic_backup(second, now).status == "made"
    assert backups_folder(first) != backups_folder(second)
    for path, topic in ((first, "gd.idea"), (second, "loss.zero")):
        (backup,) = list(backups_folder(path).glob("*-auto.db"))
        copy = sqlite3.connect(backup)
        assert copy.execute("SELECT topic_id FROM flags").fetchall() == [(topic,)]
        copy.close()
    assert backups_folder(tmp_path / "studytrack.db") == tmp_path / "backups"
