"""Numerical derivatives, Hessian eigenvalues, critical-point classes, the learning-rate bound."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from studytrack.engine import (
    classify_critical_point,
    hessian_eigenvalues,
    max_stable_learning_rate,
    numerical_gradient,
    numerical_hessian,
    two_variable_quadratic,
)

pytestmark = pytest.mark.filterwarnings("error")


def rosenbrock(point):
    """(1 − x)² + 100·(y − x²)²: curved, with a mixed second derivative."""
    x, y = point
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def test_numerical_derivatives_of_a_function_of_one_variable():
    """sin′ = cos and sin″ = −sin, returned as floats."""
    gradient = numerical_gradient(math.sin, 0.7)
    assert isinstance(gradient, float)
    assert gradient == pytest.approx(math.cos(0.7), rel=1e-9)
    assert numerical_hessian(math.sin, 0.7) == pytest.approx(-math.sin(0.7), rel=1e-6)


def test_numerical_derivatives_of_rosenbrock_at_a_point():
    """Gradient (−2(1−x) − 400x(y−x²), 200(y−x²)) and its Hessian, including the mixed term."""
    x, y = 0.5, 1.5
    expected_gradient = [-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)]
    expected_hessian = [[2 - 400 * (y - x**2) + 800 * x**2, -400 * x], [-400 * x, 200]]
    np.testing.assert_allclose(numerical_gradient(rosenbrock, [x, y]), expected_gradient, rtol=1e-8)
    hessian = numerical_hessian(rosenbrock, [x, y])
    np.testing.assert_allclose(hessian, expected_hessian, rtol=1e-6)
    assert np.array_equal(hessian, hessian.T)


def test_rosenbrock_minimum_is_a_minimum():
    """At (1, 1) the numerical Hessian is positive definite."""
    assert classify_critical_point(numerical_hessian(rosenbrock, [1.0, 1.0])) == "minimum"


def expected_class(a: int, b: int, c: int) -> str:
    """The class of (0, 0) for a·x² + b·x·y + c·y² from det = 4ac − b² and the sign of a + c."""
    determinant = 4 * a * c - b * b
    if determinant < 0:
        return "saddle"
    if determinant == 0:
        return "degenerate"
    return "minimum" if a > 0 else "maximum"


@settings(max_examples=100, deadline=None)
@given(a=st.integers(-10, 10), b=st.integers(-10, 10), c=st.integers(-10, 10))
def test_classifier_on_two_variable_quadratics(a, b, c):
    """The eigenvalue signs of [[2a, b], [b, 2c]] agree with the determinant test."""
    objective = two_variable_quadratic(a, b, c)
    assert classify_critical_point(objective.hessian(np.zeros(2))) == expected_class(a, b, c)


@settings(max_examples=50, deadline=None)
@given(a=st.integers(-10, 10), b=st.integers(-10, 10), c=st.integers(-10, 10))
def test_classifier_on_numerical_hessians(a, b, c):
    """The same classes come out of the numerical Hessian, whose errors stay below the tolerance."""
    objective = two_variable_quadratic(a, b, c)
    hessian = numerical_hessian(objective.value, np.zeros(2))
    np.testing.assert_allclose(hessian, objective.hessian(np.zeros(2)), atol=1e-6)
    assert classify_critical_point(hessian) == expected_class(a, b, c)


def test_hessian_eigenvalues_by_hand():
    """[[2, 3], [3, 2]] has eigenvalues −1 and 5; a non-symmetric matrix is symmetrized first."""
    np.testing.assert_allclose(hessian_eigenvalues([[2.0, 3.0], [3.0, 2.0]]), [-1.0, 5.0])
    np.testing.assert_allclose(hessian_eigenvalues([[2.0, 6.0], [0.0, 2.0]]), [-1.0, 5.0])
    np.testing.assert_allclose(hessian_eigenvalues(4.0), [4.0])


def test_one_variable_classes_and_degenerate_points():
    """f″ > 0 minimum, f″ < 0 maximum, f″ = 0 (x³ or x⁴ at 0) degenerate."""
    assert classify_critical_point(2.0) == "minimum"
    assert classify_critical_point(-0.5) == "maximum"
    assert classify_critical_point(numerical_hessian(lambda x: x**3, 0.0)) == "degenerate"
    assert classify_critical_point([[2.0, 0.0], [0.0, 1e-12]]) == "degenerate"
    assert classify_critical_point([[2.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.0, 0.0, -1.0]]) == "saddle"


def test_bad_hessians_are_refused():
    """A non-square or non-finite Hessian raises ValueError."""
    with pytest.raises(ValueError, match="square"):
        hessian_eigenvalues(np.ones((2, 3)))
    with pytest.raises(ValueError, match="finite"):
        classify_critical_point([[math.nan]])


def test_max_stable_learning_rate():
    """2/λ_max: 1/a for L(w) = a·w²; refused for negative or no curvature."""
    assert max_stable_learning_rate(2 * 4.0) == pytest.approx(0.25)
    assert max_stable_learning_rate([[2.0, 0.0], [0.0, 8.0]]) == pytest.approx(0.25)
    with pytest.raises(ValueError, match="negative curvature"):
        max_stable_learning_rate([[2.0, 0.0], [0.0, -1.0]])
    with pytest.raises(ValueError, match="no positive curvature"):
        max_stable_learning_rate([[0.0]])
