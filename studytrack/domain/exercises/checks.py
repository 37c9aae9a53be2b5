"""The checks behind the numeric exercises: seeded generators, expected answers, known mistakes.

Every exercise file in ``content/exercises/`` names one check here (``check = "mse"``). A check
generates readable numbers from a seeded ``numpy.random.Generator`` for a difficulty (easy,
normal, hard), and computes with the engine everything that depends on them: the expected
answers, the values the known wrong formulas give (so feedback can name the mistake), the
numbers a worked solution shows, and, where an answer is judged by running it (a learning rate,
a start), the learner's own descent run. Imports only the engine, numpy and the standard library.
"""

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from studytrack import engine
from studytrack.i18n import Catalog

DIFFICULTIES = ("easy", "normal", "hard")
"""Generator variants: easy has fewer points and whole numbers; hard has decimals and traps."""

NUMBER, CHOICE, POSITION, RATE = "number", "choice", "position", "rate"
"""Answer kinds: a number within a tolerance, a word from a list, a 1-based position in a list
of the problem, or a learning rate the engine runs to judge it."""

CHOICE_WORDS: dict[str, dict[str, Any]] = {
    "minimum": {"en": "minimum", "ko": "극소(최솟값)",
                "accept": ("min", "minimum", "minima", "local minimum", "최소", "최솟값", "최소값",
                           "극소", "극솟값", "극소값", "극소점", "최소점", "지역 최솟값")},
    "maximum": {"en": "maximum", "ko": "극대(최댓값)",
                "accept": ("max", "maximum", "maxima", "local maximum", "최대", "최댓값", "최대값",
                           "극대", "극댓값", "극대값", "극대점", "최대점", "지역 최댓값")},
    "saddle": {"en": "saddle", "ko": "안장점",
               "accept": ("saddle", "saddle point", "saddlepoint", "안장점", "안장")},
    "converging": {"en": "converging", "ko": "수렴",
                   "accept": ("converging", "converges", "converge", "converged", "convergence",
                              "good", "수렴", "수렴함", "수렴한다", "수렴해요", "잘 수렴")},
    "too-slow": {"en": "too-slow", "ko": "너무 느림",
                 "accept": ("too-slow", "too slow", "slow", "too small", "너무 느림", "너무 느려요",
                            "느림", "느려요", "느리다", "너무 느리다")},
    "oscillating": {"en": "oscillating", "ko": "진동",
                    "accept": ("oscillating", "oscillates", "oscillate", "oscillation", "zigzag",
                               "진동", "진동함", "진동한다", "진동해요", "지그재그")},
    "diverging": {"en": "diverging", "ko": "발산",
                  "accept": ("diverging", "diverges", "diverge", "diverged", "divergence", "blows up",
                             "발산", "발산함", "발산한다", "발산해요")},
}
"""Every word a choice answer accepts, by canonical id, with the word each language shows."""

TEXT = Catalog("domain.exercises.checks")


class GenerationError(RuntimeError):
    """A check found no well-posed problem for a seed within its budget of tries (a bug to fix)."""


@dataclass(frozen=True)
class Verdict:
    """How one parsed answer fared: right or not, which known mistake it matches, and why."""

    correct: bool
    mistake: str | None = None
    """A key of a known wrong formula the answer matches (``sum``, ``half``, ``sign`` …)."""
    note: str = ""
    """One more learner-facing sentence about this answer, already in the learner's language."""
    diverged: bool = False
    """True when judging ran the answer and the run diverged (a learning rate)."""


@dataclass(frozen=True)
class Judgement:
    """What a check says about a set of parsed answers: a verdict per answer, and the run it made."""

    verdicts: dict[str, Verdict]
    run: engine.DescentRun | None = None


@dataclass(frozen=True)
class Check:
    """One kind of numeric exercise: how its numbers are made and how answers to them are judged.

    ``answers`` maps each answer name (a command-line contract) to its kind. ``generate`` draws
    params (plain JSON values) from a seeded generator for a difficulty; it may raise
    ``_Retry`` to draw again. Everything else is a pure function of the params: ``expected``
    the engine's answers, ``mistakes`` the values of known wrong formulas (mistake key → answer
    name → value), ``fields`` the texts a prompt's ``{placeholders}`` show, ``worked`` the texts a
    worked solution shows, ``choices`` the allowed values of choice and position answers, ``public``
    the params shown to the learner (a loss history hides the rate that made it).
    ``judge`` replaces the default tolerance comparison where an answer is judged by running it.
    """

    name: str
    answers: dict[str, str]
    generate: Callable[[np.random.Generator, str], dict]
    expected: Callable[[Mapping], dict]
    fields: Callable[[Mapping, str], dict[str, str]]
    worked: Callable[[Mapping, str], dict[str, str]]
    mistakes: Callable[[Mapping], dict[str, dict[str, Any]]] = lambda params: {}
    choices: Callable[[Mapping], dict[str, tuple]] = lambda params: {}
    judge: Callable[..., Judgement] | None = None
    public: Callable[[Mapping], dict] = dict
    """The params a learner (or a script) may see; by default all of them."""
    difficulties: tuple[str, ...] = DIFFICULTIES
    tries: int = field(default=400)


class _Retry(Exception):
    """Raised by a generator when the numbers it drew make an ill-posed problem."""


def _memo(function: Callable) -> Callable:
    """Remember ``function(params, ...)`` per params: a check asks for the same descent runs and
    sweeps several times (expected answers, mistakes, judging, the worked solution)."""
    cache: dict = {}

    def remembered(params: Mapping, *args):
        key = (json.dumps(dict(params), sort_keys=True), args)
        if key not in cache:
            if len(cache) >= 256:
                cache.clear()
            cache[key] = function(params, *args)
        return cache[key]

    remembered.__doc__ = function.__doc__
    remembered.__name__ = function.__name__
    return remembered


# ─── numbers as a learner reads them ──────────────────────────────────────────


def num(value: float, places: int = 4) -> str:
    """``value`` with at most ``places`` decimals, trailing zeros dropped, ASCII minus, no ``-0``."""
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if abs(value) < 1e-9:
        return "0"  # rounding noise of an exact zero (a perfect fit's loss)
    if abs(value) >= 1e6 or (0 < abs(value) < 10 ** -places):
        return f"{value:.4g}"
    text = f"{round(value, places):.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def sig(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits (``1.234e+05`` style once large)."""
    value = float(value)
    if value == 0:
        return "0"
    text = f"{value:.{digits}g}"
    return text


def num_list(values) -> str:
    """A list of numbers as ``[1, 2.5, -3]``."""
    return "[" + ", ".join(num(v) for v in values) + "]"


def clean(value: float) -> int | float:
    """A generated number as JSON shows it: an int when whole, else a float rounded to 6 places."""
    value = float(value)
    return int(value) if value.is_integer() else round(value, 6)


SUPERSCRIPTS = {2: "²", 3: "³", 4: "⁴", 5: "⁵", 6: "⁶"}


def polynomial_text(coeffs, variable: str = "x") -> str:
    """A polynomial, highest power first, as ``x⁴ − 3x² + x``."""
    degree = len(coeffs) - 1
    terms: list[tuple[bool, str]] = []
    for power, coefficient in zip(range(degree, -1, -1), coeffs, strict=True):
        if coefficient == 0:
            continue
        size = abs(float(coefficient))
        body = "" if power == 0 else variable + SUPERSCRIPTS.get(power, "")
        terms.append((coefficient < 0, ("" if size == 1 and power else num(size)) + body))
    if not terms:
        return "0"
    negative, first = terms[0]
    text = ("-" if negative else "") + first
    return text + "".join(f" {'−' if neg else '+'} {term}" for neg, term in terms[1:])


def quadratic_text(a: float, b: float, c: float) -> str:
    """a·x² + b·x·y + c·y² as ``2x² − 3xy + y²``."""
    terms = [(a, "x²"), (b, "xy"), (c, "y²")]
    parts: list[str] = []
    for coefficient, body in terms:
        if coefficient == 0:
            continue
        size = abs(coefficient)
        term = ("" if size == 1 else num(size)) + body
        if not parts:
            parts.append(("-" if coefficient < 0 else "") + term)
        else:
            parts.append(f"{'−' if coefficient < 0 else '+'} {term}")
    return " ".join(parts) or "0"


# ─── drawing readable numbers ─────────────────────────────────────────────────


def _pick(rng: np.random.Generator, values):
    """One of ``values``, chosen by ``rng``."""
    return values[int(rng.integers(len(values)))]


def _whole(rng: np.random.Generator, low: int, high: int, size=None, *, nonzero: bool = False):
    """Whole numbers in [low, high] (a list for a size, one int otherwise)."""
    choices = [v for v in range(low, high + 1) if not (nonzero and v == 0)]
    if size is None:
        return int(_pick(rng, choices))
    return [int(v) for v in rng.choice(choices, size=size)]


def _tenths(rng: np.random.Generator, low: float, high: float, size=None, *, nonzero: bool = False):
    """Numbers with one decimal in [low, high]."""
    choices = [v / 10 for v in range(round(low * 10), round(high * 10) + 1) if not (nonzero and v == 0)]
    if size is None:
        return clean(_pick(rng, choices))
    return [clean(v) for v in rng.choice(choices, size=size)]


def _distinct_xs(rng: np.random.Generator, count: int, low: float, high: float, step: float) -> list:
    """``count`` different sorted x values on a grid of ``step`` in [low, high]."""
    grid = np.arange(round(low / step), round(high / step) + 1) * step
    return [clean(round(v, 6)) for v in sorted(rng.choice(grid, size=count, replace=False))]


def _line_data(rng: np.random.Generator, difficulty: str) -> dict:
    """Points (x, y) and a guessed line (w, b): integers when easy, one decimal when hard."""
    if difficulty == "easy":
        x = _distinct_xs(rng, 3, 0, 4, 1)
        w, b = _whole(rng, -2, 3, nonzero=True), _whole(rng, -2, 2)
        y = _whole(rng, -2, 8, 3)
    elif difficulty == "normal":
        count = int(rng.integers(3, 6))
        x = _distinct_xs(rng, count, -2, 5, 1)
        w, b = _tenths(rng, -2, 3, nonzero=True), _tenths(rng, -2, 2)
        w, b = clean(round(w * 2) / 2), clean(round(b * 2) / 2)
        y = _whole(rng, -3, 9, count)
    else:
        count = int(rng.integers(4, 7))
        x = _distinct_xs(rng, count, -3, 4, 0.5)
        w, b = _tenths(rng, -2, 3, nonzero=True), _tenths(rng, -2, 2)
        y = _tenths(rng, -3, 9, count)
    return {"x": x, "y": y, "w": w, "b": b}


def _close(value: float, target: float, tolerance: tuple[float, float], factor: float = 1.0) -> bool:
    """|value − target| ≤ factor·(atol + rtol·|target|)."""
    atol, rtol = tolerance
    return abs(value - target) <= factor * (atol + rtol * abs(target))


# ─── mse: the loss of a guessed line ──────────────────────────────────────────


def _line_fields(params: Mapping, lang: str) -> dict[str, str]:
    """Placeholders of the line exercises: x, y, w, b, n and the line itself."""
    fields = {
        "x": num_list(params["x"]),
        "y": num_list(params["y"]),
        "w": num(params["w"]),
        "b": num(params["b"]),
        "n": str(len(params["x"])),
        "line": f"ŷ = {num(params['w'])}·x {'−' if params['b'] < 0 else '+'} {num(abs(params['b']))}",
    }
    if "lr" in params:
        fields["lr"] = num(params["lr"])
    return fields


def _errors(params: Mapping) -> np.ndarray:
    """ŷ − y per point, from the engine's residuals y − ŷ."""
    return -engine.residuals(params["x"], params["y"], params["w"], params["b"])


def _line_worked(params: Mapping, lang: str) -> dict[str, str]:
    """The numbers of a worked MSE / gradient / step computation."""
    x, y, w, b = params["x"], params["y"], params["w"], params["b"]
    errors = _errors(params)
    dw, db = engine.mse_gradient(x, y, w, b)
    worked = {
        **_line_fields(params, lang),
        "yhat": num_list(engine.predict(x, w, b)),
        "errors": num_list(errors),
        "squares": num_list(errors**2),
        "sum_squares": num(float(errors @ errors)),
        "loss": num(engine.mse(x, y, w, b)),
        "errors_x": num_list(errors * np.asarray(x, dtype=float)),
        "sum_errors": num(float(errors.sum())),
        "sum_errors_x": num(float(errors @ np.asarray(x, dtype=float))),
        "dw": num(dw),
        "db": num(db),
    }
    if "lr" in params:
        new_w, new_b = engine.mse_step(x, y, w, b, params["lr"])
        worked.update(new_w=num(new_w), new_b=num(new_b), lr_dw=num(params["lr"] * dw),
                      lr_db=num(params["lr"] * db))
    return worked


def _generate_mse(rng: np.random.Generator, difficulty: str) -> dict:
    params = _line_data(rng, difficulty)
    loss = engine.mse(params["x"], params["y"], params["w"], params["b"])
    if not 0.2 <= loss <= (60 if difficulty == "hard" else 30):
        raise _Retry
    return params


def _expected_mse(params: Mapping) -> dict:
    return {"loss": engine.mse(params["x"], params["y"], params["w"], params["b"])}


def _mistakes_mse(params: Mapping) -> dict:
    x, y, w, b = params["x"], params["y"], params["w"], params["b"]
    loss = engine.mse(x, y, w, b)
    return {
        "sum": {"loss": len(x) * loss},
        "mae": {"loss": engine.mae(x, y, w, b)},
        "rmse": {"loss": math.sqrt(loss)},
        "unsquared": {"loss": float(_errors(params).mean())},
    }


# ─── mse-gradient: ∂L/∂w and ∂L/∂b ────────────────────────────────────────────


def _generate_gradient(rng: np.random.Generator, difficulty: str) -> dict:
    params = _line_data(rng, difficulty)
    dw, db = engine.mse_gradient(params["x"], params["y"], params["w"], params["b"])
    if not (0.5 <= abs(dw) <= 80 and 0.5 <= abs(db) <= 40):
        raise _Retry
    return params


def _expected_gradient(params: Mapping) -> dict:
    dw, db = engine.mse_gradient(params["x"], params["y"], params["w"], params["b"])
    return {"dw": dw, "db": db}


def _mistakes_gradient(params: Mapping) -> dict:
    dw, db = engine.mse_gradient(params["x"], params["y"], params["w"], params["b"])
    n = len(params["x"])
    return {
        "sum": {"dw": n * dw, "db": n * db},
        "half": {"dw": dw / 2, "db": db / 2},
        "sign": {"dw": -dw, "db": -db},
    }


# ─── gd-step: one full-batch step ─────────────────────────────────────────────


def _generate_step(rng: np.random.Generator, difficulty: str) -> dict:
    params = _line_data(rng, difficulty)
    params["lr"] = _pick(rng, {"easy": [0.1], "normal": [0.1, 0.05], "hard": [0.05, 0.02, 0.01]}[difficulty])
    dw, db = engine.mse_gradient(params["x"], params["y"], params["w"], params["b"])
    if not (0.5 <= abs(dw) <= 60 and 0.5 <= abs(db) <= 30):
        raise _Retry
    return params


def _step(params: Mapping, lr: float) -> tuple[float, float]:
    return engine.mse_step(params["x"], params["y"], params["w"], params["b"], lr)


def _expected_step(params: Mapping) -> dict:
    w, b = _step(params, params["lr"])
    return {"w": w, "b": b}


def _mistakes_step(params: Mapping) -> dict:
    lr, n = params["lr"], len(params["x"])
    variants = {"added": -lr, "no_rate": 1.0, "half_step": lr / 2, "sum_step": lr * n}
    return {key: dict(zip(("w", "b"), _step(params, rate), strict=True)) for key, rate in variants.items()}


# ─── learning-rate: pick a rate that gets there ───────────────────────────────

RATE_GRID = 400
"""How many learning rates the generator sweeps to find the window of rates that work."""

NICE_RATES = tuple(m * 10.0**k for k in range(-4, 1) for m in (1, 2, 2.5, 5))
"""Rates a person would try: 0.0001 … 0.5, as 1, 2, 2.5 or 5 times a power of ten."""


@_memo
def _rate_problem(params: Mapping):
    """The MSE objective, its minimum value and the divergence threshold 2/λmax of a rate exercise."""
    x, y = params["x"], params["y"]
    objective = engine.mse_objective(x, y)
    best_w, best_b = engine.least_squares(x, y)
    best = engine.mse(x, y, best_w, best_b)
    top = engine.max_stable_learning_rate(engine.mse_hessian(x))
    return objective, best, top


@_memo
def rate_window(params: Mapping) -> tuple[float, float] | None:
    """The lowest and highest swept rate that reach min MSE + tol in ``steps`` steps (None: none do).

    Found with one engine sweep over ``RATE_GRID`` rates up to 2/λmax; ``None`` as well when the
    rates that work do not form one interval.
    """
    _, best, top = _rate_problem(params)
    rates = np.geomspace(top * 1e-4, top * 0.9999, RATE_GRID)
    sweep = engine.sweep_linear_regression(
        params["x"], params["y"], rates, params["steps"], w0=params["w0"], b0=params["b0"]
    )
    works = np.array([status != "diverged" for status in sweep.statuses]) & (
        sweep.final_losses <= best + params["tol"]
    )
    indices = np.flatnonzero(works)
    if indices.size == 0 or indices[-1] - indices[0] + 1 != indices.size or indices[0] == 0:
        return None
    return float(rates[indices[0]]), float(rates[indices[-1]])


def rate_run(params: Mapping, lr: float) -> engine.DescentRun:
    """The learner's run: full-batch descent on the MSE from (w0, b0) with rate ``lr``."""
    objective, _, _ = _rate_problem(params)
    return engine.descend(
        objective.gradient, [params["w0"], params["b0"]], lr, params["steps"], loss=objective.value
    )


def _rate_works(params: Mapping, lr: float) -> bool:
    _, best, _ = _rate_problem(params)
    run = rate_run(params, lr)
    return run.status != "diverged" and run.final_loss <= best + params["tol"]


@_memo
def _suggested_rate(params: Mapping) -> float | None:
    """A rate a person would try that works, near the middle of the window (log scale)."""
    window = rate_window(params)
    if window is None:
        return None
    low, high = window
    middle = math.sqrt(low * high)
    inside = [r for r in NICE_RATES if low * 1.05 <= r <= high / 1.05 and _rate_works(params, r)]
    return min(inside, key=lambda r: abs(math.log(r / middle))) if inside else None


def _generate_rate(rng: np.random.Generator, difficulty: str) -> dict:
    if difficulty == "easy":
        count = int(rng.integers(4, 6))
        x = _distinct_xs(rng, count, -3, 3, 1)
        spans, steps_choices, tol = (4.0, 60.0), (10, 15, 20, 30), 0.05
    elif difficulty == "normal":
        count = int(rng.integers(4, 6))
        x = _distinct_xs(rng, count, 0, 6, 1)
        spans, steps_choices, tol = (2.5, 8.0), (10, 15, 20, 30, 50, 100), 0.01
    else:
        count = int(rng.integers(5, 7))
        x = _distinct_xs(rng, count, -1, 5, 0.5)
        spans, steps_choices, tol = (1.5, 3.0), (10, 15, 20, 30, 50, 100, 200), 0.01
    slope, intercept = _whole(rng, -2, 3, nonzero=True), _whole(rng, -2, 3)
    y = [clean(slope * v + intercept + _pick(rng, (-1, 0, 0, 1))) for v in x]
    params = {"x": x, "y": y, "w0": 0, "b0": 0, "steps": 0, "tol": tol}
    for steps in steps_choices:
        params["steps"] = steps
        window = rate_window(params)
        if window is not None and spans[0] <= window[1] / window[0] <= spans[1]:
            if _suggested_rate(params) is None:
                raise _Retry
            return params
    raise _Retry


def _expected_rate(params: Mapping) -> dict:
    return {"lr": _suggested_rate(params)}


def _judge_rate(params: Mapping, values: Mapping, lang: str) -> Judgement:
    """Run the learner's rate: right when it reaches min MSE + tol within ``steps`` without diverging."""
    if "lr" not in values:
        return Judgement({})
    lr = values["lr"]
    if lr <= 0:
        return Judgement({"lr": Verdict(False, note=TEXT("rate_not_positive", lang))})
    _, best, top = _rate_problem(params)
    run = rate_run(params, lr)
    shown = {"lr": num(lr, 6), "steps": params["steps"], "tol": num(params["tol"]), "best": num(best)}
    loss = run.final_loss
    # above 2/λmax descent on a quadratic grows without bound, even before the engine's overflow bound
    if run.status == "diverged" or (lr > top and loss > run.losses[0]):
        note = TEXT("rate_diverged", lang, lr=shown["lr"], step=run.steps_taken, loss=sig(run.losses[-1], 3))
        return Judgement({"lr": Verdict(False, note=note, diverged=True)}, run)
    if loss <= best + params["tol"]:
        return Judgement({"lr": Verdict(True, note=TEXT("rate_reached", lang, loss=num(loss), **shown))}, run)
    # beyond half the divergence threshold the slowest-to-settle direction flips sign every step
    key = "rate_zigzag" if lr > top / 2 else "rate_slow"
    return Judgement({"lr": Verdict(False, note=TEXT(key, lang, loss=num(loss), **shown))}, run)


def _rate_fields(params: Mapping, lang: str) -> dict[str, str]:
    return {
        "x": num_list(params["x"]),
        "y": num_list(params["y"]),
        "n": str(len(params["x"])),
        "w0": num(params["w0"]),
        "b0": num(params["b0"]),
        "steps": str(params["steps"]),
        "tol": num(params["tol"]),
    }


def _rate_worked(params: Mapping, lang: str) -> dict[str, str]:
    _, best, top = _rate_problem(params)
    eigenvalues = engine.hessian_eigenvalues(engine.mse_hessian(params["x"]))
    low, high = rate_window(params)
    suggested = _suggested_rate(params)
    best_w, best_b = engine.least_squares(params["x"], params["y"])
    return {
        **_rate_fields(params, lang),
        "hessian": _matrix_text(engine.mse_hessian(params["x"])),
        "lambda_max": num(eigenvalues[-1]),
        "lambda_min": num(eigenvalues[0]),
        "max_stable": num(top),
        "best": num(best),
        "best_w": num(best_w),
        "best_b": num(best_b),
        "low": sig(low, 3),
        "high": sig(high, 3),
        "lr": num(suggested, 6),
        "final_loss": num(rate_run(params, suggested).final_loss),
    }


def _matrix_text(matrix) -> str:
    """A small matrix as ``[[2, 1], [1, 4]]``."""
    return "[" + ", ".join(num_list(row) for row in np.asarray(matrix)) + "]"


# ─── global-minimum-start: which start reaches the global minimum ─────────────

BASIN_TOL = 1e-10
"""Descent counts as settled when |f′| is at most this (the engine's ``polynomial_descent_basin``)."""


@_memo
def _basins(params: Mapping) -> list[float | None]:
    """Where descent from each start ends (a local minimum), by the engine."""
    return [
        engine.polynomial_descent_basin(params["coeffs"], start, params["lr"], params["steps"], tol=BASIN_TOL)
        for start in params["starts"]
    ]


@_memo
def _global_start_index(params: Mapping) -> int | None:
    """The 0-based index of the one start whose descent ends in the global minimum (None if not one)."""
    target = engine.polynomial_global_minimum(params["coeffs"])
    hits = [i for i, end in enumerate(_basins(params)) if end is not None and abs(end - target) < 1e-6]
    return hits[0] if len(hits) == 1 else None


def _generate_start(rng: np.random.Generator, difficulty: str) -> dict:
    if difficulty == "easy":
        coeffs = [1, 0, -_whole(rng, 2, 5), _whole(rng, -3, 3, nonzero=True), 0]
        count, grid = 3, 1.0
    elif difficulty == "normal":
        coeffs = [1, _whole(rng, -2, 2), _whole(rng, -6, -2), _whole(rng, -3, 3), 0]
        count, grid = 4, 0.5
    else:
        coeffs = [1, _tenths(rng, -2, 2), _whole(rng, -6, -2), _tenths(rng, -3, 3, nonzero=True), 0]
        count, grid = 5, 0.5
    minima = engine.polynomial_local_minima(coeffs)
    if minima.size != 2:
        raise _Retry
    values = [engine.polynomial_value(coeffs, m) for m in minima]
    if abs(values[0] - values[1]) < 0.5 or minima[1] - minima[0] < 1.5:
        raise _Retry
    peak = next(p for p in engine.polynomial_critical_points(coeffs) if minima[0] < p < minima[1])
    grid_points = np.arange(math.floor((minima[0] - 1.2) / grid), math.ceil((minima[1] + 1.2) / grid) + 1) * grid
    global_left = values[0] < values[1]
    sides = {True: [], False: []}
    for point in grid_points:
        if abs(point - peak) > 0.25:
            sides[bool((point < peak) == global_left)].append(clean(point))
    if len(sides[False]) < count - 1 or not sides[True]:
        raise _Retry
    winner = _pick(rng, sides[True])
    others = [clean(v) for v in rng.choice(sides[False], count - 1, replace=False)]
    if difficulty != "easy" and min(engine.polynomial_value(coeffs, s) for s in others) >= engine.polynomial_value(
        coeffs, winner
    ):
        raise _Retry  # the trap: the start with the lowest f is not the one that gets there
    starts = [[winner, *others][i] for i in rng.permutation(count)]
    params = {"coeffs": coeffs, "starts": starts, "lr": 0.01 if difficulty != "hard" else 0.02, "steps": 1000}
    ends = _basins(params)
    # fair: each start ends in the valley on its side of the peak (no overshooting into the other)
    if None in ends or any((s < peak) != (e < peak) for s, e in zip(starts, ends, strict=True)):
        raise _Retry
    if _global_start_index(params) != starts.index(winner):
        raise _Retry
    return params


def _expected_start(params: Mapping) -> dict:
    return {"start": _global_start_index(params) + 1}


def _mistakes_start(params: Mapping) -> dict:
    values = [engine.polynomial_value(params["coeffs"], s) for s in params["starts"]]
    lowest = int(np.argmin(values)) + 1
    return {} if lowest == _global_start_index(params) + 1 else {"lowest_start": {"start": lowest}}


def _judge_start(params: Mapping, values: Mapping, lang: str) -> Judgement:
    """The chosen start's own descent run, and where it ends when that is not the global minimum."""
    if "start" not in values:
        return Judgement({})
    position = values["start"]
    start = params["starts"][position - 1]
    objective = engine.polynomial_objective(params["coeffs"])
    run = engine.descend(objective.gradient, start, params["lr"], params["steps"], loss=objective.value,
                         tol=BASIN_TOL)
    if position == _global_start_index(params) + 1:
        return Judgement({"start": Verdict(True)}, run)
    end = _basins(params)[position - 1]
    mistakes = _mistakes_start(params)
    mistake = "lowest_start" if mistakes.get("lowest_start", {}).get("start") == position else None
    if end is None:
        note = TEXT("start_stuck", lang, position=position, start=num(start), steps=params["steps"])
    else:
        value = engine.polynomial_value(params["coeffs"], end)
        note = TEXT("start_ends", lang, position=position, start=num(start), end=num(end, 2), value=num(value, 2))
    return Judgement({"start": Verdict(False, mistake=mistake, note=note)}, run)


def _start_fields(params: Mapping, lang: str) -> dict[str, str]:
    return {
        "f": polynomial_text(params["coeffs"]),
        "coeffs": num_list(params["coeffs"]),
        "starts": "   ".join(f"{i}) x = {num(s)}" for i, s in enumerate(params["starts"], start=1)),
        "count": str(len(params["starts"])),
        "lr": num(params["lr"]),
        "steps": str(params["steps"]),
    }


def _start_worked(params: Mapping, lang: str) -> dict[str, str]:
    coeffs = params["coeffs"]
    derivative = list(np.polyder(np.asarray(coeffs, dtype=float)))
    minima = engine.polynomial_local_minima(coeffs)
    target = engine.polynomial_global_minimum(coeffs)
    critical = engine.polynomial_critical_points(coeffs)
    lines = []
    for position, (start, end) in enumerate(zip(params["starts"], _basins(params), strict=True), start=1):
        label = TEXT("global_label" if abs(end - target) < 1e-6 else "local_label", lang)
        lines.append("  " + TEXT("start_line", lang, position=position, start=num(start), end=num(end, 2),
                                 label=label))
    return {
        **_start_fields(params, lang),
        "derivative": polynomial_text(derivative),
        "critical": ", ".join(num(p, 2) for p in critical),
        "minima": ", ".join(f"x ≈ {num(m, 2)} (f ≈ {num(engine.polynomial_value(coeffs, m), 2)})" for m in minima),
        "global_x": num(target, 2),
        "global_f": num(engine.polynomial_value(coeffs, target), 2),
        "runs": "\n".join(lines),
        "start": str(_global_start_index(params) + 1),
    }


# ─── critical-point: minimum, maximum or saddle ───────────────────────────────


def _hessian(params: Mapping) -> np.ndarray:
    quadratic = engine.two_variable_quadratic(params["a"], params["b"], params["c"])
    return quadratic.hessian([0.0, 0.0])


def _generate_critical(rng: np.random.Generator, difficulty: str) -> dict:
    target = _pick(rng, ("minimum", "maximum", "saddle"))
    if difficulty == "hard" and target != "saddle" and _pick(rng, (True, False)):
        target = "saddle"  # hard leans on the trap: a and c agree, yet the cross term makes a saddle
    for _ in range(200):
        if difficulty == "easy":
            params = {"a": _whole(rng, -3, 3, nonzero=True), "b": 0, "c": _whole(rng, -3, 3, nonzero=True)}
        elif difficulty == "normal":
            params = {"a": _whole(rng, -3, 3, nonzero=True), "b": _whole(rng, -4, 4, nonzero=True),
                      "c": _whole(rng, -3, 3, nonzero=True)}
        else:
            # a and c of one sign, so the diagonal alone suggests a minimum or a maximum
            sign = _pick(rng, (-1, 1))
            params = {"a": sign * _whole(rng, 1, 4), "b": _whole(rng, -6, 6, nonzero=True),
                      "c": sign * _whole(rng, 1, 4)}
        eigenvalues = engine.hessian_eigenvalues(_hessian(params))
        if engine.classify_critical_point(_hessian(params)) == target and np.min(np.abs(eigenvalues)) >= 0.2:
            return params
    raise _Retry


def _expected_critical(params: Mapping) -> dict:
    return {"kind": engine.classify_critical_point(_hessian(params))}


def _mistakes_critical(params: Mapping) -> dict:
    diagonal = engine.classify_critical_point(np.diag(np.diag(_hessian(params))))
    expected = _expected_critical(params)["kind"]
    return {"diagonal": {"kind": diagonal}} if diagonal not in (expected, "degenerate") else {}


def _critical_fields(params: Mapping, lang: str) -> dict[str, str]:
    return {"a": num(params["a"]), "b": num(params["b"]), "c": num(params["c"]),
            "f": quadratic_text(params["a"], params["b"], params["c"])}


def _critical_worked(params: Mapping, lang: str) -> dict[str, str]:
    hessian = _hessian(params)
    eigenvalues = engine.hessian_eigenvalues(hessian)
    kind = _expected_critical(params)["kind"]
    return {
        **_critical_fields(params, lang),
        "hessian": _matrix_text(hessian),
        "eig_min": num(eigenvalues[0]),
        "eig_max": num(eigenvalues[-1]),
        "det": num(float(np.linalg.det(hessian))),
        "kind": CHOICE_WORDS[kind][lang],
    }


# ─── loss-curve: read a loss history ──────────────────────────────────────────

CURVES = ("converging", "too-slow", "oscillating", "diverging")


def diagnose_loss_history(losses) -> str | None:
    """What a loss history shows: one of ``CURVES``, or None when it is not clearly one of them.

    Diverging: the loss ends far above where it started and still grows. Oscillating: in the
    second half it goes up and down by turns and does not settle. Otherwise a falling history
    is converging when its last drop is tiny next to the whole drop, too slow when it still falls
    about as fast as it did on average.
    """
    values = np.asarray(losses, dtype=float)
    if values.size < 6:
        return None
    if not np.all(np.isfinite(values)) or (values[-1] > 5 * values[0] and np.all(np.diff(values[-3:]) > 0)):
        return "diverging"
    steps = np.diff(values)
    tail = steps[len(steps) // 2 :]
    turns = int(np.sum(np.sign(tail[1:]) * np.sign(tail[:-1]) < 0))
    last = values[-4:]
    if turns >= 3 and np.ptp(last) > 0.02 * np.mean(np.abs(last)):
        return "oscillating"
    if np.any(steps > 0):
        return None
    total, final = values[0] - values[-1], values[-2] - values[-1]
    if total <= 0:
        return None
    if final <= 0.01 * total:
        return "converging"
    if final >= 0.5 * total / steps.size and values[-1] > 0.3 * values[0]:
        return "too-slow"
    return None


def _curve_objective(params: Mapping) -> engine.Objective:
    return engine.polynomial_objective(params["coeffs"])


def curve_run(params: Mapping) -> engine.DescentRun:
    """The engine's run whose losses the learner reads."""
    objective = _curve_objective(params)
    return engine.descend(objective.gradient, params["x0"], params["lr"], params["steps"], loss=objective.value)


@_memo
def shown_losses(params: Mapping) -> list[float]:
    """The losses the prompt shows: the run's, 4 significant digits, up to where they overflow."""
    return [float(f"{v:.4g}") for v in curve_run(params).losses if math.isfinite(v) and abs(v) < 1e12]


def _generate_curve(rng: np.random.Generator, difficulty: str) -> dict:
    kind = _pick(rng, CURVES)
    for _ in range(200):
        params = _draw_curve(rng, difficulty, kind)
        losses = shown_losses(params)
        if len(losses) >= 6 and diagnose_loss_history(losses) == kind:
            return params
    raise _Retry


def _draw_curve(rng: np.random.Generator, difficulty: str, kind: str) -> dict:
    """A one-parameter loss and a rate meant to give a run of ``kind`` (the caller verifies it)."""
    steps = {"easy": 12, "normal": 10, "hard": 8}[difficulty]
    offset = _pick(rng, (0.5, 1, 2))  # a floor above 0, so a settled loss reads as flat, not as 1e-17
    if kind == "oscillating":
        # a double well a·(x² − r²)² + offset; past α = 1/(4a·r²) its minimum throws descent back and forth
        a, r = _pick(rng, (0.5, 1, 2)), _pick(rng, (1, 1.5, 2))
        coeffs = [a, 0, -2 * a * r * r, 0, a * r**4 + offset]
        x0 = clean(round(r * (1 + _tenths(rng, 0.2, 0.6)), 1))
        u = _tenths(rng, 1.1, 1.3) if difficulty != "hard" else _tenths(rng, 1.0, 1.2) + 0.05
        lr = float(f"{u / (4 * a * r * r):.2g}")
    else:
        # a bowl a·(x − m)² + offset; the factor 1 − 2a·α per step decides the shape
        a, m = _pick(rng, (0.5, 1, 2, 4)), _whole(rng, -3, 3)
        coeffs = [a, -2 * a * m, a * m * m + offset]
        x0 = clean(m + _pick(rng, (-1, 1)) * _whole(rng, 2, 5))
        factor = {
            "converging": (0.1, 0.6) if difficulty != "hard" else (0.5, 0.7),
            "too-slow": (0.97, 0.99) if difficulty != "hard" else (0.93, 0.96),
            "diverging": (-1.6, -1.3) if difficulty != "hard" else (-1.2, -1.1),
        }[kind]
        q = rng.uniform(*factor)
        lr = float(f"{(1 - q) / (2 * a):.2g}")
        if kind == "converging" and rng.integers(2):
            lr = float(f"{(1 + q) / (2 * a):.2g}")  # an overshooting but shrinking run converges too
    return {"coeffs": [clean(c) for c in coeffs], "x0": x0, "lr": lr, "steps": steps}


def _expected_curve(params: Mapping) -> dict:
    return {"kind": diagnose_loss_history(shown_losses(params))}


def _curve_fields(params: Mapping, lang: str) -> dict[str, str]:
    losses = shown_losses(params)
    width = len(str(len(losses) - 1))
    rows = [f"  {k:>{width}}   {sig(v, 4)}" for k, v in enumerate(losses)]
    return {"history": "\n".join(rows), "count": str(len(losses)), "last_step": str(len(losses) - 1)}


def _curve_worked(params: Mapping, lang: str) -> dict[str, str]:
    kind = _expected_curve(params)["kind"]
    return {
        **_curve_fields(params, lang),
        "f": polynomial_text(params["coeffs"], "w"),
        "x0": num(params["x0"]),
        "lr": num(params["lr"], 6),
        "kind": CHOICE_WORDS[kind][lang],
        "reason": TEXT(f"curve_{kind}", lang),
    }


# ─── the registry ─────────────────────────────────────────────────────────────

CHECKS: dict[str, Check] = {
    check.name: check
    for check in (
        Check("mse", {"loss": NUMBER}, _generate_mse, _expected_mse, _line_fields, _line_worked,
              mistakes=_mistakes_mse),
        Check("mse-gradient", {"dw": NUMBER, "db": NUMBER}, _generate_gradient, _expected_gradient,
              _line_fields, _line_worked, mistakes=_mistakes_gradient),
        Check("gd-step", {"w": NUMBER, "b": NUMBER}, _generate_step, _expected_step, _line_fields,
              _line_worked, mistakes=_mistakes_step),
        Check("learning-rate", {"lr": RATE}, _generate_rate, _expected_rate, _rate_fields, _rate_worked,
              judge=_judge_rate, tries=200),
        Check("global-minimum-start", {"start": POSITION}, _generate_start, _expected_start, _start_fields,
              _start_worked, mistakes=_mistakes_start,
              choices=lambda params: {"start": tuple(range(1, len(params["starts"]) + 1))},
              judge=_judge_start),
        Check("critical-point", {"kind": CHOICE}, _generate_critical, _expected_critical, _critical_fields,
              _critical_worked, mistakes=_mistakes_critical,
              choices=lambda params: {"kind": ("minimum", "maximum", "saddle")}),
        Check("loss-curve", {"kind": CHOICE}, _generate_curve, _expected_curve, _curve_fields, _curve_worked,
              choices=lambda params: {"kind": CURVES}, public=lambda params: {"losses": shown_losses(params)}),
    )
}
"""Every numeric check an exercise file may name, by name."""


def generate_params(check: Check, seed: int, difficulty: str, tolerances: Mapping[str, tuple[float, float]]) -> dict:
    """Well-posed params for ``seed`` and ``difficulty``: the same seed always gives the same numbers.

    Draws until the check's own conditions hold and, for number answers, every known wrong
    formula lands clearly outside the tolerance (more than twice it), so a wrong answer can never
    pass and a named mistake is never the right answer.
    """
    rng = np.random.default_rng(seed)
    for _ in range(check.tries):
        try:
            params = check.generate(rng, difficulty)
        except _Retry:
            continue
        if _mistakes_are_distinct(check, params, tolerances):
            return params
    raise GenerationError(f"{check.name}: no well-posed problem for seed {seed} ({difficulty})")


def _mistakes_are_distinct(check: Check, params: Mapping, tolerances: Mapping[str, tuple[float, float]]) -> bool:
    """True when no known wrong formula gives a number answer within twice its tolerance."""
    expected = check.expected(params)
    for variant in check.mistakes(params).values():
        for name, value in variant.items():
            if check.answers[name] == NUMBER and _close(value, expected[name], tolerances[name], 2.0):
                return False
    return True


def judge(check: Check, params: Mapping, values: Mapping[str, Any], tolerances: Mapping[str, tuple[float, float]],
          lang: str = "en") -> Judgement:
    """Verdicts on the parsed answers ``values`` (only those given): the check's own judge or tolerance.

    Number answers are right within |a − e| ≤ atol + rtol·|e|; a wrong one is compared with every
    known wrong formula, within the same tolerance, to name the mistake. Choice and position
    answers are right when equal.
    """
    custom = check.judge(params, values, lang) if check.judge else Judgement({})
    expected = check.expected(params)
    mistakes = check.mistakes(params)
    verdicts = dict(custom.verdicts)
    for name, value in values.items():
        if name in verdicts:
            continue
        if check.answers[name] == NUMBER:
            right = _close(value, expected[name], tolerances[name])
            matches = [key for key, variant in mistakes.items()
                       if name in variant and _close(value, variant[name], tolerances[name])]
        else:
            right = value == expected[name]
            matches = [key for key, variant in mistakes.items() if variant.get(name) == value]
        verdicts[name] = Verdict(right, mistake=None if right or not matches else matches[0])
    return Judgement(verdicts, custom.run)


def mistake_text(key: str, lang: str) -> str:
    """The sentence that names the known mistake ``key``."""
    return TEXT(f"mistake_{key}", lang)
