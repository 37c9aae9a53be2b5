"""The learner's journal: the daily condition check-in, the long-view goal, lesson ratings."""

from dataclasses import dataclass
from datetime import date, datetime

from sqlite_utils import Database

from studytrack.clock import to_iso
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.store.database import immediate

CONDITIONS = ("good", "okay", "low")
"""How the learner feels today; it sizes today's session."""

RATINGS = ("too_easy", "just_right", "too_hard")
"""A learner's verdict on a lesson's difficulty (feedback, as the instructor asked)."""

TEXT = Catalog("store.journal")


@dataclass(frozen=True)
class CheckIn:
    """One condition check-in."""

    id: int
    day: str
    condition: str
    created_at: str


@dataclass(frozen=True)
class Goal:
    """The long-view goal ("In 10 months I want to …") as set at ``created_at``."""

    id: int
    text: str
    created_at: str


@dataclass(frozen=True)
class LessonRating:
    """One "too easy / just right / too hard" verdict on a lesson."""

    id: int
    lesson_id: str
    rating: str
    created_at: str


def check_in(
    db: Database, day: date, condition: str, now: datetime, lang: str = "en"
) -> CheckIn:
    """Record how the learner feels on study day ``day``; the latest check-in of a day counts."""
    if condition not in CONDITIONS:
        raise StudytrackError(
            TEXT("bad_condition", lang, condition=condition, choices=", ".join(CONDITIONS))
        )
    with immediate(db):
        cursor = db.execute(
            "INSERT INTO checkins (day, condition, created_at) VALUES (?, ?, ?)",
            [day.isoformat(), condition, to_iso(now)],
        )
    return CheckIn(cursor.lastrowid, day.isoformat(), condition, to_iso(now))


def checkin_for(db: Database, day: date) -> CheckIn | None:
    """The check-in that counts for study day ``day`` (the latest), or None."""
    row = db.execute(
        "SELECT * FROM checkins WHERE day = ? ORDER BY id DESC LIMIT 1", [day.isoformat()]
    ).fetchone()
    return CheckIn(*row) if row else None


def checkin_days(db: Database, since: date) -> dict[str, str]:
    """Study day → condition for every day since ``since`` with a check-in."""
    rows = db.execute(
        "SELECT day, condition FROM checkins WHERE day >= ? ORDER BY day, id", [since.isoformat()]
    ).fetchall()
    return dict(rows)


def set_goal(db: Database, text: str, now: datetime, lang: str = "en") -> Goal:
    """Set (or change) the long-view goal; earlier goals stay in the history."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise StudytrackError(TEXT("empty_goal", lang))
    with immediate(db):
        cursor = db.execute(
            "INSERT INTO goals (text, created_at) VALUES (?, ?)", [cleaned, to_iso(now)]
        )
    return Goal(cursor.lastrowid, cleaned, to_iso(now))


def current_goal(db: Database) -> Goal | None:
    """The latest long-view goal, or None when the learner has not set one."""
    row = db.execute("SELECT * FROM goals ORDER BY id DESC LIMIT 1").fetchone()
    return Goal(*row) if row else None


def rate_lesson(
    db: Database, lesson_id: str, rating: str, now: datetime, lang: str = "en"
) -> LessonRating:
    """Record the learner's verdict on a lesson's difficulty."""
    if rating not in RATINGS:
        raise StudytrackError(
            TEXT("bad_rating", lang, rating=rating, choices=", ".join(RATINGS))
        )
    with immediate(db):
        cursor = db.execute(
            "INSERT INTO lesson_ratings (lesson_id, rating, created_at) VALUES (?, ?, ?)",
            [lesson_id, rating, to_iso(now)],
        )
    return LessonRating(cursor.lastrowid, lesson_id, rating, to_iso(now))


def latest_ratings(db: Database) -> dict[str, LessonRating]:
    """Each rated lesson's most recent rating."""
    rows = db.execute(
        "SELECT * FROM lesson_ratings WHERE id IN "
        "(SELECT MAX(id) FROM lesson_ratings GROUP BY lesson_id)"
    ).fetchall()
    return {row[1]: LessonRating(*row) for row in rows}
