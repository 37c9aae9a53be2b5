"""What the line exercises share (mse, mse-gradient, gd-step): points, a guessed line, its texts.

The three checks draw the same kind of problem — a few points and a line ŷ = w·x + b — and
show the same placeholders and worked-solution numbers; only their answers differ.
"""

from collections.abc import Sequence
from typing import Any

import numpy as np

from studytrack import engine
from studytrack.domain.exercises.checks.base import Params, Worked
from studytrack.domain.exercises.checks.numbers import clean, distinct_xs, num, num_list, tenths, whole


def line_data(rng: np.random.Generator, difficulty: str) -> dict[str, Any]:
    """Points (x, y) and a guessed line (w, b): integers when easy, one decimal when hard."""
    y: Sequence[float]
    w: float
    b: float
    if difficulty == "easy":
        x = distinct_xs(rng, 3, 0, 4, 1)
        w, b = whole(rng, -2, 3, nonzero=True), whole(rng, -2, 2)
        y = whole(rng, -2, 8, 3)
    elif difficulty == "normal":
        count = int(rng.integers(3, 6))
        x = distinct_xs(rng, count, -2, 5, 1)
        w, b = tenths(rng, -2, 3, nonzero=True), tenths(rng, -2, 2)
        w, b = clean(round(w * 2) / 2), clean(round(b * 2) / 2)
        y = whole(rng, -3, 9, count)
    else:
        count = int(rng.integers(4, 7))
        x = distinct_xs(rng, count, -3, 4, 0.5)
        w, b = tenths(rng, -2, 3, nonzero=True), tenths(rng, -2, 2)
        y = tenths(rng, -3, 9, count)
    return {"x": x, "y": y, "w": w, "b": b}


def line_fields(params: Params) -> dict[str, str]:
    """Placeholders of the line exercises: x, y, w, b, n and the line itself."""
    fields = {
        "x": num_list(params["x"]),
        "y": num_list(params["y"]),
        "w": num(params["w"]),
        "b": num(params["b"]),
        "n": str(len(params["x"])),
        "line": f"ŷ = {num(params['w'])}·x {'−' if params['b'] < 0 else '+'} {num(abs(params['b']))}",
    }
    if "lr" in params:
        fields["lr"] = num(params["lr"])
    return fields


def prediction_errors(params: Params) -> np.ndarray:
    """ŷ − y per point, from the engine's residuals y − ŷ."""
    return -engine.residuals(params["x"], params["y"], params["w"], params["b"])


def line_worked(params: Params) -> Worked:
    """The numbers of a worked MSE / gradient / step computation."""
    x, y, w, b = params["x"], params["y"], params["w"], params["b"]
    errors = prediction_errors(params)
    dw, db = engine.mse_gradient(x, y, w, b)
    worked: Worked = {
        **line_fields(params),
        "yhat": num_list(np.atleast_1d(engine.predict(x, w, b))),
        "errors": num_list(errors),
        "squares": num_list(errors**2),
        "sum_squares": num(float(errors @ errors)),
        "loss": num(engine.mse(x, y, w, b)),
        "errors_x": num_list(errors * np.asarray(x, dtype=float)),
        "sum_errors": num(float(errors.sum())),
        "sum_errors_x": num(float(errors @ np.asarray(x, dtype=float))),
        "dw": num(dw),
        "db": num(db),
    }
    if "lr" in params:
        new_w, new_b = engine.mse_step(x, y, w, b, params["lr"])
        worked.update(new_w=num(new_w), new_b=num(new_b), lr_dw=num(params["lr"] * dw),
                      lr_db=num(params["lr"] * db))
    return worked
