"""``descend``: trajectories, the three ways a run ends, and overflow that never escapes."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from studytrack.engine import (
    DIVERGENCE_BOUND,
    bowl,
    descend,
    least_squares,
    max_stable_learning_rate,
    mse_hessian,
    mse_objective,
    quadratic_form,
)

pytestmark = pytest.mark.filterwarnings("error")


def test_trajectory_by_hand_on_a_parabola():
    """f(w) = w², f′ = 2w, lr 0.25 halves w each step: 4 → 2 → 1 → 0.5, start included."""
    run = descend(lambda w: 2 * w, 4.0, 0.25, 3, loss=lambda w: w * w)
    assert run.status == "max_steps"
    assert run.steps_taken == 3
    np.testing.assert_array_equal(run.params, [4.0, 2.0, 1.0, 0.5])
    np.testing.assert_array_equal(run.losses, [16.0, 4.0, 1.0, 0.25])
    np.testing.assert_array_equal(run.gradient_norms, [8.0, 4.0, 2.0, 1.0])
    assert run.final_params == 0.5 and run.final_loss == 0.25


def test_vector_trajectory_has_one_row_per_point():
    """A start of shape (p,) gives params of shape (steps + 1, p) and Euclidean gradient norms."""
    objective = bowl(1.0, 2.0)
    run = descend(objective.gradient, [3.0, 4.0], 0.1, 5)
    assert run.params.shape == (6, 2)
    assert run.losses is None and run.final_loss is None
    np.testing.assert_array_equal(run.params[0], [3.0, 4.0])
    np.testing.assert_allclose(run.params[1], [3.0 - 0.1 * 6.0, 4.0 - 0.1 * 16.0])
    assert run.gradient_norms[0] == pytest.approx(math.hypot(6.0, 16.0))


def test_converges_when_the_gradient_norm_reaches_tol():
    """The run stops at the first point with |gradient| ≤ tol, and not before."""
    run = descend(lambda w: 2 * w, 1.0, 0.25, 1000, tol=1e-3)
    assert run.status == "converged"
    assert run.gradient_norms[-1] <= 1e-3 < run.gradient_norms[-2]
    assert run.steps_taken == 11  # 2·0.5^k ≤ 1e-3 first at k = 11


def test_a_start_at_the_minimum_converges_with_zero_steps():
    """Gradient 0 at the start: converged after 0 steps, the trajectory is the start alone."""
    run = descend(lambda w: 2 * w, 0.0, 0.1, 10, tol=0.0)
    assert (run.status, run.steps_taken, run.final_params) == ("converged", 0, 0.0)


def test_result_is_frozen():
    """The run and its arrays cannot be changed after the fact."""
    run = descend(lambda w: 2 * w, 1.0, 0.1, 3, loss=lambda w: w * w)
    with pytest.raises(ValueError):
        run.params[0] = 5.0
    with pytest.raises(AttributeError):
        run.status = "converged"


def test_grad_receives_a_copy_it_cannot_corrupt():
    """A gradient function that scribbles on its argument leaves the trajectory intact."""

    def scribbling_gradient(w):
        gradient = 2 * w
        w[:] = 99.0
        return gradient

    run = descend(scribbling_gradient, [1.0, 2.0], 0.25, 2)
    np.testing.assert_array_equal(run.params, [[1.0, 2.0], [0.5, 1.0], [0.25, 0.5]])


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), samples=st.integers(5, 30), features=st.integers(1, 3))
def test_descent_with_rate_one_over_lambda_max_reaches_the_least_squares_fit(
    seed, samples, features
):
    """On least squares with lr = 1/λ_max, descent converges to the closed-form (w, b)."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(samples, features))
    y = x @ rng.normal(size=features) + rng.normal() + 0.3 * rng.normal(size=samples)
    eigenvalues = np.linalg.eigvalsh(mse_hessian(x))
    assume(eigenvalues[0] > eigenvalues[-1] / 50)  # keeps the run short
    objective = mse_objective(x, y)
    tol = 1e-10
    run = descend(objective.gradient, np.zeros(features + 1), 1 / eigenvalues[-1], 20_000, tol=tol)
    assert run.status == "converged"
    weights, bias = least_squares(x, y)
    # on a quadratic, |θ − θ*| ≤ |∇L(θ)| / λ_min
    distance = np.linalg.norm(run.final_params - np.append(weights, bias))
    assert distance <= 2 * tol / eigenvalues[0] + 1e-12


@settings(max_examples=40, deadline=None)
@given(
    a=st.floats(0.1, 10),
    c=st.floats(0.1, 10),
    excess=st.floats(0.05, 20),
    start=st.tuples(st.floats(0.5, 5), st.floats(0.5, 5)),
)
def test_a_rate_above_two_over_lambda_max_diverges_without_warnings(a, c, excess, start):
    """On a·w² + c·b², lr > 2/λ_max ends "diverged" quietly, below the bound it converges."""
    objective = bowl(a, c)
    limit = max_stable_learning_rate(objective.hessian(np.zeros(2)))
    assert limit == pytest.approx(2 / (2 * max(a, c)))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = descend(
            objective.gradient, start, limit * (1 + excess), 100_000, loss=objective.value, tol=1e-8
        )
        stable = descend(objective.gradient, start, limit * 0.9, 100_000, tol=1e-8)
    assert run.status == "diverged"
    last = run.params[-1]
    assert not np.all(np.abs(last) <= DIVERGENCE_BOUND) or not math.isfinite(run.losses[-1])
    assert np.all(np.abs(run.params[:-1]) <= DIVERGENCE_BOUND)
    assert stable.status == "converged"


def test_nan_from_the_gradient_ends_the_run_at_that_step():
    """A gradient that turns nan at w < 0 ends the run as diverged on the first such point."""
    run = descend(lambda w: math.sqrt(w) if w >= 0 else math.nan, 1.0, 3.0, 10)
    assert run.status == "diverged"
    np.testing.assert_array_equal(run.params, [1.0, -2.0])
    assert math.isnan(run.gradient_norms[-1])


def test_inf_loss_and_python_overflow_end_the_run_as_diverged():
    """math.exp overflowing (OverflowError) or numpy overflowing (inf) never escape."""
    run = descend(lambda w: -math.exp(w), 1.0, 100.0, 10, loss=lambda w: math.exp(w))
    assert run.status == "diverged"
    assert math.isnan(run.losses[-1]) and run.steps_taken == 2  # 1 → 272.8 → 3e120
    numpy_run = descend(lambda w: -np.exp(w), 1.0, 100.0, 10, loss=np.exp)
    assert numpy_run.status == "diverged"
    assert numpy_run.losses[-1] == math.inf


def test_parameters_beyond_the_bound_count_as_diverged():
    """A finite parameter above 1e150 is already divergence: its square would overflow."""
    run = descend(lambda w: -1e100 * np.ones(2), np.zeros(2), 1e51, 10)
    assert run.status == "diverged" and run.steps_taken == 1
    assert np.all(np.isfinite(run.params))


def test_quadratic_with_a_non_symmetric_matrix():
    """quadratic_form uses (M + Mᵀ) in the gradient; descent finds its center."""
    objective = quadratic_form([[2.0, 1.0], [-1.0, 1.0]], center=[1.0, -2.0])
    run = descend(objective.gradient, [0.0, 0.0], 0.2, 500, tol=1e-12)
    assert run.status == "converged"
    np.testing.assert_allclose(run.final_params, [1.0, -2.0], atol=1e-11)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ((1.0, 0.0, 10), "learning rate must be > 0"),
        ((1.0, math.inf, 10), "finite number"),
        ((1.0, 0.1, -1), "whole number"),
        ((1.0, 0.1, 2.5), "whole number"),
        ((math.nan, 0.1, 10), "start must be finite"),
        (([[1.0]], 0.1, 10), "1-D array"),
    ],
)
def test_settings_that_cannot_describe_a_run_are_refused(arguments, message):
    """Bad learning rates, step budgets and starts raise ValueError with a clear message."""
    with pytest.raises(ValueError, match=message):
        descend(lambda w: 2 * w, *arguments)


def test_a_gradient_of_the_wrong_shape_is_refused():
    """grad must return the shape of the parameters, never something that broadcasts."""
    with pytest.raises(ValueError, match="grad returned shape"):
        descend(lambda w: np.ones(3), [1.0, 2.0], 0.1, 5)
