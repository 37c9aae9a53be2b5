"""The record of every quiz check."""

from dataclasses import dataclass
from datetime import datetime

from studytrack.clock import to_iso
from studytrack.store.connection import StoreDatabase
from studytrack.store.database import immediate, inserted_id


@dataclass(frozen=True)
class QuizAttempt:
    """One row of quiz_attempts."""

    id: int
    item_id: str
    topic_id: str
    answer: str
    outcome: str
    seconds: float | None
    created_at: str


def record_quiz_attempt(
    db: StoreDatabase,
    item_id: str,
    topic_id: str,
    answer: str,
    outcome: str,
    now: datetime,
    seconds: float | None = None,
) -> QuizAttempt:
    """Store one check of a quiz item; returns the stored row."""
    with immediate(db):
        cursor = db.execute(
            "INSERT INTO quiz_attempts (item_id, topic_id, answer, outcome, seconds, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [item_id, topic_id, answer, outcome, seconds, to_iso(now)],
        )
    return QuizAttempt(inserted_id(cursor), item_id, topic_id, answer, outcome, seconds, to_iso(now))


def quiz_attempts(db: StoreDatabase, item_id: str | None = None) -> list[QuizAttempt]:
    """Stored checks, oldest first; only those of ``item_id`` when given."""
    where, args = ("WHERE item_id = ?", [item_id]) if item_id else ("", [])
    rows = db.execute(f"SELECT id, item_id, topic_id, answer, outcome, seconds, created_at FROM quiz_attempts {where} "
                      "ORDER BY created_at, id", args)
    return [QuizAttempt(*row) for row in rows.fetchall()]
