"""The code checks' kept plans (``domain.exercises.code_plans``): a check whose plan is kept judges
exactly as one that computes it, without numpy in the parent; any change to the course or to the
code that makes plans makes them stale; the learner's code can't reach them; and the entry point
starts a code check's child before anything else (``cli.early_check``)."""

import os
import shutil
import subprocess
import sys

import pytest

from studytrack.cli.early_check import looks_like_code_check
from studytrack.domain.content.course import load_course
from studytrack.domain.exercises import code_plans
from studytrack.domain.exercises.code import CODE_CHECKS, MIN_POOL_PLANS, plan_for, plan_pool
from studytrack.domain.exercises.code_plans import (
    CodeExerciseFacts,
    cached_plan,
    can_keep_plans,
    has_plans,
    keep_plans,
    plans_file,
    pool_seeds,
)
from studytrack.domain.exercises.model import find_exercise, load_exercises
from studytrack.paths import bundled_content_dir
from studytrack.sandbox.code_check import check_code, check_planned

COURSE = load_course(bundled_content_dir())
EXERCISES = load_exercises(COURSE.root, COURSE.topic_ids)
MSE = find_exercise(EXERCISES, "implement-mse-gradient")
DESCENT = find_exercise(EXERCISES, "implement-gradient-descent")

posix_only = pytest.mark.skipif(os.name != "posix", reason="the sandbox needs POSIX resource limits")


@pytest.fixture
def plans_here(tmp_path, monkeypatch):
    """Plans kept under ``tmp_path`` (as under ``PYTHONPYCACHEPREFIX``), not beside the package."""
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "pycache"))
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return tmp_path


@pytest.mark.parametrize("item", [MSE, DESCENT], ids=lambda e: e.id)
def test_a_kept_plan_reads_back_as_the_engine_made_it(plans_here, item):
    check = CODE_CHECKS[item.check]
    pool = [plan_for(check, seed) for seed in (5, 17, 123456)]
    keep_plans(COURSE.root, CodeExerciseFacts.of(item), pool)
    for plan in pool:
        facts, kept = cached_plan(COURSE.root, item.id, plan.seed)
        assert kept == plan and facts == CodeExerciseFacts.of(item)
    facts, chosen = cached_plan(COURSE.root, item.id, None)
    assert chosen.seed in {5, 17, 123456}
    assert cached_plan(COURSE.root, item.id, 6) is None  # a seed outside the pool is computed
    assert cached_plan(COURSE.root, "no-such-exercise", None) is None
    assert has_plans(COURSE.root, item.id) and not has_plans(COURSE.root, "no-such-exercise")


def test_two_exercises_keep_their_pools_side_by_side(plans_here):
    keep_plans(COURSE.root, CodeExerciseFacts.of(MSE), [plan_for(CODE_CHECKS[MSE.check], 1)])
    keep_plans(COURSE.root, CodeExerciseFacts.of(DESCENT), [plan_for(CODE_CHECKS[DESCENT.check], 2)])
    assert cached_plan(COURSE.root, MSE.id, 1) is not None
    assert cached_plan(COURSE.root, DESCENT.id, 2) is not None


def test_a_change_to_the_course_makes_the_plans_stale(plans_here):
    course = plans_here / "course"
    shutil.copytree(COURSE.root, course)
    keep_plans(course, CodeExerciseFacts.of(MSE), [plan_for(CODE_CHECKS[MSE.check], 1)])
    assert cached_plan(course, MSE.id, 1) is not None
    exercise_file = next((course / "exercises").glob("*implement-mse-gradient.toml"))
    exercise_file.write_text(exercise_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert cached_plan(course, MSE.id, 1) is None


def test_a_change_to_the_code_that_makes_plans_makes_them_stale(plans_here, monkeypatch):
    keep_plans(COURSE.root, CodeExerciseFacts.of(MSE), [plan_for(CODE_CHECKS[MSE.check], 1)])
    engine = plans_here / "engine"
    engine.mkdir()
    (engine / "losses.py").write_text("# the engine, changed\n", encoding="utf-8")
    monkeypatch.setattr(code_plans, "PLAN_CODE", (*code_plans.PLAN_CODE, engine))
    assert cached_plan(COURSE.root, MSE.id, 1) is None


def test_a_damaged_plans_file_only_costs_the_computing(plans_here):
    keep_plans(COURSE.root, CodeExerciseFacts.of(MSE), [plan_for(CODE_CHECKS[MSE.check], 1)])
    plans_file(COURSE.root).write_bytes(b"\x00not marshal")
    assert cached_plan(COURSE.root, MSE.id, 1) is None
    keep_plans(COURSE.root, CodeExerciseFacts.of(MSE), [plan_for(CODE_CHECKS[MSE.check], 1)])
    assert cached_plan(COURSE.root, MSE.id, 1) is not None


def test_a_pool_takes_as_many_plans_as_its_time_allows_and_never_fewer_than_its_minimum():
    """However slow the machine (no time at all), a kept pool offers a learner several different
    sets of cases, not one or two for good."""
    seeds = pool_seeds()
    assert len(set(seeds)) == len(seeds) == code_plans.POOL_SIZE and all(0 <= s < 1_000_000 for s in seeds)
    check = CODE_CHECKS[DESCENT.check]
    assert MIN_POOL_PLANS >= 8
    assert [plan.seed for plan in plan_pool(check, seeds, 0.0)] == seeds[:MIN_POOL_PLANS]
    assert [plan.seed for plan in plan_pool(check, seeds[:3], 60.0)] == seeds[:3]


def test_plans_are_kept_only_where_bytecode_may_be_written(plans_here, monkeypatch):
    assert can_keep_plans()
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    assert not can_keep_plans()
    keep_plans(COURSE.root, CodeExerciseFacts.of(MSE), [plan_for(CODE_CHECKS[MSE.check], 1)])
    assert not plans_file(COURSE.root).exists()


WRONG_SIGN = "import numpy as np\n\ndef mse_gradient(x, y, w, b):\n    e = w * x + b - y\n" \
             "    return -2 * np.mean(e * x), -2 * np.mean(e)\n"


@posix_only
@pytest.mark.parametrize("body", [None, WRONG_SIGN], ids=["reference", "wrong sign"])
def test_a_kept_plan_judges_exactly_as_a_computed_one(plans_here, tmp_path, body):
    file = MSE.code.solution if body is None else tmp_path / "mine.py"
    if body is not None:
        file.write_text(body, encoding="utf-8")
    keep_plans(COURSE.root, CodeExerciseFacts.of(MSE), [plan_for(CODE_CHECKS[MSE.check], 7)])
    facts, plan = cached_plan(COURSE.root, MSE.id, 7)
    kept, computed = check_planned(facts, plan, file), check_code(MSE, file, 7)
    assert (kept.outcome, kept.mistakes, kept.raw_answers()) == (computed.outcome, computed.mistakes,
                                                                 computed.raw_answers())
    assert kept.to_json("ko") == computed.to_json("ko") and kept.feedback.text("en") == computed.feedback.text("en")


@posix_only
def test_the_learner_code_cannot_reach_the_kept_plans(plans_here, tmp_path):
    keep_plans(COURSE.root, CodeExerciseFacts.of(MSE), [plan_for(CODE_CHECKS[MSE.check], 7)])
    target = plans_file(COURSE.root)
    before = target.read_bytes()
    attack = tmp_path / "learner" / "mine.py"  # a folder of its own: only the plans' folder stands in the way
    attack.parent.mkdir()
    facts, plan = cached_plan(COURSE.root, MSE.id, 7)
    for attempt in (f"open({str(target)!r}, 'wb').write(b'forged')",
                    f"open('forged', 'wb').write(b'forged'); import os; os.replace('forged', {str(target)!r})",
                    f"import os; os.remove({str(target)!r})"):
        attack.write_text(f"{attempt}\n\ndef mse_gradient(x, y, w, b):\n    return 0.0, 0.0\n", encoding="utf-8")
        result = check_planned(facts, plan, attack)
        assert result.outcome == "error" and "out of bounds" in result.feedback.text("en"), attempt
        assert target.read_bytes() == before


@pytest.mark.parametrize(("arguments", "expected"), [
    (["exercise", "check", "implement-mse-gradient"], True),
    (["--db", "x.db", "--lang=ko", "exercise", "check", "e", "--file", "f.py", "--json"], True),
    (["exercise", "check", "mse-by-hand", "--seed", "3", "--answer", "mse=1"], False),
    (["exercise", "check", "mse-by-hand", "--answer=mse=1"], False),
    (["exercise", "check", "--help"], False),
    (["exercise", "show", "implement-mse-gradient"], False),
    (["--verbose", "exercise", "check", "e"], False),
    (["--db"], False),
    ([], False),
])
def test_the_entry_point_starts_a_child_only_for_what_looks_like_a_code_check(arguments, expected):
    assert looks_like_code_check(arguments) is expected


@posix_only
def test_a_code_check_from_the_entry_point_needs_no_numpy_once_its_plans_are_kept(tmp_path):
    """Through ``studytrack.cli:main`` as the console script runs it: the first check computes and
    keeps the plans, the second reads them and never imports numpy in the parent; both correct."""
    env = {**os.environ, "STUDYTRACK_DB": str(tmp_path / "learner.db"), "STUDYTRACK_LANG": "en",
           "STUDYTRACK_NOW": "2026-11-28T09:30:00+00:00", "PYTHONPYCACHEPREFIX": str(tmp_path / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    mine = tmp_path / "mse_gradient.py"
    shutil.copyfile(MSE.code.solution, mine)
    command = ["exercise", "check", MSE.id, "--file", str(mine)]
    probe = ("import atexit, sys\n"
             "atexit.register(lambda: print('NUMPY', 'numpy' in sys.modules, file=sys.stderr))\n"
             "from studytrack.cli import main\nmain()")
    lines = []
    for _ in range(2):
        result = subprocess.run([sys.executable, "-c", probe, *command], env=env, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert "Correct: mse_gradient matches the engine" in result.stdout
        lines.append(result.stderr.strip().splitlines()[-1])
    assert lines == ["NUMPY True", "NUMPY False"]
