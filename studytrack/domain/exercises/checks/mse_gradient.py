"""The mse-gradient check: ∂L/∂w and ∂L/∂b of the MSE at a guessed line."""

from typing import Any

import numpy as np

from studytrack import engine
from studytrack.domain.exercises.checks.base import NUMBER, Answers, Check, Params, Retry
from studytrack.domain.exercises.checks.line import line_data, line_fields, line_worked


def _generate_gradient(rng: np.random.Generator, difficulty: str) -> dict[str, Any]:
    params = line_data(rng, difficulty)
    dw, db = engine.mse_gradient(params["x"], params["y"], params["w"], params["b"])
    if not (0.5 <= abs(dw) <= 80 and 0.5 <= abs(db) <= 40):
        raise Retry
    return params


def _expected_gradient(params: Params) -> Answers:
    dw, db = engine.mse_gradient(params["x"], params["y"], params["w"], params["b"])
    return {"dw": dw, "db": db}


def _mistakes_gradient(params: Params) -> dict[str, Answers]:
    dw, db = engine.mse_gradient(params["x"], params["y"], params["w"], params["b"])
    n = len(params["x"])
    return {
        "sum": {"dw": n * dw, "db": n * db},
        "half": {"dw": dw / 2, "db": db / 2},
        "sign": {"dw": -dw, "db": -db},
    }


CHECK = Check("mse-gradient", {"dw": NUMBER, "db": NUMBER}, _generate_gradient, _expected_gradient,
              line_fields, line_worked, mistakes=_mistakes_gradient)
"""Answers: dw, db. Known mistakes: the sum instead of the mean, a missing factor 2, the wrong sign."""
