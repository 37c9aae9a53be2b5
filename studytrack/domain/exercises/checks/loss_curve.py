"""The loss-curve check: read a loss history as converging, too slow, oscillating or diverging.

``diagnose_loss_history`` is also what the app's plots use to name a learner's own run.
"""

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from studytrack import engine
from studytrack.domain.exercises.checks.base import (
    CHOICE,
    TEXT,
    Answers,
    Check,
    Params,
    Retry,
    Worked,
    choice_word,
    memo,
    run_losses,
)
from studytrack.domain.exercises.checks.numbers import clean, num, pick, polynomial_text, sig, tenths, whole
from studytrack.domain.messages import Message

CURVES = ("converging", "too-slow", "oscillating", "diverging")
"""The kinds of loss history, as the learner names them."""


def diagnose_loss_history(losses: ArrayLike) -> str | None:
    """What a loss history shows: one of ``CURVES``, or None when it is not clearly one of them.

    Diverging: the loss ends far above where it started and still grows. Oscillating: in the
    second half it goes up and down by turns, does not settle, and has no upward trend
    (``envelope_grows`` is false). A zigzag that climbs is neither: None, as learners read it as
    diverging. Otherwise a falling history is converging when its last drop is tiny next to the
    whole drop, too slow when it still falls about as fast as it did on average.
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
        return None if envelope_grows(values) else "oscillating"
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


ENVELOPE_SLACK = 0.002
"""How much higher the late part of a history may reach and still count as not higher: the shown
losses have 4 significant digits, and a steady zigzag need not repeat exactly."""


def envelope_grows(losses: ArrayLike) -> bool:
    """True when a loss history has an upward trend: its upper envelope grows.

    Only the zigzag counts, from the first trough (the first loss below both neighbours) on, so
    an early overshoot does not hide a climb. The envelope grows when the highest loss of the
    last third of that zigzag is above the highest loss before it (by more than
    ``ENVELOPE_SLACK``): the loss reaches new heights late in the run, however it wiggles on the
    way. A zigzag whose envelope does not grow stays around a level or goes down.
    """
    values = np.asarray(losses, dtype=float)
    troughs = [k for k in range(1, values.size - 1) if values[k] < values[k - 1] and values[k] < values[k + 1]]
    if not troughs:
        return False
    zigzag = values[troughs[0] :]
    third = zigzag.size // 3
    if third == 0:
        return False
    return bool(np.max(zigzag[-third:]) > np.max(zigzag[:-third]) * (1 + ENVELOPE_SLACK))


def _curve_objective(params: Params) -> engine.Objective:
    return engine.polynomial_objective(params["coeffs"])


def curve_run(params: Params) -> engine.DescentRun:
    """The engine's run whose losses the learner reads."""
    objective = _curve_objective(params)
    return engine.descend(objective.gradient, params["x0"], params["lr"], params["steps"], loss=objective.value)


@memo
def shown_losses(params: Params) -> list[float]:
    """The losses the prompt shows: the run's, 4 significant digits, up to where they overflow."""
    return [float(f"{v:.4g}") for v in run_losses(curve_run(params)) if math.isfinite(v) and abs(v) < 1e12]


def _generate_curve(rng: np.random.Generator, difficulty: str) -> dict[str, Any]:
    kind = pick(rng, CURVES)
    for _ in range(200):
        params = _draw_curve(rng, difficulty, kind)
        losses = shown_losses(params)
        if len(losses) >= 6 and diagnose_loss_history(losses) == kind:
            return params
    raise Retry


def _draw_curve(rng: np.random.Generator, difficulty: str, kind: str) -> Answers:
    """A one-parameter loss and a rate meant to give a run of ``kind`` (the caller verifies it)."""
    steps = {"easy": 12, "normal": 10, "hard": 8}[difficulty]
    offset = pick(rng, (0.5, 1, 2))  # a floor above 0, so a settled loss reads as flat, not as 1e-17
    if kind == "oscillating":
        # a double well a·(x² − r²)² + offset; past α = 1/(4a·r²) its minimum throws descent back and forth
        a, r = pick(rng, (0.5, 1, 2)), pick(rng, (1, 1.5, 2))
        coeffs = [a, 0, -2 * a * r * r, 0, a * r**4 + offset]
        x0 = clean(round(r * (1 + tenths(rng, 0.2, 0.6)), 1))
        u = tenths(rng, 1.1, 1.3) if difficulty != "hard" else tenths(rng, 1.0, 1.2) + 0.05
        lr = float(f"{u / (4 * a * r * r):.2g}")
    else:
        # a bowl a·(x − m)² + offset; the factor 1 − 2a·α per step decides the shape
        a, m = pick(rng, (0.5, 1, 2, 4)), whole(rng, -3, 3)
        coeffs = [a, -2 * a * m, a * m * m + offset]
        x0 = clean(m + pick(rng, (-1, 1)) * whole(rng, 2, 5))
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


def _expected_curve(params: Params) -> Answers:
    return {"kind": diagnose_loss_history(shown_losses(params))}


CONFUSED_CURVES = {
    "oscillating": ("diverging", "oscillating_called_diverging"),
    "diverging": ("oscillating", "diverging_called_oscillating"),
    "converging": ("too-slow", "converging_called_too_slow"),
    "too-slow": ("converging", "too_slow_called_converging"),
}
"""For each kind of curve, the kind learners mistake it for and the named mistake that explains
why that reading is wrong (its message in ``[domain.exercises.checks]``, ``mistake_<key>``)."""


def _mistakes_curve(params: Params) -> dict[str, Answers]:
    """The one wrong reading of this curve that has a name: the kind it is mistaken for."""
    picked, key = CONFUSED_CURVES[_expected_curve(params)["kind"]]
    return {key: {"kind": picked}}


def _curve_fields(params: Params) -> dict[str, str]:
    losses = shown_losses(params)
    width = len(str(len(losses) - 1))
    rows = [f"  {k:>{width}}   {sig(v, 4)}" for k, v in enumerate(losses)]
    return {"history": "\n".join(rows), "count": str(len(losses)), "last_step": str(len(losses) - 1)}


def _curve_worked(params: Params) -> Worked:
    kind = _expected_curve(params)["kind"]
    return {
        **_curve_fields(params),
        "f": polynomial_text(params["coeffs"], "w"),
        "x0": num(params["x0"]),
        "lr": num(params["lr"], 6),
        "kind": choice_word(kind),
        "reason": Message(TEXT, f"curve_{kind}"),
    }


def _curve_choices(params: Params) -> dict[str, tuple[Any, ...]]:
    """The curve kinds a learner may name."""
    return {"kind": CURVES}


def _curve_public(params: Params) -> dict[str, Any]:
    """Only the loss history: the rate that made it would give the answer away."""
    return {"losses": shown_losses(params)}


CHECK = Check("loss-curve", {"kind": CHOICE}, _generate_curve, _expected_curve, _curve_fields, _curve_worked,
              mistakes=_mistakes_curve, choices=_curve_choices, public=_curve_public)
"""Answer: the kind of curve the shown loss history is. Known mistakes: ``CONFUSED_CURVES``."""
