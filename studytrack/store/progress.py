"""The learner's record as the home screen needs it: their study day, latest answers, where they
were, and everything of "today at a glance" gathered in one read."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from sqlite_utils import Database

from studytrack.domain.days import day_start, local_timezone, study_day
from studytrack.domain.progress import (
    CALENDAR_WEEKS,
    ReadingPoint,
    next_lesson,
    topics_to_practise,
)
from studytrack.store.activity import active_days
from studytrack.store.flags import Flag, list_flags
from studytrack.store.journal import CheckIn, Goal, checkin_for, current_goal, latest_ratings
from studytrack.store.settings import get_setting


def learner_time(db: Database) -> tuple[tzinfo, int]:
    """The learner's time zone and rollover hour (settings ``timezone`` and ``rollover_hour``)."""
    name = get_setting(db, "timezone")
    try:
        rollover = int(get_setting(db, "rollover_hour"))
    except ValueError:
        rollover = 4
    return local_timezone(name or None), min(max(rollover, 0), 23)


def learner_day(db: Database, now: datetime) -> date:
    """The study day ``now`` falls on, in the learner's zone and with their rollover hour."""
    tz, rollover = learner_time(db)
    return study_day(now, tz, rollover)


def latest_graded_outcomes(db: Database) -> dict[str, tuple[str, str]]:
    """Quiz item → ``(topic_id, outcome)`` of its latest correct/incorrect answer.

    One index seek per answered item (``quiz_attempts_item``), not a scan of every attempt.
    """
    rows = db.execute(
        "SELECT items.item_id, latest.topic_id, latest.outcome "
        "FROM (SELECT DISTINCT item_id FROM quiz_attempts) AS items "
        "JOIN quiz_attempts AS latest ON latest.id = ("
        "  SELECT id FROM quiz_attempts WHERE item_id = items.item_id"
        "  AND outcome IN ('correct', 'incorrect') ORDER BY created_at DESC, id DESC LIMIT 1)"
    ).fetchall()
    return {item_id: (topic_id, outcome) for item_id, topic_id, outcome in rows}


def last_studied_topic(db: Database) -> str | None:
    """The topic of the learner's most recent quiz answer or flag, or None."""
    rows = db.execute(
        "SELECT topic_id, created_at FROM (SELECT topic_id, created_at FROM quiz_attempts "
        "ORDER BY created_at DESC, id DESC LIMIT 1) UNION ALL SELECT topic_id, created_at FROM "
        "(SELECT topic_id, created_at FROM flags ORDER BY created_at DESC, id DESC LIMIT 1)"
    ).fetchall()
    return max(rows, key=lambda row: row[1])[0] if rows else None


@dataclass(frozen=True)
class Overview:
    """Today at a glance: everything the home screen shows, read in one go."""

    day: date
    """Today's study day."""
    checkin: CheckIn | None
    goal: Goal | None
    open_flags: list[Flag]
    """Open flags, oldest first."""
    finished_lessons: frozenset[str]
    """Lessons the learner rated at their end."""
    reading: ReadingPoint | None
    """The next lesson to read (None when every lesson is finished)."""
    practise: list[str]
    """Topics to practise, in course order."""
    activity: dict[date, int] = field(default_factory=dict)
    """Study day → recorded actions, over the calendar's weeks."""
    tz: tzinfo | None = None
    """The learner's time zone (for flag ages)."""
    rollover_hour: int = 4
    """The learner's rollover hour (for flag ages)."""


def overview(db: Database, course, now: datetime, weeks: int = CALENDAR_WEEKS) -> Overview:
    """Read today at a glance for ``course`` (a ``studytrack.domain.course.Course``)."""
    tz, rollover = learner_time(db)
    today = study_day(now, tz, rollover)
    flags = list_flags(db)
    finished = frozenset(latest_ratings(db))
    lessons = [(lesson.id, [s.topic_id for s in lesson.sections]) for lesson in course.lessons]
    first_day = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    return Overview(
        day=today,
        checkin=checkin_for(db, today),
        goal=current_goal(db),
        open_flags=flags,
        finished_lessons=finished,
        reading=next_lesson(lessons, finished, last_studied_topic(db)),
        practise=topics_to_practise(
            latest_graded_outcomes(db), (flag.topic_id for flag in flags), course.topic_ids
        ),
        activity=active_days(db, day_start(first_day, tz, rollover), tz, rollover),
        tz=tz,
        rollover_hour=rollover,
    )
