"""Checking a learner's file for a code exercise: run it in the sandbox, then judge the run.

The domain draws the test cases and judges the results (``domain.exercises.code``); only the
running happens here, so the domain never starts a process.
"""

from pathlib import Path

from studytrack.domain.exercises.code import CODE_CHECKS, draw_cases, harness_request, judge_run
from studytrack.domain.exercises.model import CheckResult, Exercise, code_check_result
from studytrack.sandbox.runner import WALL_SECONDS, run_in_sandbox


def check_code(exercise: Exercise, file: Path, seed: int, lang: str = "en", *,
               wall_seconds: float | None = None) -> CheckResult:
    """Run the learner's ``file`` on the test cases of ``seed`` in a sandbox and judge it by the engine.

    Outcomes: correct, incorrect, not_attempted (the starter's NotImplementedError is still
    there), diverged (the learner's descent blew up), timeout, error (an exception, with its line;
    out of memory; a crash). ``wall_seconds`` None means the sandbox's default limit. Raises
    ``SandboxUnavailable`` where there are no POSIX resource limits.
    """
    check = CODE_CHECKS[exercise.check]
    path = Path(file).resolve()
    limit = WALL_SECONDS if wall_seconds is None else wall_seconds
    cases = draw_cases(check, seed)
    # out of the program's reach: the learner's own folder (it runs on a copy) and the course's
    # reference solution and starter folders
    references = [path.parent]
    if exercise.code is not None:
        references += [exercise.code.solution.parent, exercise.code.starter.parent]
    run = run_in_sandbox(harness_request(check, path, cases), protected=references, wall_seconds=limit)
    report = judge_run(check, path, seed, cases, run, exercise.answers[0].tolerance, limit)
    return code_check_result(exercise, file, seed, report, lang)
