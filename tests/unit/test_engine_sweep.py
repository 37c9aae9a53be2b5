"""Learning-rate sweeps: many rates at once, each agreeing with its own ``descend`` run."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studytrack.engine import (
    TWO_BASIN_QUARTIC,
    descend,
    max_stable_learning_rate,
    mse_hessian,
    mse_objective,
    polynomial_objective,
    quadratic_form,
    sweep_linear_regression,
    sweep_polynomial,
    sweep_quadratic_form,
)

pytestmark = pytest.mark.filterwarnings("error")


def assert_sweep_matches_runs(sweep, runs):
    """Every rate's status, step count, final point and final loss equal its single run's."""
    assert sweep.statuses == tuple(run.status for run in runs)
    np.testing.assert_array_equal(sweep.steps_taken, [run.steps_taken for run in runs])
    for index, run in enumerate(runs):
        if run.status == "diverged":
            continue
        np.testing.assert_allclose(
            sweep.final_params[index], run.final_params, rtol=1e-9, atol=1e-12
        )
        assert sweep.final_losses[index] == pytest.approx(run.final_loss, rel=1e-9, abs=1e-15)
        history = sweep.loss_history[: run.steps_taken + 1, index]
        np.testing.assert_allclose(history, run.losses, rtol=1e-9, atol=1e-15)
        assert np.all(np.isnan(sweep.loss_history[run.steps_taken + 1 :, index]))


def regression_problem(seed: int, samples: int, features: int):
    """A noisy linear-regression data set; x is 1-D when ``features`` is 0."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=samples) if features == 0 else rng.normal(size=(samples, features))
    weights = rng.normal() if features == 0 else rng.normal(size=features)
    y = x * weights if features == 0 else x @ weights
    return x, y + rng.normal() + 0.1 * rng.normal(size=samples)


@settings(max_examples=15, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), samples=st.integers(3, 40), features=st.integers(0, 3))
def test_regression_sweep_agrees_with_single_runs(seed, samples, features):
    """Rates from tiny to far past 2/λ_max: same outcomes as one ``descend`` per rate."""
    x, y = regression_problem(seed, samples, features)
    limit = max_stable_learning_rate(mse_hessian(x))
    rates = limit * np.array([0.01, 0.3, 0.5, 0.9, 1.5, 3.0, 40.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        sweep = sweep_linear_regression(x, y, rates, 300, tol=1e-7)
    objective = mse_objective(x, y)
    start = np.zeros(2 if features == 0 else features + 1)
    runs = [
        descend(objective.gradient, start, rate, 300, loss=objective.value, tol=1e-7)
        for rate in rates
    ]
    assert_sweep_matches_runs(sweep, runs)
    assert sweep.statuses[-1] == "diverged"
    assert sweep.final_params.shape == (rates.size, start.size)


def test_regression_sweep_by_hand():
    """Rates 0.1 and 0.2 on x=[1, 2, 3], y=[2, 4, 5] from (w, b) = (1.5, 0.5): one step each."""
    sweep = sweep_linear_regression([1.0, 2.0, 3.0], [2.0, 4.0, 5.0], [0.1, 0.2], 1, w0=1.5, b0=0.5)
    np.testing.assert_allclose(
        sweep.final_params, [[1.5 + 0.1 * 2 / 3, 0.5 + 0.1 / 3], [1.5 + 0.2 * 2 / 3, 0.5 + 0.2 / 3]]
    )
    np.testing.assert_allclose(sweep.loss_history[0], [1 / 12, 1 / 12])
    assert sweep.statuses == ("max_steps", "max_steps")


def test_quadratic_sweep_agrees_with_single_runs():
    """A tilted bowl with its center off the origin: the sweep matches ``descend`` per rate."""
    matrix = [[3.0, 1.0], [0.0, 1.0]]
    center = [1.0, -1.0]
    objective = quadratic_form(matrix, center)
    limit = max_stable_learning_rate(objective.hessian(np.zeros(2)))
    rates = limit * np.array([0.05, 0.5, 0.99, 1.5, 2.0, 100.0])
    sweep = sweep_quadratic_form(matrix, [4.0, 3.0], rates, 2000, center=center, tol=1e-9)
    runs = [
        descend(objective.gradient, [4.0, 3.0], rate, 2000, loss=objective.value, tol=1e-9)
        for rate in rates
    ]
    assert_sweep_matches_runs(sweep, runs)
    assert sweep.statuses == ("converged",) * 3 + ("diverged",) * 3


def test_polynomial_sweep_agrees_with_single_runs():
    """On the two-basin quartic, small rates converge and large ones diverge, as single runs do."""
    objective = polynomial_objective(TWO_BASIN_QUARTIC)
    rates = np.geomspace(1e-3, 1.0, 12)
    sweep = sweep_polynomial(TWO_BASIN_QUARTIC, -2.0, rates, 3000, tol=1e-9)
    runs = [
        descend(objective.gradient, -2.0, rate, 3000, loss=objective.value, tol=1e-9)
        for rate in rates
    ]
    assert_sweep_matches_runs(sweep, runs)
    assert sweep.final_params.shape == (12,)
    assert "converged" in sweep.statuses and "diverged" in sweep.statuses


def test_sweep_results_are_frozen():
    """The sweep's arrays are read-only."""
    sweep = sweep_polynomial([1.0, 0.0, 0.0], 1.0, [0.1, 0.2], 3)
    with pytest.raises(ValueError):
        sweep.final_params[0] = 0.0


def test_sweep_refuses_bad_rates():
    """Every rate is checked as ``descend`` checks one."""
    with pytest.raises(ValueError, match="must be > 0"):
        sweep_polynomial([1.0, 0.0, 0.0], 1.0, [0.1, -0.2], 3)
    with pytest.raises(ValueError, match="non-empty"):
        sweep_polynomial([1.0, 0.0, 0.0], 1.0, [], 3)
