"""Spaced repetition of quiz items with FSRS: grading an answer, reviewing a card, recall odds.

Scheduling is day-granular: the scheduler has no (re)learning steps of minutes, so every review
puts a card at least one day ahead, and a wrong answer comes back on a later study day rather
than minutes later in the same sitting. Fuzzing is off everywhere: the daily session (see
``studytrack.domain.planning.today``) already spreads the load under the learner's time budget, and a
deterministic schedule makes undo, replays and tests exact.
"""

import zlib
from datetime import UTC, datetime
from functools import lru_cache

from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import DEFAULT_PARAMETERS

from studytrack.domain.planning.forgetting import forgetting_curve
from studytrack.vocabulary import DESIRED_RETENTION_MAX, DESIRED_RETENTION_MIN

DEFAULT_DESIRED_RETENTION = 0.9
"""The share of reviews FSRS aims to have answered correctly (setting ``desired_retention``)."""

RETENTION_RANGE = (DESIRED_RETENTION_MIN, DESIRED_RETENTION_MAX)
"""The desired retentions studytrack accepts; others are clamped into this range."""


def rating_for(outcome: str, hinted: bool = False) -> Rating | None:
    """The FSRS rating of a quiz outcome: correct → Good, correct after a hint → Hard,
    incorrect → Again; None for ``invalid`` / ``not_attempted`` (no review)."""
    if outcome == "correct":
        return Rating.Hard if hinted else Rating.Good
    if outcome == "incorrect":
        return Rating.Again
    return None


@lru_cache(maxsize=8)
def scheduler(
    desired_retention: float = DEFAULT_DESIRED_RETENTION, parameters: tuple[float, ...] | None = None
) -> Scheduler:
    """The FSRS scheduler studytrack uses: FSRS's default weights unless the learner accepted
    fitted ``parameters`` (``studytrack optimize``), no minute steps, no fuzzing."""
    low, high = RETENTION_RANGE
    return Scheduler(
        parameters=DEFAULT_PARAMETERS if parameters is None else parameters,
        desired_retention=min(max(desired_retention, low), high),
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def card_id_for(item_id: str) -> int:
    """A stable FSRS card id for a quiz item (FSRS would otherwise use the wall clock)."""
    return zlib.crc32(item_id.encode("utf-8"))


def review_time(now: datetime) -> datetime:
    """``now`` as FSRS wants it (tzinfo exactly UTC), to the whole second as the store keeps it."""
    if now.tzinfo is None:
        raise ValueError("review times must be timezone-aware")
    return now.astimezone(UTC).replace(microsecond=0)


def review(
    card: Card | None,
    item_id: str,
    rating: Rating,
    now: datetime,
    desired_retention: float = DEFAULT_DESIRED_RETENTION,
    parameters: tuple[float, ...] | None = None,
) -> Card:
    """The card after answering with ``rating`` at ``now``; ``card`` None is a first answer;
    ``parameters``: fitted FSRS parameters (None: FSRS's defaults).

    The card given is not changed.
    """
    moment = review_time(now)
    if card is None:
        card = Card(card_id=card_id_for(item_id), state=State.Learning, step=0, due=moment)
    reviewed, _ = scheduler(desired_retention, parameters).review_card(card, rating, review_datetime=moment)
    return reviewed


def retrievability(card: Card, now: datetime, parameters: tuple[float, ...] | None = None) -> float:
    """The probability (0..1) that the learner recalls ``card`` at ``now``, by FSRS's forgetting
    curve with the decay of ``parameters`` (None: FSRS's defaults); 0 for a card never reviewed."""
    return forgetting_curve(parameters).recall(card.stability, card.last_review, review_time(now))


def interval_days(card: Card) -> float:
    """Days from the card's last review to its due time (0 for a card never reviewed)."""
    if card.last_review is None:
        return 0.0
    return (card.due - card.last_review).total_seconds() / 86400
