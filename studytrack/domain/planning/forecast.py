"""The next weeks of reviews at a few desired retentions, so the learner can choose one.

py-fsrs 6 has no simulator, and fsrs-rs-python's ``simulate`` starts from an empty deck (it
cannot be given the learner's cards), so this is a small Monte Carlo run of studytrack's own
scheduler (``studytrack.domain.planning.schedule.scheduler``: the parameters in force, no
fuzzing) over the learner's actual cards: every day each due card is reviewed, recalled with the
probability FSRS predicts (rated Good) or forgotten (Again), and new items arrive at the
learner's recent pace until the bank is used up. The workload is what the schedule asks for,
before the daily budget spreads a backlog over later days.

Cards keep the due dates they have: a new retention changes the intervals of their next reviews
on, as changing the setting would.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from fsrs import Card, Rating, State

from studytrack.domain.planning.schedule import card_id_for, review_time, scheduler

FORECAST_DAYS = 30
"""How many days ahead the forecast looks."""

COMPARED_RETENTIONS = (0.85, 0.95)
"""The desired retentions shown beside the learner's own."""

RUNS = 20
"""Simulated runs averaged for each retention with a small deck (fixed seeds: the same inputs give
the same forecast)."""

CARDS_PER_RUN_BUDGET = 2000
"""With many cards one run already averages out the chance; runs drop so that cards × runs stays
near this (at least ``MIN_RUNS``), keeping a forecast of a large deck to seconds."""

MIN_RUNS = 3
"""The fewest simulated runs averaged for each retention."""


@dataclass(frozen=True)
class ForecastInputs:
    """What the forecast starts from."""

    cards: Sequence[Card]
    """The learner's cards as they are now."""
    new_items: int
    """Quiz items never answered yet, that could still arrive."""
    new_per_day: float
    """New items a day (the learner's recent pace)."""
    first_recall: float
    """The share of first answers that are right."""
    item_seconds: float
    """Time one review takes."""
    parameters: tuple[float, ...] | None
    """The FSRS parameters in force (None: FSRS's defaults)."""


@dataclass(frozen=True)
class RetentionForecast:
    """The expected workload of the next ``FORECAST_DAYS`` days at one desired retention."""

    desired_retention: float
    reviews_per_day: tuple[float, ...]
    """Expected reviews (new items included) on each day, from today."""
    item_seconds: float

    @property
    def total_reviews(self) -> float:
        """Expected reviews over the whole forecast."""
        return sum(self.reviews_per_day)

    @property
    def average_minutes(self) -> float:
        """Expected minutes of reviewing a day, on average."""
        return self.total_reviews * self.item_seconds / 60 / len(self.reviews_per_day)

    @property
    def peak_reviews(self) -> float:
        """The busiest day's expected reviews."""
        return max(self.reviews_per_day)

    def as_dict(self) -> dict[str, object]:
        """The forecast as a JSON object (numbers rounded to 0.1)."""
        return {
            "desired_retention": self.desired_retention,
            "total_reviews": round(self.total_reviews, 1),
            "average_minutes_per_day": round(self.average_minutes, 1),
            "peak_reviews": round(self.peak_reviews, 1),
            "reviews_per_day": [round(count, 1) for count in self.reviews_per_day],
        }


def retentions_to_compare(current: float) -> tuple[float, ...]:
    """The learner's desired retention and ``COMPARED_RETENTIONS``, ascending, without repeats."""
    return tuple(sorted({round(current, 4), *COMPARED_RETENTIONS}))


def forecast_workload(
    inputs: ForecastInputs, retentions: Sequence[float], now: datetime, days: int = FORECAST_DAYS
) -> list[RetentionForecast]:
    """The expected workload of the next ``days`` days at each desired retention."""
    return [
        RetentionForecast(
            retention,
            _average_run(inputs, retention, review_time(now), days),
            inputs.item_seconds,
        )
        for retention in retentions
    ]


def _average_run(inputs: ForecastInputs, retention: float, now: datetime, days: int) -> tuple[float, ...]:
    """Reviews per day averaged over ``simulated_runs`` runs."""
    runs = simulated_runs(len(inputs.cards) + inputs.new_items)
    totals = [0.0] * days
    for seed in range(runs):
        for day, count in enumerate(_simulate(inputs, retention, now, days, random.Random(seed))):
            totals[day] += count
    return tuple(total / runs for total in totals)


def simulated_runs(cards: int) -> int:
    """How many runs to average for a deck of ``cards`` (``RUNS`` for a small one)."""
    return max(MIN_RUNS, min(RUNS, CARDS_PER_RUN_BUDGET // max(cards, 1)))


def _simulate(
    inputs: ForecastInputs, retention: float, now: datetime, days: int, rng: random.Random
) -> list[int]:
    """One simulated run: how many reviews each day brings."""
    fsrs_scheduler = scheduler(retention, inputs.parameters)
    cards = list(inputs.cards)
    counts = []
    waiting_new = inputs.new_items
    arrivals = 0.0
    for day in range(days):
        moment = now + timedelta(days=day)
        day_end = moment + timedelta(days=1)
        reviewed = 0
        for index, card in enumerate(cards):
            if card.due >= day_end:
                continue
            recalled = rng.random() < fsrs_scheduler.get_card_retrievability(card, moment)
            rating = Rating.Good if recalled else Rating.Again
            cards[index], _ = fsrs_scheduler.review_card(card, rating, review_datetime=moment)
            reviewed += 1
        arrivals += inputs.new_per_day
        fresh = min(int(arrivals), waiting_new)
        arrivals -= fresh
        waiting_new -= fresh
        for number in range(fresh):
            card = Card(card_id=card_id_for(f"forecast-{day}-{number}"), state=State.Learning, step=0, due=moment)
            rating = Rating.Good if rng.random() < inputs.first_recall else Rating.Again
            reviewed_card, _ = fsrs_scheduler.review_card(card, rating, review_datetime=moment)
            cards.append(reviewed_card)
        counts.append(reviewed + fresh)
    return counts
