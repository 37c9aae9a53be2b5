"""A code check's child started ahead of its request (``sandbox.runner.start_check``): the
command line starts it before loading the exercise, so the child's Python and numpy start while
the parent works. Started and never used, it leaves nothing behind; its wall-clock limit counts
from the request, not from the start."""

import os
import tempfile
import time

import pytest

from studytrack.domain.content.course import load_course
from studytrack.domain.exercises.model import find_exercise, load_exercises
from studytrack.paths import bundled_content_dir
from studytrack.sandbox.code_check import check_code
from studytrack.sandbox.runner import WORKDIR_PREFIX, start_check

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the sandbox needs POSIX resource limits")

COURSE = load_course(bundled_content_dir())
MSE = find_exercise(load_exercises(COURSE.root, COURSE.topic_ids), "implement-mse-gradient")


def own_folders() -> set[str]:
    """The working folders of this process's checks."""
    return {name for name in os.listdir(tempfile.gettempdir())
            if name.startswith(f"{WORKDIR_PREFIX}{os.getpid()}-")}


def alive(pid: int) -> bool:
    """Whether process ``pid`` exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat", encoding="utf-8") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_started_check_never_run_leaves_no_process_and_no_folder():
    before = own_folders()
    with start_check() as started:
        pid = started._child.process.pid
        assert alive(pid)
        assert own_folders() - before
    assert not alive(pid)
    assert own_folders() == before


def test_a_started_check_runs_the_reference_solution_correctly():
    with start_check() as started:
        result = check_code(MSE, MSE.code.solution, 3, started=started)
    assert result.outcome == "correct", result.feedback.text("en")


def test_the_wall_clock_limit_counts_from_the_request():
    with start_check(wall_seconds=2.0) as started:
        time.sleep(2.5)  # the parent's own work, longer than the limit
        result = check_code(MSE, MSE.code.solution, 3, started=started)
    assert result.outcome == "correct", result.feedback.text("en")
