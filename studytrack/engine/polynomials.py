"""Polynomials in one variable (coefficients highest power first): values, critical points, minima.

The lessons use them to show local and global minima: descent on a polynomial ends in the basin
it starts in, which need not hold the global minimum.
"""

from typing import overload

import numpy as np
from numpy.typing import ArrayLike

from studytrack.engine.descent import CONVERGED, descend

ROOT_RESIDUAL = 1e-12
"""A real x is a root of p′ when |p′(x)| ≤ this × Σ|aᵢ|·|x|ⁱ (the size of p′'s terms there)."""


def polynomial_coefficients(coeffs: ArrayLike) -> np.ndarray:
    """``coeffs`` as a finite, non-empty float array with its leading zeros dropped."""
    coefficients = np.atleast_1d(np.asarray(coeffs, dtype=np.float64))
    if coefficients.ndim != 1 or coefficients.size == 0:
        raise ValueError("a polynomial needs a non-empty list of coefficients, highest power first")
    if not np.all(np.isfinite(coefficients)):
        raise ValueError("polynomial coefficients must be finite numbers")
    nonzero = np.flatnonzero(coefficients)
    trimmed: np.ndarray = coefficients[nonzero[0] :] if nonzero.size else coefficients[-1:]
    return trimmed


@overload
def polynomial_value(coeffs: ArrayLike, x: float) -> float: ...
@overload
def polynomial_value(coeffs: ArrayLike, x: ArrayLike) -> float | np.ndarray: ...
def polynomial_value(coeffs: ArrayLike, x: ArrayLike) -> float | np.ndarray:
    """p(x) for coefficients highest power first; a float for a number x, an array for an array."""
    with np.errstate(all="ignore"):
        value = np.polyval(polynomial_coefficients(coeffs), np.asarray(x, dtype=np.float64))
    return float(value) if np.ndim(value) == 0 else value


def derivative_coefficients(coeffs: ArrayLike) -> np.ndarray:
    """The coefficients of p′, highest power first (``[0.0]`` for a constant p)."""
    derivative = np.polyder(polynomial_coefficients(coeffs))
    return derivative if derivative.size else np.zeros(1)


@overload
def polynomial_derivative(coeffs: ArrayLike, x: float) -> float: ...
@overload
def polynomial_derivative(coeffs: ArrayLike, x: ArrayLike) -> float | np.ndarray: ...
def polynomial_derivative(coeffs: ArrayLike, x: ArrayLike) -> float | np.ndarray:
    """p′(x), the slope descent follows; a float for a number x, an array for an array."""
    return polynomial_value(derivative_coefficients(coeffs), x)


def _is_root(coefficients: np.ndarray, x: float) -> bool:
    """True when ``x`` is a root of the polynomial up to rounding (see ``ROOT_RESIDUAL``)."""
    size = np.polyval(np.abs(coefficients), abs(x))
    return bool(abs(np.polyval(coefficients, x)) <= ROOT_RESIDUAL * size)


def _polished(coefficients: np.ndarray, x: float) -> float:
    """``x`` after a few Newton steps on the polynomial, keeping only steps that shrink |p(x)|."""
    slope_coefficients = np.polyder(coefficients)
    for _ in range(3):
        slope = np.polyval(slope_coefficients, x)
        if slope == 0:
            break
        candidate = x - np.polyval(coefficients, x) / slope
        if abs(np.polyval(coefficients, candidate)) >= abs(np.polyval(coefficients, x)):
            break
        x = candidate
    return float(x)


def polynomial_critical_points(coeffs: ArrayLike) -> np.ndarray:
    """The distinct real x where p′(x) = 0, in increasing order (empty for a line).

    Multiple roots of p′ (as for x³ at 0) are reported once. Raises ``ValueError`` for a constant
    polynomial, where every point is critical.
    """
    coefficients = polynomial_coefficients(coeffs)
    if coefficients.size == 1:
        raise ValueError(
            "a constant polynomial has no distinct critical points: p′ is 0 everywhere"
        )
    derivative = np.polyder(coefficients)
    if derivative.size == 1:
        return np.empty(0)
    candidates = [float(x) for x in np.sort(np.roots(derivative).real) if _is_root(derivative, float(x))]
    clusters: list[list[float]] = []
    for x in candidates:
        if clusters and _is_root(derivative, (clusters[-1][-1] + x) / 2):
            clusters[-1].append(x)
        else:
            clusters.append([x])
    points = [
        _polished(derivative, cluster[0]) if len(cluster) == 1 else float(np.mean(cluster))
        for cluster in clusters
    ]
    return np.array(sorted(points))


def _slope_signs_around(coeffs: ArrayLike, points: np.ndarray) -> np.ndarray:
    """The sign of p′ on each open interval the critical points cut the real line into."""
    derivative = derivative_coefficients(coeffs)
    right_end = np.sign(derivative[0])
    left_end = right_end * (-1) ** (derivative.size - 1)
    middles = np.sign(np.polyval(derivative, (points[:-1] + points[1:]) / 2))
    return np.concatenate([[left_end], middles, [right_end]])


def polynomial_local_minima(coeffs: ArrayLike) -> np.ndarray:
    """The critical points where p′ changes sign from − to +: the local minima, increasing."""
    points = polynomial_critical_points(coeffs)
    signs = _slope_signs_around(coeffs, points)
    minima: np.ndarray = points[(signs[:-1] < 0) & (signs[1:] > 0)]
    return minima


def polynomial_global_minimum(coeffs: ArrayLike) -> float:
    """The x where p is lowest, for a polynomial of even degree ≥ 2 with a positive leading term.

    Its value is ``polynomial_value(coeffs, x)``. When several minima tie up to rounding, the
    leftmost is returned. Raises ``ValueError`` for other polynomials: they have no global minimum.
    """
    coefficients = polynomial_coefficients(coeffs)
    degree = coefficients.size - 1
    if degree < 2 or degree % 2 or coefficients[0] < 0:
        raise ValueError(
            "only a polynomial of even degree ≥ 2 with a positive leading coefficient has a "
            "global minimum"
        )
    minima = polynomial_local_minima(coefficients)
    values = np.polyval(coefficients, minima)
    rounding = 64 * np.finfo(np.float64).eps * np.polyval(np.abs(coefficients), np.abs(minima))
    ties = values <= values.min() + rounding.max()
    return float(minima[np.flatnonzero(ties)[0]])


def polynomial_descent_basin(coeffs: ArrayLike, x0: float, lr: float, steps: int, *,
                             tol: float = 1e-10) -> float | None:
    """The local minimum that gradient descent on p from ``x0`` ends in, or ``None``.

    Runs ``descend`` with p′; when it converges (|p′| ≤ ``tol``) the answer is the critical point
    nearest to where it stopped, provided that point is a local minimum. ``None`` when the run
    diverged, used up its steps, or stopped on a maximum or a flat inflection.
    """
    coefficients = polynomial_coefficients(coeffs)
    run = descend(lambda x: polynomial_derivative(coefficients, x), x0, lr, steps, tol=tol)
    if run.status != CONVERGED:
        return None
    points = polynomial_critical_points(coefficients)
    if points.size == 0:
        return None
    nearest = float(points[np.argmin(np.abs(points - run.final_params))])
    return nearest if nearest in polynomial_local_minima(coefficients) else None
