"""The vocabularies: the frozen SQL of the migrations allows exactly the values of the enums."""

import re
import sqlite3

import fsrs
import pytest

from studytrack.domain.planning.schedule import RETENTION_RANGE
from studytrack.store.settings import DEFAULTS, RANGES
from studytrack.vocabulary import (
    DESIRED_RETENTION_MAX,
    DESIRED_RETENTION_MIN,
    QUIZ_OUTCOMES,
    CardState,
    Condition,
    Difficulty,
    FlagCategory,
    LessonVerdict,
    LogKind,
    Outcome,
    choices,
)


def table_sql(db, table: str) -> str:
    """The ``CREATE TABLE`` text the migrations left for ``table``."""
    return db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table]).fetchone()[0]


def allowed(db, table: str, column: str) -> list[str]:
    """The values of ``column``'s ``CHECK (column IN (…))`` constraint, in their written order."""
    found = re.search(rf"CHECK \({column} IN \(([^)]*)\)\)", table_sql(db, table))
    assert found, f"{table}.{column} has no CHECK … IN constraint"
    return [value.strip().strip("'") for value in found.group(1).split(",")]


@pytest.mark.parametrize(
    ("table", "column", "values"),
    [
        ("flags", "category", choices(FlagCategory)),
        ("quiz_attempts", "outcome", tuple(QUIZ_OUTCOMES)),
        ("exercise_attempts", "outcome", choices(Outcome)),
        ("checkins", "condition", choices(Condition)),
        ("lesson_ratings", "rating", choices(LessonVerdict)),
        ("review_logs", "kind", choices(LogKind)),
    ],
)
def test_every_check_constraint_allows_exactly_the_enum(db, table, column, values):
    """A value the enum has and the table refuses (or the reverse) fails here, not in use."""
    assert allowed(db, table, column) == list(values)


def test_card_states_are_the_ones_the_table_allows_and_fsrs_uses(db):
    """``cards.state`` holds ``fsrs.State`` numbers; ``CardState`` names the same three."""
    assert [int(value) for value in allowed(db, "cards", "state")] == [int(state) for state in CardState]
    assert {state.name.lower(): int(state) for state in CardState} == {
        state.name.lower(): int(state.value) for state in fsrs.State
    }


def test_the_default_difficulty_is_a_difficulty(db):
    """``exercise_attempts.difficulty`` defaults to the middle difficulty."""
    assert f"difficulty TEXT NOT NULL DEFAULT '{Difficulty.NORMAL}'" in table_sql(db, "exercise_attempts")


def test_a_value_outside_the_vocabulary_is_refused_by_the_database(db):
    """The constraint the test above reads is the one SQLite enforces."""
    with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
        db.execute("INSERT INTO checkins (day, condition, created_at) VALUES ('2026-11-28', 'great', 'x')")


def test_the_retention_range_is_one_range():
    """The setting's allowed range and the scheduler's clamp are the same constants."""
    assert RANGES["desired_retention"] == (DESIRED_RETENTION_MIN, DESIRED_RETENTION_MAX)
    assert RETENTION_RANGE == (DESIRED_RETENTION_MIN, DESIRED_RETENTION_MAX)
    assert DESIRED_RETENTION_MIN <= float(DEFAULTS["desired_retention"]) <= DESIRED_RETENTION_MAX


def test_enum_members_are_their_stored_text():
    """A member is the very string the database holds, so comparing with a stored value works."""
    assert Condition.GOOD == "good" and f"{LogKind.FLAG}" == "flag"
    assert choices(Difficulty) == ("easy", "normal", "hard")
