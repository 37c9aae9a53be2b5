"""Opening a ready database with plain sqlite3 (``store.opening``): the commands a learner runs
most never import sqlite-utils or numpy, and the fast path opens, refuses and falls back exactly
where ``open_database`` would."""

import os
import sqlite3
import subprocess
import sys

import pytest
from sqlite_utils import Database

from studytrack.errors import DatabaseFileError
from studytrack.store.connection import KNOWN_MIGRATIONS, Connection, applied_migrations
from studytrack.store.database import damage_marker, open_database
from studytrack.store.migrations import migration_names
from studytrack.store.opening import open_ready, open_store

HOT_COMMANDS = (
    ["due", "--json"],
    ["flags", "--json"],
    ["stats", "--json"],
    ["quiz", "check", "{item}", "--answer", "1", "--json"],
)
"""The commands whose start-up a learner waits for most often."""


def test_the_known_migrations_are_the_migrations():
    """The fast path's list of names is the schema's list, in order."""
    assert list(KNOWN_MIGRATIONS) == migration_names()


def test_a_ready_file_opens_on_a_plain_connection(db_path, now):
    open_database(db_path, now=now).close()
    store = open_store(db_path, now=now)
    try:
        assert isinstance(store, Connection)
        assert store.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert applied_migrations(store.conn) == set(KNOWN_MIGRATIONS)
    finally:
        store.close()


def test_a_new_file_goes_through_sqlite_utils(db_path, now):
    store = open_store(db_path, now=now)
    try:
        assert isinstance(store, Database)
        assert applied_migrations(store.conn) == set(KNOWN_MIGRATIONS)
    finally:
        store.close()


def test_the_days_check_of_a_small_file_runs_on_the_plain_connection(db_path, now):
    """The first open of a study day runs and records the quick_check, without sqlite-utils."""
    open_database(db_path, now=now).close()
    tomorrow = now.replace(day=now.day + 1)
    store = open_ready(db_path, "en", tomorrow)
    assert isinstance(store, Connection)
    days = [row[0] for row in store.execute("SELECT day FROM integrity_checks ORDER BY day")]
    store.close()
    assert days == ["2026-11-28", "2026-11-29"]


def test_a_file_with_a_migration_missing_goes_through_sqlite_utils(db_path, now):
    open_database(db_path, now=now).close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = ?", [KNOWN_MIGRATIONS[-1]])
    conn.close()
    assert open_ready(db_path, "en", now) is None


def test_a_file_marked_damaged_goes_through_sqlite_utils(db_path, now):
    open_database(db_path, now=now).close()
    damage_marker(db_path).write_text("2026-11-28T09:00:00+00:00 test\n", encoding="utf-8")
    assert open_ready(db_path, "en", now) is None


def test_another_programs_file_is_refused_with_open_databases_words(db_path, now):
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA application_id = 42")
        conn.execute("CREATE TABLE theirs (x)")
    conn.close()
    before = db_path.read_bytes()
    with pytest.raises(DatabaseFileError) as fast:
        open_store(db_path, now=now)
    with pytest.raises(DatabaseFileError) as slow:
        open_database(db_path, now=now)
    assert str(fast.value) == str(slow.value)
    assert db_path.read_bytes() == before


def test_a_write_outside_a_transaction_is_committed_at_once(db_path, now):
    open_database(db_path, now=now).close()
    store = open_store(db_path, now=now)
    other = sqlite3.connect(db_path)
    try:
        store.execute("INSERT INTO goals (text, created_at) VALUES ('x', '2026-11-28T09:00:00+00:00')")
        assert other.execute("SELECT count(*) FROM goals").fetchone()[0] == 1
    finally:
        other.close()
        store.close()


def test_a_failed_inner_atomic_block_rolls_back_only_itself(db_path, now):
    open_database(db_path, now=now).close()
    store = open_store(db_path, now=now)
    insert = "INSERT INTO goals (text, created_at) VALUES (?, '2026-11-28T09:00:00+00:00')"
    try:
        with store.atomic():
            store.execute(insert, ["kept"])
            with pytest.raises(RuntimeError), store.atomic():
                store.execute(insert, ["undone"])
                raise RuntimeError
        assert [row[0] for row in store.execute("SELECT text FROM goals")] == ["kept"]
        assert not store.conn.in_transaction
    finally:
        store.close()


@pytest.mark.parametrize("command", HOT_COMMANDS, ids=lambda command: " ".join(command[:2]))
def test_hot_commands_import_neither_sqlite_utils_nor_numpy(tmp_path, command):
    """On a database that exists and was checked today (the learner's every day after the
    first command), the command runs without sqlite-utils and numpy."""
    env = {**os.environ, "STUDYTRACK_DB": str(tmp_path / "learner.db"),
           "STUDYTRACK_NOW": "2026-11-28T09:30:00+00:00", "STUDYTRACK_LANG": "en"}
    first = subprocess.run([sys.executable, "-m", "studytrack", "quiz", "list", "--json"], env=env,
                           capture_output=True, text=True, check=True)
    subprocess.run([sys.executable, "-m", "studytrack", "flag", "loss.zero", "--note", "x"], env=env,
                   capture_output=True, check=True)
    item = first.stdout.split('"id": "', 1)[1].split('"', 1)[0]
    arguments = [part.format(item=item) for part in command]
    probe = (
        "import sys\nfrom studytrack.cli import cli\n"
        f"try:\n    cli.main({arguments!r})\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print('HEAVY', *sorted(m for m in ('numpy', 'sqlite_utils') if m in sys.modules), file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    assert result.stdout.strip()
    assert result.stderr.strip().splitlines()[-1] == "HEAVY"
