"""What one check of an exercise comes to, without numpy: ``CheckResult`` (and its ``AnswerCheck``s),
the result of a code exercise's run (``code_result``), and ``ExerciseError``.

``model`` makes these for numeric exercises and re-exports them; they live here so that a code
check whose plan is cached (``code_plans``) records and shows its result without importing the
checks, the engine or numpy.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from studytrack.domain.exercises.judging import CodeReport, ProgramRun
from studytrack.domain.messages import Joined, Message, Wording
from studytrack.errors import StudytrackError

if TYPE_CHECKING:
    from studytrack.engine import DescentRun


class ExerciseError(StudytrackError):
    """A request about an exercise that cannot be met: an unknown answer name, hint level or seed."""



@dataclass(frozen=True)
class AnswerCheck:
    """How one named answer fared."""

    name: str
    given: str
    """What the learner typed (for code: the file checked)."""
    value: float | int | str | None
    """What it was read as: a float, a choice id, a position; None when empty or unreadable."""
    outcome: str
    """correct, incorrect, not_attempted or invalid (for code: the check's outcome)."""
    reason: Message | None = None
    """Why it is invalid."""
    mistake: str | None = None
    """The known wrong formula it matches."""

    @property
    def correct(self) -> bool:
        """True when this answer is right."""
        return self.outcome == "correct"


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check, ready to record, print or show.

    ``feedback`` is worded when shown (``feedback.text(lang)``): a language switch shows the same
    check in the new language. ``expected`` holds the engine's answers only when the outcome is
    correct. ``run`` is the descent run the check made with the learner's answer, for a plot of
    its loss per step (``run.losses``): the learner's learning rate, or descent from the chosen
    start. ``output`` is what a learner's program printed (code exercises), at most 64 KiB.
    """

    exercise: str
    seed: int
    difficulty: str
    outcome: str
    answers: tuple[AnswerCheck, ...]
    feedback: Wording
    mistakes: tuple[str, ...] = ()
    expected: Mapping[str, Any] | None = None
    run: DescentRun | None = None
    output: str = ""
    sandbox: ProgramRun | None = None
    """For a code exercise: how the run in the sandbox went (process id, seconds, whether output was cut)."""

    @property
    def correct(self) -> bool:
        """True when every answer is right."""
        return self.outcome == "correct"

    def raw_answers(self) -> dict[str, str]:
        """What the learner gave, by answer name: what the store records."""
        return {answer.name: answer.given for answer in self.answers}

    def to_json(self, lang: str) -> dict[str, Any]:
        """``check --json``: exercise, seed, outcome, answers, feedback in ``lang`` (+ expected when correct)."""
        document = {
            "exercise": self.exercise,
            "seed": self.seed,
            "difficulty": self.difficulty,
            "outcome": self.outcome,
            "answers": {
                answer.name: {"given": answer.given, "value": answer.value, "correct": answer.correct}
                for answer in self.answers
            },
            "feedback": self.feedback.text(lang),
            "mistakes": list(self.mistakes),
        }
        if self.correct and self.expected is not None:
            document["expected"] = dict(self.expected)
        return document




def code_result(exercise_id: str, answer_name: str, file: Path, seed: int, report: CodeReport) -> CheckResult:
    """The ``CheckResult`` of code exercise ``exercise_id`` (whose one answer is ``answer_name``)
    from the report on one run of the learner's ``file``: what every check returns, to record or show."""
    answer = AnswerCheck(answer_name, str(file), None, report.outcome, mistake=(report.mistakes or (None,))[0])
    return CheckResult(
        exercise=exercise_id, seed=seed, difficulty="normal", outcome=report.outcome, answers=(answer,),
        feedback=Joined(tuple(report.feedback), " "), mistakes=report.mistakes,
        expected=MappingProxyType({"results": report.expected}) if report.outcome == "correct" else None,
        output=report.run.output,
        sandbox=report.run,
    )
