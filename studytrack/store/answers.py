"""Answering a quiz item: the attempt, the card's review and the journal entry, in one write.

The rules of scheduling (ratings, FSRS) live in ``studytrack.domain.planning.schedule``; this
module stores what they decide.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, NamedTuple

from studytrack.clock import to_iso
from studytrack.store.cards import ITEMS_LISTED, CardRow, card_for, card_from_row, card_row, card_rows, write_card
from studytrack.store.connection import StoreDatabase
from studytrack.store.database import immediate
from studytrack.store.fitting import scheduler_parameters
from studytrack.store.quiz_attempts import QuizAttempt, record_quiz_attempt
from studytrack.store.settings import desired_retention
from studytrack.store.undo import log_entry
from studytrack.vocabulary import CardState, LogKind

if TYPE_CHECKING:
    from fsrs import Card, Rating

    from studytrack.domain.content.quiz import QuizItem, QuizResult


@dataclass(frozen=True)
class RecordedAnswer:
    """What ``record_answer`` stored."""

    attempt: QuizAttempt
    """The quiz attempt (always recorded)."""
    kind: str | None
    """``review``, ``practice``, or None when the answer graded nothing (invalid, empty)."""
    rating: int | None
    """The FSRS rating (1 Again, 2 Hard, 3 Good), or None."""
    card: Card | None
    """The card after the answer (unchanged by practice), or None when there is none."""
    log_id: int | None
    """The ``review_logs`` row, or None."""


class AnswerOutlook(NamedTuple):
    """What reviews of some items would start from, read before they are answered: with it an
    answer's feedback (when the item comes back) can be foreseen and drawn while the question is
    read. ``record_answer`` reads the same afresh: a foresight it contradicts is only redrawn."""

    cards: dict[str, Card]
    """The card of each item answered before (an item absent: never answered)."""
    retention: float
    """The desired retention in force."""
    parameters: tuple[float, ...] | None
    """The FSRS parameters in force (None: FSRS's defaults)."""


def answer_outlook(db: StoreDatabase, item_ids: Collection[str]) -> AnswerOutlook:
    """The cards of ``item_ids`` (a seek each) and the scheduler's settings, as a review of each
    would find them now (run it off the UI thread: it reads the database and imports fsrs)."""
    # Deferred: fsrs costs ~40 ms to import; imported here, in the caller's worker, even when no
    # item has a card yet, so the answers foreseen and recorded on the UI thread find it loaded.
    from studytrack.domain.planning.schedule import scheduler  # noqa: PLC0415

    rows = card_rows(db, ITEMS_LISTED, [json.dumps(list(item_ids))])
    cards = {row["item_id"]: card_from_row(row) for row in rows}
    outlook = AnswerOutlook(cards, desired_retention(db), scheduler_parameters(db))
    scheduler(outlook.retention, outlook.parameters)  # made once, kept: the first answer's too
    return outlook


def record_answer(
    db: StoreDatabase,
    item: QuizItem,
    result: QuizResult,
    now: datetime,
    *,
    seconds: float | None = None,
    hinted: bool = False,
    practice: bool = False,
) -> RecordedAnswer:
    """Record an answer to quiz ``item`` checked as ``result``.

    The quiz attempt is always stored. A correct or incorrect answer also reviews the item's
    card (created on the first answer) and logs the review; with ``practice`` the answer is
    logged as practice and the card is left exactly as it was. ``hinted``: the learner saw a
    hint before answering correctly (rated Hard instead of Good). One transaction.
    """
    # Deferred: fsrs under domain.planning.schedule costs ~40 ms to import; commands that only
    # list or plan never load it.
    from studytrack.domain.planning.schedule import rating_for, review_time  # noqa: PLC0415

    moment = review_time(now)
    rating = rating_for(result.outcome, hinted)
    with immediate(db):
        attempt = record_quiz_attempt(
            db, item.id, item.topic, result.recorded, result.outcome, moment, seconds
        )
        if rating is None:
            return RecordedAnswer(attempt, None, None, card_for(db, item.id), None)
        before = card_row(db, item.id)
        if practice:
            log_id = log_entry(db, LogKind.PRACTICE, moment, item_id=item.id, topic_id=item.topic,
                               rating=int(rating), outcome=result.outcome, seconds=seconds,
                               quiz_attempt_id=attempt.id)
            card = card_from_row(before) if before else None
            return RecordedAnswer(attempt, LogKind.PRACTICE, int(rating), card, log_id)
        after, elapsed = _review_card(db, item, before, rating, moment)
        log_id = log_entry(db, LogKind.REVIEW, moment, item_id=item.id, topic_id=item.topic,
                           rating=int(rating), outcome=result.outcome, seconds=seconds,
                           elapsed_days=elapsed, quiz_attempt_id=attempt.id,
                           previous=json.dumps(before) if before else None)
    return RecordedAnswer(attempt, LogKind.REVIEW, int(rating), after, log_id)


def _review_card(
    db: StoreDatabase, item: QuizItem, before: CardRow | None, rating: Rating, moment: datetime
) -> tuple[Card, float | None]:
    """Review the card of ``item`` (stored as ``before``, None on a first answer) and store it;
    the card afterwards and the days since its previous review (None on a first answer)."""
    # Deferred: the scheduler imports fsrs (~40 ms); commands that only read answers never need it.
    from studytrack.domain.planning.schedule import review  # noqa: PLC0415

    card = card_from_row(before) if before else None
    after = review(card, item.id, rating, moment, desired_retention(db), scheduler_parameters(db))
    lapsed = card is not None and int(card.state) == CardState.REVIEW and int(rating) == 1
    write_card(db, {
        "item_id": item.id,
        "topic_id": item.topic,
        "state": int(after.state),
        "step": after.step,
        "stability": after.stability,
        "difficulty": after.difficulty,
        "due": to_iso(after.due),
        "last_review": to_iso(after.last_review or moment),
        "reps": (before["reps"] if before else 0) + 1,
        "lapses": (before["lapses"] if before else 0) + int(lapsed),
        "created_at": before["created_at"] if before else to_iso(moment),
    })
    elapsed = None
    if card is not None and card.last_review is not None:
        elapsed = (moment - card.last_review).total_seconds() / 86400
    return after, elapsed
