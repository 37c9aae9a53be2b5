"""The learner's journal: the daily condition check-in, the long-view goal, lesson ratings and
where they stopped reading each lesson. Each entry is undoable (``store.undo``)."""

from datetime import date
from typing import NamedTuple

from studytrack.clock import to_iso
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.store.connection import StoreDatabase
from studytrack.store.database import immediate, inserted_id
from studytrack.store.learner import Learner
from studytrack.vocabulary import Condition, LessonVerdict, choices

TEXT = Catalog("store.journal")

MAX_GOAL_LENGTH = 500
"""The longest long-view goal kept, in characters (a few sentences)."""


class CheckIn(NamedTuple):
    """One condition check-in."""

    id: int
    day: str
    condition: str
    created_at: str


class Goal(NamedTuple):
    """The long-view goal ("In 10 months I want to …") as set at ``created_at``."""

    id: int
    text: str
    created_at: str


class LessonRating(NamedTuple):
    """One "too easy / just right / too hard" verdict on a lesson."""

    id: int
    lesson_id: str
    rating: str
    created_at: str


def check_in(learner: Learner, day: date, condition: str) -> CheckIn:
    """Record how the learner feels on study day ``day``; the latest check-in of a day counts."""
    # Deferred: store.undo imports the FSRS card replay (~9 ms at start-up); reading the journal never needs it.
    from studytrack.store.undo import journal_entry  # noqa: PLC0415

    db, lang, created_at = learner.db, learner.lang, to_iso(learner.now())
    if condition not in choices(Condition):
        raise StudytrackError(
            TEXT("bad_condition", lang, condition=condition, choices=", ".join(choices(Condition)))
        )
    with immediate(db):
        cursor = db.execute(
            "INSERT INTO checkins (day, condition, created_at) VALUES (?, ?, ?)",
            [day.isoformat(), condition, created_at],
        )
        checkin_id = inserted_id(cursor)
        journal_entry(db, "checkin", "checkins", checkin_id, learner.now())
    return CheckIn(checkin_id, day.isoformat(), condition, created_at)


def checkin_for(db: StoreDatabase, day: date) -> CheckIn | None:
    """The check-in that counts for study day ``day`` (the latest), or None."""
    row = db.execute(
        "SELECT id, day, condition, created_at FROM checkins WHERE day = ? ORDER BY id DESC LIMIT 1", [day.isoformat()]
    ).fetchone()
    return CheckIn(*row) if row else None


def checkin_days(db: StoreDatabase, since: date) -> dict[str, str]:
    """Study day → condition for every day since ``since`` with a check-in."""
    rows = db.execute(
        "SELECT day, condition FROM checkins WHERE day >= ? ORDER BY day, id", [since.isoformat()]
    ).fetchall()
    return dict(rows)


def set_goal(learner: Learner, text: str) -> Goal:
    """Set (or change) the long-view goal; earlier goals stay in the history."""
    # Deferred: store.undo imports the FSRS card replay (~9 ms at start-up); reading the journal never needs it.
    from studytrack.store.undo import journal_entry  # noqa: PLC0415

    cleaned = " ".join(text.split())
    if not cleaned:
        raise StudytrackError(TEXT("empty_goal", learner.lang))
    if len(cleaned) > MAX_GOAL_LENGTH:
        raise StudytrackError(TEXT("goal_too_long", learner.lang, length=len(cleaned),
                                   limit=MAX_GOAL_LENGTH))
    moment = learner.now()
    created_at = to_iso(moment)
    with immediate(learner.db):
        cursor = learner.db.execute(
            "INSERT INTO goals (text, created_at) VALUES (?, ?)", [cleaned, created_at]
        )
        goal_id = inserted_id(cursor)
        journal_entry(learner.db, "goal", "goals", goal_id, moment)
    return Goal(goal_id, cleaned, created_at)


def current_goal(db: StoreDatabase) -> Goal | None:
    """The latest long-view goal, or None when the learner has not set one."""
    row = db.execute("SELECT id, text, created_at FROM goals ORDER BY id DESC LIMIT 1").fetchone()
    return Goal(*row) if row else None


def rate_lesson(learner: Learner, lesson_id: str, rating: str) -> LessonRating:
    """Record the learner's verdict on a lesson's difficulty."""
    # Deferred: store.undo imports the FSRS card replay (~9 ms at start-up); reading the journal never needs it.
    from studytrack.store.undo import journal_entry  # noqa: PLC0415

    db, lang, created_at = learner.db, learner.lang, to_iso(learner.now())
    if rating not in choices(LessonVerdict):
        raise StudytrackError(
            TEXT("bad_rating", lang, rating=rating, choices=", ".join(choices(LessonVerdict)))
        )
    with immediate(db):
        cursor = db.execute(
            "INSERT INTO lesson_ratings (lesson_id, rating, created_at) VALUES (?, ?, ?)",
            [lesson_id, rating, created_at],
        )
        rating_id = inserted_id(cursor)
        journal_entry(db, "rating", "lesson_ratings", rating_id, learner.now())
    return LessonRating(rating_id, lesson_id, rating, created_at)


def latest_ratings(db: StoreDatabase) -> dict[str, LessonRating]:
    """Each rated lesson's most recent rating."""
    rows = db.execute(
        "SELECT id, lesson_id, rating, created_at FROM lesson_ratings WHERE id IN "
        "(SELECT MAX(id) FROM lesson_ratings GROUP BY lesson_id)"
    ).fetchall()
    return {row[1]: LessonRating(*row) for row in rows}


def remember_reading(learner: Learner, lesson_id: str, section: int) -> None:
    """Remember that the learner is reading section ``section`` (0-based index) of lesson
    ``lesson_id``, so reopening the lesson can offer to resume there. Not a learner entry to undo:
    reading on simply moves the mark."""
    if section < 0:
        raise ValueError(f"a section index is never negative: {section}")
    with immediate(learner.db):
        learner.db.execute(
            "INSERT INTO reading_positions (lesson_id, section, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(lesson_id) DO UPDATE SET section = excluded.section, "
            "updated_at = excluded.updated_at",
            [lesson_id, section, to_iso(learner.now())],
        )


def reading_position(db: StoreDatabase, lesson_id: str) -> int | None:
    """The section index where the learner stopped reading ``lesson_id``, or None when they never
    opened it. A caller clamps it to the lesson's sections (the course may have changed)."""
    row = db.execute("SELECT section FROM reading_positions WHERE lesson_id = ?",
                     [lesson_id]).fetchone()
    return None if row is None else int(row[0])
