"""Gathering today's session from the store: what the planner's rules need, read with bounded
queries (the review log is never scanned).

The rules of the session itself live in ``studytrack.domain.planning.today``.
"""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from studytrack.clock import from_iso, to_iso
from studytrack.domain.planning.today import (
    ANSWER_SAMPLE,
    DEFAULT_FLAG_SECONDS,
    DEFAULT_ITEM_SECONDS,
    FLAG_SAMPLE,
    FLAG_SECONDS_RANGE,
    ITEM_SECONDS_RANGE,
    CourseOutline,
    DueCard,
    NewItem,
    OpenFlag,
    PlanInputs,
    TodayPlan,
    focus_topics,
    measured_seconds,
    outline_of,
    plan_session,
)
from studytrack.store.breaks import break_on
from studytrack.store.cards import ITEMS_LISTED, card_recall, card_rows
from studytrack.store.connection import StoreDatabase
from studytrack.store.fitting import forgetting_curve_in_force
from studytrack.store.flags import list_flags
from studytrack.store.journal import checkin_for, latest_ratings
from studytrack.store.settings import daily_minutes, day_settings
from studytrack.vocabulary import Condition, LogKind

if TYPE_CHECKING:
    from studytrack.domain.content.course import Course


def plan_today(
    db: StoreDatabase, course: Course | CourseOutline, now: datetime, tz: tzinfo | None = None
) -> TodayPlan:
    """Today's session for the learner (see ``studytrack.domain.planning.today`` for the rules).

    ``course`` is the loaded ``Course`` or its ``CourseOutline``; cards of items no longer in it
    are left out. ``tz`` overrides the learner's zone setting. Every query is bounded by
    today's rows, the due cards, the open flags or the latest answers: the log is never scanned.
    """
    outline = outline_of(course)
    days = day_settings(db, tz)
    today = days.day(now)
    checkin = checkin_for(db, today)
    condition = checkin.condition if checkin else None
    ratings = {lesson: rating.rating for lesson, rating in latest_ratings(db).items()}
    on_break = break_on(db, today)
    if on_break is not None:
        return plan_session(PlanInputs(
            day=today, condition=condition, daily_minutes=daily_minutes(db),
            lesson_ratings=ratings, lesson_topics=outline.lesson_topics,
            break_until=on_break.end_day,
        ))
    start, end = to_iso(days.start(today)), to_iso(days.end(today))
    item_seconds, flag_seconds = estimated_seconds(db)
    done = _todays_reviews(db, start, end, item_seconds, flag_seconds)
    open_flags, flagged = _open_flags(db, done.flags_seen)
    focus = focus_topics(ratings, outline.lesson_topics, flagged)
    items = course_items(outline)
    return plan_session(PlanInputs(
        day=today,
        condition=condition,
        daily_minutes=daily_minutes(db),
        lesson_ratings=ratings,
        lesson_topics=outline.lesson_topics,
        due_cards=_due_cards(db, items, focus, (start, end), now),
        open_flags=open_flags,
        new_items=_new_items(db, outline, items) if condition == Condition.GOOD else [],
        flagged_topics=flagged,
        item_seconds=item_seconds,
        flag_seconds=flag_seconds,
        spent_seconds=done.spent_seconds,
        new_today=done.new_items,
    ))


class TodaysReviews(NamedTuple):
    """What today's part of the review log says about the session so far (a named tuple, as the
    planner's value types are: ``studytrack.domain.planning.today``)."""

    spent_seconds: float
    """Time spent on today's reviews and flag reviews (estimates where one was not timed)."""
    new_items: int
    """Items answered for the first time today."""
    flags_seen: frozenset[int]
    """Flags already revisited today."""


def _todays_reviews(
    db: StoreDatabase, start: str, end: str, item_seconds: float, flag_seconds: float
) -> TodaysReviews:
    """The review log between ``start`` and ``end`` (today), summed up."""
    todays = db.execute(
        "SELECT kind, item_id, flag_id, seconds, previous IS NULL FROM review_logs "
        "WHERE created_at >= ? AND created_at < ?", [start, end]
    ).fetchall()
    spent = sum(
        seconds if seconds is not None else (flag_seconds if kind == LogKind.FLAG else item_seconds)
        for kind, _, _, seconds, _ in todays if kind in (LogKind.REVIEW, LogKind.FLAG)
    )
    new_today = sum(1 for kind, _, _, _, first in todays if kind == LogKind.REVIEW and first)
    seen = frozenset(flag_id for kind, _, flag_id, _, _ in todays if kind == LogKind.FLAG)
    return TodaysReviews(spent, new_today, seen)


def _open_flags(db: StoreDatabase, seen_today: frozenset[int]) -> tuple[list[OpenFlag], frozenset[str]]:
    """The open flags not revisited today, and the topics of every open flag."""
    flags = list_flags(db)
    flagged = frozenset(flag.topic_id for flag in flags)
    last_seen = _flags_last_reviewed(db, [flag.id for flag in flags])
    open_flags = [
        OpenFlag(flag.id, flag.topic_id, flag.created_at, last_seen.get(flag.id))
        for flag in flags if flag.id not in seen_today
    ]
    return open_flags, flagged


IN_COURSE = ITEMS_LISTED
"""Cards of the course's items only (a seek per item, given their ids as a JSON list): the cards of
items no longer in the course can be many."""


def course_items(outline: CourseOutline) -> str:
    """The item ids of the course, as the JSON list ``IN_COURSE`` takes."""
    return json.dumps([item_id for item_id, _, _ in outline.items])


def _due_cards(
    db: StoreDatabase, course_items: str, focus: frozenset[str],
    today: tuple[str, str], now: datetime,
) -> list[DueCard]:
    """Cards of the course (``course_items``: its item ids as JSON) due by the end of today and not
    reviewed today, then the cards of ``focus`` topics not reviewed today; ``today`` is its
    ``(start, end)`` as stored text."""
    start, end = today
    rows = card_rows(db, f"{IN_COURSE} AND due < ? AND (last_review IS NULL OR last_review < ?)",
                     [course_items, end, start])
    if focus:
        marks = ", ".join("?" for _ in focus)
        rows += card_rows(db, f"{IN_COURSE} AND topic_id IN ({marks}) AND last_review < ? AND due >= ?",
                          [course_items, *sorted(focus), start, end])
    curve = forgetting_curve_in_force(db)
    return [
        DueCard(row["item_id"], row["topic_id"], from_iso(row["due"]), card_recall(row, now, curve))
        for row in rows
    ]


def _new_items(db: StoreDatabase, outline: CourseOutline, course_items: str) -> list[NewItem]:
    """The course's never-answered quiz items, in reading order; only the course's cards are
    looked up (``IN_COURSE``), never every card the learner has (10,000 at a million logs)."""
    answered = {row[0] for row in db.execute(f"SELECT item_id FROM cards WHERE {IN_COURSE}", [course_items])}
    return [item for item in outline.reading_order() if item.item_id not in answered]


def estimated_seconds(db: StoreDatabase) -> tuple[float, float]:
    """Seconds per quiz item and per flag review: the learner's own medians over their latest
    answers and flag reviews, or the defaults until enough are timed (``domain.today``)."""
    item = measured_seconds(_latest_answer_seconds(db), DEFAULT_ITEM_SECONDS, ITEM_SECONDS_RANGE)
    flag = measured_seconds(_latest_flag_seconds(db), DEFAULT_FLAG_SECONDS, FLAG_SECONDS_RANGE)
    return item, flag


def _latest_answer_seconds(db: StoreDatabase) -> list[float | None]:
    """The recorded times of the latest ``ANSWER_SAMPLE`` quiz attempts (None when untimed)."""
    rows = db.execute(
        "SELECT seconds FROM quiz_attempts ORDER BY id DESC LIMIT ?", [ANSWER_SAMPLE]
    ).fetchall()
    return [row[0] for row in rows]


def _latest_flag_seconds(db: StoreDatabase) -> list[float | None]:
    """The recorded times of the latest ``FLAG_SAMPLE`` flag reviews."""
    rows = db.execute(
        "SELECT seconds FROM review_logs WHERE kind = 'flag' ORDER BY id DESC LIMIT ?",
        [FLAG_SAMPLE],
    ).fetchall()
    return [row[0] for row in rows]


def _flags_last_reviewed(db: StoreDatabase, flag_ids: list[int]) -> dict[int, str]:
    """Flag id → when it was last revisited in a session, for the flags that were (one query,
    one seek per flag on ``review_logs_flag``)."""
    if not flag_ids:
        return {}
    marks = ", ".join("?" for _ in flag_ids)
    rows = db.execute(
        "SELECT flag_id, created_at FROM review_logs WHERE id IN ("
        f"SELECT MAX(id) FROM review_logs WHERE flag_id IN ({marks}) GROUP BY flag_id)",
        list(flag_ids),
    ).fetchall()
    return dict(rows)
