"""Losses of the linear model and their gradients: MSE, MAE and the logistic (cross-entropy) loss.

Every loss takes ``(x, y, w, b)`` with x of shape (n,) and a number w, or X of shape (n, d) and
w of shape (d,). Every gradient returns ``(dL/dw, dL/db)``: dL/dw has the shape of w, dL/db is a
float. Overflow gives ``inf`` or ``nan`` quietly (never a warning); callers check with
``math.isfinite``.
"""

from typing import overload

import numpy as np
from numpy.typing import ArrayLike

from studytrack.engine.linear_model import linear_combination, sample_arrays


def _weights_gradient(x: np.ndarray, per_sample: np.ndarray) -> float | np.ndarray:
    """Σ per_sample·x over the samples: a float for one feature, an array (d,) for several."""
    if x.ndim == 1:
        return float(x @ per_sample)
    weights: np.ndarray = x.T @ per_sample
    return weights


def mse(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> float:
    """Mean squared error (1/n)·Σ(ŷ − y)²: the loss whose minimum linear regression finds."""
    return checked_mse(*sample_arrays(x, y, w), b)


def checked_mse(x: np.ndarray, y: np.ndarray, w: np.ndarray | np.floating, b: float) -> float:
    """``mse`` of arrays already checked to fit (``sample_arrays``): what a descent calls at
    every step, without checking them again."""
    with np.errstate(all="ignore"):
        errors = linear_combination(x, w) + float(b) - y
        return float(errors @ errors) / len(x)


@overload
def mse_gradient(x: ArrayLike, y: ArrayLike, w: float, b: float) -> tuple[float, float]: ...
@overload
def mse_gradient(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> tuple[float | np.ndarray, float]: ...
def mse_gradient(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> tuple[float | np.ndarray, float]:
    """(∂L/∂w, ∂L/∂b) of the MSE: ((2/n)·Σ(ŷ − y)·x, (2/n)·Σ(ŷ − y)); the gradient-descent input."""
    return checked_mse_gradient(*sample_arrays(x, y, w), b)


def checked_mse_gradient(x: np.ndarray, y: np.ndarray, w: np.ndarray | np.floating,
                         b: float) -> tuple[float | np.ndarray, float]:
    """``mse_gradient`` of arrays already checked to fit (``sample_arrays``), as ``checked_mse``."""
    with np.errstate(all="ignore"):
        errors = linear_combination(x, w) + float(b) - y
        scale = 2.0 / x.shape[0]
        return scale * _weights_gradient(x, errors), scale * float(errors.sum())


def mae(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> float:
    """Mean absolute error (1/n)·Σ|ŷ − y|: a loss less swayed by outliers than the MSE."""
    x, y, w = sample_arrays(x, y, w)
    with np.errstate(all="ignore"):
        return float(np.abs(linear_combination(x, w) + float(b) - y).mean())


@overload
def mae_gradient(x: ArrayLike, y: ArrayLike, w: float, b: float) -> tuple[float, float]: ...
@overload
def mae_gradient(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> tuple[float | np.ndarray, float]: ...
def mae_gradient(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> tuple[float | np.ndarray, float]:
    """(∂L/∂w, ∂L/∂b) of the MAE: ((1/n)·Σ sign(ŷ − y)·x, (1/n)·Σ sign(ŷ − y)).

    At a sample where ŷ = y the absolute value has a kink; its term uses the subgradient 0.
    """
    x, y, w = sample_arrays(x, y, w)
    with np.errstate(all="ignore"):
        signs = np.sign(linear_combination(x, w) + float(b) - y)
        scale = 1.0 / x.shape[0]
        return scale * _weights_gradient(x, signs), scale * float(signs.sum())


@overload
def sigmoid(z: float) -> float: ...
@overload
def sigmoid(z: ArrayLike) -> float | np.ndarray: ...
def sigmoid(z: ArrayLike) -> float | np.ndarray:
    """The logistic function 1/(1 + e^(−z)), accurate for every z and free of overflow."""
    logits = np.asarray(z, dtype=np.float64)
    with np.errstate(all="ignore"):
        decay = np.exp(-np.abs(logits))
        result = np.where(logits >= 0, 1.0 / (1.0 + decay), decay / (1.0 + decay))
    return float(result) if result.ndim == 0 else result


def _checked_labels(y: np.ndarray) -> None:
    """Refuse labels outside [0, 1]: cross-entropy is defined for probabilities only."""
    if not np.all((y >= 0.0) & (y <= 1.0)):
        raise ValueError("logistic loss labels must be 0 or 1 (or probabilities in [0, 1])")


def logistic_loss(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> float:
    """Mean cross-entropy of a linear classifier with P(y=1) = σ(w·x + b), labels y in {0, 1}.

    Computed as (1/n)·Σ[y·log(1 + e^(−z)) + (1 − y)·log(1 + e^z)] with ``np.logaddexp``, so it
    stays finite and accurate for any logit z (soft labels in [0, 1] work the same way).
    """
    x, y, w = sample_arrays(x, y, w)
    _checked_labels(y)
    with np.errstate(all="ignore"):
        logits = linear_combination(x, w) + float(b)
        losses = y * np.logaddexp(0.0, -logits) + (1.0 - y) * np.logaddexp(0.0, logits)
        return float(losses.mean())


@overload
def logistic_gradient(x: ArrayLike, y: ArrayLike, w: float, b: float) -> tuple[float, float]: ...
@overload
def logistic_gradient(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> tuple[float | np.ndarray, float]: ...
def logistic_gradient(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float) -> tuple[float | np.ndarray, float]:
    """(∂L/∂w, ∂L/∂b) of the logistic loss: ((1/n)·Σ(σ(z) − y)·x, (1/n)·Σ(σ(z) − y))."""
    x, y, w = sample_arrays(x, y, w)
    _checked_labels(y)
    with np.errstate(all="ignore"):
        errors = np.asarray(sigmoid(linear_combination(x, w) + float(b))) - y
        scale = 1.0 / x.shape[0]
        return scale * _weights_gradient(x, errors), scale * float(errors.sum())
