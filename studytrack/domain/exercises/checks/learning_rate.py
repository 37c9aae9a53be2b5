"""The learning-rate check: pick a rate that reaches the minimum within the steps, judged by running it.

The generator sweeps ``RATE_GRID`` rates to find the window of rates that work and suggests a
round one inside it; the learner's rate is judged by the engine's own descent run, which the
app plots.
"""

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from studytrack import engine
from studytrack.domain.exercises.checks.base import (
    RATE,
    TEXT,
    Answers,
    Check,
    Judgement,
    Params,
    Retry,
    Verdict,
    Worked,
    known,
    memo,
    run_losses,
)
from studytrack.domain.exercises.checks.numbers import clean, distinct_xs, matrix_text, num, num_list, pick, sig, whole
from studytrack.domain.messages import Message

RATE_GRID = 400
"""How many learning rates the generator sweeps to find the window of rates that work."""


NICE_RATES = tuple(m * 10.0**k for k in range(-4, 1) for m in (1, 2, 2.5, 5))
"""Rates a person would try: 0.0001 … 0.5, as 1, 2, 2.5 or 5 times a power of ten."""


@memo
def _rate_problem(params: Params) -> tuple[engine.Objective, float, float]:
    """The MSE objective, its minimum value and the divergence threshold 2/λmax of a rate exercise."""
    x, y = params["x"], params["y"]
    objective = engine.mse_objective(x, y)
    best_w, best_b = engine.least_squares(x, y)
    best = engine.mse(x, y, best_w, best_b)
    top = engine.max_stable_learning_rate(engine.mse_hessian(x))
    return objective, best, top


@memo
def rate_window(params: Params) -> tuple[float, float] | None:
    """The lowest and highest swept rate that reach min MSE + tol in ``steps`` steps (None: none do).

    Found with one engine sweep over ``RATE_GRID`` rates up to 2/λmax; ``None`` as well when the
    rates that work do not form one interval.
    """
    _, best, top = _rate_problem(params)
    rates = np.geomspace(top * 1e-4, top * 0.9999, RATE_GRID)
    sweep = engine.sweep_linear_regression(
        params["x"], params["y"], rates, params["steps"], w0=params["w0"], b0=params["b0"]
    )
    works = np.array([status != "diverged" for status in sweep.statuses]) & (
        sweep.final_losses <= best + params["tol"]
    )
    indices = np.flatnonzero(works)
    if indices.size == 0 or indices[-1] - indices[0] + 1 != indices.size or indices[0] == 0:
        return None
    return float(rates[indices[0]]), float(rates[indices[-1]])


def rate_run(params: Params, lr: float) -> engine.DescentRun:
    """The learner's run: full-batch descent on the MSE from (w0, b0) with rate ``lr``."""
    objective, _, _ = _rate_problem(params)
    return engine.descend(
        objective.gradient, np.array([params["w0"], params["b0"]], dtype=np.float64), lr, params["steps"],
        loss=objective.value,
    )


def _rate_works(params: Params, lr: float) -> bool:
    _, best, _ = _rate_problem(params)
    run = rate_run(params, lr)
    return run.status != "diverged" and run.final_loss <= best + params["tol"]


@memo
def _suggested_rate(params: Params) -> float | None:
    """A rate a person would try that works, near the middle of the window (log scale)."""
    window = rate_window(params)
    if window is None:
        return None
    low, high = window
    middle = math.sqrt(low * high)
    inside = [r for r in NICE_RATES if low * 1.05 <= r <= high / 1.05 and _rate_works(params, r)]
    return min(inside, key=lambda r: abs(math.log(r / middle))) if inside else None


def _generate_rate(rng: np.random.Generator, difficulty: str) -> dict[str, Any]:
    steps_choices: tuple[int, ...]
    if difficulty == "easy":
        count = int(rng.integers(4, 6))
        x = distinct_xs(rng, count, -3, 3, 1)
        spans, steps_choices, tol = (4.0, 60.0), (10, 15, 20, 30), 0.05
    elif difficulty == "normal":
        count = int(rng.integers(4, 6))
        x = distinct_xs(rng, count, 0, 6, 1)
        spans, steps_choices, tol = (2.5, 8.0), (10, 15, 20, 30, 50, 100), 0.01
    else:
        count = int(rng.integers(5, 7))
        x = distinct_xs(rng, count, -1, 5, 0.5)
        spans, steps_choices, tol = (1.5, 3.0), (10, 15, 20, 30, 50, 100, 200), 0.01
    slope, intercept = whole(rng, -2, 3, nonzero=True), whole(rng, -2, 3)
    y = [clean(slope * v + intercept + pick(rng, (-1, 0, 0, 1))) for v in x]
    params = {"x": x, "y": y, "w0": 0, "b0": 0, "steps": 0, "tol": tol}
    for steps in steps_choices:
        params["steps"] = steps
        window = rate_window(params)
        if window is not None and spans[0] <= window[1] / window[0] <= spans[1]:
            if _suggested_rate(params) is None:
                raise Retry
            return params
    raise Retry


def _expected_rate(params: Params) -> Answers:
    return {"lr": _suggested_rate(params)}


def _judge_rate(params: Params, values: Mapping[str, Any]) -> Judgement:
    """Run the learner's rate: right when it reaches min MSE + tol within ``steps`` without diverging."""
    if "lr" not in values:
        return Judgement({})
    lr = values["lr"]
    if lr <= 0:
        return Judgement({"lr": Verdict(False, note=Message(TEXT, "rate_not_positive"))})
    _, best, top = _rate_problem(params)
    run = rate_run(params, lr)
    shown = {"lr": num(lr, 6), "steps": params["steps"], "tol": num(params["tol"]), "best": num(best)}
    losses = run_losses(run)
    loss = float(losses[-1])
    # above 2/λmax descent on a quadratic grows without bound, even before the engine's overflow bound
    if run.status == "diverged" or (lr > top and loss > losses[0]):
        note = Message(TEXT, "rate_diverged",
                       {"lr": shown["lr"], "step": run.steps_taken, "loss": sig(losses[-1], 3)})
        return Judgement({"lr": Verdict(False, note=note, diverged=True)}, run)
    if loss <= best + params["tol"]:
        reached = Message(TEXT, "rate_reached", {"loss": num(loss), **shown})
        return Judgement({"lr": Verdict(True, note=reached)}, run)
    # beyond half the divergence threshold the slowest-to-settle direction flips sign every step
    key = "rate_zigzag" if lr > top / 2 else "rate_slow"
    return Judgement({"lr": Verdict(False, note=Message(TEXT, key, {"loss": num(loss), **shown}))}, run)


def _rate_fields(params: Params) -> dict[str, str]:
    return {
        "x": num_list(params["x"]),
        "y": num_list(params["y"]),
        "n": str(len(params["x"])),
        "w0": num(params["w0"]),
        "b0": num(params["b0"]),
        "steps": str(params["steps"]),
        "tol": num(params["tol"]),
    }


def _rate_worked(params: Params) -> Worked:
    _, best, top = _rate_problem(params)
    eigenvalues = engine.hessian_eigenvalues(engine.mse_hessian(params["x"]))
    low, high = known(rate_window(params), "window of rates that work")
    suggested = known(_suggested_rate(params), "suggested rate")
    best_w, best_b = engine.least_squares(params["x"], params["y"])
    return {
        **_rate_fields(params),
        "hessian": matrix_text(engine.mse_hessian(params["x"])),
        "lambda_max": num(eigenvalues[-1]),
        "lambda_min": num(eigenvalues[0]),
        "max_stable": num(top),
        "best": num(best),
        "best_w": num(best_w),
        "best_b": num(best_b),
        "low": sig(low, 3),
        "high": sig(high, 3),
        "lr": num(suggested, 6),
        "final_loss": num(run_losses(rate_run(params, suggested))[-1]),
    }


CHECK = Check("learning-rate", {"lr": RATE}, _generate_rate, _expected_rate, _rate_fields, _rate_worked,
              judge=_judge_rate, tries=200)
"""Answer: a learning rate, judged by running it (right when it gets within tol of the minimum)."""
