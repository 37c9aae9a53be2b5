"""The code checker rejects a gradient_descent that changes the caller's x0 array in place."""

import os
from pathlib import Path

import pytest

from studytrack.domain.content.course import load_course
from studytrack.domain.exercises.model import find_exercise, load_exercises
from studytrack.paths import bundled_content_dir
from studytrack.sandbox.code_check import check_code

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the sandbox needs POSIX resource limits")


def descent_exercise():
    """The bundled gradient-descent code exercise."""
    course = load_course(bundled_content_dir())
    return find_exercise(load_exercises(course.root, course.topic_ids), "implement-gradient-descent")


def learner_file(tmp_path: Path, text: str) -> Path:
    """The learner's file holding ``text``."""
    path = tmp_path / "mine.py"
    path.write_text(text)
    return path


IN_PLACE = ("def gradient_descent(grad, x0, lr, steps):\n    x = x0\n    for _ in range(steps):\n"
            "        x -= lr * grad(x)\n    return x\n")
COPY = ("def gradient_descent(grad, x0, lr, steps):\n    x = x0\n    for _ in range(steps):\n"
        "        x = x - lr * grad(x)\n    return x\n")


def test_a_descent_that_changes_x0_in_place_is_incorrect_and_says_why(tmp_path):
    """`x -= …` on the caller's array: every result is right, yet the check fails naming x0."""
    result = check_code(descent_exercise(), learner_file(tmp_path, IN_PLACE), 4)
    assert result.outcome == "incorrect"
    assert "x0 in place" in result.feedback.text("en")


def test_the_same_loop_on_a_new_array_passes(tmp_path):
    """`x = x - …` leaves the caller's x0 alone: correct."""
    assert check_code(descent_exercise(), learner_file(tmp_path, COPY), 4).outcome == "correct"
