"""What a share file is made from, read from the learner's database, and the learner's stored
random cohort-local id.

Read-only queries, apart from storing the id the first time it is needed: latest rating per
lesson, flags by topic, category and status with their notes, the first real try at each quiz
item, every exercise check, the number of study days, and mastery per topic
(``store.stats.topic_mastery``). The domain (``domain.share.summary``) decides what of it is
shared.
"""

from __future__ import annotations

import json
import secrets
from datetime import datetime
from typing import TYPE_CHECKING, Any

from studytrack.domain.exercises.model import load_exercises
from studytrack.domain.share.format import LEARNER_PATTERN
from studytrack.domain.share.summary import (
    ExerciseTry,
    FlagRecord,
    LearnerRecords,
    QuizTry,
    build_summary,
    course_identity,
)
from studytrack.store.activity import active_days
from studytrack.store.connection import StoreDatabase
from studytrack.store.journal import latest_ratings
from studytrack.store.settings import day_settings, get_setting, set_setting
from studytrack.store.stats import topic_mastery

if TYPE_CHECKING:
    from studytrack.domain.content.course import Course

COHORT_ID_SETTING = "cohort_id"
"""The setting that holds the learner's random cohort-local id."""

EPOCH = datetime.fromisoformat("1970-01-01T00:00:00+00:00")
"""Before any record: study days are counted from here."""


def cohort_id(db: StoreDatabase) -> str:
    """The learner's random cohort-local id (128 bits, hex), made and stored on first use so a
    later share replaces the earlier one in the instructor's report. It says nothing about the
    learner: it is not derived from anything."""
    stored = get_setting(db, COHORT_ID_SETTING)
    if LEARNER_PATTERN.fullmatch(stored):
        return stored
    fresh = secrets.token_hex(16)
    set_setting(db, COHORT_ID_SETTING, fresh)
    return fresh


def share_document(db: StoreDatabase, course: Course, now: datetime, *, with_notes: bool = False) -> dict[str, Any]:
    """The learner's share document for ``course`` as of ``now`` (what ``studytrack share`` and the
    Share screen show and write); stores the cohort id the first time."""
    records = learner_records(db, course, now, cohort_id(db))
    exercises = load_exercises(course.root, course.topic_ids)
    return build_summary(records, course, course_identity(course), exercises, with_notes=with_notes)


def learner_records(db: StoreDatabase, course: Course, now: datetime, learner_id: str) -> LearnerRecords:
    """Everything a share file of ``course`` may be made from, as of ``now``."""
    settings = day_settings(db)
    return LearnerRecords(
        learner_id=learner_id,
        shared_on=settings.day(now),
        ratings={lesson: rating.rating for lesson, rating in latest_ratings(db).items()},
        mastery={topic.topic_id: topic.mastery for topic in topic_mastery(db, course, now).topics},
        flags=flag_records(db),
        first_tries=first_quiz_tries(db),
        exercise_tries=exercise_tries(db),
        study_days=len(active_days(db, EPOCH, settings.tz, settings.rollover_hour)),
    )


def flag_records(db: StoreDatabase) -> tuple[FlagRecord, ...]:
    """Every flag, oldest first: topic, category, open or resolved, and its two notes."""
    rows = db.execute(
        "SELECT topic_id, category, resolved_at IS NULL, note, COALESCE(resolution_note, '') "
        "FROM flags ORDER BY created_at, id"
    ).fetchall()
    return tuple(FlagRecord(topic, category, bool(is_open), note, clicked)
                 for topic, category, is_open, note, clicked in rows)


def first_quiz_tries(db: StoreDatabase) -> tuple[QuizTry, ...]:
    """The first real try (correct or incorrect; empty and unreadable answers are no try) at each
    quiz item, with the answer as stored."""
    rows = db.execute(
        "SELECT item_id, outcome, answer FROM quiz_attempts WHERE id IN ("
        " SELECT MIN(id) FROM quiz_attempts WHERE outcome IN ('correct', 'incorrect') GROUP BY item_id"
        ") ORDER BY item_id"
    ).fetchall()
    return tuple(QuizTry(item, outcome, answer) for item, outcome, answer in rows)


def exercise_tries(db: StoreDatabase) -> tuple[ExerciseTry, ...]:
    """Every exercise check, oldest first: which problem, the raw answers, the outcome."""
    rows = db.execute(
        "SELECT exercise_id, seed, difficulty, answers, outcome FROM exercise_attempts ORDER BY created_at, id"
    ).fetchall()
    return tuple(ExerciseTry(exercise, seed, difficulty, _answers(text), outcome)
                 for exercise, seed, difficulty, text, outcome in rows)


def _answers(text: str) -> dict[str, str]:
    """The stored answers (JSON by name); empty when the row holds something else."""
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(name): str(given) for name, given in value.items()}
