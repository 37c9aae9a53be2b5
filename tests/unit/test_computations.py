"""The named computations content uses: values by hand, and clear errors for bad names or args."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studytrack.domain.content.computations import COMPUTATIONS, ComputationError, compute
from studytrack.engine import descend

pytestmark = pytest.mark.filterwarnings("error")

HAND_CASE = {"x": [1, 2, 3], "y": [2, 4, 5], "w": 1.5, "b": 0.5}
"""ŷ = [2, 3.5, 5], so ŷ − y = [0, −0.5, 0]."""

QUARTIC = [1, 0, -4, 1, 0]
"""x⁴ − 4x² + x."""

CONTRACT = {
    "predict": ("w", "b", "x"),
    "mse": ("x", "y", "w", "b"),
    "mae": ("x", "y", "w", "b"),
    "mse_dw": ("x", "y", "w", "b"),
    "mse_db": ("x", "y", "w", "b"),
    "gd_step_w": ("x", "y", "w", "b", "lr"),
    "gd_step_b": ("x", "y", "w", "b", "lr"),
    "poly": ("coeffs", "x"),
    "poly_deriv": ("coeffs", "x"),
    "descend_poly": ("coeffs", "x0", "lr", "steps"),
    "lstsq_w": ("x", "y"),
    "lstsq_b": ("x", "y"),
    "max_stable_lr_quadratic": ("a",),
    "hessian_eig_min": ("a", "b", "c"),
    "hessian_eig_max": ("a", "b", "c"),
}
"""The names and arguments content writers already use."""


def test_registry_holds_the_contract():
    """Every promised name exists with exactly its arguments, a function and a one-line doc."""
    for name, arg_names in CONTRACT.items():
        function, registered_args, doc = COMPUTATIONS[name]
        assert callable(function)
        assert registered_args == arg_names, name
        assert doc and "\n" not in doc


@pytest.mark.parametrize(
    ("name", "args", "expected"),
    [
        ("predict", {"w": 2, "b": 1, "x": 3}, 7.0),
        ("mse", HAND_CASE, 0.25 / 3),
        ("mae", HAND_CASE, 0.5 / 3),
        ("mse_dw", HAND_CASE, -2 / 3),
        ("mse_db", HAND_CASE, -1 / 3),
        ("gd_step_w", {**HAND_CASE, "lr": 0.1}, 1.5 + 0.1 * 2 / 3),
        ("gd_step_b", {**HAND_CASE, "lr": 0.1}, 0.5 + 0.1 / 3),
        ("poly", {"coeffs": QUARTIC, "x": 2}, 2.0),
        ("poly_deriv", {"coeffs": QUARTIC, "x": 2}, 17.0),
        ("descend_poly", {"coeffs": [1, 0, 0], "x0": 1, "lr": 0.25, "steps": 3}, 0.125),
        ("lstsq_w", {"x": [1, 2, 3], "y": [2, 4, 5]}, 1.5),
        ("lstsq_b", {"x": [1, 2, 3], "y": [2, 4, 5]}, 2 / 3),
        ("max_stable_lr_quadratic", {"a": 4}, 0.25),
        ("hessian_eig_min", {"a": 1, "b": 0, "c": -1}, -2.0),
        ("hessian_eig_max", {"a": 1, "b": 0, "c": -1}, 2.0),
        ("hessian_eig_min", {"a": 1, "b": 2, "c": 1}, 0.0),
        ("hessian_eig_max", {"a": 1, "b": 2, "c": 1}, 4.0),
    ],
)
def test_values_by_hand(name, args, expected):
    """Each computation gives the hand-computed float."""
    value = compute(name, args)
    assert isinstance(value, float)
    assert value == pytest.approx(expected, rel=1e-12, abs=1e-12)


def test_descend_poly_ends_in_the_global_minimum_from_the_left_and_nan_when_diverged():
    """From −2 on the quartic: the smallest real root of p′ (from np.roots); lr 2 on x²: nan."""
    roots = np.sort(np.roots([4, 0, -8, 1]).real)
    args = {"coeffs": QUARTIC, "x0": -2, "lr": 0.01, "steps": 2000}
    assert compute("descend_poly", args) == pytest.approx(roots[0], abs=1e-9)
    assert math.isnan(
        compute("descend_poly", {"coeffs": [1, 0, 0], "x0": 1, "lr": 2, "steps": 1000})
    )


@pytest.mark.parametrize("a", [0.1, 1.0, 4.0, 30.0])
def test_max_stable_lr_is_the_divergence_threshold(a):
    """On L(w) = a·w², descent just below the rate stays bounded, just above it diverges."""
    limit = compute("max_stable_lr_quadratic", {"a": a})
    below = descend(lambda w: 2 * a * w, 1.0, limit * 0.99, 50_000)
    above = descend(lambda w: 2 * a * w, 1.0, limit * 1.05, 50_000)
    assert below.status == "max_steps" and abs(below.final_params) <= 1.0
    assert above.status == "diverged"


@settings(max_examples=50, deadline=None)
@given(
    data=st.lists(st.tuples(st.integers(-20, 20), st.integers(-20, 20)), min_size=1, max_size=10),
    w=st.floats(-5, 5),
    b=st.floats(-5, 5),
    lr=st.floats(0.001, 1.0),
)
def test_one_step_is_parameter_minus_lr_times_gradient(data, w, b, lr):
    """gd_step_w = w − lr·mse_dw and gd_step_b = b − lr·mse_db, as the lesson teaches."""
    args = {"x": [x for x, _ in data], "y": [y for _, y in data], "w": w, "b": b}
    step = {**args, "lr": lr}
    assert compute("gd_step_w", step) == pytest.approx(
        w - lr * compute("mse_dw", args), rel=1e-12, abs=1e-9
    )
    assert compute("gd_step_b", step) == pytest.approx(
        b - lr * compute("mse_db", args), rel=1e-12, abs=1e-9
    )


@pytest.mark.parametrize(
    ("name", "args", "message"),
    [
        ("msee", HAND_CASE, "unknown computation 'msee'; did you mean mse"),
        ("zzz", {}, "unknown computation 'zzz'; known: predict, mse"),
        ("mse", {"x": [1], "y": [1], "w": 1}, "mse: missing b (it takes x, y, w, b)"),
        ("mse", {**HAND_CASE, "lr": 1}, "mse: unexpected lr"),
        ("mse", {**HAND_CASE, "y": [1, 2]}, "x and y must have the same length"),
        ("mse", {**HAND_CASE, "x": 3}, "'x' must be a non-empty list"),
        ("mse", {**HAND_CASE, "x": []}, "'x' must be a non-empty list"),
        ("predict", {"w": "2", "b": 1, "x": 3}, "'w' must be a number"),
        ("predict", {"w": True, "b": 1, "x": 3}, "'w' must be a number"),
        ("predict", {"w": math.nan, "b": 1, "x": 3}, "'w' must be a finite number"),
        ("mse", {**HAND_CASE, "x": [1, "a", 3]}, "'x[1]' must be a number"),
        ("gd_step_w", {**HAND_CASE, "lr": 0}, "'lr' must be > 0"),
        ("descend_poly", {"coeffs": [1, 0], "x0": 0, "lr": 0.1, "steps": 2.5}, "whole number"),
        ("descend_poly", {"coeffs": [1, 0], "x0": 0, "lr": 0.1, "steps": -1}, "between 0 and"),
        ("descend_poly", {"coeffs": [1, 0], "x0": 0, "lr": 0.1, "steps": 10**7}, "between 0 and"),
        ("lstsq_w", {"x": [2, 2], "y": [1, 3]}, "lstsq_w: the least-squares minimum is not unique"),
        ("max_stable_lr_quadratic", {"a": -1}, "'a' must be > 0"),
        ("poly", [1, 2], "args must be a table"),
    ],
)
def test_bad_requests_raise_one_line_computation_errors(name, args, message):
    """Unknown names, missing or unexpected args and bad values give one clear line."""
    with pytest.raises(ComputationError) as caught:
        compute(name, args)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ValueError)
