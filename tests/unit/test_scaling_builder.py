"""The scaling benchmark's bulk builder (``benchmarks/review.py``: rows inserted between the store's
migrations, the later migrations' back-fills doing what the triggers do) makes the same database
as writing the same rows with every trigger live: same rows, same undo journal, same running
totals. Otherwise the 5M-log figures would measure a database no learner can have."""

import random
import sqlite3
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))

from review import CARDS, NOW, _insert_history, build_large, synthetic_outline

from studytrack.clock import fixed_clock
from studytrack.store.database import APPLICATION_ID, open_database
from studytrack.store.journal import check_in, rate_lesson
from studytrack.store.learner import Learner
from studytrack.store.migrations import MIGRATIONS
from studytrack.store.settings import day_settings

LOGS = 1_500
"""Review logs (and quiz attempts) of the compared learners."""

SKIPPED_COLUMNS = {"uid", "applied_at", "checked_at", "seconds", "deleted_at", "changed_at"}
"""Columns that differ by nature between two builds: random ids and the moments of the build."""

COMPARED_TABLES = ("cards", "quiz_attempts", "review_logs", "flags", "checkins", "lesson_ratings",
                   "undo_journal", "review_days", "activity_buckets", "latest_answers", "_sqlite_migrations")
"""The tables the builds fill."""


def built_with_triggers(path: Path) -> None:
    """The same rows as ``build_large``'s, written into a fully migrated file with every trigger
    live, and the same last check-in and lesson rating through the store."""
    conn = sqlite3.connect(path)
    db = Database(conn, execute_plugins=False)
    conn.execute(f"PRAGMA application_id={APPLICATION_ID}")
    MIGRATIONS.apply(db)
    with db.atomic():
        _insert_history(db, synthetic_outline(CARDS), LOGS, random.Random(1))
    conn.execute("PRAGMA journal_mode=WAL")
    conn.close()
    store = open_database(path)
    check_in(Learner(store, fixed_clock(NOW)), day_settings(store).day(NOW), "good")
    rate_lesson(Learner(store, fixed_clock(NOW - timedelta(days=1))), "gradient-descent", "too_hard")
    store.close()


def rows(path: Path, table: str) -> list[tuple]:
    """Every row of ``table`` without the columns that differ by nature, sorted."""
    with sqlite3.connect(path) as conn:
        columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})") if row[1] not in SKIPPED_COLUMNS]
        found = sorted(conn.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall(), key=repr)
    conn.close()
    return found


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """(bulk, with triggers): the two files."""
    folder = tmp_path_factory.mktemp("builds")
    bulk, live = folder / "bulk.db", folder / "live.db"
    build_large(bulk, synthetic_outline(CARDS), LOGS)
    built_with_triggers(live)
    return bulk, live


@pytest.mark.parametrize("table", COMPARED_TABLES)
def test_the_bulk_build_equals_writing_with_triggers(builds, table):
    bulk, live = builds
    found = rows(bulk, table)
    assert len(found) >= (LOGS if table in ("quiz_attempts", "review_logs", "undo_journal") else 1)
    assert found == rows(live, table)


def test_every_row_of_the_bulk_build_has_a_global_id(builds):
    bulk, _ = builds
    with sqlite3.connect(bulk) as conn:
        for table in ("quiz_attempts", "review_logs", "flags"):
            assert conn.execute(f"SELECT count(*) FROM {table} WHERE uid IS NULL").fetchone()[0] == 0
    conn.close()
