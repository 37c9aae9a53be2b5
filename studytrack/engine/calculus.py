"""Numerical derivatives by central differences, and what a Hessian says about a critical point.

The numerical gradient and Hessian check the analytic ones; the Hessian's eigenvalues classify
a critical point and bound the learning rate on a quadratic.
"""

from collections.abc import Callable
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from studytrack.engine.objective import Params

CriticalPointKind = Literal["minimum", "maximum", "saddle", "degenerate"]
"""What a critical point is, as told by the signs of the Hessian's eigenvalues."""

_EPS = np.finfo(np.float64).eps


def _steps(point: np.ndarray, relative: float, step: float | None) -> np.ndarray:
    """Per-coordinate difference steps: ``step`` if given, else ``relative``·max(1, |xᵢ|)."""
    if step is not None:
        if not step > 0:
            raise ValueError(f"the difference step must be > 0, not {step!r}")
        return np.full(point.shape, float(step))
    steps: np.ndarray = relative * np.maximum(1.0, np.abs(point))
    return steps


def _as_point(x: ArrayLike) -> np.ndarray:
    """``x`` as a finite float array of dimension 0 or 1."""
    point = np.array(x, dtype=np.float64)
    if point.ndim > 1 or not np.all(np.isfinite(point)):
        raise ValueError("the point must be a finite number or a finite 1-D array")
    return point


def _call(f: Callable[[Params], float], point: np.ndarray) -> float:
    """f at ``point``, passing a number for one parameter and an array for several."""
    return float(f(np.float64(point) if point.ndim == 0 else point))


def numerical_gradient(f: Callable[[Params], float], x: Params, *, step: float | None = None) -> Params:
    """The gradient of ``f`` at ``x`` by central differences (f(x + h) − f(x − h)) / 2h.

    The default step h = ε^(1/3)·max(1, |xᵢ|) balances rounding against truncation (about 1e-10
    relative error for smooth f). Returns a float for a number x, an array for a 1-D x.
    """
    point = _as_point(x)
    flat = np.atleast_1d(point)
    steps = _steps(flat, _EPS ** (1 / 3), step)
    gradient = np.empty(flat.shape)

    def at(shifted: np.ndarray) -> float:
        return _call(f, shifted.reshape(point.shape))

    for i in range(flat.size):
        forward, backward = flat.copy(), flat.copy()
        forward[i] += steps[i]
        backward[i] -= steps[i]
        # divide by the step actually taken, which rounding may have changed
        gradient[i] = (at(forward) - at(backward)) / (forward[i] - backward[i])
    return float(gradient[0]) if point.ndim == 0 else gradient


def numerical_hessian(f: Callable[[Params], float], x: Params, *, step: float | None = None) -> Params:
    """The Hessian of ``f`` at ``x`` by central second differences, symmetric by construction.

    The default step h = ε^(1/4)·max(1, |xᵢ|) gives about 1e-8 relative error for smooth f.
    Returns the second derivative (a float) for a number x, a (p, p) array for a 1-D x.
    """
    point = _as_point(x)
    flat = np.atleast_1d(point)
    steps = _steps(flat, _EPS ** (1 / 4), step)
    size = flat.size

    def at(offsets: dict[int, float]) -> float:
        shifted = flat.copy()
        for index, sign in offsets.items():
            shifted[index] += sign * steps[index]
        return _call(f, shifted.reshape(point.shape))

    center = at({})
    hessian = np.empty((size, size))
    for i in range(size):
        hessian[i, i] = (at({i: 1}) - 2 * center + at({i: -1})) / steps[i] ** 2
        for j in range(i):
            mixed = at({i: 1, j: 1}) - at({i: 1, j: -1}) - at({i: -1, j: 1}) + at({i: -1, j: -1})
            hessian[i, j] = hessian[j, i] = mixed / (4 * steps[i] * steps[j])
    return float(hessian[0, 0]) if point.ndim == 0 else hessian


def hessian_eigenvalues(hessian: ArrayLike) -> np.ndarray:
    """The eigenvalues of the symmetrized Hessian (H + Hᵀ)/2, in increasing order.

    A number is taken as the 1×1 Hessian of a function of one variable.
    """
    matrix = np.atleast_2d(np.asarray(hessian, dtype=np.float64))
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1]:
        raise ValueError(f"a Hessian must be a square matrix, not shape {matrix.shape}")
    if not np.all(np.isfinite(matrix)):
        raise ValueError("the Hessian must be finite")
    eigenvalues: np.ndarray = np.linalg.eigvalsh((matrix + matrix.T) / 2)
    return eigenvalues


def classify_critical_point(hessian: ArrayLike, *, tol: float = 1e-6) -> CriticalPointKind:
    """What a critical point (gradient 0) is, from the signs of its Hessian's eigenvalues.

    "saddle" when some eigenvalue is clearly positive and another clearly negative; otherwise
    "degenerate" when some eigenvalue is ~0 (|λ| ≤ tol·max(1, |λ|max)), since then the second
    derivatives cannot tell; otherwise "minimum" (all positive) or "maximum" (all negative).
    """
    eigenvalues = hessian_eigenvalues(hessian)
    threshold = tol * max(1.0, float(np.abs(eigenvalues).max()))
    positive, negative = eigenvalues > threshold, eigenvalues < -threshold
    if positive.any() and negative.any():
        return "saddle"
    if not np.all(positive | negative):
        return "degenerate"
    return "minimum" if positive.all() else "maximum"


def max_stable_learning_rate(hessian: ArrayLike) -> float:
    """2/λ_max: the largest learning rate at which descent on a quadratic does not diverge.

    At exactly 2/λ_max descent oscillates forever along the steepest direction; above it, it
    blows up. For L(w) = a·w² (Hessian 2a) this is 1/a.

    Raises ``ValueError`` when some eigenvalue is clearly negative (descent escapes along that
    direction whatever the rate) or all are zero (any rate is stable).
    """
    eigenvalues = hessian_eigenvalues(hessian)
    largest = float(eigenvalues[-1])
    if largest <= 0:
        raise ValueError("the Hessian has no positive curvature, so no learning rate bound exists")
    if eigenvalues[0] < -1e-12 * largest:
        raise ValueError(
            "the Hessian has negative curvature: descent diverges along it for every learning rate"
        )
    return 2.0 / largest
