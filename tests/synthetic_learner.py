"""A synthetic learner whose true forgetting curve is known: FSRS with parameters far from the
defaults (forgets new items fast, slower decay), reviewed on the schedule the default parameters
set (as studytrack does before any fit), late by a random day or two now and then."""

import random
from datetime import UTC, datetime, timedelta

import fsrs_rs_python as fsrs_rs

from studytrack.domain.planning.fitting import DEFAULT_WEIGHTS
from studytrack.domain.planning.parameters import LoggedReview

TRUE_WEIGHTS: tuple[float, ...] = (
    0.08, 0.25, 0.6, 2.0, *DEFAULT_WEIGHTS[4:8], 1.2, 0.3, *DEFAULT_WEIGHTS[10:20], 0.45,
)
"""The learner's real memory: much smaller first stabilities and a different decay than FSRS's
defaults, so the defaults predict this learner badly."""

START = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
"""When the synthetic learner starts."""

MAX_REVIEWS_PER_ITEM = 12
"""The most reviews one item gets (about a year of a well-known item)."""


def recall(stability: float, elapsed_days: float, weights: tuple[float, ...]) -> float:
    """FSRS-6's forgetting curve with ``weights``' decay."""
    decay = weights[20]
    factor = 0.9 ** (-1 / decay) - 1
    return float((1 + factor * elapsed_days / stability) ** -decay)


def synthetic_reviews(count: int, seed: int = 7, items: int | None = None) -> list[LoggedReview]:
    """``count`` reviews of the synthetic learner over ``items`` quiz items (one for every six
    reviews by default; at most ``MAX_REVIEWS_PER_ITEM`` each), ratings 1 (forgot), 2 (hinted)
    or 3 (recalled)."""
    rng = random.Random(seed)
    truth = fsrs_rs.FSRS(list(TRUE_WEIGHTS))
    scheduler = fsrs_rs.FSRS(list(DEFAULT_WEIGHTS))
    reviews: list[LoggedReview] = []
    for number in range(items or max(1, count // 6)):
        item_id = f"item-{number:05d}"
        moment = START + timedelta(days=rng.randrange(60), hours=rng.randrange(8))
        memory = None
        elapsed = 0
        for _ in range(MAX_REVIEWS_PER_ITEM):
            if len(reviews) >= count:
                break
            if memory is None:
                rating = 3 if rng.random() < 0.6 else 1
            else:
                recalled = rng.random() < recall(memory.stability, elapsed, TRUE_WEIGHTS)
                rating = (2 if rng.random() < 0.15 else 3) if recalled else 1
            reviews.append(LoggedReview(item_id, rating, moment))
            states = truth.next_states(memory, 0.9, elapsed)
            memory = {1: states.again, 2: states.hard, 3: states.good}[rating].memory
            planned = scheduler.next_interval(memory.stability, 0.9, rating)
            elapsed = max(1, round(planned)) + (rng.randrange(3) if rng.random() < 0.3 else 0)
            moment += timedelta(days=elapsed)
        if len(reviews) >= count:
            break
    return reviews
