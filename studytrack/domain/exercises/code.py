"""The code exercises: seeded test cases and the engine's results for them.

A code exercise names one check here (``check = "code-mse-gradient"``). The check draws test
cases from a seed (``draw_cases``) and ``plan_for`` computes with the engine everything a verdict
needs: the expected results, the results of the known wrong formulas (so the feedback can name
the mistake) and each case as the learner reads it, a ``judging.CasePlan``. The sandbox runs the
learner's function on the cases in a limited child process and hands back a ``judging.ProgramRun``;
``judging.judge_run`` compares its results with the plan's, within the exercise's tolerance.
Nothing here starts a process: the domain stays pure.
"""

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from studytrack import engine
from studytrack.domain.exercises.checks.numbers import num, num_list, polynomial_text
from studytrack.domain.exercises.judging import Case, CasePlan

__all__ = ["CODE_CHECKS", "Case", "CasePlan", "CodeCheck", "draw_cases", "plan_for", "plan_pool"]


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


CODE_CHECKS: dict[str, CodeCheck] = {
    check.name: check
    for check in (
        CodeCheck("code-mse-gradient", "mse_gradient", "mse_gradient", _gradient_cases, _gradient_expected,
                  _gradient_mistakes, _gradient_call),
        CodeCheck("code-gradient-descent", "gradient_descent", "gradient_descent", _descent_cases,
                  _descent_expected, _descent_mistakes, _descent_call),
    )
}
"""Every code check an exercise file may name, by name."""


def draw_cases(check: CodeCheck, seed: int) -> list[Case]:
    """The JSON test cases ``seed`` draws for ``check``: the same seed always gives the same cases."""
    return check.cases(np.random.default_rng(seed))


def _floats(values: Any) -> list[float]:
    """An engine result as plain Python floats (what a cached plan keeps)."""
    return [float(value) for value in values]


def plan_for(check: CodeCheck, seed: int) -> CasePlan:
    """The cases ``seed`` draws for ``check`` with the engine's results, the known wrong formulas'
    results and each case as the learner reads it."""
    cases = draw_cases(check, seed)
    return CasePlan(
        check=check.name, function=check.function, call=check.call, seed=seed, cases=cases,
        expected=[_floats(check.expected(case)) for case in cases],
        mistakes=[[(key, _floats(values)) for key, values in check.mistakes(case)] for case in cases],
        call_texts=[check.call_text(case) for case in cases],
        bound=float(engine.DIVERGENCE_BOUND),
    )


MIN_POOL_PLANS = 8
"""A kept pool holds at least this many plans, however slow the machine: each later check picks
one of them, so a learner meets different cases from check to check (the descent's ~8 ms each)."""


def plan_pool(check: CodeCheck, seeds: Sequence[int], budget_seconds: float) -> list[CasePlan]:
    """The plans of ``seeds`` in order, as many as ``budget_seconds`` allow but at least
    ``MIN_POOL_PLANS``: a pool to keep (``code_plans``). The MSE gradient's plans take ~0.3 ms
    each, the descent's ~8 ms."""
    pool: list[CasePlan] = []
    deadline = time.monotonic() + budget_seconds
    for seed in seeds:
        if len(pool) >= MIN_POOL_PLANS and time.monotonic() > deadline:
            break
        pool.append(plan_for(check, seed))
    return pool
