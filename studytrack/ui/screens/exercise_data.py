"""What the exercise screen reads, keeps and says around its widgets: the topic's exercises with the
workspace folder and the preferred difficulty, the deck of their problems, titles, tabs and the
key line.

Plain data and functions, so the screen stays a thin composer of widgets; ``load_exercise_data``
reads the course and the database and runs in the screen's thread worker.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType
from textual.content import Content

from studytrack.domain.exercises import model as exercise_model
from studytrack.domain.exercises.model import CheckResult, Exercise, load_exercises
from studytrack.domain.exercises.plots import Playground, playground_for
from studytrack.domain.progress.standing import about_topics
from studytrack.errors import StudytrackError
from studytrack.i18n import Catalog
from studytrack.store.exercise_attempts import remembered_workspace
from studytrack.store.plan import plan_today
from studytrack.ui.widgets.problem_state import ProblemState, new_attempt

if TYPE_CHECKING:
    from studytrack.ui.app import StudyApp
    from studytrack.ui.widgets.code_check import CodeRun

TEXT = Catalog("ui.screens.exercise")

EXERCISE_KEYS: list[BindingType] = [
    *(Binding(str(number), f"pick({number})", "Pick a choice", show=False) for number in range(1, 10)),
    Binding("enter", "check_exercise", "Check"),
    Binding("c", "check_file", "Check your file", show=False),
    Binding("h", "next_hint", "Hint"),
    Binding("s", "show_solution", "Solution"),
    Binding("r", "new_numbers", "New numbers"),
    Binding("d", "cycle_difficulty", "Difficulty", show=False),
    Binding("right_square_bracket,n", "next_exercise", "Next exercise", show=False),
    Binding("left_square_bracket,p", "previous_exercise", "Previous exercise", show=False),
    Binding("l", "toggle_playground", "Rate playground"),
    Binding("plus,equals_sign", "rate_up", "Larger α"),
    Binding("minus", "rate_down", "Smaller α"),
    Binding("w", "write_workspace", "Starter files"),
    Binding("f", "flag_exercise", "Flag", show=False),
    Binding("ctrl+f", "flag_exercise_typing", "Flag", show=False),
    Binding("escape", "leave", "Back"),
]
"""The exercise screen's keys (their labels are translated by ``studytrack.ui.keys``)."""

ALWAYS_OFFERED = ("leave", "next_hint")
"""Keys offered even with no exercise: Esc leaves, and ``h`` must never fall through to Home."""

PLAYGROUND_TOPICS = ("gd.learning-rate", "gd.update-rule")
"""Topics whose exercises open the learning-rate playground with ``l``."""

PLAYGROUND_CHECKS = ("learning-rate", "loss-curve")
"""Exercise checks whose data the playground can run on, whatever their topic."""

@dataclass(frozen=True)
class ExerciseData:
    """What the screen reads before it can show anything."""

    exercises: tuple[Exercise, ...]
    """The topic's exercises, in course order."""
    workspace: Path | None
    """The code exercises' workspace folder, once there is one."""
    difficulty: str
    """The variant asked for, or the one today's plan prefers (an exercise lacking it uses normal)."""


@dataclass
class ExerciseDeck:
    """The exercises of a topic, which one is shown, and each one's problem and progress."""

    exercises: tuple[Exercise, ...] = ()
    """The topic's exercises, in course order."""
    index: int = 0
    """Which exercise is shown."""
    seed: int | None = None
    """The seed of every problem, or None for a fresh one each."""
    difficulty: str | None = None
    """The variant new problems take (an exercise lacking it uses normal)."""
    attempts: dict[str, ProblemState] = field(default_factory=dict)
    """Each exercise's problem and progress, by exercise id."""

    @property
    def exercise(self) -> Exercise | None:
        """The exercise shown, or None when the topic has none."""
        return self.exercises[self.index] if self.exercises else None

    def attempt(self, now: datetime) -> ProblemState | None:
        """The shown exercise's problem and progress (made at ``now`` on first show)."""
        exercise = self.exercise
        if exercise is not None and exercise.id not in self.attempts:
            self.renew(exercise, self.seed if self.seed is not None else exercise_model.fresh_seed(), now)
        return self.attempts[exercise.id] if exercise is not None else None

    def renew(self, exercise: Exercise, seed: int, now: datetime) -> ProblemState:
        """Start ``exercise`` over on the problem of ``seed``: no answers, check, hints or solution."""
        self.attempts[exercise.id] = new_attempt(exercise, seed, self.difficulty or "normal", now)
        return self.attempts[exercise.id]

    def show(self, exercise_id: str | None) -> None:
        """Show ``exercise_id`` (the first exercise when the topic lacks it)."""
        ids = [exercise.id for exercise in self.exercises]
        self.index = ids.index(exercise_id) if exercise_id in ids else 0

    def take_code_check(self, run: CodeRun, result: CheckResult | None) -> None:
        """Keep a finished code check with its problem (if it is still the one of ``run``'s seed)."""
        attempt = self.attempts.get(run.exercise.id)
        if result is not None and attempt is not None and attempt.instance.seed == run.seed:
            attempt.result, attempt.since = result, run.started

    def take(self, loaded: ExerciseData, exercise_id: str | None) -> None:
        """Take the exercises and the difficulty read, showing ``exercise_id`` (else the first)."""
        self.exercises, self.difficulty = loaded.exercises, loaded.difficulty
        self.show(exercise_id)

    def new_numbers(self, now: datetime) -> ProblemState | None:
        """A new problem of the shown exercise from a fresh seed (None when there is no exercise)."""
        exercise = self.exercise
        return None if exercise is None else self.renew(exercise, exercise_model.fresh_seed(), now)

    def next_level(self, now: datetime) -> str | None:
        """Move the shown exercise on to its next difficulty, with that variant's numbers of the same
        seed; the new difficulty, or None when the exercise offers one only."""
        attempt = self.attempt(now)
        if attempt is None or len(attempt.exercise.difficulties) < 2:
            return None
        self.difficulty = next_difficulty(attempt.exercise, attempt.instance.difficulty)
        self.renew(attempt.exercise, attempt.instance.seed, now)
        return self.difficulty

    def move(self, step: int) -> bool:
        """Show the exercise ``step`` places on (wrapping around); False when there is no other."""
        if len(self.exercises) < 2:
            return False
        self.index = (self.index + step) % len(self.exercises)
        return True


def load_exercise_data(app: StudyApp, topic_id: str, difficulty: str | None) -> ExerciseData:
    """The exercises of ``topic_id``, the workspace and the difficulty (``difficulty``, else what
    today's plan prefers for the topic); nothing on a problem, which the app reports."""
    exercises: tuple[Exercise, ...] = ()
    workspace = None
    with app.reporting_errors():
        course = app.course()
        exercises = tuple(about_topics(load_exercises(course.root, course.topic_ids), [topic_id]))
        workspace = remembered_workspace(app.db())
        if difficulty is None:
            difficulty = planned_difficulty(app, topic_id)
    return ExerciseData(exercises, workspace, difficulty or "normal")


def planned_difficulty(app: StudyApp, topic_id: str) -> str:
    """The variant today's plan prefers for ``topic_id`` (from the lesson's rating), else normal."""
    try:
        return plan_today(app.db(), app.course(), app.session.now()).difficulty_for(topic_id)
    except (StudytrackError, LookupError, ValueError):
        return "normal"


def has_playground(exercise: Exercise | None) -> bool:
    """True when ``exercise`` opens the learning-rate playground."""
    return exercise is not None and (exercise.topic in PLAYGROUND_TOPICS or exercise.check in PLAYGROUND_CHECKS)


def offered(action: str, exercise: Exercise | None, *, playing: bool, typing: bool, others: bool) -> bool:
    """Whether the key of ``action`` means something now: ``playing`` in the playground, ``typing``
    in an answer box, with ``others`` exercises to move to. Asked for every key the footer lists,
    so it reads the exercise, never the screen's widgets (nine number keys: nine walks of the screen)."""
    if exercise is None or action in ALWAYS_OFFERED:
        return action in ALWAYS_OFFERED
    solving = not playing and not exercise.is_code
    return {
        "rate_up": playing, "rate_down": playing, "toggle_playground": has_playground(exercise),
        "flag_exercise": not typing, "flag_exercise_typing": typing,
        "check_file": exercise.is_code and not playing, "write_workspace": exercise.is_code and not playing,
        "next_exercise": others, "previous_exercise": others,
        "pick": solving and exercise.has_choices, "cycle_difficulty": solving,
    }.get(action, not playing)


def keys_hint(attempt: ProblemState | None, lang: str, *, playground: bool, checking: bool, typing: bool,
              others: bool) -> str:
    """What the keys do right now: in the playground, during a code check, on a code, choice or
    number exercise (typing or reading), and whether there are ``others`` to move to."""
    if attempt is None:
        return ""
    exercise = attempt.exercise
    if playground:
        return TEXT("keys_playground", lang)
    if checking:
        return TEXT("keys_checking", lang)
    if exercise.is_code:
        parts = [TEXT("keys_code", lang)]
    elif exercise.has_choices:
        count = max(len(values) for values in attempt.instance.choices().values())
        parts = [TEXT("keys_choice", lang, count=count)]
    elif typing:
        parts = [TEXT("keys_typing", lang)]
    else:
        parts = [TEXT("keys_reading", lang)]
    if others and not typing:
        parts.append(TEXT("keys_others", lang))
    return " · ".join(parts)


def titles(attempt: ProblemState | None, lang: str) -> tuple[str, str]:
    """The screen's title and sub-title: the exercise, and its difficulty and seed."""
    if attempt is None:
        return TEXT("title", lang), ""
    instance = attempt.instance
    if attempt.exercise.is_code:
        return attempt.exercise.title.get(lang), TEXT("sub_title_code", lang, seed=instance.seed)
    difficulty = TEXT(f"difficulty_{instance.difficulty}", lang)
    return attempt.exercise.title.get(lang), TEXT("sub_title", lang, difficulty=difficulty, seed=instance.seed)


def tabs_line(exercises: tuple[Exercise, ...], shown: int, lang: str) -> Content:
    """The topic's exercises in one line, the ``shown`` one highlighted."""
    parts: list[str | tuple[str, str]] = []
    for number, exercise in enumerate(exercises, start=1):
        style = "reverse bold" if number - 1 == shown else "dim"
        parts += [(f" {number}. {exercise.title.get(lang)} ", style), " "]
    return Content.assemble(*parts, (TEXT("tabs_keys", lang), "dim"))


def open_playground(attempt: ProblemState) -> Playground:
    """The rate playground on ``attempt``'s data, at the rate last played (else its suggested one)."""
    playground = playground_for(attempt.exercise.check, attempt.instance.params)
    attempt.lr = playground.lr if attempt.lr is None else attempt.lr
    return playground


def next_difficulty(exercise: Exercise, current: str) -> str:
    """The variant after ``current`` among those ``exercise`` offers (easy → normal → hard → easy)."""
    levels = exercise.difficulties
    return levels[(levels.index(current) + 1) % len(levels)] if current in levels else levels[0]
