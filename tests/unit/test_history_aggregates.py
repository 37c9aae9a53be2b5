"""Nothing the learner waits for grows with their history: the hot queries of Stats and Home read
per-day totals or seek an index (``EXPLAIN QUERY PLAN`` shows no full scan of a history table),
and the totals the triggers keep (``0011_history_aggregates``) stay equal to the history through
answers, undo, import, restore and a change of FSRS parameters."""

import re
import sqlite3
from datetime import timedelta

import pytest

from studytrack.clock import fixed_clock
from studytrack.domain.content.course import load_course
from studytrack.domain.content.quiz import QuizResult
from studytrack.paths import bundled_content_dir
from studytrack.store.activity import ACTIVITY_SOURCES, active_days
from studytrack.store.answers import record_answer
from studytrack.store.backup import make_backup
from studytrack.store.database import open_database
from studytrack.store.fitting import reset_parameters
from studytrack.store.flags import add_flag
from studytrack.store.learner import Learner
from studytrack.store.migrations import HISTORY_ACTIVITY_SOURCES
from studytrack.store.opening import open_store
from studytrack.store.progress import latest_graded_outcomes
from studytrack.store.restore import restore_backup
from studytrack.store.settings import day_settings, set_setting
from studytrack.store.stats import activity_calendar, true_retention
from studytrack.store.transfer import export_lines, import_records
from studytrack.store.undo import undo_last_review

HISTORY_TABLES = ("review_logs", "quiz_attempts", "exercise_attempts", "flags", "checkins")
"""Tables that grow with every action: a hot query may seek them, never scan them whole."""


@pytest.fixture
def items():
    """The bundled course's quiz items, the first ten."""
    return load_course(bundled_content_dir()).quiz_items[:10]


def study(db, items, start, days, outcome_of=lambda day, n: "correct" if (day + n) % 4 else "incorrect"):
    """Answer every item once a day for ``days`` days from ``start`` (reviews from the second day)."""
    for day in range(days):
        moment = start + timedelta(days=day)
        for n, item in enumerate(items):
            outcome = outcome_of(day, n)
            record_answer(db, item, QuizResult(item.id, outcome, "", None, "1"), moment + timedelta(minutes=n),
                          seconds=20)


def recomputed_retention(db) -> tuple[int, int]:
    """True retention counted from the log itself."""
    return tuple(db.execute(
        "SELECT COUNT(*), COALESCE(SUM(rating >= 2), 0) FROM review_logs WHERE kind = 'review' AND elapsed_days >= 1"
    ).fetchone())


def recomputed_buckets(db) -> dict[str, int]:
    """Actions per 10-minute bucket counted from the tables themselves."""
    counts: dict[str, int] = {}
    for table, only in ACTIVITY_SOURCES:
        for bucket, count in db.execute(f"SELECT substr(created_at, 1, 15), COUNT(*) FROM {table} "
                                        f"WHERE 1 {only} GROUP BY 1"):
            counts[bucket] = counts.get(bucket, 0) + count
    return counts


def recomputed_latest(db) -> dict[str, tuple]:
    """Each item's latest graded attempt, found in the attempts themselves."""
    latest: dict[str, tuple] = {}
    for item_id, attempt_id, topic_id, outcome in db.execute(
        "SELECT item_id, id, topic_id, outcome FROM quiz_attempts WHERE outcome IN ('correct', 'incorrect') "
        "ORDER BY created_at, id"
    ):
        latest[item_id] = (attempt_id, topic_id, outcome)
    return latest


def assert_totals_right(db) -> None:
    """The kept totals equal the history, recounted."""
    kept = db.execute("SELECT COALESCE(SUM(reviews), 0), COALESCE(SUM(correct), 0) FROM review_days").fetchone()
    assert tuple(kept) == recomputed_retention(db)
    buckets = dict(db.execute("SELECT bucket, actions FROM activity_buckets WHERE actions != 0").fetchall())
    assert buckets == recomputed_buckets(db)
    kept_latest = {row[0]: tuple(row[1:]) for row in db.execute(
        "SELECT item_id, attempt_id, topic_id, outcome FROM latest_answers")}
    assert kept_latest == recomputed_latest(db)


def test_the_migrations_frozen_activity_sources_agree_with_the_store():
    frozen = [(table, which.format(row=table)) for table, which in HISTORY_ACTIVITY_SOURCES]
    live = [(table, only.removeprefix("AND ").replace("kind", f"{table}.kind") if only else "1")
            for table, only in ACTIVITY_SOURCES]
    assert frozen == live


def test_totals_follow_answers_and_undo(db, items, now):
    study(db, items, now - timedelta(days=20), 20)
    assert recomputed_retention(db)[0] > 100
    assert_totals_right(db)
    for _ in range(3):
        assert undo_last_review(db, now) is not None
    assert_totals_right(db)


def test_totals_follow_an_import(tmp_path, items, now):
    source = open_database(tmp_path / "a.db", now=now)
    study(source, items, now - timedelta(days=10), 10)
    lines = list(export_lines(source, "test", now.isoformat()))
    target = open_database(tmp_path / "b.db", now=now)
    study(target, items[:3], now - timedelta(days=5), 5)
    import_records(target, lines)
    assert_totals_right(target)
    assert true_retention(target, now).reviews == recomputed_retention(target)[0]


def test_totals_follow_a_restore(db_path, items, now):
    db = open_database(db_path, now=now)
    study(db, items, now - timedelta(days=8), 4)
    backup = make_backup(db_path, now - timedelta(days=4))
    study(db, items, now - timedelta(days=4), 4)
    db.close()
    restore_backup(db_path, backup, now)
    restored = open_database(db_path, now=now)
    assert_totals_right(restored)
    restored.close()


def test_totals_follow_a_change_of_fsrs_parameters(db, items, now):
    study(db, items, now - timedelta(days=6), 3)
    set_setting(db, "desired_retention", "0.85")
    reset_parameters(db)
    study(db, items, now - timedelta(days=3), 3)
    assert_totals_right(db)


def test_totals_follow_flags_and_their_deletion(db, now):
    learner = Learner(db, fixed_clock(now))
    made = add_flag(learner, "loss.zero", "math", "why")
    assert_totals_right(db)
    db.execute("DELETE FROM flags WHERE id = ?", [made.id])
    assert_totals_right(db)


def test_a_migrated_old_file_starts_with_totals_of_its_history(tmp_path, items, now):
    """A file written before the totals existed gets them filled in by the migration."""
    path = tmp_path / "old.db"
    db = open_database(path, now=now)
    study(db, items, now - timedelta(days=5), 5)
    expected = recomputed_retention(db), recomputed_buckets(db)
    ours = "name LIKE 'review_days_%' OR name LIKE '%_activity_%' OR name LIKE 'latest_answers_%'"
    triggers = db.execute(f"SELECT name FROM sqlite_master WHERE type = 'trigger' AND ({ours})").fetchall()
    for (trigger,) in triggers:
        db.execute(f"DROP TRIGGER {trigger}")
    db.execute("DROP TABLE review_days")
    db.execute("DROP TABLE activity_buckets")
    db.execute("DROP TABLE latest_answers")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '0011_history_aggregates'")
    db.close()
    migrated = open_database(path, now=now)
    assert (recomputed_retention(migrated), recomputed_buckets(migrated)) == expected
    assert_totals_right(migrated)
    migrated.close()


def test_retention_and_calendar_read_the_totals(db, items, now):
    study(db, items, now - timedelta(days=10), 10)
    reviews, correct = recomputed_retention(db)
    found = true_retention(db, now)
    assert (found.reviews, found.correct) == (reviews, correct)
    settings = day_settings(db)
    calendar = dict(activity_calendar(db, now))
    assert sum(calendar.values()) == sum(active_days(db, settings.start(min(calendar)), settings.tz,
                                                     settings.rollover_hour).values())
    assert sum(calendar.values()) >= 10 * len(items) - len(items)  # days before the calendar's start aside


def hot_statements(db, now) -> list[str]:
    """Every statement the hot reads run: true retention, the latest answers, the calendar."""
    traced: list[str] = []
    db.conn.set_trace_callback(traced.append)
    try:
        true_retention(db, now)
        latest_graded_outcomes(db)
        activity_calendar(db, now)
    finally:
        db.conn.set_trace_callback(None)
    return [statement for statement in traced if statement.lstrip().upper().startswith(("SELECT", "WITH"))]


def test_no_hot_query_scans_a_history_table(db, items, now):
    study(db, items, now - timedelta(days=5), 5)
    db.execute("ANALYZE")
    statements = hot_statements(db, now)
    assert len(statements) >= 4
    for statement in statements:
        plan = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {statement}")]
        scans = [step for step in plan if re.match(rf"SCAN ({'|'.join(HISTORY_TABLES)})\b", step)]
        assert not scans, (statement, plan)


def test_the_scan_check_can_fail(db):
    """The check above would see a full scan: a DISTINCT over the attempts is one."""
    plan = [row[3] for row in db.execute(
        "EXPLAIN QUERY PLAN SELECT COUNT(*) FROM quiz_attempts WHERE seconds > 3")]
    assert any(step.startswith("SCAN quiz_attempts") for step in plan)


def test_a_plain_connection_keeps_the_totals_like_sqlite_utils(db_path, items, now):
    """The fast path's connection runs the same triggers (recursive ones included)."""
    open_database(db_path, now=now).close()
    store = open_store(db_path, now=now)
    assert not hasattr(store, "table_names")  # the plain connection, not sqlite-utils
    study(store, items, now - timedelta(days=4), 4)
    assert_totals_right(store)
    store.close()
    assert sqlite3.connect(db_path).execute("PRAGMA integrity_check").fetchone()[0] == "ok"
