"""The code exercises: seeded test cases, the engine's results for them, and judging a learner's file.

A code exercise names one check here (``check = "code-mse-gradient"``). The check draws test
cases from a seed, ``sandbox.run_in_sandbox`` runs the learner's function on them in a limited
child process, and the results are compared with the engine's, within the exercise's tolerance.
A wrong result is compared with the known wrong formulas too, so the feedback can name the
mistake; the engine's own results are never shown unless every case matches.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from studytrack import engine
from studytrack.domain.exercises.checks import mistake_text, num, num_list, polynomial_text
from studytrack.i18n import Catalog
from studytrack.sandbox.runner import WALL_SECONDS, SandboxRun, run_in_sandbox

TEXT = Catalog("domain.exercises.code")


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
    cases: Callable[[np.random.Generator], list[dict]]
    expected: Callable[[dict], list[float]]
    mistakes: Callable[[dict], list[tuple[str, list[float]]]]
    call_text: Callable[[dict], str]
    result_text: Callable[[list[float]], str]


@dataclass(frozen=True)
class CodeReport:
    """How a learner's file did against one seed's test cases."""

    outcome: str
    """correct, incorrect, not_attempted, diverged, timeout or error."""
    feedback: str
    mistakes: tuple[str, ...]
    expected: list | None
    """The engine's results per case, only when every case matched."""
    run: SandboxRun


# ─── implement-mse-gradient ───────────────────────────────────────────────────


def _gradient_cases(rng: np.random.Generator) -> list[dict]:
    cases = [{"x": [float(v) for v in rng.integers(-3, 6, 3)], "y": [float(v) for v in rng.integers(-3, 9, 3)],
              "w": float(rng.integers(-2, 4)), "b": float(rng.integers(-2, 3))}]
    for size in (1, 4, 6, 10):
        x = np.round(rng.normal(0, 2, size), 2)
        cases.append({"x": x.tolist(), "y": np.round(1.5 * x + 1 + rng.normal(0, 1, size), 2).tolist(),
                      "w": round(float(rng.normal()), 2), "b": round(float(rng.normal()), 2)})
    return cases


def _gradient_expected(case: dict) -> list[float]:
    return list(engine.mse_gradient(case["x"], case["y"], case["w"], case["b"]))


def _gradient_mistakes(case: dict) -> list[tuple[str, list[float]]]:
    dw, db = engine.mse_gradient(case["x"], case["y"], case["w"], case["b"])
    n = len(case["x"])
    return [("sum", [n * dw, n * db]), ("half", [dw / 2, db / 2]), ("sign", [-dw, -db])]


def _gradient_call(case: dict) -> str:
    return f"mse_gradient(x={num_list(case['x'])}, y={num_list(case['y'])}, w={num(case['w'])}, b={num(case['b'])})"


def _pair_text(values: list[float]) -> str:
    return "(" + ", ".join(num(v, 6) for v in values) + ")"


# ─── implement-gradient-descent ───────────────────────────────────────────────


def _descent_cases(rng: np.random.Generator) -> list[dict]:
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


def _polynomial_case(coeffs: list[float], x0: float, lr: float, steps: int) -> dict:
    derivative = np.polyder(np.asarray(coeffs, dtype=np.float64)).tolist()
    return {"grad": {"kind": "polynomial", "coeffs": coeffs, "derivative": derivative},
            "x0": x0, "lr": lr, "steps": steps}


def _quadratic_case(rng: np.random.Generator, size: int, steps: int) -> dict:
    root = np.round(rng.normal(0, 1, (size, size)), 1)
    matrix = np.round(root.T @ root / 2 + 0.5 * np.eye(size), 2)
    center = np.round(rng.normal(0, 2, size), 1)
    objective = engine.quadratic_form(matrix, center)
    start = np.round(rng.normal(0, 3, size), 1)
    hessian = objective.hessian(start)
    lr = round(float(rng.uniform(0.2, 0.9)) * engine.max_stable_learning_rate(hessian), 3)
    return {"grad": {"kind": "affine", "matrix": hessian.tolist(), "center": center.tolist(),
                     "quadratic": matrix.tolist()},
            "x0": start.tolist(), "lr": lr, "steps": steps}


def _objective(case: dict) -> engine.Objective:
    spec = case["grad"]
    if spec["kind"] == "polynomial":
        return engine.polynomial_objective(spec["coeffs"])
    return engine.quadratic_form(spec["quadratic"], spec["center"])


def _run(case: dict, *, lr: float | None = None, steps: int | None = None, ascend: bool = False) -> list[float]:
    objective = _objective(case)
    start = case["x0"] if isinstance(case["x0"], float) else np.array(case["x0"])
    gradient = (lambda x: -objective.gradient(x)) if ascend else objective.gradient
    run = engine.descend(gradient, start, case["lr"] if lr is None else lr,
                         case["steps"] if steps is None else steps)
    return np.atleast_1d(run.final_params).astype(float).tolist()


def _descent_expected(case: dict) -> list[float]:
    return _run(case)


def _descent_mistakes(case: dict) -> list[tuple[str, list[float]]]:
    variants = [("added", _run(case, ascend=True)), ("no_rate", _run(case, lr=1.0)),
                ("off_by_one", _run(case, steps=case["steps"] + 1))]
    if case["steps"] > 0:
        variants.append(("off_by_one", _run(case, steps=case["steps"] - 1)))
    return variants


def _descent_call(case: dict) -> str:
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


def check_code_file(
    check: CodeCheck,
    path: Path,
    seed: int,
    tolerance: tuple[float, float],
    lang: str = "en",
    *,
    wall_seconds: float = WALL_SECONDS,
) -> CodeReport:
    """Run the learner's file at ``path`` on the cases of ``seed`` and judge the results."""
    cases = check.cases(np.random.default_rng(seed))
    request = {"file": str(path), "function": check.function, "call": check.call, "cases": cases}
    run = run_in_sandbox(request, cwd=path.parent, wall_seconds=wall_seconds)
    return _judge(check, path, seed, cases, run, tolerance, lang, wall_seconds)


def _judge(check: CodeCheck, path: Path, seed: int, cases: list[dict], run: SandboxRun,
           tolerance: tuple[float, float], lang: str, wall_seconds: float) -> CodeReport:
    """The report for one sandbox run."""
    result = run.result

    def report(outcome: str, feedback: str, mistakes: tuple[str, ...] = (), expected=None) -> CodeReport:
        return CodeReport(outcome, feedback, mistakes, expected, run)

    if result is None:
        if run.timed_out or run.signal_name == "SIGXCPU":
            return report("timeout", TEXT("timeout", lang, seconds=num(wall_seconds, 1)))
        if run.signal_name == "SIGXFSZ":
            return report("error", TEXT("file_too_large", lang))
        how = run.signal_name or f"exit status {run.returncode}"
        return report("error", TEXT("crashed", lang, how=how))
    status = result.get("status")
    fields = {"file": path.name, "function": check.function}
    if status == "not_implemented":
        return report("not_attempted", TEXT("not_implemented", lang, **fields))
    if status == "missing":
        return report("error", TEXT("missing", lang, **fields))
    if status == "error":
        return report("error", _error_text(check, cases, result, fields, lang))
    if status == "bad_return":
        call = check.call_text(cases[result["case"]])
        return report("incorrect", TEXT("bad_return", lang, call=call, type=result["type"], text=result["text"]))
    return _compare(check, cases, result.get("results", []), tolerance, lang, seed, report)


def _error_text(check: CodeCheck, cases: list[dict], result: dict, fields: dict, lang: str) -> str:
    """One line about an exception in the learner's file, with its line number."""
    line = result.get("line") or TEXT("unknown_line", lang)
    if result.get("type") == "MemoryError":
        return TEXT("memory", lang, limit="1 GiB")
    if result.get("stage") == "load":
        key = "syntax" if result.get("type") in ("SyntaxError", "IndentationError", "TabError") else "load_error"
        return TEXT(key, lang, line=line, type=result.get("type"), message=result.get("message"), **fields)
    call = check.call_text(cases[result["case"]])
    return TEXT("call_error", lang, line=line, type=result.get("type"), message=result.get("message"), call=call,
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


def _compare(check: CodeCheck, cases: list[dict], results: list, tolerance: tuple[float, float], lang: str,
             seed: int, report) -> CodeReport:
    """Correct when every case matches the engine; otherwise name the first failing case and the mistake."""
    expected = [check.expected(case) for case in cases]
    if len(results) != len(cases):
        return report("error", TEXT("crashed", lang, how=f"{len(results)} of {len(cases)} results"))
    failing = [i for i, (got, want) in enumerate(zip(results, expected, strict=True))
               if not _close(got, want, tolerance)]
    if not failing:
        return report("correct", TEXT("correct", lang, function=check.function, count=len(cases), seed=seed),
                      expected=expected)
    first = failing[0]
    call, got = check.call_text(cases[first]), results[first]
    if len(got) != len(expected[first]):
        wanted = TEXT("pair", lang) if check.call == "mse_gradient" else TEXT(
            "same_shape", lang, size=len(expected[first]))
        return report("incorrect", TEXT("shape", lang, call=call, size=len(got), wanted=wanted))
    mistakes = _matching_mistakes(check, cases, results, failing, tolerance)
    notes = [mistake_text(key, lang) for key in mistakes]
    returned = check.result_text(got)
    if not all(_bounded(v) for v in got) and all(_bounded(v) for v in expected[first]):
        return report("diverged", " ".join([TEXT("diverged", lang, call=call, returned=returned), *notes]), mistakes)
    text = TEXT("wrong", lang, call=call, returned=returned, failed=len(failing), count=len(cases))
    return report("incorrect", " ".join([text, *notes]), mistakes)


def _matching_mistakes(check: CodeCheck, cases: list[dict], results: list, failing: list[int],
                       tolerance: tuple[float, float]) -> tuple[str, ...]:
    """The known mistakes that explain every failing case (each case may match either variant of a key)."""
    explained: dict[str, bool] = {}
    for index in failing:
        matched = {key for key, values in check.mistakes(cases[index]) if _close(results[index], values, tolerance)}
        for key, _ in check.mistakes(cases[index]):
            explained[key] = explained.get(key, True) and key in matched
    return tuple(key for key, ok in explained.items() if ok)
