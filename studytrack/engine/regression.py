"""Full-batch linear regression: one fast MSE descent step, the closed-form fit and the Hessian."""

from typing import overload

import numpy as np
from numpy.typing import ArrayLike

from studytrack.engine.linear_model import linear_combination, sample_arrays
from studytrack.engine.losses import checked_mse, checked_mse_gradient
from studytrack.engine.objective import Objective, Params


@overload
def mse_step(x: ArrayLike, y: ArrayLike, w: float, b: float, lr: float) -> tuple[float, float]: ...
@overload
def mse_step(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float, lr: float) -> tuple[float | np.ndarray, float]: ...
def mse_step(x: ArrayLike, y: ArrayLike, w: ArrayLike, b: float, lr: float) -> tuple[float | np.ndarray, float]:
    """The parameters (w, b) after one full-batch gradient-descent step on the MSE.

    w′ = w − lr·(2/n)·Σ(ŷ − y)·x and b′ = b − lr·(2/n)·Σ(ŷ − y). For X of shape (n, d) the cost
    is the two passes over X it cannot avoid (X @ w and Xᵀ @ r) plus a few passes over n
    numbers: no (n, d) temporary is made. Overflow gives ``inf``/``nan`` quietly.
    """
    x, y, w = sample_arrays(x, y, w)
    scale = 2.0 * float(lr) / len(x)
    with np.errstate(all="ignore"):
        errors = linear_combination(x, w)
        errors += float(b)
        errors -= y
        if x.ndim == 1:
            return float(w - scale * (x @ errors)), float(b) - scale * float(errors.sum())
        weights: np.ndarray = w - scale * (x.T @ errors)
        return weights, float(b) - scale * float(errors.sum())


def _design_matrix(x: ArrayLike) -> np.ndarray:
    """[X, 1]: the samples with a column of ones, so that b is one more weight."""
    samples = np.asarray(x, dtype=np.float64)
    if samples.ndim not in (1, 2) or samples.shape[0] == 0:
        raise ValueError(f"x must hold n ≥ 1 samples as (n,) or (n, d), not shape {samples.shape}")
    features = samples.reshape(samples.shape[0], -1)
    return np.column_stack([features, np.ones(samples.shape[0])])


def least_squares(x: ArrayLike, y: ArrayLike) -> tuple[float | np.ndarray, float]:
    """The closed-form least-squares fit (w, b): the exact minimum of the MSE, the reference.

    Solved with ``np.linalg.lstsq`` on [X, 1]. w is a float for x of shape (n,) and an array for
    X of shape (n, d). Raises ``ValueError`` when the minimum is not unique (fewer independent
    samples than parameters, e.g. every x equal).
    """
    design = _design_matrix(x)
    targets = np.asarray(y, dtype=np.float64)
    if targets.shape != (design.shape[0],):
        raise ValueError(f"y must have shape ({design.shape[0]},) to match x, not {targets.shape}")
    if not (np.all(np.isfinite(design)) and np.all(np.isfinite(targets))):
        raise ValueError("least squares needs finite x and y")
    solution, _, rank, _ = np.linalg.lstsq(design, targets, rcond=None)
    if rank < design.shape[1]:
        raise ValueError(
            "the least-squares minimum is not unique: the samples do not determine w and b "
            "(add samples with different x)"
        )
    weights, bias = solution[:-1], float(solution[-1])
    return (float(weights[0]) if np.ndim(x) == 1 else weights), bias


def mse_hessian(x: ArrayLike) -> np.ndarray:
    """The (constant) Hessian (2/n)·[X, 1]ᵀ[X, 1] of the MSE in the parameters (w…, b).

    Its largest eigenvalue λ_max bounds the learning rate: descent on the MSE diverges for
    lr > 2/λ_max (see ``max_stable_learning_rate``).
    """
    design = _design_matrix(x)
    hessian: np.ndarray = (2.0 / len(design)) * (design.T @ design)
    return hessian


def _split(params: Params, one_feature: bool, size: int) -> tuple[np.floating | np.ndarray, float]:
    """The packed parameters (w…, b), ``size`` of them, as w (a number for ``one_feature`` x of
    shape (n,)) and b."""
    packed = np.asarray(params, dtype=np.float64)
    if packed.shape != (size,):
        raise ValueError(f"parameters must be (w…, b) of shape ({size},), not {packed.shape}")
    return (packed[0] if one_feature else packed[:-1]), float(packed[-1])


def mse_objective(x: ArrayLike, y: ArrayLike) -> Objective:
    """The MSE of a linear model on (x, y) as an ``Objective`` over the packed vector (w…, b).

    Lets ``descend`` and the learning-rate sweeps run linear regression with one parameter
    vector; b is the last entry. The samples are checked once, here, not at every step; the
    value and the gradient are ``mse`` and ``mse_gradient``'s, to the last bit.
    """
    samples, targets, _ = sample_arrays(x, y, np.zeros(np.shape(x)[1:]))
    hessian = mse_hessian(samples)
    one_feature = samples.ndim == 1
    size = (1 if one_feature else samples.shape[1]) + 1

    def value(params: Params) -> float:
        return checked_mse(samples, targets, *_split(params, one_feature, size))

    def gradient(params: Params) -> np.ndarray:
        weights_gradient, bias_gradient = checked_mse_gradient(samples, targets, *_split(params, one_feature, size))
        if one_feature:
            return np.array((weights_gradient, bias_gradient))
        return np.concatenate((weights_gradient, (bias_gradient,)))

    def constant_hessian(params: Params) -> np.ndarray:
        return hessian.copy()

    return Objective("mean squared error", value, gradient, constant_hessian)
