"""One exercise's problem and the learner's work on it: what the exercise widgets show and the
exercise screen keeps for each exercise of a topic (across a redraw or a language switch)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from studytrack.domain.exercises.model import CheckResult, Exercise, ExerciseInstance, generate
from studytrack.vocabulary import Outcome

ANSWER_AGAIN = (Outcome.INVALID, Outcome.NOT_ATTEMPTED)
"""Outcomes after which the focus stays in the answer boxes: the answer could not be judged."""


@dataclass
class ProblemState:
    """What the screen shows of one exercise: its problem and what the learner has done with it."""

    instance: ExerciseInstance
    """The problem: the exercise with the numbers of one seed and difficulty."""
    since: datetime
    """When the problem appeared or was last checked: the seconds of the next check count from here."""
    answers: dict[str, str] = field(default_factory=dict)
    """What is typed or picked, by answer name (kept across a redraw or a language switch)."""
    result: CheckResult | None = None
    """The latest check, or None."""
    checked: dict[str, str] | None = None
    """The answers of the latest check (Enter on the same answers does not record them twice)."""
    hints: int = 0
    """How many steps of the hint ladder are shown."""
    solution: bool = False
    """True once the worked solution is open."""
    lr: float | None = None
    """The playground's current learning rate (None until it is opened)."""

    @property
    def exercise(self) -> Exercise:
        """The exercise this problem is of."""
        return self.instance.exercise

    @property
    def answering_again(self) -> bool:
        """True when, coming to this problem, the focus belongs in the answer boxes: nothing judged
        yet (a judged one is read first; after a check made here the box keeps the focus)."""
        return self.result is None or self.result.outcome in ANSWER_AGAIN


def new_attempt(exercise: Exercise, seed: int, difficulty: str, now: datetime) -> ProblemState:
    """A fresh problem of ``exercise`` for ``seed`` at ``difficulty`` (normal where it lacks that one)."""
    level = difficulty if difficulty in exercise.difficulties else "normal"
    return ProblemState(generate(exercise, seed, level), now)


def seconds_since(attempt: ProblemState, now: datetime) -> float:
    """The seconds a check took: since the problem appeared or was last checked."""
    return max(0.0, (now - attempt.since).total_seconds())
