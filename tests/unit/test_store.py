"""The store: migrations, pragmas, bad files left untouched, and two writers at once."""

import hashlib
import json
import multiprocessing
import os
import sqlite3
import stat
from datetime import timedelta

import pytest
from sqlite_utils import Database

from studytrack.clock import system_clock, to_iso
from studytrack.errors import DatabaseFileError, StudytrackError
from studytrack.store.database import (
    APPLICATION_ID,
    damage_marker,
    database_problem,
    immediate,
    open_database,
)
from studytrack.store.flags import add_flag, list_flags
from studytrack.store.learner import Learner
from studytrack.store.migrations import MIGRATIONS, migration_names


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_created_private_says_where_once_and_carries_the_id(db_path):
    notices: list[str] = []
    open_database(db_path, notice=notices.append).close()
    open_database(db_path, notice=notices.append).close()
    assert db_path.is_file()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert notices == [f"Created a new studytrack database at {db_path}."]
    assert sorted(p.name for p in db_path.parent.iterdir()) == ["studytrack.db"]
    connection = sqlite3.connect(db_path)
    assert connection.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert connection.execute("PRAGMA user_version").fetchone()[0] == 0


def test_a_missing_folder_is_refused_unless_it_is_the_default_location(tmp_path):
    typo = tmp_path / "Documnets" / "study" / "studytrack.db"
    with pytest.raises(DatabaseFileError, match="no such folder") as raised:
        open_database(typo)
    assert str(typo.parent) in str(raised.value)
    assert not (tmp_path / "Documnets").exists()
    open_database(typo, create_folder=True).close()
    assert typo.is_file()
    assert stat.S_IMODE(typo.parent.stat().st_mode) == 0o700


def test_the_cli_refuses_a_db_in_a_missing_folder_and_tells_of_a_new_file_on_stderr_only(tmp_path):
    from click.testing import CliRunner

    from studytrack.cli import cli

    missing = tmp_path / "nope" / "s.db"
    result = CliRunner().invoke(cli, ["--db", str(missing), "flags", "--json"])
    assert result.exit_code == 2 and "no such folder" in result.stderr
    assert not missing.parent.exists()
    fresh = tmp_path / "s.db"
    first = CliRunner().invoke(cli, ["--db", str(fresh), "flags", "--json"])
    assert first.exit_code == 0 and json.loads(first.stdout) == []
    assert first.stderr == f"Created a new studytrack database at {fresh}.\n"
    again = CliRunner().invoke(cli, ["--db", str(fresh), "flags", "--json"])
    assert again.exit_code == 0 and again.stderr == ""


def test_a_file_of_0_1_0_is_adopted_with_every_row(tmp_path, now):
    """A database written before the application id: recognised by its migration records."""
    old = tmp_path / "old.db"
    connection = sqlite3.connect(old)
    legacy = Database(connection)
    legacy.execute("PRAGMA journal_mode=WAL")
    for migration in MIGRATIONS.pending(legacy)[:5]:
        migration.fn(legacy)
        legacy["_sqlite_migrations"].insert(
            {"migration_set": "studytrack", "name": migration.name, "applied_at": "2026-10-01"}
        )
    legacy.execute(
        "INSERT INTO flags (topic_id, category, note, created_at) VALUES ('loss.zero', 'math', 'kept', ?)",
        [to_iso(now)],
    )
    connection.commit()
    connection.close()
    adopted = open_database(old)
    assert [flag.note for flag in list_flags(adopted)] == ["kept"]
    assert adopted.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert [row[0] for row in adopted.execute("SELECT name FROM _sqlite_migrations")] == migration_names()


def test_a_damaged_page_is_found_at_open_and_nothing_is_written_into_it(tmp_path, now):
    path = tmp_path / "s.db"
    database = open_database(path)
    for number in range(300):
        add_flag(Learner(database, system_clock), "loss.zero", "math", f"note {number} " + "x" * 200)
    database.close()
    damaged = bytearray(path.read_bytes())
    page_size = 4096
    damaged[5 * page_size + 8 : 5 * page_size + 400] = b"\x55" * 392  # a data page of the flags table
    path.write_bytes(bytes(damaged))
    sqlite3.connect(path).execute("DELETE FROM integrity_checks").connection.commit()
    before = digest(path)
    notices: list[str] = []
    reopened = open_database(path, now=now, notice=notices.append)
    assert len(notices) == 1 and "damaged" in notices[0] and "studytrack doctor" in notices[0]
    with pytest.raises(sqlite3.Error) as raised:
        add_flag(Learner(reopened, system_clock), "loss.zero", "math", "not written")
    problem = database_problem(raised.value, path, "en", reopened)
    assert "damaged" in str(problem) and str(tmp_path / "s-backups") in str(problem)
    reopened.close()
    assert digest(path) == before
    assert damage_marker(path).exists()


def test_every_connection_sets_the_pragmas(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_are_recorded_and_not_applied_twice(db_path):
    open_database(db_path).close()
    again = open_database(db_path)
    names = [row[0] for row in again.execute("SELECT name FROM _sqlite_migrations")]
    assert names == migration_names()
    assert names[0] == "0001_flags" and len(names) == len(set(names)) >= 5
    assert [migration.name for migration in MIGRATIONS.applied(again)] == names
    assert MIGRATIONS.pending(again) == []
    assert set(again["flags"].columns_dict) >= {  # later migrations only add columns
        "id", "topic_id", "category", "note", "created_at", "resolved_at", "resolution_note"
    }


def test_flags_table_refuses_an_unknown_category(db, now):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO flags (topic_id, category, created_at) VALUES ('loss.zero', 'x', ?)",
            [now.isoformat()],
        )


def test_immediate_rolls_back_everything_on_error(db, now, learner):
    with pytest.raises(RuntimeError), immediate(db):
        add_flag(learner, "loss.zero", "math", "one")
        raise RuntimeError("boom")
    assert list_flags(db) == []


def _bad_file_cases(tmp_path):
    """Each case writes a file that studytrack must refuse and leave unchanged."""
    good = tmp_path / "good.db"
    open_database(good).close()
    good_bytes = good.read_bytes()

    not_sqlite = tmp_path / "notes.db"
    not_sqlite.write_text("my precious notes, not a database\n" * 20)

    truncated = tmp_path / "truncated.db"
    truncated.write_bytes(good_bytes[: len(good_bytes) // 2])

    corrupt = tmp_path / "corrupt.db"
    damaged = bytearray(good_bytes)
    damaged[100:4096] = b"\xff" * (4096 - 100)  # the schema page, after the file header
    corrupt.write_bytes(bytes(damaged))

    newer = tmp_path / "newer.db"
    newer.write_bytes(good_bytes)
    connection = sqlite3.connect(newer)
    connection.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('studytrack', '9999_from_the_future', '2030-01-01')"
    )
    connection.commit()
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()

    foreign = tmp_path / "foreign.db"
    connection = sqlite3.connect(foreign)
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()

    migrated = tmp_path / "migrated.db"  # another program that also uses sqlite-utils migrations
    connection = sqlite3.connect(migrated)
    connection.execute("CREATE TABLE _sqlite_migrations "
                       "(migration_set TEXT, name TEXT, applied_at TEXT)")
    connection.execute("INSERT INTO _sqlite_migrations VALUES ('recipes', '0001', '2026-01-01')")
    connection.execute("CREATE TABLE recipes (name TEXT)")
    connection.commit()
    connection.close()
    return {
        "not SQLite": not_sqlite,
        "truncated": truncated,
        "corrupt": corrupt,
        "newer version": newer,
        "another program's": foreign,
        "another migrated program's": migrated,
    }


@pytest.mark.parametrize(
    "case",
    ["not SQLite", "truncated", "corrupt", "newer version", "another program's",
     "another migrated program's"],
)
def test_a_bad_file_is_refused_with_its_name_and_left_byte_for_byte(tmp_path, case):
    path = _bad_file_cases(tmp_path)[case]
    before = digest(path)
    siblings_before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(DatabaseFileError) as raised:
        open_database(path)
    message = str(raised.value)
    assert str(path) in message
    assert "\n" not in message
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == siblings_before


def test_the_cli_reports_a_bad_file_in_one_line_with_exit_2(tmp_path, run_cli):
    from click.testing import CliRunner

    from studytrack.cli import cli

    path = _bad_file_cases(tmp_path)["not SQLite"]
    before = digest(path)
    result = CliRunner().invoke(cli, ["--db", str(path), "flags"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and str(path) in result.stderr
    assert "Traceback" not in result.output
    assert digest(path) == before


def _add_flags(path: str, worker: int, count: int) -> None:
    database = open_database(path)
    for number in range(count):
        add_flag(Learner(database, system_clock), "loss.zero", "math", f"w{worker}-{number}")
    database.close()


def test_two_processes_write_at_once_without_losing_a_row(db_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_flags, args=(str(db_path), w, 40)) for w in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    database = open_database(db_path)
    assert len(list_flags(database)) == 80


def _open_only(path: str, barrier) -> None:
    barrier.wait()
    open_database(path).close()


def test_two_processes_starting_on_a_new_file_migrate_it_exactly_once(db_path):
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(3)
    workers = [context.Process(target=_open_only, args=(str(db_path), barrier)) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    connection = sqlite3.connect(db_path)
    names = [row[0] for row in connection.execute("SELECT name FROM _sqlite_migrations")]
    assert names == migration_names()


def test_a_folder_in_place_of_the_file_gives_a_clear_error(tmp_path):
    folder = tmp_path / "studytrack.db"
    folder.mkdir()
    with pytest.raises(DatabaseFileError) as raised:
        open_database(folder)
    assert str(folder) in str(raised.value)
    assert list(folder.iterdir()) == []


def test_a_learner_asks_its_clock_and_at_stops_it_without_changing_the_learner(db, learner, now):
    """``now()`` is the clock's answer; ``at`` gives a copy whose clock is stopped elsewhere."""
    ticks = iter([now, now + timedelta(seconds=1)])
    ticking = Learner(db, lambda: next(ticks), "ko")
    assert (ticking.now(), ticking.now()) == (now, now + timedelta(seconds=1))
    earlier = learner.at(now - timedelta(days=2))
    assert earlier.now() == now - timedelta(days=2)
    assert (earlier.db, earlier.lang) == (learner.db, learner.lang)
    assert learner.now() == now


def test_a_write_stamps_the_learners_time_and_refuses_in_the_learners_language(learner, now):
    """Writes take their time and the language of a refusal from the learner."""
    flag = add_flag(learner.at(now - timedelta(hours=3)), "loss.zero", "math", "")
    assert flag.created_at == to_iso(now - timedelta(hours=3))
    with pytest.raises(StudytrackError) as english:
        add_flag(learner, "loss.zero", "feelings", "")
    with pytest.raises(StudytrackError) as korean:
        add_flag(Learner(learner.db, learner.clock, "ko"), "loss.zero", "feelings", "")
    assert str(english.value) != str(korean.value)
    assert "feelings" in str(korean.value)


def test_the_session_builds_the_learner_from_its_database_clock_and_language(session, now):
    """``Session.learner`` shares the session's opened database and clock; the app passes the
    language it switched to."""
    learner = session.learner()
    assert learner.db is session.db()
    assert (learner.now(), learner.lang) == (now, "en")
    assert session.learner("ko").lang == "ko"
    session.db().close()


def test_a_creation_cut_short_long_ago_is_cleaned_up_and_one_under_way_is_not(db_path):
    stale = db_path.with_name(f".{db_path.name}.123-abcd.new")
    stale.write_bytes(b"")
    os.utime(stale, (1, 1))
    under_way = db_path.with_name(f".{db_path.name}.456-ef01.new")
    under_way.write_bytes(b"")
    open_database(db_path).close()
    assert not stale.exists() and under_way.exists()
