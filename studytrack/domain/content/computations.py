"""The named computations course content uses to get its numbers from the engine.

Lessons and quizzes are data: a ``[[check]]`` or a quiz answer names a computation and its
arguments, e.g. ``compute = "mse"`` with ``args = {x = [1, 2, 3], y = [2, 4, 5], w = 1.5,
b = 0.5}``, and ``compute(name, args)`` returns the float the engine gives. Imports only the
engine and the standard library.
"""

import difflib
import math
from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from studytrack import engine

_engine: Any = engine
"""The engine, seen as untyped: its annotations are being completed, and every value taken
from it here goes through ``float(...)``, so this module's own types hold either way."""

MAX_DESCENT_STEPS = 100_000
"""The most steps ``descend_poly`` will run, so a typo in content cannot hang the app."""


class ComputationError(ValueError):
    """A computation that cannot run: unknown name, missing or unexpected args, or bad values."""


class Computation(NamedTuple):
    """One named computation: the function, the argument names it requires, and what it gives."""

    function: Callable[..., float]
    arg_names: tuple[str, ...]
    doc: str


def _number(name: str, value: object) -> float:
    """``value`` as a finite float, or a ``ComputationError`` naming the argument."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ComputationError(f"argument '{name}' must be a number, not {value!r}")
    if not math.isfinite(value):
        raise ComputationError(f"argument '{name}' must be a finite number, not {value!r}")
    return float(value)


def _numbers(name: str, value: object) -> list[float]:
    """``value`` as a non-empty list of finite floats, or a ``ComputationError``."""
    if not isinstance(value, list | tuple) or not value:
        raise ComputationError(f"argument '{name}' must be a non-empty list of numbers")
    return [_number(f"{name}[{index}]", item) for index, item in enumerate(value)]


def _samples(x: object, y: object) -> tuple[list[float], list[float]]:
    """The lists ``x`` and ``y``, checked to pair up sample by sample."""
    xs, ys = _numbers("x", x), _numbers("y", y)
    if len(xs) != len(ys):
        raise ComputationError(f"x and y must have the same length, not {len(xs)} and {len(ys)}")
    return xs, ys


def _steps(value: object) -> int:
    """``value`` as a step count between 0 and ``MAX_DESCENT_STEPS``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ComputationError(f"argument 'steps' must be a whole number, not {value!r}")
    if not 0 <= value <= MAX_DESCENT_STEPS:
        raise ComputationError(f"argument 'steps' must be between 0 and {MAX_DESCENT_STEPS}")
    return value


def _positive(name: str, value: object) -> float:
    """``value`` as a float > 0, or a ``ComputationError``."""
    number = _number(name, value)
    if number <= 0:
        raise ComputationError(f"argument '{name}' must be > 0, not {value!r}")
    return number


def _predict(w: object, b: object, x: object) -> float:
    return float(_engine.predict(_number("x", x), _number("w", w), _number("b", b)))


def _mse(x: object, y: object, w: object, b: object) -> float:
    return float(_engine.mse(*_samples(x, y), _number("w", w), _number("b", b)))


def _mae(x: object, y: object, w: object, b: object) -> float:
    return float(_engine.mae(*_samples(x, y), _number("w", w), _number("b", b)))


def _mse_dw(x: object, y: object, w: object, b: object) -> float:
    return float(_engine.mse_gradient(*_samples(x, y), _number("w", w), _number("b", b))[0])


def _mse_db(x: object, y: object, w: object, b: object) -> float:
    return float(_engine.mse_gradient(*_samples(x, y), _number("w", w), _number("b", b))[1])


def _gd_run(
    x: object, y: object, w: object, b: object, lr: object, steps: object
) -> tuple[float, float]:
    """(w, b) after ``steps`` full-batch MSE descent steps: the course's training loop."""
    xs, ys = _samples(x, y)
    rate, count = _positive("lr", lr), _steps(steps)
    weight, bias = _number("w", w), _number("b", b)
    for _ in range(count):
        new_weight, new_bias = _engine.mse_step(xs, ys, weight, bias, rate)
        weight, bias = float(new_weight), float(new_bias)
    return weight, bias


def _gd_step_w(x: object, y: object, w: object, b: object, lr: object) -> float:
    return _gd_run(x, y, w, b, lr, 1)[0]


def _gd_step_b(x: object, y: object, w: object, b: object, lr: object) -> float:
    return _gd_run(x, y, w, b, lr, 1)[1]


def _gd_run_w(x: object, y: object, w: object, b: object, lr: object, steps: object) -> float:
    return _gd_run(x, y, w, b, lr, steps)[0]


def _gd_run_b(x: object, y: object, w: object, b: object, lr: object, steps: object) -> float:
    return _gd_run(x, y, w, b, lr, steps)[1]


def _gd_run_mse(x: object, y: object, w: object, b: object, lr: object, steps: object) -> float:
    weight, bias = _gd_run(x, y, w, b, lr, steps)
    return float(_engine.mse(*_samples(x, y), weight, bias))


def _poly(coeffs: object, x: object) -> float:
    return float(_engine.polynomial_value(_numbers("coeffs", coeffs), _number("x", x)))


def _poly_deriv(coeffs: object, x: object) -> float:
    return float(_engine.polynomial_derivative(_numbers("coeffs", coeffs), _number("x", x)))


def _poly_second_deriv(coeffs: object, x: object) -> float:
    objective = _engine.polynomial_objective(_numbers("coeffs", coeffs))
    if objective.hessian is None:
        raise ComputationError("the engine gives no second derivative for this polynomial")
    return float(objective.hessian(_number("x", x)))


def _descend_poly(coeffs: object, x0: object, lr: object, steps: object) -> float:
    objective = _engine.polynomial_objective(_numbers("coeffs", coeffs))
    run = _engine.descend(objective.gradient, _number("x0", x0), _positive("lr", lr), _steps(steps))
    return math.nan if run.status == "diverged" else float(run.final_params)


def _lstsq_w(x: object, y: object) -> float:
    return float(_engine.least_squares(*_samples(x, y))[0])


def _lstsq_b(x: object, y: object) -> float:
    return float(_engine.least_squares(*_samples(x, y))[1])


def _max_stable_lr_quadratic(a: object) -> float:
    return float(_engine.max_stable_learning_rate(2 * _positive("a", a)))


def _hessian_eigenvalues(a: object, b: object, c: object) -> list[float]:
    matrix = [[2 * _number("a", a), _number("b", b)], [_number("b", b), 2 * _number("c", c)]]
    return [float(value) for value in _engine.hessian_eigenvalues(matrix)]


def _hessian_eig_min(a: object, b: object, c: object) -> float:
    return _hessian_eigenvalues(a, b, c)[0]


def _hessian_eig_max(a: object, b: object, c: object) -> float:
    return _hessian_eigenvalues(a, b, c)[-1]


def _max_stable_lr_hessian(a: object, b: object, c: object) -> float:
    return 2 / _positive("the largest eigenvalue", _hessian_eig_max(a, b, c))


def _mse_hessian_eigenvalues(x: object) -> list[float]:
    hessian = _engine.mse_hessian(_numbers("x", x))
    return [float(value) for value in _engine.hessian_eigenvalues(hessian)]


def _mse_hessian_eig_min(x: object) -> float:
    return _mse_hessian_eigenvalues(x)[0]


def _mse_hessian_eig_max(x: object) -> float:
    return _mse_hessian_eigenvalues(x)[-1]


def _max_stable_lr_mse(x: object) -> float:
    return 2 / _mse_hessian_eig_max(x)


COMPUTATIONS: dict[str, Computation] = {
    "predict": Computation(_predict, ("w", "b", "x"), "w·x + b for a number x"),
    "mse": Computation(_mse, ("x", "y", "w", "b"), "mean squared error of ŷ = wx + b"),
    "mae": Computation(_mae, ("x", "y", "w", "b"), "mean absolute error of ŷ = wx + b"),
    "mse_dw": Computation(_mse_dw, ("x", "y", "w", "b"), "∂MSE/∂w = (2/n)·Σ(ŷ − y)·x"),
    "mse_db": Computation(_mse_db, ("x", "y", "w", "b"), "∂MSE/∂b = (2/n)·Σ(ŷ − y)"),
    "gd_step_w": Computation(
        _gd_step_w, ("x", "y", "w", "b", "lr"), "w after one full-batch MSE descent step"
    ),
    "gd_step_b": Computation(
        _gd_step_b, ("x", "y", "w", "b", "lr"), "b after one full-batch MSE descent step"
    ),
    "poly": Computation(_poly, ("coeffs", "x"), "p(x), coefficients highest power first"),
    "poly_deriv": Computation(
        _poly_deriv, ("coeffs", "x"), "p′(x), coefficients highest power first"
    ),
    "descend_poly": Computation(
        _descend_poly,
        ("coeffs", "x0", "lr", "steps"),
        "x after `steps` plain descent steps on p from x0 (nan if diverged)",
    ),
    "lstsq_w": Computation(_lstsq_w, ("x", "y"), "least-squares w for ŷ = wx + b"),
    "lstsq_b": Computation(_lstsq_b, ("x", "y"), "least-squares b for ŷ = wx + b"),
    "max_stable_lr_quadratic": Computation(
        _max_stable_lr_quadratic, ("a",), "largest non-diverging lr on L(w) = a·w² (a > 0): 1/a"
    ),
    "hessian_eig_min": Computation(
        _hessian_eig_min, ("a", "b", "c"), "smaller Hessian eigenvalue of a·x² + b·x·y + c·y²"
    ),
    "hessian_eig_max": Computation(
        _hessian_eig_max, ("a", "b", "c"), "larger Hessian eigenvalue of a·x² + b·x·y + c·y²"
    ),
    "max_stable_lr_hessian": Computation(
        _max_stable_lr_hessian, ("a", "b", "c"), "2/λ_max of the Hessian of a·x² + b·x·y + c·y²"
    ),
    "gd_run_w": Computation(
        _gd_run_w, ("x", "y", "w", "b", "lr", "steps"), "w after `steps` full-batch MSE steps"
    ),
    "gd_run_b": Computation(
        _gd_run_b, ("x", "y", "w", "b", "lr", "steps"), "b after `steps` full-batch MSE steps"
    ),
    "gd_run_mse": Computation(
        _gd_run_mse, ("x", "y", "w", "b", "lr", "steps"), "the MSE after `steps` full-batch steps"
    ),
    "poly_second_deriv": Computation(
        _poly_second_deriv, ("coeffs", "x"), "p″(x), coefficients highest power first"
    ),
    "mse_hessian_eig_min": Computation(
        _mse_hessian_eig_min, ("x",), "smaller eigenvalue of the MSE Hessian of ŷ = wx + b"
    ),
    "mse_hessian_eig_max": Computation(
        _mse_hessian_eig_max, ("x",), "larger eigenvalue of the MSE Hessian of ŷ = wx + b"
    ),
    "max_stable_lr_mse": Computation(
        _max_stable_lr_mse, ("x",), "2/λ_max: the largest non-diverging rate for MSE on ŷ = wx + b"
    ),
}
"""Every computation content may name: name → (function, required arg names, one-line doc)."""


def compute(name: str, args: Mapping[str, object]) -> float:
    """The value of the computation ``name`` on ``args``, exactly as the engine computes it.

    Raises ``ComputationError`` with a one-line message for an unknown name (suggesting the
    closest), for missing or unexpected arguments, and for arguments of the wrong kind.
    """
    computation = COMPUTATIONS.get(name)
    if computation is None:
        suggestions = difflib.get_close_matches(str(name), list(COMPUTATIONS), n=3, cutoff=0.5)
        hint = (
            f"did you mean {' or '.join(suggestions)}?"
            if suggestions
            else f"known: {', '.join(COMPUTATIONS)}"
        )
        raise ComputationError(f"unknown computation {name!r}; {hint}")
    if not isinstance(args, Mapping):
        raise ComputationError(f"{name}: args must be a table of named values, not {args!r}")
    missing = [arg for arg in computation.arg_names if arg not in args]
    unexpected = sorted(str(arg) for arg in args if arg not in computation.arg_names)
    if missing or unexpected:
        problems = [f"missing {', '.join(missing)}"] if missing else []
        problems += [f"unexpected {', '.join(unexpected)}"] if unexpected else []
        raise ComputationError(
            f"{name}: {'; '.join(problems)} (it takes {', '.join(computation.arg_names)})"
        )
    try:
        return float(computation.function(**args))
    except ValueError as error:  # ComputationError from the checks, or the engine's own refusal
        raise ComputationError(f"{name}: {error}") from None
