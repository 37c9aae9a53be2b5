"""Checking a learner's file for a code exercise: run it in the sandbox, then judge the run.

The domain draws the test cases and computes the engine's results for them (a
``judging.CasePlan``, from ``code.plan_for`` or kept by ``code_plans``) and judges the results
(``judging.judge_run``); only the running happens here, so the domain never starts a process.
``check_planned`` needs no numpy: with a kept plan, the parent of a check never imports it.
"""

from pathlib import Path
from typing import TYPE_CHECKING

from studytrack.domain.exercises.code_plans import CodeExerciseFacts, plans_folder
from studytrack.domain.exercises.judging import CasePlan, judge_run
from studytrack.domain.exercises.results import CheckResult, code_result
from studytrack.sandbox.runner import WALL_SECONDS, StartedCheck, start_check

if TYPE_CHECKING:
    from studytrack.domain.exercises.model import Exercise


def check_code(exercise: "Exercise", file: Path, seed: int, *, wall_seconds: float | None = None,
               started: StartedCheck | None = None, database: Path | None = None) -> CheckResult:
    """Run the learner's ``file`` on the test cases of ``seed`` in a sandbox and judge it by the engine.

    Outcomes: correct, incorrect, not_attempted (the starter's NotImplementedError is still
    there), diverged (the learner's descent blew up), timeout, error (an exception, with its line;
    out of memory; a crash). ``wall_seconds`` None means the sandbox's default limit (or that of
    ``started``: a child the caller started early, ``sandbox.runner.start_check``, so that its start
    overlapped the caller's own work). ``database``: the learner's record, kept out of the program's
    reach with its folder (as the one ``STUDYTRACK_DB`` names always is). Raises
    ``SandboxUnavailable`` where there are no POSIX resource limits.
    """
    # Deferred: the engine's plan imports numpy (~100–250 ms); check_planned never needs it.
    from studytrack.domain.exercises.code import CODE_CHECKS, plan_for  # noqa: PLC0415

    plan = plan_for(CODE_CHECKS[exercise.check], seed)
    return check_planned(CodeExerciseFacts.of(exercise), plan, file, wall_seconds=wall_seconds, started=started,
                         database=database)


def check_planned(facts: CodeExerciseFacts, plan: CasePlan, file: Path, *, wall_seconds: float | None = None,
                  started: StartedCheck | None = None, database: Path | None = None) -> CheckResult:
    """``check_code`` with the engine's ``plan`` of the cases already made (no numpy needed here)."""
    if started is not None:
        return _check(facts, plan, file, started, database)
    with start_check(wall_seconds=WALL_SECONDS if wall_seconds is None else wall_seconds) as check:
        return _check(facts, plan, file, check, database)


def _check(facts: CodeExerciseFacts, plan: CasePlan, file: Path, started: StartedCheck,
           database: Path | None) -> CheckResult:
    """Run ``file`` on the cases of ``plan`` in ``started``, judge the run."""
    path = Path(file).resolve()
    # out of the program's reach: the learner's own folder (it runs on a copy), the course's
    # reference solution and starter folders, and where the plans are kept
    references = [path.parent, facts.solution.parent, facts.starter.parent, plans_folder()]
    if database is not None:  # the learner's record, wherever --db put it (STUDYTRACK_DB's is always out)
        references.append(database.resolve().parent)
    run = started.run(plan.request(path), protected=references)
    report = judge_run(plan, path, run, facts.tolerance, started.wall_seconds)
    return code_result(facts.id, facts.answer, file, plan.seed, report)
