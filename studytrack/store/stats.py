"""Progress the learner can trust: mastery per topic, true retention, the review forecast, flags
over time and the consistency calendar (no streaks), read from the store.

The rules (what mastery means, how the forecast spreads a backlog) live in
``studytrack.domain.progress.mastery``; this module reads their inputs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from studytrack.clock import from_iso, to_iso
from studytrack.domain.planning.today import CourseOutline, outline_of
from studytrack.domain.progress.mastery import (
    ForecastDay,
    Suggestion,
    TopicMastery,
    measure_topic,
    spread_forecast,
    suggest_next,
)
from studytrack.domain.progress.standing import CALENDAR_WEEKS, calendar_start
from studytrack.store.activity import active_days
from studytrack.store.breaks import breaks
from studytrack.store.cards import card_recall, card_rows
from studytrack.store.connection import StoreDatabase
from studytrack.store.fitting import forgetting_curve_in_force
from studytrack.store.flags import list_flags
from studytrack.store.plan import IN_COURSE, course_items, estimated_seconds
from studytrack.store.progress import latest_graded_outcomes
from studytrack.store.settings import daily_minutes, day_settings

if TYPE_CHECKING:
    from studytrack.domain.content.course import Course

FORECAST_DAYS = 14
"""How many study days the review forecast covers."""


@dataclass(frozen=True)
class MasteryReport:
    """Mastery of every topic (course order) and a few topics to look at next."""

    topics: tuple[TopicMastery, ...]
    suggestions: tuple[Suggestion, ...]


@dataclass(frozen=True)
class Retention:
    """True retention: of the reviews made at least a day after the card's previous review,
    the share answered correctly (a hint still counts as correct)."""

    reviews: int
    correct: int

    @property
    def rate(self) -> float | None:
        """``correct / reviews``, or None before any such review."""
        return self.correct / self.reviews if self.reviews else None


@dataclass(frozen=True)
class FlagCounts:
    """Flags at the end of one study day."""

    day: date
    open: int
    resolved: int
    """Resolved so far (cumulative)."""


@dataclass(frozen=True)
class ReviewStats:
    """Everything the stats screen and ``studytrack stats`` show."""

    day: date
    mastery: MasteryReport
    retention: Retention
    forecast: tuple[ForecastDay, ...]
    flags: tuple[FlagCounts, ...]
    calendar: tuple[tuple[date, int], ...]
    """Study day → recorded actions, every day of the last ``CALENDAR_WEEKS`` weeks (from a
    Monday), oldest first."""


def topic_mastery(
    db: StoreDatabase, course: Course | CourseOutline, now: datetime,
    exercise_topics: Mapping[str, str] | None = None,
) -> MasteryReport:
    """Mastery of every topic of ``course`` (a ``Course`` or its ``CourseOutline``) now, and
    what to look at next (the definition: ``studytrack.domain.progress.mastery``).
    ``exercise_topics`` (exercise id → topic id, e.g. ``{e.id: e.topic for e in exercises}``)
    adds each topic's solved exercises; without it they count 0 of 0."""
    outline = outline_of(course)
    items_per_topic: dict[str, int] = {}
    for _, topic, _ in outline.items:
        items_per_topic[topic] = items_per_topic.get(topic, 0) + 1
    items = course_items(outline)
    latest = latest_graded_outcomes(db, items=items)  # the course's items only, as its cards below
    recalls: dict[str, list[float]] = {}
    credited: dict[str, list[float]] = {}
    curve = forgetting_curve_in_force(db)
    for row in card_rows(db, IN_COURSE, [items]):  # the course's cards only, by a seek each
        recall = card_recall(row, now, curve)
        recalls.setdefault(row["topic_id"], []).append(recall)
        if latest.get(row["item_id"], ("", ""))[1] == "correct":
            credited.setdefault(row["topic_id"], []).append(recall)
    flags = list_flags(db)
    open_per_topic: dict[str, int] = {}
    for flag in flags:
        open_per_topic[flag.topic_id] = open_per_topic.get(flag.topic_id, 0) + 1
    exercises = exercise_counts(db, exercise_topics or {})
    topics = tuple(
        measure_topic(topic, items_per_topic.get(topic, 0), recalls.get(topic, ()),
                      open_per_topic.get(topic, 0), credited=credited.get(topic, ()),
                      exercises=exercises.get(topic, (0, 0)))
        for topic in outline.topic_ids
    )
    return MasteryReport(topics, suggest_next(topics, [flag.topic_id for flag in flags]))


def exercise_counts(db: StoreDatabase, exercise_topics: Mapping[str, str]) -> dict[str, tuple[int, int]]:
    """Topic → ``(exercises in the course, solved)``: an exercise (numeric or code) is solved
    once any check of it was correct. ``exercise_topics``: exercise id → topic id."""
    solved = {row[0] for row in db.execute(
        "SELECT DISTINCT exercise_id FROM exercise_attempts WHERE outcome = 'correct'")}
    counts: dict[str, tuple[int, int]] = {}
    for exercise_id, topic in exercise_topics.items():
        total, done = counts.get(topic, (0, 0))
        counts[topic] = (total + 1, done + (exercise_id in solved))
    return counts


def true_retention(db: StoreDatabase, now: datetime, days: int | None = None) -> Retention:
    """True retention over all reviews (from the per-day totals the triggers keep, migration
    ``0011_history_aggregates``: a few rows per study day, whatever the size of the log), or
    over the last ``days`` days before ``now`` (the log's rows since then, by its time index)."""
    if days is None:
        reviews, correct = db.execute(
            "SELECT COALESCE(SUM(reviews), 0), COALESCE(SUM(correct), 0) FROM review_days"
        ).fetchone()
        return Retention(reviews, correct)
    where, args = "AND created_at >= ?", [to_iso(now - timedelta(days=days))]
    reviews, correct = db.execute(
        "SELECT COUNT(*), COALESCE(SUM(rating >= 2), 0) FROM review_logs "
        f"WHERE kind = 'review' AND elapsed_days >= 1 {where}", args
    ).fetchone()
    return Retention(reviews, correct)


def review_forecast(
    db: StoreDatabase, course: Course | CourseOutline, now: datetime, days: int = FORECAST_DAYS,
    tz: tzinfo | None = None,
) -> tuple[ForecastDay, ...]:
    """Cards of ``course`` falling due on each of the next ``days`` study days (today first), and
    how sessions within the daily budget would spread them (``domain.mastery.spread_forecast``).
    The cards of items no longer in the course are left out, as today's session leaves them out."""
    settings = day_settings(db, tz)
    today = settings.day(now)
    horizon = [today + timedelta(days=offset) for offset in range(days)]
    due_per_day: dict[date, int] = {}
    rows = db.execute(f"SELECT due FROM cards WHERE {IN_COURSE} AND due < ?",
                      [course_items(outline_of(course)), to_iso(settings.end(horizon[-1]))]).fetchall()
    for (due,) in rows:
        day = max(today, settings.day(from_iso(due)))
        due_per_day[day] = due_per_day.get(day, 0) + 1
    item_seconds, _ = estimated_seconds(db)
    capacity = int(daily_minutes(db) * 60 // item_seconds)
    resting = {
        day for pause in breaks(db) for day in horizon if pause.start_day <= day <= pause.end_day
    }
    return spread_forecast(due_per_day, horizon, capacity, resting)


def flag_history(
    db: StoreDatabase, now: datetime, weeks: int = CALENDAR_WEEKS, tz: tzinfo | None = None
) -> tuple[FlagCounts, ...]:
    """Open and resolved flags at the end of each week's last day, over the last ``weeks``
    weeks; the last point is today (as of ``now``)."""
    settings = day_settings(db, tz)
    today = settings.day(now)
    flags = list_flags(db, include_resolved=True)
    points = []
    for back in range(weeks - 1, -1, -1):
        day = today - timedelta(weeks=back)
        cut = to_iso(min(settings.end(day), now)) if back == 0 else to_iso(settings.end(day))
        opened = [f for f in flags if f.created_at <= cut]
        resolved = sum(1 for f in opened if f.resolved_at is not None and f.resolved_at <= cut)
        points.append(FlagCounts(day, len(opened) - resolved, resolved))
    return tuple(points)


def activity_calendar(
    db: StoreDatabase, now: datetime, weeks: int = CALENDAR_WEEKS, tz: tzinfo | None = None
) -> tuple[tuple[date, int], ...]:
    """Every study day of the last ``weeks`` weeks (from a Monday, through today) with the
    number of actions recorded on it (``store.activity.active_days``)."""
    settings = day_settings(db, tz)
    today = settings.day(now)
    first = calendar_start(today, weeks)
    counts = active_days(db, settings.start(first), settings.tz, settings.rollover_hour)
    return tuple(
        (first + timedelta(days=offset), counts.get(first + timedelta(days=offset), 0))
        for offset in range((today - first).days + 1)
    )


def review_stats(
    db: StoreDatabase, course: Course | CourseOutline, now: datetime,
    exercise_topics: Mapping[str, str] | None = None,
) -> ReviewStats:
    """Everything of the stats view in one call (``course``: a ``Course`` or its outline;
    ``exercise_topics``: exercise id → topic id, for the solved-exercise counts)."""
    return ReviewStats(
        day=day_settings(db).day(now),
        mastery=topic_mastery(db, course, now, exercise_topics),
        retention=true_retention(db, now),
        forecast=review_forecast(db, course, now),
        flags=flag_history(db, now),
        calendar=activity_calendar(db, now),
    )
