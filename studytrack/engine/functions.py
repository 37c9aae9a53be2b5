"""Test functions for the lessons, each an ``Objective`` with value, gradient and Hessian.

A convex bowl (one minimum), a saddle x² − y² (zero gradient, no minimum), a two-variable
quadratic to classify, and the two-basin quartic x⁴ − 4x² + x (a local and a global minimum).
"""

import numpy as np
from numpy.typing import ArrayLike

from studytrack.engine.objective import Objective, Params
from studytrack.engine.polynomials import (
    derivative_coefficients,
    polynomial_coefficients,
    polynomial_derivative,
    polynomial_value,
)

TWO_BASIN_QUARTIC = (1.0, 0.0, -4.0, 1.0, 0.0)
"""x⁴ − 4x² + x, highest power first: a global minimum near −1.47 and a local one near 1.35."""


def quadratic_form(matrix: ArrayLike, center: ArrayLike | None = None, *, name: str = "quadratic form") -> Objective:
    """f(θ) = (θ − center)ᵀ·M·(θ − center): a bowl, a dome or a saddle depending on M.

    The gradient is (M + Mᵀ)(θ − center) and the Hessian the constant M + Mᵀ; ``center`` (the
    origin by default) is the critical point.
    """
    square = np.array(matrix, dtype=np.float64)
    if square.ndim != 2 or square.shape[0] != square.shape[1] or square.shape[0] == 0:
        raise ValueError(f"a quadratic form needs a square matrix, not shape {square.shape}")
    size = square.shape[0]
    middle = np.zeros(size) if center is None else np.array(center, dtype=np.float64)
    if middle.shape != (size,):
        raise ValueError(f"the center must have shape ({size},), not {middle.shape}")
    symmetric_sum = square + square.T

    def offset(params: Params) -> np.ndarray:
        point = np.asarray(params, dtype=np.float64)
        if point.shape != (size,):
            raise ValueError(f"{name} takes parameters of shape ({size},), not {point.shape}")
        shift: np.ndarray = point - middle
        return shift

    def value(params: Params) -> float:
        shift = offset(params)
        with np.errstate(all="ignore"):
            return float(shift @ square @ shift)

    def gradient(params: Params) -> np.ndarray:
        with np.errstate(all="ignore"):
            slope: np.ndarray = symmetric_sum @ offset(params)
            return slope

    def hessian(params: Params) -> np.ndarray:
        offset(params)
        return symmetric_sum.copy()

    return Objective(name, value, gradient, hessian)


def bowl(a: float = 1.0, c: float = 1.0) -> Objective:
    """The convex bowl f(w, b) = a·w² + c·b² (a, c > 0): one minimum, at (0, 0)."""
    if not (a > 0 and c > 0):
        raise ValueError(f"a bowl needs a > 0 and c > 0, not a={a!r}, c={c!r}")
    return quadratic_form(np.diag([a, c]), name=f"bowl {a:g}·w² + {c:g}·b²")


def two_variable_quadratic(a: float, b: float, c: float) -> Objective:
    """f(x, y) = a·x² + b·x·y + c·y², whose Hessian [[2a, b], [b, 2c]] decides what (0, 0) is."""
    return quadratic_form(
        [[a, b / 2], [b / 2, c]], name=f"quadratic {a:g}·x² + {b:g}·x·y + {c:g}·y²"
    )


def saddle() -> Objective:
    """The saddle f(x, y) = x² − y²: zero gradient at (0, 0), yet not a minimum."""
    return quadratic_form(np.diag([1.0, -1.0]), name="saddle x² − y²")


def polynomial_objective(coeffs: ArrayLike, *, name: str | None = None) -> Objective:
    """A polynomial in one variable (highest power first) with its first and second derivative."""
    coefficients = polynomial_coefficients(coeffs)
    second = derivative_coefficients(derivative_coefficients(coefficients))
    return Objective(
        name or f"polynomial {tuple(float(c) for c in coefficients)}",
        lambda x: float(polynomial_value(coefficients, x)),
        lambda x: polynomial_derivative(coefficients, x),
        lambda x: polynomial_value(second, x),
    )


def two_basin_quartic() -> Objective:
    """f(x) = x⁴ − 4x² + x: descent from the left ends in the global minimum, from the right not."""
    return polynomial_objective(TWO_BASIN_QUARTIC, name="two-basin quartic x⁴ − 4x² + x")
