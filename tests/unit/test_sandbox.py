"""Code exercises in the sandbox: starters fail, references pass, and bad programs are contained."""

import os
import re
import time
from pathlib import Path

import pytest

from studytrack.domain.content.course import load_course
from studytrack.domain.exercises.checks import num
from studytrack.domain.exercises.model import find_exercise, load_exercises
from studytrack.paths import bundled_content_dir
from studytrack.sandbox.code_check import check_code
from studytrack.sandbox.runner import OUTPUT_BYTES

COURSE = load_course(bundled_content_dir())
EXERCISES = load_exercises(COURSE.root, COURSE.topic_ids)
CODE = [e for e in EXERCISES if e.is_code]
MSE = find_exercise(EXERCISES, "implement-mse-gradient")
DESCENT = find_exercise(EXERCISES, "implement-gradient-descent")

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the sandbox needs POSIX resource limits")


def learner_file(tmp_path: Path, text: str, name: str = "mine.py") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def group_members(pgid: int) -> list[str]:
    """The states (R, S, Z …) of the processes in group ``pgid``, read from /proc."""
    states = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[2]) == pgid:
                states.append(fields[0])
    return states


@pytest.mark.parametrize("item", CODE, ids=lambda e: e.id)
def test_every_starter_fails_and_every_reference_solution_passes(item):
    for seed in (0, 1):
        starter = check_code(item, item.code.starter, seed)
        assert starter.outcome == "not_attempted" and not starter.correct
        assert "NotImplementedError" in starter.feedback.text("en")
        reference = check_code(item, item.code.solution, seed)
        assert reference.outcome == "correct", reference.feedback.text("en")
        assert reference.expected is not None


MSE_VARIANTS = {
    "sum": "    return 2 * np.sum(e * x), 2 * np.sum(e)",
    "half": "    return np.mean(e * x), np.mean(e)",
    "sign": "    return -2 * np.mean(e * x), -2 * np.mean(e)",
}


@pytest.mark.parametrize("mistake", MSE_VARIANTS)
def test_a_wrong_mse_gradient_gets_its_mistake_named_but_not_the_answer(tmp_path, mistake):
    body = f"import numpy as np\n\n\ndef mse_gradient(x, y, w, b):\n    e = w * x + b - y\n{MSE_VARIANTS[mistake]}\n"
    result = check_code(MSE, learner_file(tmp_path, body), 3)
    assert result.outcome == "incorrect" and result.mistakes == (mistake,)
    assert result.expected is None and "expected" not in result.to_json("en")
    reference = check_code(MSE, MSE.code.solution, 3)
    for case in reference.expected["results"]:
        for value in case:
            # (the learner's own numbers may share digits with the answer, as -x does with x)
            assert not re.search(rf"(?<![\d.-]){re.escape(num(value, 6))}(?![\d])", result.feedback.text("en"))


DESCENT_VARIANTS = {
    "added": "    for _ in range(steps):\n        x = x + lr * grad(x)\n",
    "no_rate": "    for _ in range(steps):\n        x = x - grad(x)\n",
    "off_by_one": "    for _ in range(steps + 1):\n        x = x - lr * grad(x)\n",
}


@pytest.mark.parametrize("mistake", DESCENT_VARIANTS)
def test_a_wrong_descent_loop_gets_its_mistake_named(tmp_path, mistake):
    body = f"def gradient_descent(grad, x0, lr, steps):\n    x = x0\n{DESCENT_VARIANTS[mistake]}    return x\n"
    result = check_code(DESCENT, learner_file(tmp_path, body), 4)
    assert result.outcome in ("incorrect", "diverged") and mistake in result.mistakes


def test_a_run_that_blows_up_is_diverged(tmp_path):
    body = "def gradient_descent(grad, x0, lr, steps):\n    return x0 * float('inf')\n"
    assert check_code(DESCENT, learner_file(tmp_path, body), 1).outcome == "diverged"


def test_an_endless_loop_times_out_and_leaves_no_process_behind(tmp_path):
    body = "def mse_gradient(x, y, w, b):\n    while True:\n        pass\n"
    started = time.monotonic()
    result = check_code(MSE, learner_file(tmp_path, body), 1, wall_seconds=1.0)
    assert result.outcome == "timeout" and "1 seconds" in result.feedback.text("en")
    assert time.monotonic() - started < 4
    with pytest.raises(ProcessLookupError):
        os.killpg(result.sandbox.pid, 0)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_forked_endless_loop_is_killed_with_its_whole_group(tmp_path):
    body = "import os\n\nos.fork()\n\n\ndef mse_gradient(x, y, w, b):\n    while True:\n        pass\n"
    result = check_code(MSE, learner_file(tmp_path, body), 1, wall_seconds=1.0)
    assert result.outcome == "timeout"
    deadline = time.monotonic() + 3
    while any(state != "Z" for state in group_members(result.sandbox.pid)) and time.monotonic() < deadline:
        time.sleep(0.05)
    # killed; a child orphaned by the kill may linger as a zombie until init reaps it
    assert all(state == "Z" for state in group_members(result.sandbox.pid))


def test_a_memory_bomb_is_an_error(tmp_path):
    body = "def mse_gradient(x, y, w, b):\n    hoard = bytearray(8 * 1024**3)\n    return 0.0, 0.0\n"
    result = check_code(MSE, learner_file(tmp_path, body), 1)
    assert result.outcome == "error" and "memory" in result.feedback.text("en")


def test_a_syntax_error_is_an_error_with_its_line(tmp_path):
    body = "def mse_gradient(x, y, w, b):\n    return (1,\n\ndef other():\n    pass\n"
    result = check_code(MSE, learner_file(tmp_path, body), 1)
    said = result.feedback.text("en")
    assert result.outcome == "error" and "line 2" in said and "syntax error" in said


def test_an_exception_is_an_error_with_its_line_and_the_call(tmp_path):
    body = "import numpy as np\n\n\ndef mse_gradient(x, y, w, b):\n    return x[99], 0.0\n"
    result = check_code(MSE, learner_file(tmp_path, body), 1)
    korean = result.feedback.text("ko")
    assert result.outcome == "error" and "IndexError" in korean and "5번째 줄" in korean
    assert "mse_gradient(x=" in korean and "line 5" in result.feedback.text("en")


def test_a_missing_function_or_a_wrong_return_is_explained(tmp_path):
    missing = check_code(MSE, learner_file(tmp_path, "def mse_grad(x, y, w, b):\n    return 0, 0\n"), 1)
    assert missing.outcome == "error" and "defines no function mse_gradient" in missing.feedback.text("en")
    text = check_code(MSE, learner_file(tmp_path, "def mse_gradient(x, y, w, b):\n    return 'dw'\n"), 1)
    assert text.outcome == "incorrect" and "str" in text.feedback.text("en")
    three = check_code(MSE, learner_file(tmp_path, "def mse_gradient(x, y, w, b):\n    return 1.0, 2.0, 3.0\n"), 1)
    assert three.outcome == "incorrect" and "returned 3 numbers;" in three.feedback.text("en")


def test_huge_output_is_capped_and_the_check_still_works(tmp_path):
    body = MSE.code.solution.read_text(encoding="utf-8") + "\nprint('spam ' * 1000000)\n"
    result = check_code(MSE, learner_file(tmp_path, body), 2)
    assert result.outcome == "correct"
    assert result.output.startswith("spam spam") and len(result.output.encode()) <= OUTPUT_BYTES


def test_a_large_file_write_is_stopped(tmp_path):
    body = "open('big.bin', 'wb').write(b'x' * (8 * 1024 * 1024))\n\n\ndef mse_gradient(x, y, w, b):\n    return 0, 0\n"
    result = check_code(MSE, learner_file(tmp_path, body), 1)
    assert result.outcome == "error"
    # the program ran in a private working folder, deleted afterwards: the learner's folder is untouched
    assert not (tmp_path / "big.bin").exists()


def test_the_program_sees_none_of_the_learners_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("STUDYTRACK_SECRET_TOKEN", "hunter2")
    body = "import os\n\nprint(sorted(os.environ))\n\n\ndef mse_gradient(x, y, w, b):\n    return 0, 0\n"
    result = check_code(MSE, learner_file(tmp_path, body), 1)
    assert "STUDYTRACK_SECRET_TOKEN" not in result.output and "OPENBLAS_NUM_THREADS" in result.output
    assert not list(tmp_path.glob("__pycache__"))
