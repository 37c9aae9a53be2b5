"""The mse check: the mean squared error of a guessed line."""

import math
from typing import Any

import numpy as np

from studytrack import engine
from studytrack.domain.exercises.checks.base import NUMBER, Answers, Check, Params, Retry
from studytrack.domain.exercises.checks.line import line_data, line_fields, line_worked, prediction_errors


def _generate_mse(rng: np.random.Generator, difficulty: str) -> dict[str, Any]:
    params = line_data(rng, difficulty)
    loss = engine.mse(params["x"], params["y"], params["w"], params["b"])
    if not 0.2 <= loss <= (60 if difficulty == "hard" else 30):
        raise Retry
    return params


def _expected_mse(params: Params) -> Answers:
    return {"loss": engine.mse(params["x"], params["y"], params["w"], params["b"])}


def _mistakes_mse(params: Params) -> dict[str, Answers]:
    x, y, w, b = params["x"], params["y"], params["w"], params["b"]
    loss = engine.mse(x, y, w, b)
    return {
        "sum": {"loss": len(x) * loss},
        "mae": {"loss": engine.mae(x, y, w, b)},
        "rmse": {"loss": math.sqrt(loss)},
        "unsquared": {"loss": float(prediction_errors(params).mean())},
    }


CHECK = Check("mse", {"loss": NUMBER}, _generate_mse, _expected_mse, line_fields, line_worked,
              mistakes=_mistakes_mse)
"""Answer: loss. Known mistakes: the sum instead of the mean, MAE, RMSE, unsquared errors."""
