"""Upgrading keeps everything: a database written by studytrack 0.1.0 (a fixture made with that
version's own code: ``tests/fixtures/databases/make_v0_1_0.py``) opens in this version with every
row kept, every new migration applied, and every record given its global id."""

import shutil
import sqlite3
from pathlib import Path

from studytrack.store.database import APPLICATION_ID, open_database
from studytrack.store.migrations import GLOBAL_ID_TABLES, migration_names
from studytrack.store.transfer import export_lines

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "databases" / "studytrack-0.1.0.db"
SHIPPED_TABLES = ("flags", "quiz_attempts", "checkins", "goals", "lesson_ratings", "settings", "exercise_attempts",
                  "cards", "review_logs", "breaks")


def rows(path: Path) -> dict[str, list[tuple]]:
    """Every row of the tables 0.1.0 shipped, in the columns 0.1.0 had."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        found = {}
        for table in SHIPPED_TABLES:
            added = ("uid", "imported", "edited_at")
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[1] not in added]
            found[table] = conn.execute(f"SELECT {', '.join(columns)} FROM {table} ORDER BY rowid").fetchall()
    return found


def test_the_fixture_holds_a_real_history():
    before = rows(FIXTURE)
    for table in ("flags", "quiz_attempts", "checkins", "goals", "lesson_ratings", "cards", "review_logs", "breaks",
                  "exercise_attempts"):
        assert before[table], table
    kinds = {row[1] for row in before["review_logs"]}
    assert kinds == {"review", "practice", "flag"}


def test_a_0_1_0_database_opens_with_every_row_kept_and_every_migration_applied(tmp_path):
    path = tmp_path / "studytrack.db"
    shutil.copyfile(FIXTURE, path)
    before = rows(path)
    db = open_database(path)
    applied = [row[0] for row in db.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
    assert applied == migration_names()
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    for table in GLOBAL_ID_TABLES:
        uids = [row[0] for row in db.execute(f"SELECT uid FROM {table}")]
        assert None not in uids and len(set(uids)) == len(uids), table
    settings = db.execute("SELECT key, value FROM setting_changes").fetchall()
    assert ("daily_minutes", "25") in settings
    assert sum(1 for _ in export_lines(db, "test", "2026-12-01T00:00:00+00:00")) > 100
    db.close()
    after = rows(path)
    # 0012_choice_answer_ids rewrites a choice answer stored as a position ("2") as the choice's id
    answer = 3
    for old, new in zip(before.pop("quiz_attempts"), after.pop("quiz_attempts"), strict=True):
        assert old[:answer] + old[answer + 1:] == new[:answer] + new[answer + 1:]
        assert old[answer] == new[answer] or old[answer].isdigit()
    assert after == before
