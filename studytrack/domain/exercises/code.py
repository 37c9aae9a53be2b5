"""The code exercises: seeded test cases, the engine's results for them, and judging a learner's file.

A code exercise names one check here (``check = "code-mse-gradient"``). The check draws test
cases from a seed (``draw_cases``); the sandbox runs the learner's function on them in a limited
child process and hands back a ``ProgramRun``; ``judge_run`` compares its results with the
engine's, within the exercise's tolerance. A wrong result is compared with the known wrong
formulas too, so the feedback can name the mistake; the engine's own results are never shown
unless every case matches. Nothing here starts a process: the domain stays pure.
"""

import math
import signal
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from studytrack import engine
from studytrack.domain.exercises.checks.base import mistake_message
from studytrack.domain.exercises.checks.numbers import num, num_list, polynomial_text
from studytrack.domain.messages import Message
from studytrack.i18n import Catalog

TEXT = Catalog("domain.exercises.code")

Case = dict[str, Any]
"""One test case as JSON: the arguments of one call of the learner's function."""

HarnessResult = dict[str, Any]
"""The harness's JSON answer: ``status`` and, by status, results or what went wrong."""


@dataclass(frozen=True)
class CodeCheck:
    """One kind of code exercise: the function the learner writes and how to test it.

    ``cases`` draws JSON test cases from a seeded generator; ``expected`` is the engine's result
    for a case (a flat list of floats); ``mistakes`` the results of known wrong formulas as
    ``(mistake key, result)`` pairs; ``call_text`` a case as the learner reads it.
    """

    name: str
    function: str
    call: str
    cases: Callable[[np.random.Generator], list[Case]]
    expected: Callable[[Case], list[float]]
    mistakes: Callable[[Case], list[tuple[str, list[float]]]]
    call_text: Callable[[Case], str]
    result_text: Callable[[list[float]], str]


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


# ─── implement-mse-gradient ───────────────────────────────────────────────────


def _gradient_cases(rng: np.random.Generator) -> list[Case]:
    cases = [{"x": [float(v) for v in rng.integers(-3, 6, 3)], "y": [float(v) for v in rng.integers(-3, 9, 3)],
              "w": float(rng.integers(-2, 4)), "b": float(rng.integers(-2, 3))}]
    for size in (1, 4, 6, 10):
        x = np.round(rng.normal(0, 2, size), 2)
        cases.append({"x": x.tolist(), "y": np.round(1.5 * x + 1 + rng.normal(0, 1, size), 2).tolist(),
                      "w": round(float(rng.normal()), 2), "b": round(float(rng.normal()), 2)})
    return cases


def _gradient_expected(case: Case) -> list[float]:
    return list(engine.mse_gradient(case["x"], case["y"], case["w"], case["b"]))


def _gradient_mistakes(case: Case) -> list[tuple[str, list[float]]]:
    dw, db = engine.mse_gradient(case["x"], case["y"], case["w"], case["b"])
    n = len(case["x"])
    return [("sum", [n * dw, n * db]), ("half", [dw / 2, db / 2]), ("sign", [-dw, -db])]


def _gradient_call(case: Case) -> str:
    return f"mse_gradient(x={num_list(case['x'])}, y={num_list(case['y'])}, w={num(case['w'])}, b={num(case['b'])})"


def _pair_text(values: list[float]) -> str:
    return "(" + ", ".join(num(v, 6) for v in values) + ")"


# ─── implement-gradient-descent ───────────────────────────────────────────────


def _descent_cases(rng: np.random.Generator) -> list[Case]:
    cases = []
    a, center = float(rng.integers(1, 4)), float(rng.integers(-3, 4))
    cases.append(_polynomial_case([a, -2 * a * center, a * center * center], float(rng.integers(-5, 6)),
                                  round(float(rng.uniform(0.1, 0.8)) / a, 3), int(rng.integers(5, 16))))
    for size in (2, 3):
        cases.append(_quadratic_case(rng, size, int(rng.integers(10, 31))))
    cases.append(_polynomial_case(list(engine.TWO_BASIN_QUARTIC), round(float(rng.uniform(-2, 2)), 2),
                                  round(float(rng.uniform(0.005, 0.03)), 3), int(rng.integers(10, 41))))
    cases.append(_quadratic_case(rng, 2, 0))
    return cases


def _polynomial_case(coeffs: list[float], x0: float, lr: float, steps: int) -> Case:
    derivative = np.polyder(np.asarray(coeffs, dtype=np.float64)).tolist()
    return {"grad": {"kind": "polynomial", "coeffs": coeffs, "derivative": derivative},
            "x0": x0, "lr": lr, "steps": steps}


def _quadratic_case(rng: np.random.Generator, size: int, steps: int) -> Case:
    root = np.round(rng.normal(0, 1, (size, size)), 1)
    matrix = np.round(root.T @ root / 2 + 0.5 * np.eye(size), 2)
    center = np.round(rng.normal(0, 2, size), 1)
    start = np.round(rng.normal(0, 3, size), 1)
    hessian = matrix + matrix.T  # the constant Hessian of (θ − c)ᵀ·M·(θ − c)
    lr = round(float(rng.uniform(0.2, 0.9)) * engine.max_stable_learning_rate(hessian), 3)
    return {"grad": {"kind": "affine", "matrix": hessian.tolist(), "center": center.tolist(),
                     "quadratic": matrix.tolist()},
            "x0": start.tolist(), "lr": lr, "steps": steps}


def _objective(case: Case) -> engine.Objective:
    spec = case["grad"]
    if spec["kind"] == "polynomial":
        return engine.polynomial_objective(spec["coeffs"])
    return engine.quadratic_form(spec["quadratic"], spec["center"])


def _run(case: Case, *, lr: float | None = None, steps: int | None = None, ascend: bool = False) -> list[float]:
    objective = _objective(case)
    start = case["x0"] if isinstance(case["x0"], float) else np.array(case["x0"])
    gradient = (lambda x: -objective.gradient(x)) if ascend else objective.gradient
    run = engine.descend(gradient, start, case["lr"] if lr is None else lr,
                         case["steps"] if steps is None else steps)
    values: list[float] = np.atleast_1d(run.final_params).astype(float).tolist()
    return values


def _descent_expected(case: Case) -> list[float]:
    return _run(case)


def _descent_mistakes(case: Case) -> list[tuple[str, list[float]]]:
    variants = [("added", _run(case, ascend=True)), ("no_rate", _run(case, lr=1.0)),
                ("off_by_one", _run(case, steps=case["steps"] + 1))]
    if case["steps"] > 0:
        variants.append(("off_by_one", _run(case, steps=case["steps"] - 1)))
    return variants


def _descent_call(case: Case) -> str:
    spec = case["grad"]
    x0 = num(case["x0"]) if isinstance(case["x0"], float) else num_list(case["x0"])
    call = f"gradient_descent(grad, x0={x0}, lr={num(case['lr'], 6)}, steps={case['steps']})"
    if spec["kind"] == "polynomial":
        return f"{call} with grad(x) = {polynomial_text([round(c, 6) for c in spec['derivative']])}"
    matrix = "[" + ", ".join(num_list(row) for row in spec["matrix"]) + "]"
    return f"{call} with grad(θ) = A·(θ − c), A = {matrix}, c = {num_list(spec['center'])}"


def _values_text(values: list[float]) -> str:
    return num(values[0], 6) if len(values) == 1 else "[" + ", ".join(num(v, 6) for v in values) + "]"


CODE_CHECKS: dict[str, CodeCheck] = {
    check.name: check
    for check in (
        CodeCheck("code-mse-gradient", "mse_gradient", "mse_gradient", _gradient_cases, _gradient_expected,
                  _gradient_mistakes, _gradient_call, _pair_text),
        CodeCheck("code-gradient-descent", "gradient_descent", "gradient_descent", _descent_cases,
                  _descent_expected, _descent_mistakes, _descent_call, _values_text),
    )
}
"""Every code check an exercise file may name, by name."""


def _say(key: str, **fields: object) -> Message:
    """The sentence ``key`` of this module's texts with ``fields``, to be worded later."""
    return Message(TEXT, key, fields)


def draw_cases(check: CodeCheck, seed: int) -> list[Case]:
    """The JSON test cases ``seed`` draws for ``check``: the same seed always gives the same cases."""
    return check.cases(np.random.default_rng(seed))


def harness_request(check: CodeCheck, path: Path, cases: list[Case]) -> dict[str, Any]:
    """What the sandbox's harness is asked to do: call the learner's function in ``path`` on ``cases``."""
    return {"file": str(path), "function": check.function, "call": check.call, "cases": cases}


TREE_LIMIT_KEYS = {"memory": "memory", "processes": "too_many_processes", "folder": "folder_too_large"}
"""The sentence for each limit of the sandbox's whole process tree (``ProgramRun.stopped``)."""


def judge_run(check: CodeCheck, path: Path, seed: int, cases: list[Case], run: ProgramRun,
              tolerance: tuple[float, float], wall_seconds: float) -> CodeReport:
    """The report for one run of the learner's file at ``path`` on the ``cases`` of ``seed``.

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
    fields = {"file": path.name, "function": check.function}
    if status == "not_implemented":
        return report("not_attempted", _say("not_implemented", **fields))
    if status == "missing":
        return report("error", _say("missing", **fields))
    if status == "error":
        return report("error", _error_message(check, cases, result, fields))
    if status == "bad_return":
        call = check.call_text(cases[result["case"]])
        return report("incorrect", _say("bad_return", call=call, type=result["type"], text=result["text"]))
    changed = _changed_start(cases, result.get("starts_after", []))
    if changed is not None:
        return report("incorrect", _say("changed_x0", call=check.call_text(cases[changed])))
    return _compare(check, cases, result.get("results", []), tolerance, seed, run)


def _changed_start(cases: list[Case], starts_after: list[list[float]]) -> int | None:
    """The first case whose starting point ``x0`` the learner's function changed in place (the
    harness reports each case's x0 after the call), or None. A function must not change its
    caller's array: the caller may still need where the descent started."""
    for index, (case, after) in enumerate(zip(cases, starts_after, strict=False)):
        before = case.get("x0")
        if isinstance(before, list) and after != [float(value) for value in before]:
            return index
    return None


def _error_message(check: CodeCheck, cases: list[Case], result: HarnessResult, fields: dict[str, str]) -> Message:
    """One line about an exception in the learner's file, with its line number."""
    line = result.get("line") or _say("unknown_line")
    if result.get("type") == "MemoryError":
        return _say("memory", limit="1 GiB")
    if result.get("stage") == "load":
        key = "syntax" if result.get("type") in ("SyntaxError", "IndentationError", "TabError") else "load_error"
        return _say(key, line=line, type=result.get("type"), message=result.get("message"), **fields)
    call = check.call_text(cases[result["case"]])
    return _say("call_error", line=line, type=result.get("type"), message=result.get("message"), call=call,
                **fields)


def _close(values: list[float], target: list[float], tolerance: tuple[float, float]) -> bool:
    """Same length, and every value within atol + rtol·|target| (both unbounded counts as equal)."""
    if len(values) != len(target):
        return False
    atol, rtol = tolerance
    for value, wanted in zip(values, target, strict=True):
        if not _bounded(wanted) and not _bounded(value):
            continue
        if not (_bounded(value) and abs(value - wanted) <= atol + rtol * abs(wanted)):
            return False
    return True


def _bounded(value: float) -> bool:
    """True for a finite number no larger than the engine's divergence bound."""
    return math.isfinite(value) and abs(value) <= engine.DIVERGENCE_BOUND


def _compare(check: CodeCheck, cases: list[Case], results: list[list[float]], tolerance: tuple[float, float],
             seed: int, run: ProgramRun) -> CodeReport:
    """Correct when every case matches the engine; otherwise name the first failing case and the mistake."""

    def report(outcome: str, feedback: Iterable[Message], mistakes: tuple[str, ...] = (),
               expected: list[list[float]] | None = None) -> CodeReport:
        return CodeReport(outcome, tuple(feedback), mistakes, expected, run)

    expected = [check.expected(case) for case in cases]
    if len(results) != len(cases):
        return report("error", [_say("crashed", how=f"{len(results)} of {len(cases)} results")])
    failing = [i for i, (got, want) in enumerate(zip(results, expected, strict=True))
               if not _close(got, want, tolerance)]
    if not failing:
        return report("correct", [_say("correct", function=check.function, count=len(cases), seed=seed)],
                      expected=expected)
    first = failing[0]
    call, got = check.call_text(cases[first]), results[first]
    if len(got) != len(expected[first]):
        wanted = _say("pair") if check.call == "mse_gradient" else _say("same_shape", size=len(expected[first]))
        return report("incorrect", [_say("shape", call=call, size=len(got), wanted=wanted)])
    mistakes = _matching_mistakes(check, cases, results, failing, tolerance)
    notes = [mistake_message(key) for key in mistakes]
    returned = check.result_text(got)
    if not all(_bounded(v) for v in got) and all(_bounded(v) for v in expected[first]):
        return report("diverged", [_say("diverged", call=call, returned=returned), *notes], mistakes)
    wrong = _say("wrong", call=call, returned=returned, failed=len(failing), count=len(cases))
    return report("incorrect", [wrong, *notes], mistakes)


def _matching_mistakes(check: CodeCheck, cases: list[Case], results: list[list[float]], failing: list[int],
                       tolerance: tuple[float, float]) -> tuple[str, ...]:
    """The known mistakes that explain every failing case (each case may match either variant of a key)."""
    explained: dict[str, bool] = {}
    for index in failing:
        matched = {key for key, values in check.mistakes(cases[index]) if _close(results[index], values, tolerance)}
        for key, _ in check.mistakes(cases[index]):
            explained[key] = explained.get(key, True) and key in matched
    return tuple(key for key, ok in explained.items() if ok)
