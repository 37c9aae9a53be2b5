"""MSE, MAE and logistic losses of the linear model: hand-computed values and gradients."""

import math

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from studytrack.engine import (
    logistic_gradient,
    logistic_loss,
    mae,
    mae_gradient,
    mse,
    mse_gradient,
    numerical_gradient,
    predict,
    residuals,
    sigmoid,
)

pytestmark = pytest.mark.filterwarnings("error")

X, Y, W, B = [1.0, 2.0, 3.0], [2.0, 4.0, 5.0], 1.5, 0.5
"""The hand-computed case: ŷ = [2, 3.5, 5], so ŷ − y = [0, −0.5, 0]."""

numbers = st.floats(-10, 10, allow_nan=False, allow_infinity=False)


@st.composite
def scalar_problems(draw, labels=False):
    """(x, y, w, b) with x of shape (n,) and a number w."""
    n = draw(st.integers(1, 8))
    x = np.array(draw(st.lists(numbers, min_size=n, max_size=n)))
    y_values = st.sampled_from([0.0, 1.0]) if labels else numbers
    y = np.array(draw(st.lists(y_values, min_size=n, max_size=n)))
    return x, y, draw(numbers), draw(numbers)


@st.composite
def vector_problems(draw, labels=False):
    """(X, y, w, b) with X of shape (n, d) and w of shape (d,)."""
    n, d = draw(st.integers(1, 8)), draw(st.integers(1, 4))
    x = np.array(draw(st.lists(numbers, min_size=n * d, max_size=n * d))).reshape(n, d)
    y_values = st.sampled_from([0.0, 1.0]) if labels else numbers
    y = np.array(draw(st.lists(y_values, min_size=n, max_size=n)))
    w = np.array(draw(st.lists(numbers, min_size=d, max_size=d)))
    return x, y, w, draw(numbers)


def packed_numerical_gradient(loss, x, y, w, b):
    """The numerical (∂/∂w, ∂/∂b) of ``loss`` at (w, b), by central differences."""
    w = np.asarray(w, dtype=float)
    packed = np.append(w, b)

    def as_function_of_params(params):
        weights = params[0] if w.ndim == 0 else params[:-1]
        return loss(x, y, weights, params[-1])

    gradient = numerical_gradient(as_function_of_params, packed)
    return (gradient[0] if w.ndim == 0 else gradient[:-1]), gradient[-1]


def assert_gradients_close(analytic, numerical, scale):
    """Analytic and numerical (dw, db) agree to about 1e-6 of the problem's scale."""
    np.testing.assert_allclose(analytic[0], numerical[0], rtol=1e-5, atol=1e-6 * scale)
    assert analytic[1] == pytest.approx(numerical[1], rel=1e-5, abs=1e-6 * scale)


def test_predict_and_residuals_by_hand():
    """ŷ = w·x + b and the error y − ŷ on the hand case."""
    np.testing.assert_allclose(predict(X, W, B), [2.0, 3.5, 5.0])
    assert predict(3.0, 2.0, 1.0) == 7.0
    np.testing.assert_allclose(residuals(X, Y, W, B), [0.0, 0.5, 0.0])


def test_mse_and_gradient_by_hand():
    """MSE = 0.25/3; ∂/∂w = (2/3)·(−0.5·2) = −2/3; ∂/∂b = (2/3)·(−0.5) = −1/3."""
    assert mse(X, Y, W, B) == pytest.approx(1 / 12, rel=1e-15)
    dw, db = mse_gradient(X, Y, W, B)
    assert dw == pytest.approx(-2 / 3, rel=1e-15)
    assert db == pytest.approx(-1 / 3, rel=1e-15)
    assert isinstance(dw, float) and isinstance(db, float)


def test_mae_and_subgradient_by_hand():
    """MAE = 0.5/3; the two exact fits contribute the subgradient 0, so ∂/∂w = −2/3, ∂/∂b = −1/3."""
    assert mae(X, Y, W, B) == pytest.approx(1 / 6, rel=1e-15)
    dw, db = mae_gradient(X, Y, W, B)
    assert (dw, db) == pytest.approx((-2 / 3, -1 / 3), rel=1e-15)


def test_vector_form_with_one_feature_matches_scalar_form():
    """X of shape (n, 1) with w of shape (1,) gives the same numbers as x of shape (n,)."""
    column = np.array(X).reshape(-1, 1)
    assert mse(column, Y, [W], B) == pytest.approx(mse(X, Y, W, B))
    dw, db = mse_gradient(column, Y, [W], B)
    assert dw.shape == (1,)
    assert (dw[0], db) == pytest.approx(mse_gradient(X, Y, W, B))


def test_mismatched_shapes_are_refused():
    """A vector w for 1-D x, a wrong-length w or y, or no samples raise ValueError."""
    with pytest.raises(ValueError, match="must be a number"):
        mse(X, Y, [1.0, 2.0], B)
    with pytest.raises(ValueError, match="features"):
        mse(np.ones((3, 2)), Y, [1.0], B)
    with pytest.raises(ValueError, match="y must have shape"):
        mse(X, [1.0, 2.0], W, B)
    with pytest.raises(ValueError, match="at least one sample"):
        mse([], [], W, B)


@settings(max_examples=60, deadline=None)
@given(st.one_of(scalar_problems(), vector_problems()))
def test_mse_gradient_matches_numerical(problem):
    """The analytic MSE gradient agrees with central differences."""
    x, y, w, b = problem
    scale = 1 + mse(x, y, w, b) + np.abs(x).max() ** 2
    assert_gradients_close(mse_gradient(*problem), packed_numerical_gradient(mse, *problem), scale)


@settings(max_examples=60, deadline=None)
@given(st.one_of(scalar_problems(), vector_problems()))
def test_mae_gradient_matches_numerical_away_from_kinks(problem):
    """Where no prediction sits on its target, the MAE gradient equals the numerical one."""
    x, y, w, b = problem
    # central differences move w by ~1e-5·max(1, |w|): keep every |ŷ − y| well clear of that
    assume(np.abs(residuals(x, y, w, b)).min() > 1e-2)
    numerical = packed_numerical_gradient(mae, *problem)
    assert_gradients_close(mae_gradient(*problem), numerical, 1 + np.abs(x).max())


@settings(max_examples=60, deadline=None)
@given(st.one_of(scalar_problems(labels=True), vector_problems(labels=True)))
def test_logistic_gradient_matches_numerical(problem):
    """The logistic-loss gradient (σ(z) − y)·x agrees with central differences."""
    numerical = packed_numerical_gradient(logistic_loss, *problem)
    assert_gradients_close(logistic_gradient(*problem), numerical, 1 + np.abs(problem[0]).max())


def test_logistic_loss_by_hand():
    """At logit 0 the loss is log 2 and ∂/∂b = σ(0) − 1 = −1/2."""
    assert logistic_loss([0.0], [1.0], 3.0, 0.0) == pytest.approx(math.log(2), rel=1e-15)
    dw, db = logistic_gradient([0.0], [1.0], 3.0, 0.0)
    assert (dw, db) == pytest.approx((0.0, -0.5))


def test_logistic_loss_is_stable_and_accurate_for_huge_logits():
    """Logits of ±1000 give exact finite losses, and a tiny loss keeps its relative accuracy."""
    assert logistic_loss([1000.0], [0.0], 1.0, 0.0) == 1000.0
    assert logistic_loss([1000.0], [1.0], 1.0, 0.0) == 0.0
    assert logistic_loss([-1000.0], [1.0], 1.0, 0.0) == 1000.0
    assert logistic_loss([40.0], [1.0], 1.0, 0.0) == pytest.approx(math.exp(-40), rel=1e-12)
    assert logistic_gradient([1000.0], [1.0], 1.0, 0.0) == (0.0, 0.0)
    assert logistic_gradient([-1000.0], [1.0], 1.0, 0.0) == (1000.0, -1.0)


def test_overflow_gives_inf_quietly():
    """Squares beyond the float range are inf, with no RuntimeWarning (warnings are errors here)."""
    assert mse([1e200], [0.0], 1e200, 0.0) == math.inf
    assert mae([1e308], [-1e308], 1e308, 1e308) == math.inf
    dw, db = mse_gradient([1e300], [0.0], 1e300, 0.0)
    assert dw == math.inf and db == math.inf


def test_logistic_loss_refuses_labels_outside_zero_one():
    """Cross-entropy needs labels 0 or 1."""
    with pytest.raises(ValueError, match="labels"):
        logistic_loss([1.0, 2.0], [0.0, 2.0], 1.0, 0.0)


@given(st.floats(-1e308, 1e308))
@settings(max_examples=100, deadline=None)
def test_sigmoid_is_a_probability_and_symmetric(z):
    """σ(z) ∈ [0, 1] and σ(z) + σ(−z) = 1 for every finite z, without warnings."""
    value = sigmoid(z)
    assert 0.0 <= value <= 1.0
    assert value + sigmoid(-z) == pytest.approx(1.0, abs=1e-15)


def test_sigmoid_by_hand():
    """σ(0) = 1/2, σ(log 3) = 3/4, and arrays go in and come out elementwise."""
    assert sigmoid(0.0) == 0.5
    assert sigmoid(math.log(3)) == pytest.approx(0.75, rel=1e-15)
    np.testing.assert_allclose(sigmoid(np.array([-800.0, 800.0])), [0.0, 1.0])
