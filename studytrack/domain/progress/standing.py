"""Where the learner stands, computed from their own record: the next lesson to read, the topics
to practise, which quiz items to ask, the steps of today's review session and what it comes to,
the consistency calendar's grid, a flag's age and which flags a filter lets through.

Pure functions: the store gathers the record, the app shows the answers.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timedelta, tzinfo
from typing import NamedTuple, Protocol, TypeVar

from studytrack.domain.planning.days import DEFAULT_ROLLOVER_HOUR, study_day
from studytrack.domain.planning.today import TodayPlan
from studytrack.vocabulary import Condition

NEW_MATERIAL_CONDITIONS = (Condition.GOOD,)
"""Conditions on which the day's plan includes new lessons (``okay`` and ``low`` review only)."""

CALENDAR_WEEKS = 12
"""How many weeks the consistency calendar shows."""

ACTIVITY_LEVELS = (0, 1, 3, 6, 11)
"""The fewest actions a day needs for each shade of the calendar (level 0 to 4)."""


SESSION_ORDER = ("review", "flag", "new")
"""The order a review session takes its steps in: what is fading first (the plan's order, most
forgotten first), then the flags to revisit, then new material."""


class ReadingPoint(NamedTuple):
    """Where to read next: a lesson, and the section to start at when continuing."""

    lesson_id: str
    topic_id: str | None = None
    """The section to open at (None: the beginning)."""
    continuing: bool = False
    """True when the learner was already working in this lesson."""


def new_material_today(condition: str | None) -> bool:
    """Whether today's plan includes new lessons: only on a ``good`` day (or with no check-in)."""
    return condition is None or condition in NEW_MATERIAL_CONDITIONS


def next_lesson(
    lessons: Sequence[tuple[str, Sequence[str]]],
    finished: Iterable[str],
    last_topic: str | None = None,
) -> ReadingPoint | None:
    """The lesson to read next, or None when every lesson is finished.

    ``lessons`` are ``(lesson_id, topic_ids)`` in reading order; a lesson is finished once the
    learner rated it at its end. When ``last_topic`` (the topic of the learner's latest flag or
    quiz answer) lies in an unfinished lesson, that is where they were: continue there, at that
    section. Otherwise the first unfinished lesson, from its beginning.
    """
    done = set(finished)
    if last_topic is not None:
        for lesson_id, topics in lessons:
            if last_topic in topics and lesson_id not in done:
                return ReadingPoint(lesson_id, last_topic, continuing=True)
    for lesson_id, _ in lessons:
        if lesson_id not in done:
            return ReadingPoint(lesson_id)
    return None


def topics_to_practise(
    latest_outcomes: Mapping[str, tuple[str, str]],
    flagged_topics: Iterable[str],
    topic_order: Sequence[str],
) -> list[str]:
    """Topics to practise: those where an item's latest graded answer was wrong, or with an open
    flag; in course order.

    ``latest_outcomes`` maps a quiz item to ``(topic_id, outcome)`` of its latest graded answer.
    """
    wanted = {topic for topic, outcome in latest_outcomes.values() if outcome == "incorrect"}
    wanted.update(flagged_topics)
    rank = {topic: number for number, topic in enumerate(topic_order)}
    return sorted(wanted, key=lambda topic: (rank.get(topic, len(rank)), topic))


class AboutATopic(Protocol):
    """Anything that belongs to one topic: a quiz item, an exercise."""

    @property
    def topic(self) -> str:
        """The topic id."""
        ...


class FlagLike(Protocol):
    """What ``filter_flags`` reads of a flag (``studytrack.store.flags.Flag``)."""

    @property
    def category(self) -> str:
        """The flag's category."""
        ...

    @property
    def is_open(self) -> bool:
        """True while the flag is not resolved."""
        ...


TopicItem = TypeVar("TopicItem", bound=AboutATopic)
FlagT = TypeVar("FlagT", bound=FlagLike)
Option = TypeVar("Option")


def about_topics(items: Iterable[TopicItem], topic_ids: Iterable[str]) -> list[TopicItem]:
    """The items about any of ``topic_ids`` (quiz items, exercises: anything with a ``topic``),
    in their given order."""
    topics = set(topic_ids)
    return [item for item in items if item.topic in topics]


def topics_to_revisit(results: Iterable[tuple[str, str]]) -> list[str]:
    """The topics answered wrong in a quiz run, in the order met; ``results`` are
    ``(topic_id, outcome)``."""
    return list(dict.fromkeys(topic for topic, outcome in results if outcome == "incorrect"))


def calendar_start(today: date, weeks: int = CALENDAR_WEEKS) -> date:
    """The first day the calendar shows: the Monday ``weeks - 1`` weeks before ``today``'s week."""
    return today - timedelta(days=today.weekday(), weeks=weeks - 1)


def calendar_weeks(today: date, weeks: int = CALENDAR_WEEKS) -> list[list[date | None]]:
    """The calendar's grid: ``weeks`` columns of seven days, Monday first, ending with the week of
    ``today``; days after ``today`` are None."""
    first_monday = calendar_start(today, weeks)
    grid: list[list[date | None]] = []
    for week in range(weeks):
        monday = first_monday + timedelta(weeks=week)
        days = [monday + timedelta(days=offset) for offset in range(7)]
        grid.append([day if day <= today else None for day in days])
    return grid


def activity_level(count: int) -> int:
    """The calendar shade (0 to 4) of a day with ``count`` recorded actions."""
    return max(level for level, least in enumerate(ACTIVITY_LEVELS) if count >= least)


def age_in_days(
    created_at: datetime, now: datetime, tz: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR
) -> int:
    """How many study days ago ``created_at`` was (0: today), never negative."""
    return max(0, (study_day(now, tz, rollover_hour) - study_day(created_at, tz, rollover_hour)).days)


def filter_flags(flags: Iterable[FlagT], category: str | None = None, include_resolved: bool = False) -> list[FlagT]:
    """The flags (``studytrack.store.flags.Flag``) of ``category`` (every category when None),
    open ones only unless ``include_resolved``; order kept."""
    return [
        flag
        for flag in flags
        if (category is None or flag.category == category) and (include_resolved or flag.is_open)
    ]


def next_in_cycle(options: Sequence[Option], current: Option) -> Option:
    """The option after ``current`` in ``options``, wrapping round (``options[0]`` when
    ``current`` is not among them)."""
    if current not in options:
        return options[0]
    return options[(list(options).index(current) + 1) % len(options)]


def days_until(
    moment: datetime, now: datetime, tz: tzinfo, rollover_hour: int = DEFAULT_ROLLOVER_HOUR
) -> int:
    """How many study days from ``now`` until ``moment`` (0: today, 1: tomorrow), never negative."""
    return max(0, (study_day(moment, tz, rollover_hour) - study_day(now, tz, rollover_hour)).days)


class SessionStep(NamedTuple):
    """One step of a review session: a quiz item to answer (a review or a new one) or a flag."""

    kind: str
    """``review``, ``new`` or ``flag`` (see ``SESSION_ORDER``)."""
    topic_id: str
    item_id: str | None = None
    """The quiz item of a ``review`` or ``new`` step."""
    flag_id: int | None = None
    """The flag of a ``flag`` step."""
    retrievability: float | None = None
    """A review's predicted recall when the plan was made."""


def session_steps(plan: TodayPlan, flag_topics: Mapping[int, str]) -> list[SessionStep]:
    """The steps of today's session from ``plan`` (a ``studytrack.domain.planning.today.TodayPlan``), in
    ``SESSION_ORDER``, each part in the plan's own order; ``flag_topics`` maps each planned
    flag to its topic (a flag missing from it, resolved meanwhile, is left out)."""
    steps = [SessionStep("review", r.topic_id, item_id=r.item_id, retrievability=r.retrievability)
             for r in plan.items]
    steps += [SessionStep("flag", flag_topics[flag_id], flag_id=flag_id)
              for flag_id in plan.flag_ids if flag_id in flag_topics]
    steps += [SessionStep("new", n.topic_id, item_id=n.item_id) for n in plan.new_items]
    return steps


class SessionSummary(NamedTuple):
    """What a review session came to."""

    answered: int
    """Quiz items answered right or wrong (reviews and new ones)."""
    right: int
    wrong: int
    new: int
    """Of the answered items, how many were new."""
    resolved: int
    """Flags the learner got at last."""
    still_confused: int
    """Flags kept open."""
    skipped: int
    """Steps passed over without an answer."""
    coming_back: tuple[tuple[int, int], ...]
    """``(days from today, how many items)`` of the next reviews of the answered items, soonest
    first (1: tomorrow)."""


def summarize_session(outcomes: Iterable[tuple[str, str, int | None]], skipped: int = 0) -> SessionSummary:
    """Sum up a session from ``(step kind, outcome, days until the item's next review)`` per
    answered step; a flag's outcome is ``resolved`` or ``still_confused`` (days None)."""
    answered = right = wrong = new = resolved = confused = 0
    coming: dict[int, int] = {}
    for kind, outcome, days in outcomes:
        if kind == "flag":
            resolved += outcome == "resolved"
            confused += outcome == "still_confused"
            continue
        answered += 1
        right += outcome == "correct"
        wrong += outcome == "incorrect"
        new += kind == "new"
        if days is not None:
            coming[days] = coming.get(days, 0) + 1
    return SessionSummary(answered, right, wrong, new, resolved, confused, skipped,
                          tuple(sorted(coming.items())))
