"""Honest progress: mastery per topic, what to look at next, and the review forecast. Pure.

Mastery of a topic is a mean over *all* its quiz items: an item counts only while its latest
graded answer was right, weighted by its predicted recall now; an item never answered, or whose
latest answer was wrong, counts 0. So it grows by covering a topic and by remembering it, and a
wrong answer never raises it (predicted recall alone would: a card just answered wrong is at
recall 1.0, and FSRS even raises an overdue card's recall after a lapse). While the topic has an
open flag it is capped at ``FLAGGED_MASTERY_CAP``: the learner said it is not clear yet. Nobody
gets to 1.0 and stays there: recall fades until the next review, as it should. Solved exercises
are counted next to it ("2 of 3 exercises solved"), not mixed into the figure.

The suggestions follow "selection and focus": at most ``MAX_SUGGESTIONS`` topics, one per
reason first (an open flag, fading recall, the next topic not started), not a to-do list.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from studytrack.domain.messages import Message
from studytrack.i18n import Catalog

FLAGGED_MASTERY_CAP = 0.5
"""The highest mastery a topic with an open flag shows."""

FADING_BELOW = 0.8
"""A started topic whose mean recall is below this is suggested for review."""

MAX_SUGGESTIONS = 3
"""How many "look at this next" topics to show."""

REASONS = ("flagged", "fading", "next")
"""Why a topic is suggested, in order of priority."""

TEXT = Catalog("domain.progress.mastery")


@dataclass(frozen=True)
class TopicMastery:
    """How well one topic is held."""

    topic_id: str
    items: int
    """Quiz items of the topic in the course."""
    cards: int
    """Of those, how many the learner has answered (each is a scheduled card)."""
    mean_retrievability: float | None
    """Mean predicted recall of the answered items now (None: none answered)."""
    open_flags: int
    mastery: float | None
    """0..1 (None when the topic has no quiz items to measure it by)."""
    exercises: int = 0
    """Exercises (numeric or code) of the topic in the course."""
    exercises_solved: int = 0
    """Of those, how many the learner has solved (checked correct at least once)."""
    right: int = 0
    """Answered items whose latest graded answer was right (the ones mastery counts)."""


@dataclass(frozen=True)
class Suggestion:
    """One topic to look at next, and why."""

    topic_id: str
    reason: str
    """One of ``REASONS``."""

    @property
    def why(self) -> Message:
        """Why, for the learner (worded when shown)."""
        return Message(TEXT, self.reason)


def measure_topic(
    topic_id: str,
    items: int,
    recalls: Sequence[float],
    open_flags: int,
    *,
    credited: Sequence[float] | None = None,
    exercises: tuple[int, int] = (0, 0),
) -> TopicMastery:
    """The mastery of one topic from its item count, the recall of its answered items
    (``recalls``, for the mean), the recall of those whose latest graded answer was right
    (``credited``: what mastery counts; None when every latest answer was right), its open flags
    and ``exercises`` as ``(in the course, solved)``."""
    counted = recalls if credited is None else credited
    mean = sum(recalls) / len(recalls) if recalls else None
    mastery = None
    if items:
        mastery = min(sum(counted), items) / items
        if open_flags:
            mastery = min(mastery, FLAGGED_MASTERY_CAP)
    return TopicMastery(topic_id, items, len(recalls), mean, open_flags, mastery,
                        exercises[0], min(exercises[1], exercises[0]), len(counted))


def suggest_next(
    topics: Sequence[TopicMastery], oldest_flag_topics: Sequence[str] = ()
) -> tuple[Suggestion, ...]:
    """At most ``MAX_SUGGESTIONS`` topics to look at next. ``topics`` are in course order;
    ``oldest_flag_topics`` are the topics of open flags, oldest flag first."""
    by_reason: dict[str, list[str]] = {
        "flagged": list(dict.fromkeys(oldest_flag_topics)),
        "fading": [
            t.topic_id
            for t in sorted(topics, key=lambda t: (t.mean_retrievability or 0.0))
            if t.mean_retrievability is not None and t.mean_retrievability < FADING_BELOW
        ],
        "next": [t.topic_id for t in topics if t.items and t.cards == 0],
    }
    chosen: list[Suggestion] = []
    seen: set[str] = set()

    def take(reason: str, limit: int) -> None:
        for topic in by_reason[reason]:
            if len(chosen) >= MAX_SUGGESTIONS or limit == 0:
                return
            if topic not in seen:
                seen.add(topic)
                chosen.append(Suggestion(topic, reason))
                limit -= 1

    for reason in REASONS:
        take(reason, 1)
    for reason in ("flagged", "fading"):
        take(reason, MAX_SUGGESTIONS)
    return tuple(chosen)


@dataclass(frozen=True)
class ForecastDay:
    """One study day of the review forecast."""

    day: date
    due: int
    """Cards whose due time falls on this day (cards already overdue count on the first day)."""
    planned: int
    """Reviews a session would hold that day if every earlier session was done: at most the
    day's capacity, the rest carried to the next day (0 on a break)."""


def spread_forecast(
    due_per_day: Mapping[date, int],
    days: Sequence[date],
    capacity: int,
    break_days: Iterable[date] = (),
) -> tuple[ForecastDay, ...]:
    """The forecast over ``days``: what falls due each day, and how sessions of at most
    ``capacity`` reviews spread it (the same rule as today's session; no reviews on a break)."""
    resting = set(break_days)
    carried = 0
    forecast = []
    for day in days:
        due = due_per_day.get(day, 0)
        waiting = carried + due
        planned = 0 if day in resting else min(waiting, max(capacity, 0))
        carried = waiting - planned
        forecast.append(ForecastDay(day, due, planned))
    return tuple(forecast)
