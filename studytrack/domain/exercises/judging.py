"""Judging one run of a learner's code against the engine's results for its test cases, without numpy.

``code`` draws a seed's test cases and computes with the engine everything a verdict needs: the
expected results, the results of the known wrong formulas and each case as the learner reads
it. That is a ``CasePlan``, plain data, which ``code_plans`` can keep between checks; judging a
run needs only the plan, so a check whose plan is cached never imports numpy in the parent (the
child that runs the learner's code has numpy of its own). The engine's own results are never
shown unless every case matches.
"""

import math
import signal
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from studytrack.domain.exercises.numtext import num
from studytrack.domain.messages import Message
from studytrack.i18n import Catalog

TEXT = Catalog("domain.exercises.code")

MISTAKES = Catalog("domain.exercises.checks")
"""Where the sentences naming the known mistakes live (shared with the numeric checks)."""

Case = dict[str, Any]
"""One test case as JSON: the arguments of one call of the learner's function."""

HarnessResult = dict[str, Any]
"""The harness's JSON answer: ``status`` and, by status, results or what went wrong."""


@dataclass(frozen=True)
class ProgramRun:
    """How one run of a learner's program went: the harness's result (if it printed one) and what
    else happened. The sandbox builds it; ``judge_run`` reads it."""

    result: HarnessResult | None
    """The harness's JSON result, or None when it printed none (killed, crashed, timed out)."""
    output: str
    """What the learner's code printed, at most the sandbox's output cap of it."""
    output_truncated: bool
    """True when the program printed more than was kept."""
    timed_out: bool
    """True when the wall-clock limit ended the run."""
    returncode: int | None
    """The child's exit status; negative for the signal that ended it."""
    pid: int
    """The child's process id, which is also its process group id."""
    seconds: float
    """Wall-clock time of the run."""
    stopped: str | None = None
    """The limit of the whole process tree that ended the run: ``memory``, ``processes`` or ``folder``."""

    @property
    def signal_name(self) -> str | None:
        """The name of the signal that ended the child (``SIGXCPU``, ``SIGKILL`` …), if one did."""
        if self.returncode is None or self.returncode >= 0:
            return None
        try:
            return signal.Signals(-self.returncode).name
        except ValueError:
            return f"signal {-self.returncode}"


@dataclass(frozen=True)
class CodeReport:
    """How a learner's file did against one seed's test cases."""

    outcome: str
    """correct, incorrect, not_attempted, diverged, timeout or error."""
    feedback: tuple[Message, ...]
    """What to tell the learner, sentence by sentence (shown joined by spaces)."""
    mistakes: tuple[str, ...]
    expected: list[list[float]] | None
    """The engine's results per case, only when every case matched."""
    run: ProgramRun


@dataclass(frozen=True)
class CasePlan:
    """One seed's test cases of a code check with everything the engine says about them: what the
    harness is asked and what ``judge_run`` compares its answer with. Plain data (lists, numbers,
    strings), so it can be cached (``code_plans``)."""

    check: str
    """The code check's name (``code-mse-gradient`` …)."""
    function: str
    """The function the learner writes."""
    call: str
    """How the harness calls it (``mse_gradient`` or ``gradient_descent``)."""
    seed: int
    cases: list[Case]
    expected: list[list[float]]
    """The engine's result for each case."""
    mistakes: list[list[tuple[str, list[float]]]]
    """For each case, the results of the known wrong formulas as ``(mistake key, result)``."""
    call_texts: list[str]
    """Each case as the learner reads it (``mse_gradient(x=[…], …)``)."""
    bound: float
    """The engine's divergence bound: a larger value counts as unbounded."""

    def request(self, path: Path) -> dict[str, Any]:
        """What the sandbox's harness is asked to do: call the learner's function in ``path`` on the cases."""
        return {"file": str(path), "function": self.function, "call": self.call, "cases": self.cases}


def close(value: float, target: float, tolerance: tuple[float, float], factor: float = 1.0) -> bool:
    """|value − target| ≤ factor·(atol + rtol·|target|): the one tolerance rule of every check, a
    code check's results here and a numeric answer's (``checks.base`` re-exports it)."""
    atol, rtol = tolerance
    return abs(value - target) <= factor * (atol + rtol * abs(target))


def mistake_message(key: str) -> Message:
    """The sentence that names the known mistake ``key``."""
    return Message(MISTAKES, f"mistake_{key}")


def result_text(call: str, values: list[float]) -> str:
    """A learner's result for a call as feedback shows it: ``(dw, db)`` for the MSE gradient, else
    one number or a list."""
    if call == "mse_gradient":
        return "(" + ", ".join(num(v, 6) for v in values) + ")"
    return num(values[0], 6) if len(values) == 1 else "[" + ", ".join(num(v, 6) for v in values) + "]"


def _say(key: str, **fields: object) -> Message:
    """The sentence ``key`` of the code checks' texts with ``fields``, to be worded later."""
    return Message(TEXT, key, fields)


TREE_LIMIT_KEYS = {"memory": "memory", "processes": "too_many_processes", "folder": "folder_too_large"}
"""The sentence for each limit of the sandbox's whole process tree (``ProgramRun.stopped``)."""


def judge_run(plan: CasePlan, path: Path, run: ProgramRun, tolerance: tuple[float, float],
              wall_seconds: float) -> CodeReport:
    """The report for one run of the learner's file at ``path`` on the cases of ``plan``.

    Its feedback is kept as messages; the caller words them in the learner's language.
    """
    result = run.result

    def report(outcome: str, feedback: Message) -> CodeReport:
        return CodeReport(outcome, (feedback,), (), None, run)

    if run.stopped is not None:
        return report("error", _say(TREE_LIMIT_KEYS.get(run.stopped, "crashed"), limit="1 GiB", how=run.stopped))
    if result is None:
        if run.timed_out or run.signal_name == "SIGXCPU":
            return report("timeout", _say("timeout", seconds=num(wall_seconds, 1)))
        if run.signal_name == "SIGXFSZ":
            return report("error", _say("file_too_large"))
        how = run.signal_name or f"exit status {run.returncode}"
        return report("error", _say("crashed", how=how))
    status = result.get("status")
    fields = {"file": path.name, "function": plan.function}
    if status == "not_implemented":
        return report("not_attempted", _say("not_implemented", **fields))
    if status == "missing":
        return report("error", _say("missing", **fields))
    if status == "error":
        return report("error", _error_message(plan, result, fields))
    if status == "bad_return":
        call = plan.call_texts[result["case"]]
        return report("incorrect", _say("bad_return", call=call, type=result["type"], text=result["text"]))
    changed = _changed_start(plan.cases, result.get("starts_after", []))
    if changed is not None:
        return report("incorrect", _say("changed_x0", call=plan.call_texts[changed]))
    return _compare(plan, result.get("results", []), tolerance, run)


def _changed_start(cases: list[Case], starts_after: list[list[float]]) -> int | None:
    """The first case whose starting point ``x0`` the learner's function changed in place (the
    harness reports each case's x0 after the call), or None. A function must not change its
    caller's array: the caller may still need where the descent started."""
    for index, (case, after) in enumerate(zip(cases, starts_after, strict=False)):
        before = case.get("x0")
        if isinstance(before, list) and after != [float(value) for value in before]:
            return index
    return None


def _error_message(plan: CasePlan, result: HarnessResult, fields: dict[str, str]) -> Message:
    """One line about an exception in the learner's file, with its line number."""
    line = result.get("line") or _say("unknown_line")
    if result.get("type") == "MemoryError":
        return _say("memory", limit="1 GiB")
    if result.get("stage") == "load":
        key = "syntax" if result.get("type") in ("SyntaxError", "IndentationError", "TabError") else "load_error"
        return _say(key, line=line, type=result.get("type"), message=result.get("message"), **fields)
    call = plan.call_texts[result["case"]]
    return _say("call_error", line=line, type=result.get("type"), message=result.get("message"), call=call,
                **fields)


def _close(values: list[float], target: list[float], tolerance: tuple[float, float], bound: float) -> bool:
    """Same length, and every value within atol + rtol·|target| (both unbounded counts as equal)."""
    if len(values) != len(target):
        return False
    for value, wanted in zip(values, target, strict=True):
        if not _bounded(wanted, bound) and not _bounded(value, bound):
            continue
        if not (_bounded(value, bound) and close(value, wanted, tolerance)):
            return False
    return True


def _bounded(value: float, bound: float) -> bool:
    """True for a finite number no larger than the engine's divergence ``bound``."""
    return math.isfinite(value) and abs(value) <= bound


def _compare(plan: CasePlan, results: list[list[float]], tolerance: tuple[float, float],
             run: ProgramRun) -> CodeReport:
    """Correct when every case matches the engine; otherwise name the first failing case and the mistake."""

    def report(outcome: str, feedback: Iterable[Message], mistakes: tuple[str, ...] = (),
               expected: list[list[float]] | None = None) -> CodeReport:
        return CodeReport(outcome, tuple(feedback), mistakes, expected, run)

    cases, expected, bound = plan.cases, plan.expected, plan.bound
    if len(results) != len(cases):
        return report("error", [_say("crashed", how=f"{len(results)} of {len(cases)} results")])
    failing = [i for i, (got, want) in enumerate(zip(results, expected, strict=True))
               if not _close(got, want, tolerance, bound)]
    if not failing:
        return report("correct", [_say("correct", function=plan.function, count=len(cases), seed=plan.seed)],
                      expected=[list(values) for values in expected])
    first = failing[0]
    call, got = plan.call_texts[first], results[first]
    if len(got) != len(expected[first]):
        wanted = _say("pair") if plan.call == "mse_gradient" else _say("same_shape", size=len(expected[first]))
        return report("incorrect", [_say("shape", call=call, size=len(got), wanted=wanted)])
    mistakes = _matching_mistakes(plan, results, failing, tolerance)
    notes = [mistake_message(key) for key in mistakes]
    returned = result_text(plan.call, got)
    if not all(_bounded(v, bound) for v in got) and all(_bounded(v, bound) for v in expected[first]):
        return report("diverged", [_say("diverged", call=call, returned=returned), *notes], mistakes)
    wrong = _say("wrong", call=call, returned=returned, failed=len(failing), count=len(cases))
    return report("incorrect", [wrong, *notes], mistakes)


def _matching_mistakes(plan: CasePlan, results: list[list[float]], failing: list[int],
                       tolerance: tuple[float, float]) -> tuple[str, ...]:
    """The known mistakes that explain every failing case (each case may match either variant of a key)."""
    explained: dict[str, bool] = {}
    for index in failing:
        variants = plan.mistakes[index]
        matched = {key for key, values in variants if _close(results[index], values, tolerance, plan.bound)}
        for key, _ in variants:
            explained[key] = explained.get(key, True) and key in matched
    return tuple(key for key, ok in explained.items() if ok)
