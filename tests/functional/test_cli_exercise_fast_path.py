"""The fast path of a code check (``studytrack.cli.exercise_check.answer``) answers ``exercise check
EXERCISE_ID [--file PATH] [--json]`` without click or numpy once the exercise's test cases are kept,
and prints exactly what the click group prints: the same stdout and stderr bytes and exit status,
over a table of argument lists (correct, wrong, printing, missing files, errors). Everything else
falls through to click."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from studytrack.cli.exercise_check import recognise_check
from studytrack.domain.content.course import load_course
from studytrack.domain.exercises.code import CODE_CHECKS, plan_for
from studytrack.domain.exercises.code_plans import CodeExerciseFacts, keep_plans
from studytrack.domain.exercises.model import find_exercise, load_exercises
from studytrack.paths import bundled_content_dir

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the sandbox needs POSIX resource limits")

COURSE = load_course(bundled_content_dir())
MSE = find_exercise(load_exercises(COURSE.root, COURSE.topic_ids), "implement-mse-gradient")

PROBE = ("import atexit, sys\n"
         "atexit.register(lambda: print('LOADED', *sorted(m for m in ('click', 'numpy') if m in sys.modules), "
         "file=sys.stderr))\n")
FAST = PROBE + "from studytrack.cli import main\nmain()"
"""The console script's entry point: the fast paths first."""
CLICK = PROBE + "from studytrack.cli import click_group\nclick_group().main()"
"""The click group alone."""

WRONG_SIGN = ("import numpy as np\n\ndef mse_gradient(x, y, w, b):\n    e = w * x + b - y\n"
              "    return -2 * np.mean(e * x), -2 * np.mean(e)\n")
PRINTING = ("import numpy as np\n\ndef mse_gradient(x, y, w, b):\n    print('\\x1b[31mred\\x1b[0m', x.size)\n"
            "    e = w * x + b - y\n    return 2 * np.mean(e * x), 2 * np.mean(e)\n")


@pytest.fixture(scope="module")
def learner(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A folder with a learner's database and workspace (the reference solution in it), learner
    files, and the environment that points there; the exercise's test cases kept as one seed's,
    so that both paths check the same cases."""
    folder = tmp_path_factory.mktemp("learner")
    env = {**os.environ, "STUDYTRACK_DB": str(folder / "learner.db"), "STUDYTRACK_NOW": "2026-11-28T09:30:00+00:00",
           "STUDYTRACK_LANG": "en", "PYTHONPYCACHEPREFIX": str(folder / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "studytrack", "exercise", "workspace", str(folder / "workspace")], env=env,
                   check=True, capture_output=True)
    shutil.copyfile(MSE.code.solution, folder / "workspace" / MSE.code.file)
    (folder / "wrong.py").write_text(WRONG_SIGN, encoding="utf-8")
    (folder / "printing.py").write_text(PRINTING, encoding="utf-8")
    shutil.copyfile(MSE.code.starter, folder / "starter.py")
    (folder / "a folder").mkdir()
    prefix, no_bytecode = sys.pycache_prefix, sys.dont_write_bytecode
    try:  # where the checks' Python keeps its bytecode, so where they look for kept plans
        sys.pycache_prefix, sys.dont_write_bytecode = str(folder / "pycache"), False
        keep_plans(COURSE.root, CodeExerciseFacts.of(MSE), [plan_for(CODE_CHECKS[MSE.check], 7)])
    finally:
        sys.pycache_prefix, sys.dont_write_bytecode = prefix, no_bytecode
    return folder, env


def run(code: str, arguments: list[str], folder: Path, env: dict[str, str]) -> tuple[int, bytes, bytes, list[str]]:
    """Status, stdout, stderr (without the probe's line) and the modules of note loaded, of ``code``
    run with ``arguments`` (``{}`` names the learner's folder)."""
    for made in folder.glob("elsewhere*"):  # a database made by the run before: each run makes its own
        shutil.rmtree(made) if made.is_dir() else made.unlink()
    command = [sys.executable, "-c", code, *(argument.replace("{}", str(folder)) for argument in arguments)]
    result = subprocess.run(command, env=env, capture_output=True, stdin=subprocess.DEVNULL, cwd=folder, timeout=120)
    *lines, probe = result.stderr.split(b"\n")[:-1]
    assert probe.startswith(b"LOADED"), result.stderr
    stderr = b"".join(line + b"\n" for line in lines)
    return result.returncode, result.stdout, stderr, probe.decode().split()[1:]


ANSWERED = [
    (["exercise", "check", "implement-mse-gradient"], []),
    (["exercise", "check", "implement-mse-gradient", "--json"], []),
    (["--lang", "ko", "exercise", "check", "implement-mse-gradient", "--file", "{}/wrong.py"], []),
    (["exercise", "check", "--file={}/printing.py", "implement-mse-gradient"], ["click"]),
    (["exercise", "check", "implement-mse-gradient", "--file", "{}/starter.py", "--json"], []),
    (["exercise", "check", "implement-mse-gradient", "--file", "{}/missing.py"], []),
    (["--db", "{}/elsewhere.db", "exercise", "check", "implement-mse-gradient"], None),
]
"""Argument lists the fast path answers, with the modules of note it may load: right, wrong (in
Korean), printing colours (click drops them from its line), not attempted, a missing file, a
database with no workspace yet (made now: a notice; making one loads sqlite-utils, None: not
looked at)."""

FALLING_THROUGH = [
    ["exercise", "check", "implement-mse-gradient", "--seed", "7"],
    ["exercise", "check", "implement-mse-gradient", "--file", "{}/a folder"],
    ["exercise", "check", "implement-mse-gradient", "--json", "--json"],
    ["exercise", "check", "no-such-exercise"],
    ["exercise", "check", "mse-by-hand", "--seed", "1", "--answer", "1"],
    ["exercise", "check", "--help"],
]
"""Argument lists that go to click (not one of the forms, or no kept test cases)."""


@pytest.mark.parametrize(("arguments", "loaded"), ANSWERED, ids=[" ".join(case[0]) for case in ANSWERED])
def test_the_fast_path_answers_a_kept_code_check_as_click_does(arguments, loaded, learner):
    folder, env = learner
    fast, slow = run(FAST, arguments, folder, env), run(CLICK, arguments, folder, env)
    assert fast[:3] == slow[:3]
    assert "click" in slow[3]
    if loaded is not None:
        assert fast[3] == loaded, "the fast path loads neither click nor numpy"


@pytest.mark.parametrize("arguments", FALLING_THROUGH, ids=" ".join)
def test_anything_else_goes_to_click_unchanged(arguments, learner):
    folder, env = learner
    fast, slow = run(FAST, arguments, folder, env), run(CLICK, arguments, folder, env)
    assert fast[:3] == slow[:3]
    assert "click" in fast[3]


def test_the_outputs_say_what_the_check_found(learner):
    folder, env = learner
    status, stdout, _, _ = run(FAST, ["exercise", "check", "implement-mse-gradient", "--file", "{}/printing.py"],
                               folder, env)
    assert status == 0 and b"Correct" in stdout and b"seed 7" in stdout
    assert b"| red 3" in stdout and b"\x1b" not in stdout  # colours dropped on a pipe, as click drops them
    status, _, stderr, _ = run(FAST, ["exercise", "check", "implement-mse-gradient", "--file", "{}/missing.py"],
                               folder, env)
    assert status == 2 and stderr.count(b"\n") == 1


@pytest.mark.parametrize(("arguments", "answered"), [
    (["exercise", "check", "e"], True),
    (["--db", "x.db", "--lang=ko", "exercise", "check", "--json", "e", "--file", "f.py"], True),
    (["exercise", "check", "e", "--file=f.py", "--json"], True),
    (["exercise", "check"], False),
    (["exercise", "check", "e", "f"], False),
    (["exercise", "check", "e", "--file"], False),
    (["exercise", "check", "e", "--file", "-f"], False),
    (["exercise", "check", "e", "--file", "a.py", "--file", "b.py"], False),
    (["exercise", "check", "e", "--answer", "1"], False),
    (["exercise", "check", "e", "--difficulty", "normal"], False),
    (["exercise", "check", "e", "--"], False),
    (["exercise", "show", "e"], False),
    (["--lang", "fr", "exercise", "check", "e"], False),
    (["--db", "exercise", "exercise", "check", "e"], False),
    (["exercise", "check", "\udcff"], False),
])
def test_recognise_check_takes_only_the_exact_forms(arguments, answered):
    environ = {"STUDYTRACK_LANG": "en"}
    assert (recognise_check(arguments, environ) is not None) is answered
