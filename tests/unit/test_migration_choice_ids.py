"""Recorded choice answers move from typed positions to stable choice ids and keep their meaning."""

from datetime import UTC, datetime

import pytest
from sqlite_utils import Database

from studytrack.domain.content.course import load_course
from studytrack.paths import bundled_content_dir
from studytrack.store.choice_ids import (
    CHOICE_IDS_BEFORE_SECOND_EDITION,
    choice_position,
    record_choice_answers_as_ids,
)
from studytrack.store.database import open_database
from studytrack.store.migrations import MIGRATIONS, migration_names
from studytrack.store.quiz_attempts import quiz_attempts, record_quiz_attempt

OLD_KEY_POSITIONS = {
    "analytic-hard-not-a-reason": 4, "analytic-hard-many-dimensions": 4,
    "analytic-hard-non-convex": 1, "analytic-hard-saddle": 2, "gd-idea-foggy-mountain": 3,
    "update-rule-which": 2, "learning-rate-too-large": 4, "mse-gradient-db-formula": 2,
    "mse-gradient-why-x": 3, "own-pace-classmate-faster": 2, "find-gaps-after-lecture": 3,
    "condition-exhausted-today": 4, "long-view-ten-months": 1, "nobody-100-not-everything": 2,
    "nobody-100-hard-week": 1, "focus-selection-and-focus": 3, "feedback-why": 4,
    "parametric-which-models": 1, "loss-purpose-direction": 3, "notation-what-we-change": 2,
    "notation-target-vs-prediction": 4, "error-why-square": 1, "loss-zero-meaning": 3,
    "find-zero-how": 3, "local-global-which-kind": 2, "saddle-x2-minus-y2": 3,
    "convex-linear-regression": 1, "stopping-criterion": 4, "stopping-max-steps": 1,
    "stochastic-full-vs-mini": 2, "stochastic-why-mini-batches": 3,
}
"""The correct position of every choice item as the first edition shipped it."""

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


@pytest.fixture
def db() -> Database:
    """A database with the full schema and answers recorded the first-edition way."""
    database = Database(memory=True)
    MIGRATIONS.apply(database)
    return database


def test_every_first_edition_key_maps_to_the_current_key():
    """A first-edition correct answer still names the correct choice after the migration."""
    course = load_course(bundled_content_dir())
    assert set(CHOICE_IDS_BEFORE_SECOND_EDITION) == set(OLD_KEY_POSITIONS)
    for item_id, position in OLD_KEY_POSITIONS.items():
        item = course.quiz_item(item_id)
        assert item is not None and item.type == "choice", item_id
        assert CHOICE_IDS_BEFORE_SECOND_EDITION[item_id][position - 1] == item.answer_id, item_id


def test_every_kept_choice_id_exists_and_the_others_are_marked_retired():
    course = load_course(bundled_content_dir())
    for item_id, ids in CHOICE_IDS_BEFORE_SECOND_EDITION.items():
        current = set(course.quiz_item(item_id).choice_ids)
        assert len(set(ids)) == len(ids), item_id
        assert all(i in current or i.startswith("retired-") for i in ids), item_id


@pytest.mark.parametrize(("typed", "position"), [
    ("2", 2), (" 2 ", 2), ("b", 2), ("B", 2), ("(b)", 2), ("２", 2), ("4", 4), ("d", 4),
    ("5", None), ("e", None), ("0", None), ("w and b", None), ("", None)])
def test_a_typed_answer_names_a_position(typed, position):
    assert choice_position(typed, 4) == position


def test_recorded_positions_become_the_ids_they_meant(db):
    answers = [
        ("update-rule-which", "2"),           # the old key: w − α·∇L(w)
        ("update-rule-which", "a"),           # w + α·∇L(w)
        ("notation-what-we-change", "(d)"),   # y, so that it matches ŷ
        ("feedback-why", "2"),                # a choice the second edition retired
        ("loss-zero-meaning", "w and b"),     # typed wording: left as typed
        ("mse-one-numeric", "0.0833"),        # not a choice item
    ]
    for item_id, answer in answers:
        record_quiz_attempt(db, item_id, "topic", answer, "incorrect", NOW)
    record_choice_answers_as_ids(db)
    stored = [(a.item_id, a.answer) for a in quiz_attempts(db)]
    assert stored == [
        ("update-rule-which", "minus-alpha-gradient"),
        ("update-rule-which", "plus-alpha-gradient"),
        ("notation-what-we-change", "y-to-match"),
        ("feedback-why", "retired-because-only-people-who"),
        ("loss-zero-meaning", "w and b"),
        ("mse-one-numeric", "0.0833"),
    ]
    record_choice_answers_as_ids(db)
    assert [(a.item_id, a.answer) for a in quiz_attempts(db)] == stored


def test_the_migration_is_the_last_one_and_runs_when_a_database_opens(tmp_path):
    """A database whose answers were recorded before the change is migrated when it is opened."""
    assert migration_names()[-1] == "0012_choice_answer_ids"
    path = tmp_path / "studytrack.db"
    db = open_database(path)
    record_quiz_attempt(db, "parametric-which-models", "learning.parametric", "1", "correct", NOW)
    record_quiz_attempt(db, "gd-idea-foggy-mountain", "gd.idea", "b", "incorrect", NOW)
    db.execute("DELETE FROM _sqlite_migrations WHERE name = '0012_choice_answer_ids'")
    db.conn.commit()
    db.conn.close()
    reopened = open_database(path)
    assert [(a.item_id, a.answer, a.outcome) for a in quiz_attempts(reopened)] == [
        ("parametric-which-models", "parametric-models", "correct"),
        ("gd-idea-foggy-mountain", "follow-gradient", "incorrect"),
    ]
