"""Lesson test functions and polynomial helpers: derivatives, critical points, minima, basins."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studytrack.engine import (
    TWO_BASIN_QUARTIC,
    bowl,
    classify_critical_point,
    descend,
    numerical_gradient,
    numerical_hessian,
    polynomial_critical_points,
    polynomial_derivative,
    polynomial_descent_basin,
    polynomial_global_minimum,
    polynomial_local_minima,
    polynomial_objective,
    polynomial_value,
    quadratic_form,
    saddle,
    two_basin_quartic,
    two_variable_quadratic,
)

pytestmark = pytest.mark.filterwarnings("error")

coordinates = st.floats(-5, 5, allow_nan=False)


def quartic_minima_from_roots():
    """The local minima of x⁴ − 4x² + x from np.roots of 4x³ − 8x + 1: the outer real roots."""
    roots = np.sort(np.roots([4.0, 0.0, -8.0, 1.0]).real)
    minima = [r for r in roots if 12 * r**2 - 8 > 0]
    values = [r**4 - 4 * r**2 + r for r in minima]
    global_minimum = minima[int(np.argmin(values))]
    local_minimum = minima[int(np.argmax(values))]
    return roots, global_minimum, local_minimum


@settings(max_examples=60, deadline=None)
@given(point=st.tuples(coordinates, coordinates))
def test_two_variable_gradients_and_hessians_match_numerical(point):
    """Bowl, saddle and a general quadratic: analytic derivatives equal the numerical ones."""
    for objective in (
        bowl(2.0, 0.5),
        saddle(),
        two_variable_quadratic(1.0, 3.0, -2.0),
        quadratic_form([[2.0, 1.0], [0.5, 3.0]], center=[1.0, -1.0]),
    ):
        np.testing.assert_allclose(
            objective.gradient(point), numerical_gradient(objective.value, point), atol=1e-6
        )
        np.testing.assert_allclose(
            objective.hessian(point), numerical_hessian(objective.value, point), atol=1e-4
        )


@settings(max_examples=60, deadline=None)
@given(x=coordinates)
def test_quartic_derivatives_match_numerical(x):
    """The two-basin quartic's f′ and f″ equal central differences."""
    objective = two_basin_quartic()
    assert objective.gradient(x) == pytest.approx(
        numerical_gradient(objective.value, x), rel=1e-7, abs=1e-7
    )
    assert objective.hessian(x) == pytest.approx(
        numerical_hessian(objective.value, x), rel=1e-5, abs=1e-4
    )


def test_test_functions_by_hand():
    """Values and gradients at a chosen point."""
    assert bowl(2.0, 3.0).value([1.0, 2.0]) == 14.0
    np.testing.assert_array_equal(bowl(2.0, 3.0).gradient([1.0, 2.0]), [4.0, 12.0])
    assert saddle().value([3.0, 2.0]) == 5.0
    np.testing.assert_array_equal(saddle().gradient([3.0, 2.0]), [6.0, -4.0])
    assert two_basin_quartic().value(2.0) == 16 - 16 + 2
    assert classify_critical_point(saddle().hessian([0.0, 0.0])) == "saddle"
    assert classify_critical_point(bowl().hessian([0.0, 0.0])) == "minimum"
    with pytest.raises(ValueError, match="a bowl needs"):
        bowl(-1.0, 1.0)


def test_saddle_has_zero_gradient_but_descent_leaves_it():
    """At (0, 0) the gradient is zero; from (1, 1e-8) descent slides away along y."""
    np.testing.assert_array_equal(saddle().gradient([0.0, 0.0]), [0.0, 0.0])
    run = descend(saddle().gradient, [1.0, 1e-8], 0.1, 10_000, loss=saddle().value)
    assert run.status == "diverged"
    assert run.losses[1] < run.losses[0]


def test_polynomial_value_and_derivative_by_hand():
    """p = 2x³ − x + 5 at 2: p = 19, p′ = 6x² − 1 = 23; arrays go elementwise."""
    assert polynomial_value([2, 0, -1, 5], 2.0) == 19.0
    assert polynomial_derivative([2, 0, -1, 5], 2.0) == 23.0
    np.testing.assert_array_equal(polynomial_value([1, 0, 0], np.array([1.0, -3.0])), [1.0, 9.0])
    assert polynomial_derivative([0, 0, 7], 3.0) == 0.0


def test_quartic_critical_points_and_minima_match_np_roots():
    """Critical points are the real roots of p′; the minima are the outer two."""
    roots, global_minimum, local_minimum = quartic_minima_from_roots()
    np.testing.assert_allclose(polynomial_critical_points(TWO_BASIN_QUARTIC), roots, rtol=1e-12)
    np.testing.assert_allclose(
        polynomial_local_minima(TWO_BASIN_QUARTIC), sorted([global_minimum, local_minimum])
    )
    assert polynomial_global_minimum(TWO_BASIN_QUARTIC) == pytest.approx(global_minimum, rel=1e-12)
    assert global_minimum == pytest.approx(-1.4730, abs=1e-4)
    assert local_minimum == pytest.approx(1.3470, abs=1e-4)


def test_descent_on_the_quartic_ends_in_the_basin_it_starts_in():
    """From −2 descent reaches the global minimum; from +2 it stops in the local one."""
    _, global_minimum, local_minimum = quartic_minima_from_roots()
    objective = two_basin_quartic()
    left = descend(objective.gradient, -2.0, 0.01, 10_000, tol=1e-10)
    right = descend(objective.gradient, 2.0, 0.01, 10_000, tol=1e-10)
    assert left.status == right.status == "converged"
    assert left.final_params == pytest.approx(global_minimum, abs=1e-9)
    assert right.final_params == pytest.approx(local_minimum, abs=1e-9)
    assert polynomial_descent_basin(TWO_BASIN_QUARTIC, -2.0, 0.01, 10_000) == pytest.approx(
        global_minimum, rel=1e-12
    )
    assert polynomial_descent_basin(TWO_BASIN_QUARTIC, 2.0, 0.01, 10_000) == pytest.approx(
        local_minimum, rel=1e-12
    )


def test_descent_basin_is_none_when_descent_does_not_settle():
    """Divergence, too few steps, or a start on the maximum give no basin."""
    assert polynomial_descent_basin(TWO_BASIN_QUARTIC, 2.0, 1.0, 1000) is None
    assert polynomial_descent_basin(TWO_BASIN_QUARTIC, 2.0, 1e-4, 3) is None
    assert polynomial_descent_basin([-1.0, 0.0, 0.0], 0.0, 0.1, 10) is None


def test_multiple_roots_of_the_derivative_are_found_once():
    """x⁴ (p′ = 4x³) and (x − 1)⁵ (p′ = 5(x − 1)⁴) have one critical point each."""
    np.testing.assert_allclose(polynomial_critical_points([1, 0, 0, 0, 0]), [0.0], atol=1e-12)
    fifth_power = np.poly([1.0] * 5)
    np.testing.assert_allclose(polynomial_critical_points(fifth_power), [1.0], atol=1e-6)
    assert polynomial_local_minima(fifth_power).size == 0  # an inflection, not a minimum
    assert polynomial_global_minimum([1, 0, 0, 0, 0]) == pytest.approx(0.0, abs=1e-12)


def test_lines_and_constants():
    """A line has no critical point; a constant has every point critical (refused)."""
    assert polynomial_critical_points([3.0, 1.0]).size == 0
    with pytest.raises(ValueError, match="constant"):
        polynomial_critical_points([0.0, 4.0])


@pytest.mark.parametrize("coeffs", [[1.0, 0.0, 0.0, 0.0], [-1.0, 0.0, 0.0], [2.0, 1.0]])
def test_global_minimum_needs_an_even_degree_and_a_positive_lead(coeffs):
    """Odd degree or a negative leading coefficient: no global minimum."""
    with pytest.raises(ValueError, match="global minimum"):
        polynomial_global_minimum(coeffs)


@settings(max_examples=80, deadline=None)
@given(
    roots=st.lists(st.integers(-4, 4), min_size=1, max_size=5).filter(lambda r: len(r) % 2),
    scale=st.integers(1, 5),
)
def test_global_minimum_is_the_lowest_value(roots, scale):
    """p′ = scale·Π(x − rᵢ) with an odd number of (possibly repeated) integer roots makes p of
    even degree with a positive lead: its global minimum is a critical point no higher than any
    other, and no higher than the points next to it."""
    coefficients = np.polyint(scale * np.poly(roots))
    found = polynomial_global_minimum(coefficients)
    assert min(abs(found - r) for r in roots) < 1e-6
    value = polynomial_value(coefficients, found)
    rounding = 1e-9 * (1 + abs(value))
    assert all(value <= polynomial_value(coefficients, r) + rounding for r in roots)
    assert value <= polynomial_value(coefficients, found + 1e-3) + rounding
    assert value <= polynomial_value(coefficients, found - 1e-3) + rounding


def test_polynomial_objective_matches_helpers():
    """The Objective form of a polynomial uses the same value and derivative helpers."""
    objective = polynomial_objective([1.0, -3.0, 2.0])
    assert objective.value(5.0) == polynomial_value([1.0, -3.0, 2.0], 5.0) == 12.0
    assert objective.gradient(5.0) == 7.0
    assert objective.hessian(5.0) == 2.0


@settings(max_examples=100, deadline=None)
@given(
    roots=st.lists(st.integers(-4, 4), min_size=1, max_size=5),
    scale=st.sampled_from([-3, -1, 1, 2]),
)
def test_critical_points_are_the_distinct_roots_of_the_derivative(roots, scale):
    """p′ = scale·Π(x − rᵢ), roots repeated up to 5 times: each root is found once, and the
    minima are the roots where p′ turns from negative to positive (checked at r ± 1/2)."""
    derivative = scale * np.poly(roots)
    coefficients = np.polyint(derivative)
    distinct = np.unique(roots).astype(float)
    np.testing.assert_allclose(polynomial_critical_points(coefficients), distinct, atol=1e-6)
    expected_minima = [
        r for r in distinct if np.polyval(derivative, r - 0.5) < 0 < np.polyval(derivative, r + 0.5)
    ]
    np.testing.assert_allclose(polynomial_local_minima(coefficients), expected_minima, atol=1e-6)
