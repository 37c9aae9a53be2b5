"""The learner's mistakes: quiz items and exercises whose check was wrong, with what they answered,
newest first (the app's mistakes view; drilling one again never moves the schedule)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass

from studytrack.store.connection import StoreDatabase


@dataclass(frozen=True)
class Mistake:
    """One wrong check: a quiz item (``kind`` ``quiz``) or an exercise (``exercise``)."""

    kind: str
    """``quiz`` or ``exercise``."""
    subject_id: str
    """The quiz item's or the exercise's id."""
    topic_id: str
    answer: str
    """What the learner answered: the stored answer of a quiz item (a choice's id for a choice),
    ``name = value`` pairs of an exercise."""
    created_at: str


def wrong_answers(db: StoreDatabase, exercise_topics: Mapping[str, str], topic_id: str | None = None,
                  limit: int = 200) -> list[Mistake]:
    """The quiz items and exercises checked wrong (incorrect, or a diverged descent), newest
    first, at most ``limit``; only those of ``topic_id`` when given. ``exercise_topics``:
    exercise id → topic id (an exercise the course no longer has is left out)."""
    quiz = db.execute(
        "SELECT item_id, topic_id, answer, created_at, id FROM quiz_attempts WHERE outcome = 'incorrect' "
        "ORDER BY created_at DESC, id DESC LIMIT ?", [limit]).fetchall()
    found = [Mistake("quiz", item, topic, answer, created_at) for item, topic, answer, created_at, _ in quiz]
    exercises = db.execute(
        "SELECT exercise_id, answers, created_at FROM exercise_attempts "
        "WHERE outcome IN ('incorrect', 'diverged') ORDER BY created_at DESC, id DESC LIMIT ?", [limit]).fetchall()
    for exercise_id, answers, created_at in exercises:
        if exercise_id in exercise_topics:
            found.append(Mistake("exercise", exercise_id, exercise_topics[exercise_id],
                                 _answer_text(answers), created_at))
    found.sort(key=lambda mistake: mistake.created_at, reverse=True)
    return [mistake for mistake in found if topic_id in (None, mistake.topic_id)][:limit]


def _answer_text(stored: str) -> str:
    """An exercise check's stored answers as ``name = value`` pairs (a code check stores none)."""
    try:
        answers = json.loads(stored)
    except ValueError:
        return stored
    if isinstance(answers, dict):
        return ", ".join(f"{name} = {value}" for name, value in answers.items())
    return str(answers)
