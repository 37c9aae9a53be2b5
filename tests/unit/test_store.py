"""The store: migrations, pragmas, bad files left untouched, and two writers at once."""

import hashlib
import multiprocessing
import sqlite3
import stat

import pytest

from studytrack.errors import DatabaseFileError
from studytrack.store.database import immediate, open_database
from studytrack.store.flags import add_flag, list_flags
from studytrack.store.migrations import MIGRATIONS


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_file_is_created_private_with_its_folder(db_path):
    assert not db_path.parent.exists()
    open_database(db_path).close()
    assert db_path.is_file()
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600


def test_every_connection_sets_the_pragmas(db):
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_migrations_are_recorded_and_not_applied_twice(db_path):
    open_database(db_path).close()
    again = open_database(db_path)
    names = [row[0] for row in again.execute("SELECT name FROM _sqlite_migrations")]
    assert names == [m.name for m in MIGRATIONS._migrations]
    assert MIGRATIONS.pending(again) == []
    assert set(again["flags"].columns_dict) == {
        "id", "topic_id", "category", "note", "created_at", "resolved_at", "resolution_note"
    }


def test_flags_table_refuses_an_unknown_category(db, now):
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "INSERT INTO flags (topic_id, category, created_at) VALUES ('loss.zero', 'x', ?)",
            [now.isoformat()],
        )


def test_immediate_rolls_back_everything_on_error(db, now):
    with pytest.raises(RuntimeError), immediate(db):
        add_flag(db, "loss.zero", "math", "one", now)
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
    from datetime import UTC, datetime

    database = open_database(path)
    for number in range(count):
        add_flag(database, "loss.zero", "math", f"w{worker}-{number}", datetime.now(UTC))
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
    assert names == [m.name for m in MIGRATIONS._migrations]


def test_a_folder_in_place_of_the_file_gives_a_clear_error(tmp_path):
    folder = tmp_path / "studytrack.db"
    folder.mkdir()
    with pytest.raises(DatabaseFileError) as raised:
        open_database(folder)
    assert str(folder) in str(raised.value)
    assert list(folder.iterdir()) == []
