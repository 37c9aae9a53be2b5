"""FSRS's forgetting curve: how likely the learner still recalls an item, from its stability and
the days since its last review.

It is FSRS's own formula (``fsrs.Scheduler.get_card_retrievability``, default weights), kept
here so that listing today's session and the statistics need not import fsrs, which costs
about 5 ms at start-up (it pulls in typing_extensions). ``tests/unit/test_schedule.py`` proves
both give the same numbers, bit for bit.
"""

from datetime import datetime

DECAY = -0.1542
"""``-w[20]`` of FSRS's default weights (``fsrs.scheduler.FSRS_DEFAULT_DECAY``)."""

FACTOR = 0.9 ** (1 / DECAY) - 1
"""Chosen by FSRS so that recall is 90% after ``stability`` days."""


def recall_probability(stability: float | None, last_review: datetime | None, now: datetime) -> float:
    """The probability (0..1) of recalling an item at ``now``; 0 for one never reviewed."""
    if last_review is None or stability is None:
        return 0.0
    elapsed_days = max(0, (now - last_review).days)
    return float((1 + FACTOR * elapsed_days / stability) ** DECAY)
