"""FSRS's forgetting curve: how likely the learner still recalls an item, from its stability and
the days since its last review, with the decay of the FSRS parameters in force.

It is FSRS's own formula (``fsrs.Scheduler.get_card_retrievability``), kept here so that listing
today's session and the statistics need not import fsrs, which costs about 5 ms at start-up (it
pulls in typing_extensions). FSRS-6's curve depends on one parameter, the decay ``w[20]``: a
learner who accepted fitted parameters (``studytrack optimize``) forgets along their own curve.
``tests/unit/test_schedule.py`` and ``tests/unit/test_fitted_recall.py`` prove both give the same
numbers, bit for bit.
"""

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

DECAY = -0.1542
"""``-w[20]`` of FSRS's default weights (``fsrs.scheduler.FSRS_DEFAULT_DECAY``)."""

DECAY_INDEX = 20
"""Where the decay sits in FSRS-6's 21 parameters."""


class ForgettingCurve(NamedTuple):
    """FSRS's forgetting curve for one decay: ``R(t) = (1 + factor·t/S) ** decay`` (a named tuple:
    ``due --json`` imports it, and a frozen dataclass costs ~1 ms at start-up)."""

    decay: float
    """``-w[20]`` of the parameters in force (negative)."""

    @property
    def factor(self) -> float:
        """Chosen by FSRS so that recall is 90% after ``stability`` days."""
        return float(0.9 ** (1 / self.decay) - 1)

    def recall(self, stability: float | None, last_review: datetime | None, now: datetime) -> float:
        """The probability (0..1) of recalling an item at ``now``; 0 for one never reviewed."""
        if last_review is None or stability is None:
            return 0.0
        elapsed_days = max(0, (now - last_review).days)
        return float((1 + self.factor * elapsed_days / stability) ** self.decay)


DEFAULT_CURVE = ForgettingCurve(DECAY)
"""The curve of FSRS's default parameters."""


def forgetting_curve(parameters: Sequence[float] | None) -> ForgettingCurve:
    """The curve of ``parameters`` (FSRS-6's 21; None: FSRS's defaults)."""
    if parameters is None:
        return DEFAULT_CURVE
    return ForgettingCurve(-parameters[DECAY_INDEX])


def recall_probability(
    stability: float | None, last_review: datetime | None, now: datetime, curve: ForgettingCurve = DEFAULT_CURVE
) -> float:
    """The probability (0..1) of recalling an item at ``now`` along ``curve`` (FSRS's default
    one unless given); 0 for one never reviewed."""
    return curve.recall(stability, last_review, now)
