"""The gd-step check: one full-batch gradient-descent step on the MSE of a line."""

from typing import Any

import numpy as np

from studytrack import engine
from studytrack.domain.exercises.checks.base import NUMBER, Answers, Check, Params, Retry
from studytrack.domain.exercises.checks.line import line_data, line_fields, line_worked
from studytrack.domain.exercises.checks.numbers import pick


def _generate_step(rng: np.random.Generator, difficulty: str) -> dict[str, Any]:
    params = line_data(rng, difficulty)
    params["lr"] = pick(rng, {"easy": [0.1], "normal": [0.1, 0.05], "hard": [0.05, 0.02, 0.01]}[difficulty])
    dw, db = engine.mse_gradient(params["x"], params["y"], params["w"], params["b"])
    if not (0.5 <= abs(dw) <= 60 and 0.5 <= abs(db) <= 30):
        raise Retry
    return params


def _step(params: Params, lr: float) -> tuple[float, float]:
    return engine.mse_step(params["x"], params["y"], params["w"], params["b"], lr)


def _expected_step(params: Params) -> Answers:
    w, b = _step(params, params["lr"])
    return {"w": w, "b": b}


def _mistakes_step(params: Params) -> dict[str, Answers]:
    lr, n = params["lr"], len(params["x"])
    variants = {"added": -lr, "no_rate": 1.0, "half_step": lr / 2, "sum_step": lr * n}
    return {key: dict(zip(("w", "b"), _step(params, rate), strict=True)) for key, rate in variants.items()}


CHECK = Check("gd-step", {"w": NUMBER, "b": NUMBER}, _generate_step, _expected_step, line_fields,
              line_worked, mistakes=_mistakes_step)
"""Answers: the new w and b. Known mistakes: adding the gradient, no rate, half or summed steps."""
