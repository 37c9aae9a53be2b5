"""The learner's record as the home screen needs it: their study day, latest answers, where they
were, today's session, and everything of "today at a glance" gathered in one read.

Where a study day begins and ends comes from one helper, ``studytrack.store.settings.day_settings``
(the learner's zone and rollover hour), shared with the planner, the statistics and the
command line, so Home's check-in and today's session always agree on what "today" is.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from studytrack.domain.planning.today import CourseOutline, TodayPlan, outline_of
from studytrack.domain.progress.standing import (
    CALENDAR_WEEKS,
    ReadingPoint,
    calendar_start,
    next_lesson,
    topics_to_practise,
)
from studytrack.store.activity import active_days
from studytrack.store.connection import StoreDatabase
from studytrack.store.flags import Flag, list_flags
from studytrack.store.journal import CheckIn, Goal, checkin_for, current_goal, latest_ratings
from studytrack.store.plan import IN_COURSE, plan_today
from studytrack.store.settings import day_settings

if TYPE_CHECKING:
    from studytrack.domain.content.course import Course


def latest_graded_outcomes(
    db: StoreDatabase, *, only_wrong: bool = False, items: str | None = None
) -> dict[str, tuple[str, str]]:
    """Quiz item → ``(topic_id, outcome)`` of its latest correct/incorrect answer; with
    ``only_wrong``, just the items whose latest graded answer was wrong (all that the topics to
    practise depend on); with ``items`` (item ids as a JSON list, ``plan.course_items``), just
    those items, by a seek each (the items of the course: those no longer in it can be many).

    Read from ``latest_answers`` (one row per answered item, kept by triggers: migration
    ``0011_history_aggregates``), so the cost follows the course's items, never the history.
    """
    conditions, args = ["outcome = 'incorrect'"] if only_wrong else [], []
    if items is not None:
        conditions.append(IN_COURSE)
        args.append(items)
    where = f" WHERE {' AND '.join(conditions)}" if conditions else ""
    rows = db.execute(f"SELECT item_id, topic_id, outcome FROM latest_answers{where}", args).fetchall()
    return {item_id: (topic_id, outcome) for item_id, topic_id, outcome in rows}


def last_studied_topic(db: StoreDatabase) -> str | None:
    """The topic of the learner's most recent quiz answer or flag, or None."""
    latest = _last_studied(db)
    return latest[0] if latest is not None else None


def _last_studied(db: StoreDatabase) -> tuple[str, str] | None:
    """``(topic_id, created_at)`` of the learner's most recent quiz answer or flag, or None."""
    rows = db.execute(
        "SELECT topic_id, created_at FROM (SELECT topic_id, created_at FROM quiz_attempts "
        "ORDER BY created_at DESC, id DESC LIMIT 1) UNION ALL SELECT topic_id, created_at FROM "
        "(SELECT topic_id, created_at FROM flags ORDER BY created_at DESC, id DESC LIMIT 1)"
    ).fetchall()
    return max(rows, key=lambda row: row[1]) if rows else None


def last_read_or_studied_topic(db: StoreDatabase, course: Course | CourseOutline) -> str | None:
    """The topic the learner was at last: the section they last moved to in a lesson
    (``reading_positions``) or their latest quiz answer or flag, whichever is newer."""
    latest = _last_studied(db)
    studied = latest[0] if latest is not None else None
    row = db.execute("SELECT lesson_id, section, updated_at FROM reading_positions "
                     "ORDER BY updated_at DESC LIMIT 1").fetchone()
    topics = outline_of(course).lesson_topics.get(row[0], ()) if row is not None else ()
    if row is None or not topics:
        return studied
    read_topic = topics[min(int(row[1]), len(topics) - 1)]
    return read_topic if latest is None or row[2] >= latest[1] else studied


def practice_topics(
    db: StoreDatabase, course: Course | CourseOutline, flags: list[Flag] | None = None
) -> list[str]:
    """The topics to practise (a wrong latest answer, or an open flag), in ``course`` order;
    ``flags``: the open flags when already read."""
    open_flags = list_flags(db) if flags is None else flags
    return topics_to_practise(
        latest_graded_outcomes(db, only_wrong=True), (flag.topic_id for flag in open_flags), course.topic_ids
    )


class Overview(NamedTuple):
    """Today at a glance: everything the home screen shows, read in one go (a named tuple: made
    as the app starts, ~1.5 ms less than a frozen dataclass)."""

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
    activity: dict[date, int]
    """Study day → recorded actions, over the calendar's weeks."""
    tz: tzinfo | None = None
    """The learner's time zone (for flag ages)."""
    rollover_hour: int = 4
    """The learner's rollover hour (for flag ages)."""
    plan: TodayPlan | None = None
    """Today's session (``studytrack.store.plan.plan_today``): what today holds."""


def overview(
    db: StoreDatabase, course: Course | CourseOutline, now: datetime, weeks: int = CALENDAR_WEEKS
) -> Overview:
    """Read today at a glance for ``course`` (a ``studytrack.domain.content.course.Course``, or
    its outline: Home passes the cached one, ``store.outline_cache.course_glance``)."""
    outline = outline_of(course)
    days = day_settings(db)
    tz, rollover, today = days.tz, days.rollover_hour, days.day(now)
    flags = list_flags(db)
    finished = frozenset(latest_ratings(db))
    first_day = calendar_start(today, weeks)
    return Overview(
        day=today,
        checkin=checkin_for(db, today),
        goal=current_goal(db),
        open_flags=flags,
        finished_lessons=finished,
        reading=next_lesson(outline.lessons, finished, last_read_or_studied_topic(db, outline)),
        practise=practice_topics(db, outline, flags),
        activity=active_days(db, days.start(first_day), tz, rollover),
        tz=tz,
        rollover_hour=rollover,
        plan=plan_today(db, outline, now),
    )
