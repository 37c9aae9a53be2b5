"""Gradient descent runs: ``descend`` records the whole trajectory and says how the run ended."""

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike

from studytrack.engine.objective import Params

Status = Literal["converged", "max_steps", "diverged"]
"""How a run ended: gradient norm ≤ tol, step budget used up, or inf/nan/huge parameters."""

CONVERGED: Status = "converged"
MAX_STEPS: Status = "max_steps"
DIVERGED: Status = "diverged"

DIVERGENCE_BOUND = 1e150
"""Parameters larger than this in absolute value count as diverged, before squares overflow."""


@dataclass(frozen=True, eq=False)
class DescentRun:
    """A finished gradient-descent run: every point visited and how the run ended.

    ``params[k]`` is the point after k steps (``params[0]`` is the start); it has shape (k+1,)
    for one parameter and (k+1, p) for p parameters. ``gradient_norms[k]`` and ``losses[k]``
    (``None`` when no loss function was given) belong to the same point. When the status is
    "diverged", the last point is the one where inf, nan or a parameter beyond
    ``DIVERGENCE_BOUND`` appeared. The arrays are read-only.
    """

    params: np.ndarray
    gradient_norms: np.ndarray
    losses: np.ndarray | None
    status: Status

    @property
    def steps_taken(self) -> int:
        """How many update steps were made (the number of points minus one)."""
        return len(self.params) - 1

    @property
    def final_params(self) -> Params:
        """The last point: a float for one parameter, a copy of the array for several."""
        last = self.params[-1]
        return float(last) if np.ndim(last) == 0 else last.copy()

    @property
    def final_loss(self) -> float | None:
        """The loss at the last point, or ``None`` when no loss function was given."""
        return None if self.losses is None else float(self.losses[-1])


def gradient_norm(gradient: ArrayLike) -> float:
    """The Euclidean norm of a gradient, without overflow for entries as large as 1e300."""
    with np.errstate(all="ignore"):
        return _norm(np.asarray(gradient, dtype=np.float64))


def _norm(values: np.ndarray) -> float:
    """``gradient_norm`` of a float array, where floating-point errors are already ignored
    (``descend``'s loop, which calls it at every step)."""
    return float(np.hypot.reduce(values, axis=None) if values.ndim else abs(values))


def check_descent_settings(lr: float, steps: int, tol: float | None) -> None:
    """Refuse a learning rate, step budget or tolerance that cannot describe a descent run."""
    is_number = isinstance(lr, int | float | np.floating | np.integer) and not isinstance(lr, bool)
    if not (is_number and math.isfinite(lr)):
        raise ValueError(f"the learning rate must be a finite number, not {lr!r}")
    if lr <= 0:
        raise ValueError(f"the learning rate must be > 0, not {lr!r}")
    if isinstance(steps, bool) or not isinstance(steps, int | np.integer) or steps < 0:
        raise ValueError(f"steps must be a whole number ≥ 0, not {steps!r}")
    if tol is not None and not (math.isfinite(tol) and tol >= 0):
        raise ValueError(f"the tolerance must be a finite number ≥ 0 or None, not {tol!r}")


def read_only(array: np.ndarray) -> np.ndarray:
    """``array`` with writing switched off, so a frozen result stays frozen."""
    array.setflags(write=False)
    return array


def _evaluate(function: Callable[[Params], Params], point: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """``function(point)`` as a float array; an overflow the function raises becomes nan."""
    argument = np.float64(point) if point.ndim == 0 else point.copy()
    try:
        return np.asarray(function(argument), dtype=np.float64)
    except (OverflowError, FloatingPointError):
        return np.full(shape, np.nan)


def _within_bound(point: np.ndarray) -> bool:
    """True when every parameter is finite and no larger than ``DIVERGENCE_BOUND``."""
    return bool((np.abs(point) <= DIVERGENCE_BOUND).all())


def descend(
    grad: Callable[[Params], Params],
    x0: Params,
    lr: float,
    steps: int,
    *,
    loss: Callable[[Params], float] | None = None,
    tol: float | None = None,
) -> DescentRun:
    """Run plain gradient descent x ← x − lr·grad(x) from ``x0`` for at most ``steps`` steps.

    The run stops as "converged" at the first point whose gradient norm is ≤ ``tol`` (the loss is
    never used to decide convergence: a flat stretch of loss is not a minimum); as "diverged" at
    the first point where the parameters, the gradient or the loss are inf or nan, or a parameter
    exceeds ``DIVERGENCE_BOUND``; otherwise as "max_steps" after ``steps`` updates. Overflow never
    escapes as a warning or an exception. ``x0`` is a number or a 1-D array; ``grad`` must return
    the same shape. Returns the whole trajectory as a ``DescentRun``.
    """
    check_descent_settings(lr, steps, tol)
    point = np.array(x0, dtype=np.float64)
    if point.ndim > 1:
        raise ValueError(f"the start must be a number or a 1-D array, not of shape {point.shape}")
    if not np.all(np.isfinite(point)):
        raise ValueError("the start must be finite")
    points, norms, losses = [], [], []
    with np.errstate(all="ignore"):
        for step in range(steps + 1):
            gradient = _evaluate(grad, point, point.shape)
            if gradient.shape != point.shape:
                raise ValueError(
                    f"grad returned shape {gradient.shape} for parameters of shape {point.shape}"
                )
            points.append(point)
            norms.append(_norm(gradient))
            healthy = _within_bound(point) and bool(np.isfinite(gradient).all())
            if loss is not None:
                loss_value = _evaluate(loss, point, ())
                if loss_value.ndim != 0:
                    raise ValueError(f"loss must return a number, not shape {loss_value.shape}")
                losses.append(float(loss_value))
                healthy = healthy and math.isfinite(losses[-1])
            if not healthy:
                status = DIVERGED
                break
            if tol is not None and norms[-1] <= tol:
                status = CONVERGED
                break
            if step == steps:
                status = MAX_STEPS
                break
            point = point - lr * gradient
    return DescentRun(
        params=read_only(np.array(points)),
        gradient_norms=read_only(np.array(norms)),
        losses=read_only(np.array(losses)) if loss is not None else None,
        status=status,
    )
