"""Recomputing a card from its review log: every review, in time order, through FSRS with the
desired retention and FSRS parameters that were in force at that review.

After two machines merged their logs (``studytrack import``) a card is what replaying the merged
log gives, so both machines end with the same card whatever order the reviews arrived in. The
row it returns is the ``cards`` row the store writes after a live answer
(``store.answers``): the same FSRS call, the same counts of reps and lapses.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from fsrs import Rating

from studytrack.clock import to_iso
from studytrack.domain.planning.schedule import review, review_time
from studytrack.vocabulary import CardState


@dataclass(frozen=True)
class LoggedRating:
    """One review of a card as the log keeps it, with the scheduling settings then in force."""

    at: datetime
    rating: int
    desired_retention: float
    parameters: tuple[float, ...] | None
    """Fitted FSRS parameters in force at ``at`` (None: FSRS's defaults)."""


def replay_card(item_id: str, topic_id: str, reviews: Sequence[LoggedRating]) -> dict[str, Any] | None:
    """The ``cards`` row of ``item_id`` after ``reviews`` (sorted here by time); None for none."""
    ordered = sorted(reviews, key=lambda logged: logged.at)
    if not ordered:
        return None
    card = None
    lapses = 0
    for logged in ordered:
        moment = review_time(logged.at)
        lapses += int(card is not None and int(card.state) == CardState.REVIEW and logged.rating == 1)
        card = review(card, item_id, Rating(logged.rating), moment, logged.desired_retention, logged.parameters)
    assert card is not None
    first = review_time(ordered[0].at)
    return {
        "item_id": item_id,
        "topic_id": topic_id,
        "state": int(card.state),
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": to_iso(card.due),
        "last_review": to_iso(card.last_review or review_time(ordered[-1].at)),
        "reps": len(ordered),
        "lapses": lapses,
        "created_at": to_iso(first),
    }
