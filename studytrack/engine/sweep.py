"""Learning-rate sweeps: many learning rates run together, one set of array operations per step.

Each sweep follows the rules of ``descend`` exactly (same statuses, same divergence checks, same
step counting), but every step updates all still-running rates with the same numpy operations,
with no Python loop over the rates.
"""

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

from studytrack.engine.descent import (
    CONVERGED,
    DIVERGED,
    DIVERGENCE_BOUND,
    MAX_STEPS,
    Status,
    check_descent_settings,
    read_only,
)
from studytrack.engine.linear_model import model_arrays, sample_arrays
from studytrack.engine.polynomials import derivative_coefficients, polynomial_coefficients

Evaluate = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]
"""Losses (k,) and gradients (k, p) for the parameters (k, p) of k runs at once."""


@dataclass(frozen=True, eq=False)
class LearningRateSweep:
    """The outcome of one descent run per learning rate, index i belonging to ``learning_rates[i]``.

    ``statuses[i]`` and ``steps_taken[i]`` mean what they mean for ``descend``: the number of
    updates made before the run converged, diverged or used up the steps. ``final_params`` has
    shape (k,) for one parameter and (k, p) for p; ``final_losses`` and ``final_gradient_norms``
    belong to those points. ``loss_history[s, i]`` is the loss of run i after s steps (nan once
    that run has ended; it holds (steps + 1)·k floats). The arrays are read-only.
    """

    learning_rates: np.ndarray
    statuses: tuple[Status, ...]
    steps_taken: np.ndarray
    final_params: np.ndarray
    final_losses: np.ndarray
    final_gradient_norms: np.ndarray
    loss_history: np.ndarray


def _checked_rates(learning_rates: ArrayLike, steps: int, tol: float | None) -> np.ndarray:
    """The learning rates as a non-empty 1-D float array, each checked like ``descend`` does."""
    rates = np.atleast_1d(np.asarray(learning_rates, dtype=np.float64))
    if rates.ndim != 1 or rates.size == 0:
        raise ValueError("give the learning rates as a non-empty list of numbers")
    for rate in rates:
        check_descent_settings(float(rate), steps, tol)
    return rates


def _run_sweep(
    evaluate: Evaluate, start: np.ndarray, rates: np.ndarray, steps: int, tol: float | None
) -> LearningRateSweep:
    """Run descent from ``start`` (p,) for every rate at once; ended runs leave the working set."""
    count, size = rates.size, start.size
    params = np.tile(start, (count, 1))
    running = np.arange(count)
    statuses = np.full(count, MAX_STEPS, dtype=object)
    steps_taken = np.zeros(count, dtype=np.int64)
    final_params = np.empty((count, size))
    final_losses = np.empty(count)
    final_norms = np.empty(count)
    history = np.full((steps + 1, count), np.nan)
    with np.errstate(all="ignore"):
        for step in range(steps + 1):
            losses, gradients = evaluate(params)
            norms = np.hypot.reduce(gradients, axis=1)
            history[step, running] = losses
            healthy = (
                np.all(np.abs(params) <= DIVERGENCE_BOUND, axis=1)
                & np.all(np.isfinite(gradients), axis=1)
                & np.isfinite(losses)
            )
            converged = healthy & (norms <= tol) if tol is not None else np.zeros_like(healthy)
            ended = ~healthy | converged | (step == steps)
            if ended.any():
                finished = running[ended]
                statuses[running[~healthy]] = DIVERGED
                statuses[running[converged]] = CONVERGED
                steps_taken[finished] = step
                final_params[finished] = params[ended]
                final_losses[finished] = losses[ended]
                final_norms[finished] = norms[ended]
                keep = ~ended
                running, params, gradients = running[keep], params[keep], gradients[keep]
                if running.size == 0:
                    break
            params = params - rates[running][:, None] * gradients
    return LearningRateSweep(
        learning_rates=read_only(rates.copy()),
        statuses=tuple(statuses),
        steps_taken=read_only(steps_taken),
        final_params=read_only(final_params[:, 0] if start.ndim == 0 else final_params),
        final_losses=read_only(final_losses),
        final_gradient_norms=read_only(final_norms),
        loss_history=read_only(history),
    )


def sweep_linear_regression(
    x: ArrayLike, y: ArrayLike, learning_rates: ArrayLike, steps: int, *, w0: ArrayLike | None = None,
    b0: float = 0.0, tol: float | None = None,
) -> LearningRateSweep:
    """Full-batch descent on the MSE of ŷ = w·x + b (or Xw + b), once per learning rate.

    Parameters are packed as (w…, b), so ``final_params`` has shape (k, d + 1) with b last (d = 1
    for x of shape (n,)). Each step costs one X·W and one Xᵀ·R for all k rates together. ``w0``
    defaults to zeros. The loss is the MSE, the convergence test the gradient norm ≤ ``tol``.
    """
    rates = _checked_rates(learning_rates, steps, tol)
    x, y, _ = sample_arrays(x, y, np.zeros(np.shape(x)[1:]))
    features = x.reshape(x.shape[0], -1)
    _, weights = model_arrays(x, np.zeros(x.shape[1:]) if w0 is None else w0)
    start = np.append(weights, float(b0))
    if not np.all(np.isfinite(start)):
        raise ValueError("the start must be finite")
    samples, size = features.shape[0], start.size
    scale = 2.0 / samples
    # [X, 1, y] @ [w, b, −1]ᵀ gives the residuals ŷ − y in one product, and their first d + 1
    # columns give the whole gradient in a second one
    augmented = np.column_stack([features, np.ones(samples), y])
    design = augmented[:, :size]
    # one (n, k) buffer for the residuals of every step: a fresh one each step costs more in page
    # faults than the matrix product that fills it
    buffer = np.empty(samples * rates.size)

    def evaluate(params: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        count = len(params)
        extended = np.empty((count, size + 1))
        extended[:, :size] = params
        extended[:, size] = -1.0
        errors = buffer[: samples * count].reshape(samples, count)
        np.matmul(augmented, extended.T, out=errors)
        losses = np.einsum("nk,nk->k", errors, errors) / samples
        return losses, (errors.T @ design) * scale

    return _run_sweep(evaluate, start, rates, steps, tol)


def sweep_quadratic_form(
    matrix: ArrayLike, x0: ArrayLike, learning_rates: ArrayLike, steps: int, *, center: ArrayLike | None = None,
    tol: float | None = None,
) -> LearningRateSweep:
    """Descent on f(θ) = (θ − center)ᵀ·M·(θ − center) (see ``quadratic_form``), once per rate."""
    matrix = np.asarray(matrix, dtype=np.float64)
    start = np.asarray(x0, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape != (start.size, start.size) or start.ndim != 1:
        raise ValueError(
            f"the matrix must be square and match the start: got {matrix.shape} and {start.shape}"
        )
    if not np.all(np.isfinite(start)):
        raise ValueError("the start must be finite")
    center = np.zeros(start.size) if center is None else np.asarray(center, dtype=np.float64)
    if center.shape != start.shape:
        raise ValueError(f"the center must have shape {start.shape}, not {center.shape}")
    rates = _checked_rates(learning_rates, steps, tol)
    symmetric_sum = matrix + matrix.T

    def evaluate(params: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        shifts = params - center
        losses = np.einsum("kp,kp->k", shifts @ matrix.T, shifts)
        return losses, shifts @ symmetric_sum

    return _run_sweep(evaluate, start, rates, steps, tol)


def sweep_polynomial(
    coeffs: ArrayLike, x0: float, learning_rates: ArrayLike, steps: int, *, tol: float | None = None
) -> LearningRateSweep:
    """Descent on a polynomial in one variable (highest power first), once per learning rate."""
    coefficients = polynomial_coefficients(coeffs)
    derivative = derivative_coefficients(coefficients)
    start = np.asarray(x0, dtype=np.float64)
    if start.ndim != 0 or not np.isfinite(start):
        raise ValueError("the start must be one finite number")
    rates = _checked_rates(learning_rates, steps, tol)

    def evaluate(params: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return np.polyval(coefficients, params[:, 0]), np.polyval(derivative, params)

    return _run_sweep(evaluate, start, rates, steps, tol)
