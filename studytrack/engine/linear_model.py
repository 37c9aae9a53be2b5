"""The linear model ŷ = w·x + b (one feature) or ŷ = Xw + b (d features): predictions, errors."""

from typing import overload

import numpy as np
from numpy.typing import ArrayLike


def model_arrays(x: ArrayLike, w: ArrayLike) -> tuple[np.ndarray, np.ndarray]:
    """``x`` and ``w`` as float arrays, checked to fit together; shared by losses and regression.

    A 1-D ``x`` (or a single number) goes with a scalar ``w``; a 2-D ``X`` of shape (n, d) goes
    with ``w`` of shape (d,). Anything else is a ``ValueError``, never a silent broadcast.
    """
    x = np.asarray(x, dtype=np.float64)
    w = np.asarray(w, dtype=np.float64)
    if x.ndim <= 1:
        if w.ndim != 0:
            raise ValueError(
                f"x of shape {x.shape} has one feature, so w must be a number, "
                f"not an array of shape {w.shape}"
            )
    elif x.ndim == 2:
        if w.shape != (x.shape[1],):
            raise ValueError(
                f"X of shape {x.shape} has {x.shape[1]} features, so w must have shape "
                f"({x.shape[1]},), not {w.shape}"
            )
    else:
        raise ValueError(f"x must be 1-D (n,) or 2-D (n, d), not of shape {x.shape}")
    return x, w


def sample_arrays(x: ArrayLike, y: ArrayLike, w: ArrayLike) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``x``, ``y`` and ``w`` as float arrays for a loss: n ≥ 1 samples, y of shape (n,)."""
    x, w = model_arrays(x, w)
    if x.ndim == 0:
        raise ValueError("x must hold the samples as an array of shape (n,) or (n, d)")
    y = np.asarray(y, dtype=np.float64)
    if y.shape != (x.shape[0],):
        raise ValueError(f"y must have shape ({x.shape[0]},) to match x, not {y.shape}")
    if x.shape[0] == 0:
        raise ValueError("a loss needs at least one sample")
    return x, y, w


def linear_combination(x: np.ndarray, w: np.ndarray | np.floating) -> np.ndarray:
    """``w·x`` for checked arrays: an elementwise product for one feature, ``X @ w`` for several."""
    combination: np.ndarray = x * w if x.ndim <= 1 else x @ w
    return combination


@overload
def predict(x: float, w: float, b: float) -> float: ...
@overload
def predict(x: ArrayLike, w: ArrayLike, b: float) -> float | np.ndarray: ...
def predict(x: ArrayLike, w: ArrayLike, b: float) -> float | np.ndarray:
    """The predictions ŷ = w·x + b (or Xw + b): what the model says for each sample.

    Returns a float for a single number ``x`` and an array of shape (n,) otherwise.
    """
    x, w = model_arrays(x, w)
    with np.errstate(all="ignore"):
        prediction = linear_combination(x, w) + float(b)
    return float(prediction) if prediction.ndim == 0 else prediction


def residuals(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> np.ndarray:
    """The errors y − ŷ, one per sample (the course's "error"; the MSE gradient uses ŷ − y)."""
    x, y, w = sample_arrays(x, y, w)
    with np.errstate(all="ignore"):
        errors: np.ndarray = y - (linear_combination(x, w) + float(b))
        return errors
