"""The record of every exercise check, and where the learner's code-exercise workspace is."""

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from studytrack.clock import to_iso
from studytrack.store.connection import StoreDatabase
from studytrack.store.database import immediate, inserted_id

WORKSPACE_KEY = "folder"
"""The key of the workspace folder in the exercise_workspace table."""


@dataclass(frozen=True)
class ExerciseAttempt:
    """One row of exercise_attempts: which problem (exercise, seed, difficulty), what was answered."""

    id: int
    exercise_id: str
    seed: int
    difficulty: str
    answers: dict[str, str]
    """The raw answers by name, as typed (for a code exercise: the file checked)."""
    outcome: str
    seconds: float | None
    created_at: str


def record_exercise_attempt(
    db: StoreDatabase,
    exercise_id: str,
    seed: int,
    answers: Mapping[str, str],
    outcome: str,
    now: datetime,
    *,
    difficulty: str = "normal",
    seconds: float | None = None,
) -> ExerciseAttempt:
    """Store one check of an exercise; returns the stored row."""
    text = json.dumps(dict(answers), ensure_ascii=False, sort_keys=True)
    with immediate(db):
        cursor = db.execute(
            "INSERT INTO exercise_attempts (exercise_id, seed, difficulty, answers, outcome, seconds, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [exercise_id, seed, difficulty, text, outcome, seconds, to_iso(now)],
        )
    return ExerciseAttempt(inserted_id(cursor), exercise_id, seed, difficulty, dict(answers), outcome, seconds,
                           to_iso(now))


def exercise_attempts(
    db: StoreDatabase, exercise_id: str | None = None, seed: int | None = None, difficulty: str | None = None
) -> list[ExerciseAttempt]:
    """Stored checks, oldest first; only those of ``exercise_id`` (and ``seed``, ``difficulty``) when given."""
    conditions, args = [], []
    for column, value in (("exercise_id", exercise_id), ("seed", seed), ("difficulty", difficulty)):
        if value is not None:
            conditions.append(f"{column} = ?")
            args.append(value)
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = db.execute(
        "SELECT id, exercise_id, seed, difficulty, answers, outcome, seconds, created_at "
        f"FROM exercise_attempts {where} ORDER BY created_at, id",
        args,
    ).fetchall()
    return [ExerciseAttempt(row[0], row[1], row[2], row[3], json.loads(row[4]), *row[5:]) for row in rows]


def has_tried(db: StoreDatabase, exercise_id: str, seed: int | None = None, difficulty: str | None = None) -> bool:
    """True when the learner has checked a real answer to this problem: one that was judged
    (right or wrong, a run that diverged, a file that ran). An empty or invalid answer is not one.

    The solution opens only then. ``seed`` and ``difficulty`` of None match any (a code
    exercise's reference solution is the same for every seed).
    """
    unjudged = ("not_attempted", "invalid")
    return any(attempt.outcome not in unjudged for attempt in exercise_attempts(db, exercise_id, seed, difficulty))


def remember_workspace(db: StoreDatabase, folder: Path, now: datetime) -> None:
    """Remember the code-exercise workspace folder, so checks find the learner's files."""
    with immediate(db):
        db.execute(
            "INSERT INTO exercise_workspace (key, value, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            [WORKSPACE_KEY, str(folder), to_iso(now)],
        )


def remembered_workspace(db: StoreDatabase) -> Path | None:
    """The workspace folder last set up, or None when there is none yet."""
    row = db.execute("SELECT value FROM exercise_workspace WHERE key = ?", [WORKSPACE_KEY]).fetchone()
    return Path(row[0]) if row else None


def exercise_outcomes(db: StoreDatabase) -> dict[str, set[str]]:
    """Exercise id → every outcome its checks had so far (``correct`` among them: solved), for the
    app's exercise browser."""
    outcomes: dict[str, set[str]] = {}
    for exercise_id, outcome in db.execute("SELECT DISTINCT exercise_id, outcome FROM exercise_attempts"):
        outcomes.setdefault(exercise_id, set()).add(outcome)
    return outcomes
