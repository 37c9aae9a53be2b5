"""The gradient-descent engine: every number a lesson, quiz or exercise expects (numpy only).

It imports nothing of studytrack but its own modules, and nothing but numpy and the stdlib.
Linear-model functions take x of shape (n,) with a number w, or X of shape (n, d) with w of
shape (d,). Overflow never escapes as a warning: results turn ``inf``/``nan`` or runs end
"diverged". Names not listed below are helpers the engine's modules share, not its API.

Linear model (``linear_model``)
    predict(x, w, b)                      ŷ = w·x + b (or Xw + b)
    residuals(x, y, w, b)                 the errors y − ŷ

Losses (``losses``)
    mse(x, y, w, b)                       mean squared error (1/n)·Σ(ŷ − y)²
    mse_gradient(x, y, w, b)              (∂/∂w, ∂/∂b) of the MSE
    mae(x, y, w, b)                       mean absolute error (1/n)·Σ|ŷ − y|
    mae_gradient(x, y, w, b)              (∂/∂w, ∂/∂b) of the MAE, subgradient 0 at a kink
    sigmoid(z)                            1/(1 + e^(−z)), overflow-free
    logistic_loss(x, y, w, b)             mean cross-entropy of a linear classifier, y in {0, 1}
    logistic_gradient(x, y, w, b)         (∂/∂w, ∂/∂b) of the logistic loss

Linear regression (``regression``)
    mse_step(x, y, w, b, lr)              (w, b) after one full-batch MSE descent step (fast)
    least_squares(x, y)                   the closed-form minimum (w, b) via lstsq on [X, 1]
    mse_hessian(x)                        the constant MSE Hessian in (w…, b)
    mse_objective(x, y)                   the MSE as an Objective over the packed (w…, b)

Descent (``descent``, ``sweep``)
    descend(grad, x0, lr, steps, *, loss=None, tol=None)    one run, the whole trajectory
    DescentRun                            params, gradient_norms, losses, status of one run
    Status                                "converged" | "max_steps" | "diverged"
    DIVERGENCE_BOUND                      |parameter| above this (1e150) counts as diverged
    sweep_linear_regression(x, y, learning_rates, steps, *, w0=None, b0=0.0, tol=None)
                                          MSE descent for many rates at once
    sweep_quadratic_form(matrix, x0, learning_rates, steps, *, center=None, tol=None)
                                          descent on a quadratic for many rates at once
    sweep_polynomial(coeffs, x0, learning_rates, steps, *, tol=None)
                                          descent on a polynomial for many rates at once
    LearningRateSweep                     per-rate status, steps, final params/loss, loss history

Calculus (``calculus``)
    numerical_gradient(f, x, *, step=None)      central-difference gradient
    numerical_hessian(f, x, *, step=None)       central-difference Hessian
    hessian_eigenvalues(hessian)                eigenvalues of the symmetrized Hessian
    classify_critical_point(hessian, *, tol=1e-6)   "minimum", "maximum", "saddle", "degenerate"
    CriticalPointKind                           the four answers above
    max_stable_learning_rate(hessian)           2/λ_max, the divergence threshold on a quadratic

Test functions (``objective``, ``functions``)
    Objective                             name, value, gradient, hessian of a function
    Params                                a float (one parameter) or a 1-D array
    quadratic_form(matrix, center=None)   (θ − c)ᵀM(θ − c)
    bowl(a=1.0, c=1.0)                    the convex bowl a·w² + c·b²
    two_variable_quadratic(a, b, c)       a·x² + b·x·y + c·y²
    saddle()                              x² − y²
    polynomial_objective(coeffs)          a polynomial in one variable
    two_basin_quartic()                   x⁴ − 4x² + x: a global and a local minimum
    TWO_BASIN_QUARTIC                     its coefficients, highest power first

Polynomials (``polynomials``; coefficients highest power first)
    polynomial_value(coeffs, x)           p(x)
    polynomial_derivative(coeffs, x)      p′(x)
    polynomial_critical_points(coeffs)    the distinct real roots of p′
    polynomial_local_minima(coeffs)       the critical points where p′ goes from − to +
    polynomial_global_minimum(coeffs)     the x of the lowest value (even degree, positive lead)
    polynomial_descent_basin(coeffs, x0, lr, steps, *, tol=1e-10)
                                          the local minimum descent from x0 ends in, or None
"""

from studytrack.engine.calculus import (
    CriticalPointKind,
    classify_critical_point,
    hessian_eigenvalues,
    max_stable_learning_rate,
    numerical_gradient,
    numerical_hessian,
)
from studytrack.engine.descent import DIVERGENCE_BOUND, DescentRun, Status, descend
from studytrack.engine.functions import (
    TWO_BASIN_QUARTIC,
    bowl,
    polynomial_objective,
    quadratic_form,
    saddle,
    two_basin_quartic,
    two_variable_quadratic,
)
from studytrack.engine.linear_model import predict, residuals
from studytrack.engine.losses import (
    logistic_gradient,
    logistic_loss,
    mae,
    mae_gradient,
    mse,
    mse_gradient,
    sigmoid,
)
from studytrack.engine.objective import Objective, Params
from studytrack.engine.polynomials import (
    polynomial_critical_points,
    polynomial_derivative,
    polynomial_descent_basin,
    polynomial_global_minimum,
    polynomial_local_minima,
    polynomial_value,
)
from studytrack.engine.regression import least_squares, mse_hessian, mse_objective, mse_step
from studytrack.engine.sweep import (
    LearningRateSweep,
    sweep_linear_regression,
    sweep_polynomial,
    sweep_quadratic_form,
)

__all__ = [
    "DIVERGENCE_BOUND",
    "TWO_BASIN_QUARTIC",
    "CriticalPointKind",
    "DescentRun",
    "LearningRateSweep",
    "Objective",
    "Params",
    "Status",
    "bowl",
    "classify_critical_point",
    "descend",
    "hessian_eigenvalues",
    "least_squares",
    "logistic_gradient",
    "logistic_loss",
    "mae",
    "mae_gradient",
    "max_stable_learning_rate",
    "mse",
    "mse_gradient",
    "mse_hessian",
    "mse_objective",
    "mse_step",
    "numerical_gradient",
    "numerical_hessian",
    "polynomial_critical_points",
    "polynomial_derivative",
    "polynomial_descent_basin",
    "polynomial_global_minimum",
    "polynomial_local_minima",
    "polynomial_objective",
    "polynomial_value",
    "predict",
    "quadratic_form",
    "residuals",
    "saddle",
    "sigmoid",
    "sweep_linear_regression",
    "sweep_polynomial",
    "sweep_quadratic_form",
    "two_basin_quartic",
    "two_variable_quadratic",
]
