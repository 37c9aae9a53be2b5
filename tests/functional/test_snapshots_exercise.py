"""SVG snapshots of the exercise screen at 80×24, on a temporary database, the fixed clock and fixed seeds.

Update them with ``pytest tests/functional/test_snapshots_exercise.py --snapshot-update`` and look at
the report before committing.
"""

from pathlib import Path

import pytest
from snapshot_steps import loaded

from studytrack.domain.exercises import checks
from studytrack.domain.exercises.model import find_exercise, generate, load_exercises
from studytrack.ui.app import make_app
from studytrack.ui.screens.exercise import ExerciseScreen

SEED = 7
"""The seed of every problem shown."""


def exercise_screen(topic: str, exercise_id: str | None = None, *keys: str):
    """A ``run_before`` that opens the exercises of ``topic`` with the fixed seed, then presses ``keys``
    (waiting for any check they start)."""

    async def run(pilot) -> None:
        """Open the screen and press the keys."""
        await loaded(pilot)
        pilot.app.push_screen(ExerciseScreen(topic, exercise_id=exercise_id, seed=SEED))
        await loaded(pilot)
        for key in keys:
            await pilot.press(key)
            await loaded(pilot)
        await loaded(pilot)

    return run


def summed_loss(session) -> str:
    """The loss of mse-by-hand (seed ``SEED``) summed instead of averaged: a known wrong answer."""
    course = session.course()
    exercise = find_exercise(load_exercises(course.root, course.topic_ids), "mse-by-hand")
    return checks.num(checks.CHECKS["mse"].mistakes(generate(exercise, SEED).params)["sum"]["loss"])


@pytest.fixture
def workspace(session):
    """The code exercises' starter files in ``~/workspace`` (the home folder of the test)."""
    from studytrack.domain.exercises.workspace import write_workspace
    from studytrack.store.database import open_database
    from studytrack.store.exercise_attempts import remember_workspace

    folder = Path.home() / "workspace"
    course = session.course()
    write_workspace(load_exercises(course.root, course.topic_ids), folder)
    remember_workspace(open_database(session.db_path), folder, session.now())
    return folder


def test_exercise_numeric_before_a_check(snap_compare, session):
    """A numeric exercise as it opens: the prompt with its numbers, the answer box, the key line."""
    assert snap_compare(make_app(session), run_before=exercise_screen("loss.error"))


def test_exercise_numeric_wrong_answer(snap_compare, session):
    """A wrong answer: the known mistake is named, the expected value is not shown."""
    keys = (*summed_loss(session), "enter")
    assert snap_compare(make_app(session), run_before=exercise_screen("loss.error", None, *keys))


def test_exercise_numeric_wrong_answer_korean(snap_compare, session):
    """The same wrong answer in Korean, with the first hint: wide characters line up."""
    session.lang = "ko"
    keys = (*summed_loss(session), "enter", "escape", "h")
    assert snap_compare(make_app(session), run_before=exercise_screen("loss.error", None, *keys))


def test_exercise_learning_rate_playground(snap_compare, session):
    """The playground on pick-learning-rate's data after two presses of +: the rate, the run's status
    and its loss per step."""
    keys = ("escape", "l", "plus", "plus")
    assert snap_compare(make_app(session), run_before=exercise_screen("gd.learning-rate", None, *keys))


def test_exercise_code_starter_checked(snap_compare, session, workspace, monkeypatch):
    """A code exercise: the workspace file, and the check of the untouched starter."""
    monkeypatch.setattr(ExerciseScreen, "wall_seconds", 8.0)
    run = exercise_screen("gd.mse-gradient", "implement-mse-gradient", "enter")
    assert snap_compare(make_app(session), run_before=run)
