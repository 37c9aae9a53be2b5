"""Checking a learner's file for a code exercise: run it in the sandbox, then judge the run.

The domain draws the test cases and judges the results (``domain.exercises.code``); only the
running happens here, so the domain never starts a process.
"""

from pathlib import Path

from studytrack.domain.exercises.code import CODE_CHECKS, draw_cases, harness_request, judge_run
from studytrack.domain.exercises.model import CheckResult, Exercise, code_check_result
from studytrack.sandbox.runner import WALL_SECONDS, StartedCheck, start_check


def check_code(exercise: Exercise, file: Path, seed: int, *, wall_seconds: float | None = None,
               started: StartedCheck | None = None) -> CheckResult:
    """Run the learner's ``file`` on the test cases of ``seed`` in a sandbox and judge it by the engine.

    Outcomes: correct, incorrect, not_attempted (the starter's NotImplementedError is still
    there), diverged (the learner's descent blew up), timeout, error (an exception, with its line;
    out of memory; a crash). ``wall_seconds`` None means the sandbox's default limit (or that of
    ``started``: a child the caller started early, ``sandbox.runner.start_check``, so that its start
    overlapped the caller's own work). Raises ``SandboxUnavailable`` where there are no POSIX
    resource limits.
    """
    if started is not None:
        return _check(exercise, file, seed, started)
    with start_check(wall_seconds=WALL_SECONDS if wall_seconds is None else wall_seconds) as check:
        return _check(exercise, file, seed, check)


def _check(exercise: Exercise, file: Path, seed: int, started: StartedCheck) -> CheckResult:
    """Draw the cases of ``seed``, run ``file`` on them in ``started``, judge the run."""
    check = CODE_CHECKS[exercise.check]
    path = Path(file).resolve()
    cases = draw_cases(check, seed)
    # out of the program's reach: the learner's own folder (it runs on a copy) and the course's
    # reference solution and starter folders
    references = [path.parent]
    if exercise.code is not None:
        references += [exercise.code.solution.parent, exercise.code.starter.parent]
    run = started.run(harness_request(check, path, cases), protected=references)
    report = judge_run(check, path, seed, cases, run, exercise.answers[0].tolerance, started.wall_seconds)
    return code_check_result(exercise, file, seed, report)
